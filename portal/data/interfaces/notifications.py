"""The outbox: every message is written with the change that causes it, then delivered.

A request queues its messages in its own transaction and commits; delivery happens
after the response has gone (`deliver`), so the page a person sees, and how long it
takes, never depends on the mail server. A message that fails stays in the outbox.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from collections.abc import Iterable

from sqlalchemy import select

from portal import mail
from portal.data.models import Channel, Notification, NotificationStatus, Person, utcnow
from portal.extensions import db

log = logging.getLogger(__name__)


def queue_email(
    recipient: Person,
    template: str,
    subject: str,
    body: str,
    conference_id: uuid.UUID | None = None,
    holds_secret: bool = False,
) -> Notification:
    """Add the message to the outbox in the caller's transaction (the caller commits)."""
    notification = Notification(
        recipient_id=recipient.id,
        conference_id=conference_id,
        channel=Channel.EMAIL,
        address=recipient.email or "",
        template=template,
        subject=subject,
        body=body,
        holds_secret=holds_secret,
    )
    db.session.add(notification)
    db.session.flush()
    return notification


def send_now(
    recipient_id: uuid.UUID, template: str, subject: str, body: str, holds_secret: bool = False
) -> None:
    """Write a time-critical message to the outbox and try it at once (after a response).

    If the try fails the message stays queued for a later one.
    """
    recipient = db.session.get(Person, recipient_id)
    if recipient is None:
        return
    notification = queue_email(recipient, template, subject, body, holds_secret=holds_secret)
    db.session.commit()
    deliver([notification.id])


def deliver(notification_ids: Iterable[uuid.UUID]) -> None:
    """Try each queued message once. Logs ids only, never addresses or content."""
    for notification_id in notification_ids:
        notification = db.session.scalars(
            select(Notification).where(
                Notification.id == notification_id,
                Notification.status == NotificationStatus.QUEUED,
            )
        ).first()
        if notification is None or not notification.address or notification.body is None:
            continue
        notification.attempts += 1
        try:
            mail.deliver(notification.address, notification.subject, notification.body)
        except (OSError, smtplib.SMTPException):
            # Left queued for a later try; the failure is counted.
            log.warning(
                "notification %s not delivered (attempt %d)", notification.id, notification.attempts
            )
        else:
            notification.status = NotificationStatus.SENT
            notification.sent_at = utcnow()
            if notification.holds_secret:
                # A sign-in code is kept only as a hash: the sent copy goes.
                notification.body = None
        db.session.commit()
