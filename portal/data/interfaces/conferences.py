"""Looking up conferences, always through the signed-in person's own participation."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.data.models import Conference, Participant, Role
from portal.extensions import db


def participation(
    person_id: uuid.UUID, conference_id: uuid.UUID, roles: Iterable[Role]
) -> Participant | None:
    """The person's place in the conference with one of `roles`, or None."""
    statement = (
        select(Participant)
        .where(
            Participant.person_id == person_id,
            Participant.conference_id == conference_id,
            Participant.role.in_(list(roles)),
        )
        .options(joinedload(Participant.conference).joinedload(Conference.authority))
        .limit(1)
    )
    return db.session.scalars(statement).first()


def for_person(person_id: uuid.UUID) -> list[Participant]:
    """Every conference a person takes part in, soonest first, in one query."""
    statement = (
        select(Participant)
        .join(Participant.conference)
        .where(Participant.person_id == person_id)
        .options(joinedload(Participant.conference).joinedload(Conference.authority))
        .order_by(Conference.starts_at)
    )
    return list(db.session.scalars(statement).unique())
