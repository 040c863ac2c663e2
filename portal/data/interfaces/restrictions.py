"""Adding and removing restrictions; each change is audited."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from portal.data.interfaces import audit
from portal.data.models import Participant, Restriction, RestrictionSubject, Role
from portal.extensions import db


def add(
    by: Participant,
    subject: RestrictionSubject,
    subject_id: uuid.UUID,
    reason: str,
    *,
    field: str | None = None,
    hidden_from_participant_id: uuid.UUID | None = None,
    hidden_from_role: Role | None = None,
    hidden_from_children: bool = False,
) -> Restriction:
    restriction = Restriction(
        conference_id=by.conference_id,
        subject=subject,
        subject_id=subject_id,
        field=field,
        hidden_from_participant_id=hidden_from_participant_id,
        hidden_from_role=hidden_from_role,
        hidden_from_children=hidden_from_children,
        reason=reason,
        created_by_id=by.person_id,
    )
    db.session.add(restriction)
    db.session.flush()
    audit.record(
        by.person_id, by.conference_id, audit.RESTRICTION_ADDED, "restriction", restriction.id
    )
    return restriction


def remove(by: Participant, restriction_id: uuid.UUID) -> bool:
    restriction = db.session.scalars(
        select(Restriction).where(
            Restriction.id == restriction_id, Restriction.conference_id == by.conference_id
        )
    ).first()
    if restriction is None:
        return False
    db.session.delete(restriction)
    audit.record(
        by.person_id, by.conference_id, audit.RESTRICTION_REMOVED, "restriction", restriction_id
    )
    return True


def for_conference(conference_id: uuid.UUID) -> list[Restriction]:
    return list(
        db.session.scalars(
            select(Restriction)
            .where(Restriction.conference_id == conference_id)
            .order_by(Restriction.created_at)
        )
    )
