"""Sending one message: email by SMTP, email and SMS by GOV.UK Notify, or files in development.

Each backend raises `TemporaryFailure` (try again later) or `PermanentFailure` (this
address will never work: stop and tell the social worker). Errors carry no content
and no address, only what went wrong.
"""

from __future__ import annotations

import smtplib
import ssl
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from flask import current_app

# SMTP replies that mean the address itself is wrong (RFC 5321).
PERMANENT_SMTP_CODES = frozenset({550, 551, 553, 554})


class DeliveryError(Exception):
    """A try that did not work; the message is short and holds no personal data."""


class TemporaryFailure(DeliveryError):
    pass


class PermanentFailure(DeliveryError):
    pass


@dataclass(frozen=True)
class Outgoing:
    reference: str  # our notification id, sent to providers as their reference
    channel: str  # "email" or "sms"
    address: str
    subject: str
    text: str
    html: str | None
    message_id: str
    language: str


def send(message: Outgoing) -> str | None:
    """Send by the configured backend; the provider's reference for it, where there is one."""
    config = current_app.config
    backend = config["MAIL_BACKEND"] if message.channel == "email" else config["SMS_BACKEND"]
    if backend == "file":
        return _to_file(message, config)
    if backend == "smtp" and message.channel == "email":
        return _by_smtp(message, config)
    if backend == "notify":
        return _by_notify(message, config)
    if backend == "off":
        raise PermanentFailure(f"no {message.channel} service is set up")
    raise TemporaryFailure(f"unknown backend {backend!r} for {message.channel}")


def build_email(message: Outgoing) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = message.address
    email["Subject"] = message.subject
    email["Message-ID"] = message.message_id
    email.set_content(message.text)
    if message.html:
        email.add_alternative(message.html, subtype="html")
    # After the content: setting content clears Content-* headers.
    email["Content-Language"] = message.language
    return email


def _to_file(message: Outgoing, config: Any) -> None:
    """Development: each email an .eml in MAIL_DIR, each SMS a text file in SMS_DIR."""
    if message.channel == "email":
        folder = Path(config["MAIL_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        # A name of its own for every send, so a resend shows as a second file.
        (folder / f"{message.reference}-{uuid.uuid4().hex[:8]}.eml").write_bytes(
            bytes(build_email(message))
        )
        return None
    folder = Path(config["SMS_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{message.reference}-{uuid.uuid4().hex[:8]}.txt").write_text(
        f"To: {message.address}\n\n{message.text}\n", encoding="utf-8"
    )
    return None


def _by_smtp(message: Outgoing, config: Any) -> None:
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls(context=ssl.create_default_context())
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(build_email(message))
    except smtplib.SMTPRecipientsRefused as error:
        codes = {code for code, _text in error.recipients.values()}
        if codes and all(code in PERMANENT_SMTP_CODES for code in codes):
            raise PermanentFailure(f"the mail server refused the address ({min(codes)})") from None
        raise TemporaryFailure(f"the mail server refused for now ({min(codes)})") from None
    except smtplib.SMTPResponseException as error:
        raise TemporaryFailure(f"the mail server answered {error.smtp_code}") from None
    except (smtplib.SMTPException, OSError) as error:
        raise TemporaryFailure(
            f"the mail server could not be reached ({type(error).__name__})"
        ) from None
    return None


def _by_notify(message: Outgoing, config: Any) -> str | None:
    """GOV.UK Notify, through one template per channel with ((subject)) and ((body))."""
    from notifications_python_client.errors import HTTPError
    from notifications_python_client.notifications import NotificationsAPIClient

    client = NotificationsAPIClient(config["NOTIFY_API_KEY"], base_url=config["NOTIFY_BASE_URL"])
    try:
        if message.channel == "email":
            response = client.send_email_notification(
                email_address=message.address,
                template_id=config["NOTIFY_EMAIL_TEMPLATE_ID"],
                personalisation={"subject": message.subject, "body": message.text},
                reference=message.reference,
            )
        else:
            response = client.send_sms_notification(
                phone_number=message.address,
                template_id=config["NOTIFY_SMS_TEMPLATE_ID"],
                personalisation={"body": message.text},
                reference=message.reference,
            )
    except HTTPError as error:
        # 400: Notify says the address or number cannot be used. Anything else (our key,
        # their limits, their service) may work later.
        if error.status_code == 400:
            raise PermanentFailure("Notify refused the address or number (400)") from None
        raise TemporaryFailure(f"Notify answered {error.status_code}") from None
    except Exception as error:  # the client raises requests' errors for network faults
        raise TemporaryFailure(f"Notify could not be reached ({type(error).__name__})") from None
    return str(response.get("id") or "") or None


def notify_status(reference: str) -> str | None:
    """What Notify says became of a message: 'delivered', 'failed' or None (not yet)."""
    from notifications_python_client.notifications import NotificationsAPIClient

    config = current_app.config
    client = NotificationsAPIClient(config["NOTIFY_API_KEY"], base_url=config["NOTIFY_BASE_URL"])
    try:
        status = str(client.get_notification_by_id(reference).get("status", ""))
    except Exception:  # asked again on the next round
        return None
    if status == "delivered":
        return "delivered"
    if status in {"permanent-failure", "temporary-failure", "technical-failure"}:
        return "failed"
    return None
