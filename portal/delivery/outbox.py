"""What the rest of the portal calls to send a message, and how one try is made.

`send` writes the message in the caller's transaction (the caller commits), so a
message exists exactly when the change that causes it does. `deliver_now` tries
time-critical messages at once, after the response; the worker (`drain`) tries the
rest, and retries with exponential back-off and jitter for 48 hours.
"""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from flask import current_app

from portal.data.interfaces import auth, notifications
from portal.data.models import Channel
from portal.delivery import channels, compose
from portal.domain import clock

log = logging.getLogger(__name__)

FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
GIVE_UP_AFTER = timedelta(hours=48)
# Time-critical messages: the first and the longest wait between tries, and when sending
# stops being useful (a sign-in code works for 15 minutes; someone is waiting for it).
URGENT: dict[str, tuple[timedelta, timedelta, timedelta]] = {
    "sign_in_code": (timedelta(seconds=5), timedelta(seconds=20), timedelta(minutes=15)),
}


def lease() -> timedelta:
    """How long a worker's claim on a message lasts before another may try it."""
    return timedelta(seconds=float(current_app.config["DELIVERY_LEASE_SECONDS"]))


def message_id_for(notification_id: uuid.UUID) -> str:
    domain = current_app.config["MAIL_FROM"].rpartition("@")[2] or "portal.invalid"
    return f"<{notification_id}@{domain}>"


def send(
    kind: str,
    event: str,
    recipient_id: uuid.UUID,
    params: dict[str, Any],
    conference_id: uuid.UUID | None = None,
    holds_secret: bool = False,
    channel: Channel | None = None,
) -> uuid.UUID | None:
    """Queue a message for one person; None when they have no address to send to.

    By `channel` when given and possible (a code asked for with a mobile number goes
    by text); otherwise email when they gave an email address, else SMS to their
    mobile. The same event for the same person and channel makes one message.
    """
    recipient = notifications.recipient(recipient_id)
    if recipient is None:
        return None
    mobile = auth.normalise_mobile(recipient.mobile) if recipient.mobile else None
    if channel is Channel.SMS and mobile:
        address = mobile
    elif recipient.email:
        channel, address = Channel.EMAIL, recipient.email
    elif mobile:
        channel, address = Channel.SMS, mobile
    else:
        log.warning("no address to send %s to person %s", kind, recipient_id)
        return None
    languages = compose.languages_for(recipient.language, recipient.in_wales)
    council = recipient.council or current_app.config["AUTHORITY_NAME"]
    words = compose.compose(kind, params, languages, council)
    notification_id = uuid.uuid4()
    return notifications.queue(
        idempotency_key=f"{event}:{recipient.id}:{channel}",
        message_id=message_id_for(notification_id),
        notification_id=notification_id,
        recipient_id=recipient.id,
        channel=channel,
        address=address,
        language=languages[0],
        template=kind,
        subject=words.subject,
        body=words.text if channel is Channel.EMAIL else words.sms,
        html_body=words.html if channel is Channel.EMAIL else None,
        conference_id=conference_id,
        holds_secret=holds_secret,
    )


def compose_only(kind: str, params: dict[str, Any]) -> None:
    """Compose a message and send it nowhere: the same work as `send`, for timing parity."""
    compose.compose(kind, params, ["en"], current_app.config["AUTHORITY_NAME"])


def retry_at(attempts: int, created_age: timedelta, kind: str = "") -> datetime | None:
    """When to try again after `attempts` tries: doubling from 30 s to an hour, with
    jitter so many failed messages do not all come back at once; None after 48 hours.
    Time-critical kinds wait at most seconds between tries and stop when out of date."""
    first, longest, give_up = URGENT.get(kind, (FIRST_RETRY, LONGEST_WAIT, GIVE_UP_AFTER))
    if created_age > give_up:
        return None
    wait = min(first * (2 ** max(attempts - 1, 0)), longest)
    return clock.now() + wait * random.uniform(0.5, 1.5)  # noqa: S311 - not security


def _try(message: notifications.Claimed) -> None:
    outgoing = channels.Outgoing(
        reference=str(message.id),
        channel=str(message.channel),
        address=message.address,
        subject=message.subject,
        text=message.body,
        html=message.html_body,
        message_id=message.message_id,
        language=message.language,
    )
    try:
        reference = channels.send(outgoing)
    except channels.PermanentFailure as error:
        log.warning("message %s failed for good: %s", message.id, error)
        notifications.record_failure(message.id, str(error), retry_at=None)
    except channels.TemporaryFailure as error:
        when = retry_at(message.attempts, clock.now() - message.created_at, message.template)
        log.warning("message %s not sent (try %d): %s", message.id, message.attempts, error)
        notifications.record_failure(message.id, str(error), retry_at=when)
    else:
        notifications.record_sent(message.id, reference)


def deliver_now(notification_ids: Sequence[uuid.UUID]) -> None:
    """Try these messages at once (a sign-in code); a worker retries any that fail."""
    for message in notifications.claim(lease(), limit=len(notification_ids), only=notification_ids):
        _try(message)


def drain(limit: int = 20) -> int:
    """Try what is due, up to `limit` messages; how many were tried."""
    claimed = notifications.claim(lease(), limit=limit)
    for message in claimed:
        _try(message)
    return len(claimed)


def check_provider_statuses() -> None:
    """Ask Notify what became of messages it took in the last 3 days."""
    if "notify" not in {current_app.config["MAIL_BACKEND"], current_app.config["SMS_BACKEND"]}:
        return
    for notification_id, reference in notifications.awaiting_provider(timedelta(days=3)):
        status = channels.notify_status(reference)
        if status is not None:
            notifications.record_provider_status(notification_id, status == "delivered")
