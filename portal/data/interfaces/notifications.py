"""The outbox's rows: queue a message once per event, claim what is due, record each try.

Claims are made in one transaction: on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so
several workers on several machines never take the same row; on SQLite the write
lock taken at the start of every transaction does the same on one machine. A claim
lasts `lease`; a worker that dies mid-send leaves the row to be claimed again after
it, so a message may be sent twice at worst, with the same Message-ID.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from portal.data.models import (
    Authority,
    Channel,
    Notification,
    NotificationEvent,
    NotificationStatus,
    Participant,
    Person,
)
from portal.domain import clock
from portal.extensions import db

ERROR_LENGTH = 300


@dataclass(frozen=True)
class Recipient:
    """What the outbox needs to know about a person to write to them."""

    id: uuid.UUID
    email: str | None
    mobile: str | None
    language: str | None
    in_wales: bool
    council: str | None


@dataclass(frozen=True)
class Claimed:
    """A claimed message, detached from the session, ready to send."""

    id: uuid.UUID
    template: str
    channel: Channel
    address: str
    subject: str
    body: str
    html_body: str | None
    message_id: str
    language: str
    attempts: int
    created_at: datetime


def recipient(person_id: uuid.UUID) -> Recipient | None:
    row = db.session.execute(
        select(Person, Authority.nation, Authority.name)
        .outerjoin(Authority, Authority.id == Person.authority_id)
        .where(Person.id == person_id, Person.is_active.is_(True))
    ).first()
    if row is None:
        return None
    person, nation, council = row
    return Recipient(
        id=person.id,
        email=person.email,
        mobile=person.mobile,
        language=person.preferred_language,
        in_wales=str(nation or "") == "wales",
        council=council,
    )


def queue(
    *,
    idempotency_key: str,
    message_id: str,
    recipient_id: uuid.UUID,
    channel: Channel,
    address: str,
    language: str,
    template: str,
    subject: str,
    body: str,
    html_body: str | None,
    conference_id: uuid.UUID | None = None,
    holds_secret: bool = False,
    notification_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Add a message in the caller's transaction; the same event again adds nothing.

    Returns the id of the message for this event, new or already there.
    """
    now = clock.now()
    new_id = notification_id or uuid.uuid4()
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    added = db.session.execute(
        insert(Notification)
        .values(
            id=new_id,
            idempotency_key=idempotency_key,
            message_id=message_id,
            recipient_id=recipient_id,
            conference_id=conference_id,
            channel=channel,
            address=address,
            language=language,
            template=template,
            subject=subject,
            body=body,
            html_body=html_body,
            holds_secret=holds_secret,
            status=NotificationStatus.QUEUED,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["idempotency_key"])
        .returning(Notification.id)
    ).first()
    if added is None:
        existing = db.session.scalars(
            select(Notification.id).where(Notification.idempotency_key == idempotency_key)
        ).one()
        return uuid.UUID(str(existing))
    db.session.add(
        NotificationEvent(notification_id=new_id, status=NotificationStatus.QUEUED, at=now)
    )
    return new_id


def commit() -> None:
    db.session.commit()


def claim(
    lease: timedelta, limit: int = 20, only: Sequence[uuid.UUID] | None = None
) -> list[Claimed]:
    """Take up to `limit` due messages (or just `only`) for this worker, for `lease`."""
    now = clock.now()
    due = or_(
        and_(
            Notification.status == NotificationStatus.QUEUED,
            Notification.next_attempt_at <= now,
        ),
        # A worker that stopped mid-send: its claim has run out.
        and_(
            Notification.status == NotificationStatus.SENDING,
            Notification.claimed_until < now,
        ),
    )
    statement = select(Notification).where(due).order_by(Notification.next_attempt_at)
    if only is not None:
        statement = statement.where(Notification.id.in_(list(only)))
    statement = statement.limit(limit)
    if db.session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True)
    rows = db.session.scalars(statement).all()
    claimed = []
    for row in rows:
        row.status = NotificationStatus.SENDING
        row.claimed_until = now + lease
        row.attempts += 1
        db.session.add(
            NotificationEvent(notification_id=row.id, status=NotificationStatus.SENDING, at=now)
        )
        if row.body is None:
            continue
        claimed.append(
            Claimed(
                id=row.id,
                template=row.template,
                channel=row.channel,
                address=row.address,
                subject=row.subject,
                body=row.body,
                html_body=row.html_body,
                message_id=row.message_id,
                language=row.language,
                attempts=row.attempts,
                created_at=row.created_at,
            )
        )
    db.session.commit()
    return claimed


def _short(error: str) -> str:
    return error[:ERROR_LENGTH]


def record_sent(notification_id: uuid.UUID, provider_reference: str | None) -> None:
    now = clock.now()
    row = db.session.get(Notification, notification_id)
    if row is None:
        return
    row.status = NotificationStatus.SENT
    row.sent_at = now
    row.claimed_until = None
    row.last_error = None
    row.provider_reference = provider_reference
    if row.holds_secret:
        # A sign-in code is kept only as a hash: the sent copy goes.
        row.body = None
        row.html_body = None
    db.session.add(
        NotificationEvent(notification_id=row.id, status=NotificationStatus.SENT, at=now)
    )
    db.session.commit()


