"""What the signed-in participant may see: every page, download, message and count goes
through these functions, which apply `portal.domain.visibility` in one place.

Each function runs a fixed number of queries whatever the size of the conference:
the conference's restrictions are loaded once per request and filtering is in Python.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from flask import g
from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload, selectinload

from portal.data.models import (
    AboutChild,
    AttendanceMode,
    ChildView,
    Decision,
    Participant,
    Preferences,
    Report,
    Restriction,
)
from portal.domain import family_answers, visibility
from portal.domain.visibility import Viewer
from portal.domain.vocabulary import PARENTS
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
    """Every report of the conference this participant may see, translated copies among
    them (a copy only where its original is seen too: ADR 0022)."""
    statement = (
        select(Report)
        .where(Report.conference_id == participant.conference_id)
        .options(selectinload(Report.versions), joinedload(Report.author))
        .order_by(Report.created_at, Report.title)
    )
    viewer, rules = viewer_for(participant), restrictions(participant.conference_id)
    everything = list(db.session.scalars(statement).unique())
    by_id = {found.id: found for found in everything}
    return [found for found in everything if may_see_report(viewer, found, rules, by_id)]


def may_see_report(
    viewer: Viewer,
    report: Report,
    rules: list[Restriction],
    originals: Mapping[uuid.UUID, Report] | None = None,
) -> bool:
    """The report policy for one report and one viewer (who is told of it, who opened it):
    a translated copy goes with its original, found in `originals` or loaded."""
    if report.translation_of_id is None:
        return visibility.can_see_report(viewer, report, rules)
    original = (originals or {}).get(report.translation_of_id) or db.session.get(
        Report, report.translation_of_id
    )
    return visibility.can_see_translation(viewer, report, original, rules)


def copies_of(participant: Participant, report: Report) -> list[Report]:
    """The translated copies of a report that this participant may see."""
    return [found for found in reports(participant) if found.translation_of_id == report.id]


def original_of(participant: Participant, copy: Report) -> Report | None:
    """The report a translated copy translates (seen, or the copy would not be)."""
    if copy.translation_of_id is None:
        return None
    return _one(participant, Report, copy.translation_of_id, may_see_report)


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


class PromiseNeeded(Exception):
    """A parent tried to open a report before promising to keep the reports private."""

    def __init__(self, conference_id: uuid.UUID, report_id: uuid.UUID) -> None:
        super().__init__("the promise to keep reports private comes first")
        self.conference_id = conference_id
        self.report_id = report_id


def report(participant: Participant, report_id: uuid.UUID) -> Report | None:
    """One report to read, download or comment on. Raises PromiseNeeded for a parent who
    has not yet promised to keep the reports private (checked here, for every way in)."""
    found = _one(participant, Report, report_id, may_see_report)
    if found is not None and visibility.must_promise_first(
        viewer_for(participant), participant.agreed_to_keep_reports_private_at is not None
    ):
        raise PromiseNeeded(participant.conference_id, found.id)
    return found


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
        .options(
            joinedload(Decision.child),
            selectinload(Decision.actions),
            selectinload(Decision.versions),
        )
    )
    return _many(participant, statement, visibility.can_see_decision)


def decision(participant: Participant, decision_id: uuid.UUID) -> Decision | None:
    return _one(participant, Decision, decision_id, visibility.can_see_decision)


def kept_from_decisions(participant: Participant) -> bool:
    """True for someone the conference's decisions must not reach at all (a conference-wide
    exclusion): the plan's meetings and progress are kept from them too."""
    return visibility.must_not_be_told(
        viewer_for(participant), participant.conference_id, restrictions(participant.conference_id)
    )


@dataclass(frozen=True)
class SentPreferences:
    """What someone last sent about how the meeting will work for them: never their draft."""

    address_as: str | None
    pronouns: str | None
    language: str | None
    needs_interpreter: bool
    interpreter_language: str | None
    attendance: AttendanceMode | None
    sent_at: datetime | None


@dataclass(frozen=True)
class PersonCard:
    """Someone invited, with only the details this viewer may see (`preferences`: the
    columns copied from what they last sent)."""

    participant: Participant
    name: str
    is_me: bool
    contact: dict[str, str]
    preferences: SentPreferences | None


