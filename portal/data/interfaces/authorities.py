"""An authority's own settings: local closure days."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import date

from sqlalchemy import select

from portal.data.models import Authority, ClosureDay, Person, StaffRole
from portal.domain.vocabulary import RUNS_THE_COUNCIL
from portal.extensions import db


def staff_authority(person: Person, roles: Collection[StaffRole]) -> Authority | None:
    """The council `person` works for, when they are active staff in one of `roles`."""
    if (
        not person.is_professional
        or not person.is_active
        or person.authority_id is None
        or person.staff_role not in roles
    ):
        return None
    return db.session.get(Authority, person.authority_id)


def administered_by(person: Person) -> Authority | None:
    """The authority whose settings a professional keeps, if they do."""
    return staff_authority(person, RUNS_THE_COUNCIL)


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
