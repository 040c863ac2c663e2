"""An authority's own settings: local closure days."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from portal.data.models import Authority, ClosureDay, Conference, Participant, Person, Role
from portal.extensions import db


def administered_by(person: Person) -> Authority | None:
    """The authority a professional arranges conferences for, if they do."""
    if not person.is_professional or person.authority_id is None:
        return None
    arranges = db.session.scalars(
        select(Participant.id)
        .join(Conference)
        .where(
            Participant.person_id == person.id,
            Participant.role == Role.ADMINISTRATOR,
            Conference.authority_id == person.authority_id,
        )
        .limit(1)
    ).first()
    return db.session.get(Authority, person.authority_id) if arranges else None


def closure_days(authority: Authority) -> list[ClosureDay]:
    return list(
        db.session.scalars(
            select(ClosureDay)
            .where(ClosureDay.authority_id == authority.id)
            .order_by(ClosureDay.day)
        )
    )


def add_closure_day(authority: Authority, day: date, reason: str) -> ClosureDay | None:
    """Add a day; None when it is already there."""
    exists = db.session.scalars(
        select(ClosureDay).where(ClosureDay.authority_id == authority.id, ClosureDay.day == day)
    ).first()
    if exists:
        return None
    closure = ClosureDay(authority_id=authority.id, day=day, reason=reason)
    db.session.add(closure)
    db.session.commit()
    return closure


def remove_closure_day(authority: Authority, closure_id: uuid.UUID) -> bool:
    closure = db.session.get(ClosureDay, closure_id)
    if closure is None or closure.authority_id != authority.id:
        return False
    db.session.delete(closure)
    db.session.commit()
    return True