def people(participant: Participant) -> list[PersonCard]:
    """Everyone invited that this participant may see, worked out once per request
    (the page and its "who to ask" box both show them)."""
    cache: dict[uuid.UUID, list[PersonCard]] = g.setdefault("people", {})
    if participant.id not in cache:
        cache[participant.id] = _people(participant)
    return cache[participant.id]


def _people(participant: Participant) -> list[PersonCard]:
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
        record = preference_rows.get(other.id)
        preferences = None
        if (
            record is not None
            and record.sent_answers is not None
            and visibility.can_see_preferences(viewer, other, rules)
        ):
            # Only the columns copied out when they sent; the draft stays on their own pages.
            preferences = SentPreferences(
                record.address_as,
                record.pronouns,
                record.language,
                record.needs_interpreter,
                record.interpreter_language,
                record.attendance,
                record.sent_at,
            )
        cards.append(
            PersonCard(
                other, other.person.full_name, other.id == participant.id, contact, preferences
            )
        )
    return cards


@dataclass(frozen=True)
class FamilyWords:
    """What one family member sent, as this viewer may see it: the last sent answers with
    the answers the policy hides from this viewer taken out, and their sent words about
    each child. `people` names everyone their answers may mention."""

    participant: Participant
    name: str
    sent_at: datetime | None
    answers: dict[str, dict[str, Any]]
    hidden: frozenset[tuple[str, str]]
    about_children: list[AboutChild]
    people: dict[str, str]

    def shown(self, step: str, field: str) -> bool:
        """False for an answer the policy hides from this viewer ("*": the whole step)."""
        return (step, "*") not in self.hidden and (step, field) not in self.hidden


def family_words(viewer_participant: Participant) -> list[FamilyWords]:
    """Each parent's and supporter's sent answers and sent words about their children, as
    this viewer may see them (a fixed number of queries)."""
    viewer = viewer_for(viewer_participant)
    rules = restrictions(viewer_participant.conference_id)
    everyone = list(
        db.session.scalars(
            select(Participant)
            .where(Participant.conference_id == viewer_participant.conference_id)
            .options(joinedload(Participant.person))
            .order_by(Participant.created_at, Participant.id)
        ).unique()
    )
    family = [p for p in everyone if p.role in PARENTS]
    ids = [p.id for p in family]
    sent_preferences = {
        p.participant_id: p
        for p in db.session.scalars(
            select(Preferences).where(
                Preferences.participant_id.in_(ids), Preferences.sent_answers.is_not(None)
            )
        )
    }
    sent_about = list(
        db.session.scalars(
            select(AboutChild)
            .where(AboutChild.participant_id.in_(ids), AboutChild.sent_answers.is_not(None))
            .order_by(AboutChild.sent_at)
        )
    )
    names = {
        str(p.id): p.person.full_name
        for p in everyone
        if visibility.can_see_participant(viewer, p, rules)
    }
    found = []
    for person in family:
        record = sent_preferences.get(person.id)
        answers: dict[str, dict[str, Any]] = {}
        hidden: set[tuple[str, str]] = set()
        if record is not None and visibility.can_see_preferences(viewer, person, rules):
            for step, fields in (record.sent_answers or {}).items():
                answers[step] = {}
                for field, value in (fields or {}).items():
                    if visibility.can_see_answer(viewer, person, step, field):
                        answers[step][field] = value
                    else:
                        hidden.add((step, field))
            hidden |= {
                (step, field)
                for step, fields in family_answers.SAFETY_REQUESTS.items()
                for field in fields or ("*",)
                if not visibility.can_see_answer(viewer, person, step, field)
            }
        about = (
            [a for a in sent_about if a.participant_id == person.id]
            if visibility.can_see_family_words(viewer, person, rules)
            else []
        )
        if answers or about:
            found.append(
                FamilyWords(
                    participant=person,
                    name=person.person.full_name,
                    sent_at=record.sent_at if answers and record is not None else None,
                    answers=answers,
                    hidden=frozenset(hidden),
                    about_children=about,
                    people=names,
                )
            )
    return found
