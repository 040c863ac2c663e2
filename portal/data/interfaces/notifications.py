"""The outbox: every message is recorded, then delivered."""

from __future__ import annotations

import logging
import smtplib
import uuid

from portal import mail
from portal.data.models import Channel, Notification, NotificationStatus, Person, utcnow
from portal.extensions import db

log = logging.getLogger(__name__)


def send_email(
    recipient: Person,
    template: str,
    subject: str,
    body: str,
    conference_id: uuid.UUID | None = None,
) -> Notification:
    """Record the message, try to deliver it, and commit. Logs ids only, never content."""
    notification = Notification(
        recipient_id=recipient.id,
        conference_id=conference_id,
        channel=Channel.EMAIL,
        address=recipient.email or "",
        template=template,
        subject=subject,
        body=body,
    )
    db.session.add(notification)
    db.session.flush()
    notification.attempts += 1
    try:
        mail.deliver(notification.address, subject, body)
    except (OSError, smtplib.SMTPException):
        notification.status = NotificationStatus.FAILED
        log.warning("notification %s failed to send (template %s)", notification.id, template)
    else:
        notification.status = NotificationStatus.SENT
        notification.sent_at = utcnow()
    db.session.commit()
    return notification
