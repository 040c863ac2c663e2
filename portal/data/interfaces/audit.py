"""The audit trail: who viewed, downloaded or changed what. Ids only, no personal data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

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
    db.session.commit()


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
