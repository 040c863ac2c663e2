"""The audit trail: who viewed, downloaded or changed what. Ids only, no personal data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select

from portal.data.models import AuditEvent, ChildView, Participant, Person
from portal.domain import clock
from portal.extensions import db

VIEWED = "viewed"
DOWNLOADED = "downloaded"
RESTRICTION_ADDED = "restriction_added"
RESTRICTION_REMOVED = "restriction_removed"
ADVOCATE_ACCEPTED = "advocate_accepted"
ADVOCATE_DECLINED = "advocate_declined"
STATEMENT_SENT = "statement_sent"
MET_YOUNG_PERSON = "met_young_person"


def record(
    actor_id: uuid.UUID,
    conference_id: uuid.UUID,
    action: str,
    object_type: str,
    object_id: uuid.UUID | None,
) -> None:
    db.session.add(
        AuditEvent(
            occurred_at=clock.now(),
            actor_id=actor_id,
            conference_id=conference_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
        )
    )
    # The page goes on to show what it has just loaded (the person, the conference, the
    # report): keep those as they are rather than expiring them and reading them again.
    session = db.session()
    expire_on_commit, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire_on_commit


@dataclass(frozen=True)
class AccessLine:
    occurred_at: datetime
    actor_name: str
    actor_role: str | None
    action: str
    object_type: str
    object_id: uuid.UUID | None


def history(conference_id: uuid.UUID, limit: int = 500) -> list[AccessLine]:
    """The conference's access history, newest first, with each actor's role in it."""
    statement = (
        select(AuditEvent, Person.full_name, Participant.role)
        .join(Person, Person.id == AuditEvent.actor_id)
        .outerjoin(
            Participant,
            (Participant.person_id == AuditEvent.actor_id)
            & (Participant.conference_id == AuditEvent.conference_id),
        )
        .where(AuditEvent.conference_id == conference_id)
        .order_by(AuditEvent.occurred_at.desc())
        .limit(limit)
    )
    seen: set[uuid.UUID] = set()
    lines = []
    for event, name, role in db.session.execute(statement):
        if event.id in seen:  # a person with two roles in one conference
            continue
        seen.add(event.id)
        lines.append(
            AccessLine(
                event.occurred_at,
                name,
                role.value if role else None,
                event.action,
                event.object_type,
                event.object_id,
            )
        )
    return lines


# The access history, a page at a time: a conference open for years has thousands of lines.
PAGE_SIZE = 50


@dataclass(frozen=True)
class Position:
    """Where a page of the history starts: just older than this event (keyset paging)."""

    occurred_at: datetime
    event_id: uuid.UUID

    def token(self) -> str:
        return f"{self.occurred_at.isoformat()}_{self.event_id.hex}"

    @classmethod
    def parse(cls, token: str) -> Position | None:
        """A position from a link; None when it was not one of ours."""
        moment, _sep, event_id = token.partition("_")
        try:
            occurred_at = datetime.fromisoformat(moment)
            parsed = uuid.UUID(hex=event_id)
        except ValueError:
            return None
        if occurred_at.tzinfo is None or len(event_id) != 32:
            return None
        return cls(occurred_at, parsed)


@dataclass(frozen=True)
class HistoryPage:
    lines: list[AccessLine]
    # Where the next (older) page starts; None on the last page.
    older: Position | None


def history_page(
    conference_id: uuid.UUID, before: Position | None = None, size: int = PAGE_SIZE
) -> HistoryPage:
    """One page of the access history, newest first: one query whatever its length.

    Paged by (when, id) rather than by counting rows, so a page costs the same at any
    depth and a line added meanwhile never shifts one onto the next page twice.
    """
    # Each actor's role in the conference, as one value: someone with two roles would
    # otherwise appear twice per event.
    role = (
        select(Participant.role)
        .where(
            Participant.person_id == AuditEvent.actor_id,
            Participant.conference_id == AuditEvent.conference_id,
        )
        .order_by(Participant.created_at)
        .limit(1)
        .scalar_subquery()
    )
    statement = (
        select(AuditEvent, Person.full_name, role)
        .join(Person, Person.id == AuditEvent.actor_id)
        .where(AuditEvent.conference_id == conference_id)
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(size + 1)
    )
    if before is not None:
        statement = statement.where(
            or_(
                AuditEvent.occurred_at < before.occurred_at,
                and_(
                    AuditEvent.occurred_at == before.occurred_at,
                    AuditEvent.id < before.event_id,
                ),
            )
        )
    rows = db.session.execute(statement).all()
    lines = [
        AccessLine(
            event.occurred_at,
            name,
            actor_role.value if actor_role else None,
            event.action,
            event.object_type,
            event.object_id,
        )
        for event, name, actor_role in rows[:size]
    ]
    older = None
    if len(rows) > size:
        last = rows[size - 1][0]
        older = Position(last.occurred_at, last.id)
    return HistoryPage(lines, older)


def who_opened_child_views(conference_id: uuid.UUID, child_id: uuid.UUID) -> list[AccessLine]:
    """For a young person: everyone else who opened their views, newest first."""
    view_ids = set(
        db.session.scalars(
            select(ChildView.id).where(
                ChildView.conference_id == conference_id, ChildView.child_id == child_id
            )
        )
    )
    return [
        line
        for line in history(conference_id)
        if line.object_type == "child_view"
        and line.object_id in view_ids
        and line.actor_role != "young_person"
    ]
