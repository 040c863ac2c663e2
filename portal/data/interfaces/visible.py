"""What the signed-in participant may see: every page, download, message and count goes
through these functions, which apply `portal.domain.visibility` in one place.

Each function runs a fixed number of queries whatever the size of the conference:
the conference's restrictions are loaded once per request and filtering is in Python.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from flask import g
from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload, selectinload

from portal.data.models import (
    ChildView,
    Decision,
    Participant,
    Preferences,
    Report,
    Restriction,
)
from portal.domain import visibility
from portal.domain.visibility import Viewer
from portal.extensions import db

CONTACT_FIELDS = ("email", "mobile", "address")
T = TypeVar("T")


def viewer_for(participant: Participant) -> Viewer:
    return Viewer(
        person_id=participant.person_id,
        participant_id=participant.id,
        role=participant.role,
        part=participant.part,
        child_id=participant.child_id,
    )


def restrictions(conference_id: uuid.UUID) -> list[Restriction]:
    """The conference's restrictions, read fresh once per request (a new one applies at once)."""
    cache: dict[uuid.UUID, list[Restriction]] = g.setdefault("restrictions", {})
    if conference_id not in cache:
        cache[conference_id] = list(
            db.session.scalars(
                select(Restriction).where(Restriction.conference_id == conference_id)
            )
        )
    return cache[conference_id]


Allowed = Callable[[Viewer, T, list[Restriction]], bool]


def _many(participant: Participant, statement: Select[T], allowed: Allowed[T]) -> list[T]:
    """The records of one query that the policy lets this participant see."""
    viewer, rules = viewer_for(participant), restrictions(participant.conference_id)
    return [
        found for found in db.session.scalars(statement).unique() if allowed(viewer, found, rules)
    ]


def reports(participant: Participant) -> list[Report]:
    statement = (
        select(Report)
        .where(Report.conference_id == participant.conference_id)
        .options(selectinload(Report.versions), joinedload(Report.author))
        .order_by(Report.created_at, Report.title)
    )
    return _many(participant, statement, visibility.can_see_report)


def _one(
    participant: Participant,
    model: type[T],
    record_id: uuid.UUID,
    allowed: Allowed[T],
) -> T | None:
    """One record of the participant's own conference, if the policy lets them see it."""
    found = db.session.get(model, record_id)
    if found is None or getattr(found, "conference_id", None) != participant.conference_id:
        return None
    rules = restrictions(participant.conference_id)
    return found if allowed(viewer_for(participant), found, rules) else None


def report(participant: Participant, report_id: uuid.UUID) -> Report | None:
    return _one(participant, Report, report_id, visibility.can_see_report)


def child_views(participant: Participant) -> list[ChildView]:
    statement = (
        select(ChildView)
        .where(ChildView.conference_id == participant.conference_id)
        .options(joinedload(ChildView.child), selectinload(ChildView.attachments))
        .order_by(ChildView.created_at)
    )
    return _many(participant, statement, visibility.can_see_child_view)


def child_view(participant: Participant, view_id: uuid.UUID) -> ChildView | None:
    return _one(participant, ChildView, view_id, visibility.can_see_child_view)


def decisions(participant: Participant) -> list[Decision]:
    statement = (
        select(Decision)
        .where(Decision.conference_id == participant.conference_id)
        .options(joinedload(Decision.child), selectinload(Decision.actions))
    )
    return _many(participant, statement, visibility.can_see_decision)


def decision(participant: Participant, decision_id: uuid.UUID) -> Decision | None:
    return _one(participant, Decision, decision_id, visibility.can_see_decision)


@dataclass(frozen=True)
class PersonCard:
    """Someone invited, with only the details this viewer may see."""

    participant: Participant
    name: str
    is_me: bool
    contact: dict[str, str]
    preferences: Preferences | None


def people(participant: Participant) -> list[PersonCard]:
    viewer, rules = viewer_for(participant), restrictions(participant.conference_id)
    statement = (
        select(Participant)
        .where(Participant.conference_id == participant.conference_id)
        .options(joinedload(Participant.person))
        .order_by(Participant.role, Participant.created_at)
    )
    everyone = list(db.session.scalars(statement).unique())
    preference_rows = {
        p.participant_id: p
        for p in db.session.scalars(
            select(Preferences).where(Preferences.participant_id.in_([o.id for o in everyone]))
        )
    }
    cards = []
    for other in everyone:
        if not visibility.can_see_participant(viewer, other, rules):
            continue
        contact = {
            name: value
            for name in CONTACT_FIELDS
            if (value := getattr(other.person, name))
            and visibility.can_see_contact_details(viewer, other, name, rules)
        }
        preferences = preference_rows.get(other.id)
        if preferences is not None and not visibility.can_see_preferences(viewer, other, rules):
            preferences = None
        cards.append(
            PersonCard(
                other, other.person.full_name, other.id == participant.id, contact, preferences
            )
        )
    return cards