def record_failure(notification_id: uuid.UUID, error: str, retry_at: datetime | None) -> None:
    """A try that failed: try again at `retry_at`, or never (None)."""
    now = clock.now()
    row = db.session.get(Notification, notification_id)
    if row is None:
        return
    row.claimed_until = None
    row.last_error = _short(error)
    if retry_at is None:
        row.status = NotificationStatus.FAILED
        if row.holds_secret:
            row.body = None
            row.html_body = None
    else:
        row.status = NotificationStatus.QUEUED
        row.next_attempt_at = retry_at
    db.session.add(
        NotificationEvent(
            notification_id=row.id, status=NotificationStatus.FAILED, at=now, error=_short(error)
        )
    )
    db.session.commit()


def record_provider_status(notification_id: uuid.UUID, delivered: bool) -> None:
    row = db.session.get(Notification, notification_id)
    if row is None or row.status is not NotificationStatus.SENT:
        return
    status = NotificationStatus.DELIVERED if delivered else NotificationStatus.FAILED
    row.status = status
    if not delivered:
        row.last_error = "the provider could not deliver it"
    db.session.add(NotificationEvent(notification_id=row.id, status=status, at=clock.now()))
    db.session.commit()


def awaiting_provider(since: timedelta, limit: int = 50) -> list[tuple[uuid.UUID, str]]:
    """Messages a provider took but has not yet said were delivered."""
    rows = db.session.execute(
        select(Notification.id, Notification.provider_reference)
        .where(
            Notification.status == NotificationStatus.SENT,
            Notification.provider_reference.is_not(None),
            Notification.sent_at > clock.now() - since,
        )
        .order_by(Notification.sent_at)
        .limit(limit)
    ).all()
    return [(row[0], str(row[1])) for row in rows]


# --- What professionals see ---------------------------------------------------------------


@dataclass(frozen=True)
class SentLine:
    id: uuid.UUID
    recipient_name: str
    role: str | None
    template: str
    channel: Channel
    address: str
    status: NotificationStatus
    created_at: datetime
    last_event_at: datetime
    last_error: str | None
    can_resend: bool


def for_conference(conference_id: uuid.UUID, since: timedelta, limit: int = 200) -> list[SentLine]:
    """Messages about this conference, and sign-in messages to its people in the last
    `since`, newest first: one query, whatever the number of messages."""
    people = select(Participant.person_id).where(Participant.conference_id == conference_id)
    last_event = (
        select(NotificationEvent.at)
        .where(NotificationEvent.notification_id == Notification.id)
        .order_by(NotificationEvent.at.desc())
        .limit(1)
        .scalar_subquery()
    )
    statement = (
        select(Notification, Person.full_name, Participant.role, last_event)
        .join(Person, Person.id == Notification.recipient_id)
        .outerjoin(
            Participant,
            and_(
                Participant.person_id == Notification.recipient_id,
                Participant.conference_id == conference_id,
            ),
        )
        .where(
            or_(
                Notification.conference_id == conference_id,
                and_(
                    Notification.conference_id.is_(None),
                    Notification.recipient_id.in_(people),
                    Notification.created_at > clock.now() - since,
                ),
            )
        )
        .order_by(Notification.created_at.desc())
        .limit(limit)
    )
    lines: dict[uuid.UUID, SentLine] = {}
    for row, name, role, last_at in db.session.execute(statement):
        if row.id in lines:  # a person with two roles in one conference
            continue
        lines[row.id] = SentLine(
            id=row.id,
            recipient_name=name,
            role=role.value if role else None,
            template=row.template,
            channel=row.channel,
            address=row.address,
            status=row.status,
            created_at=row.created_at,
            last_event_at=last_at or row.created_at,
            last_error=row.last_error,
            can_resend=row.status is NotificationStatus.FAILED and row.body is not None,
        )
    return list(lines.values())


def failed_for_family(conference_id: uuid.UUID, family_roles: Iterable[object]) -> int:
    """How many messages to this conference's family members could not be sent."""
    family = select(Participant.person_id).where(
        Participant.conference_id == conference_id, Participant.role.in_(list(family_roles))
    )
    return int(
        db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(
                Notification.status == NotificationStatus.FAILED,
                Notification.recipient_id.in_(family),
                or_(
                    Notification.conference_id == conference_id,
                    Notification.conference_id.is_(None),
                ),
            )
        )
        or 0
    )


def resend(notification_id: uuid.UUID, allowed: Iterable[uuid.UUID]) -> bool:
    """Put a failed message back in the queue (only one of `allowed`); False if it cannot be."""
    if notification_id not in set(allowed):
        return False
    now = clock.now()
    changed = db.session.execute(
        update(Notification)
        .where(
            Notification.id == notification_id,
            Notification.status == NotificationStatus.FAILED,
            Notification.body.is_not(None),
        )
        .values(status=NotificationStatus.QUEUED, next_attempt_at=now, last_error=None)
        .returning(Notification.id)
    ).first()
    if changed is None:
        return False
    db.session.add(
        NotificationEvent(notification_id=notification_id, status=NotificationStatus.QUEUED, at=now)
    )
    db.session.commit()
    return True
