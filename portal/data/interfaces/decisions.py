"""After the meeting: recording it as held, and the chair's working copy of each decision.

The working copy is `Decision` with its `PlanAction` rows. Publishing freezes it as a
`DecisionVersion` (portal.data.interfaces.decision_versions); nothing here touches versions.
Who must not receive a decision is a `Restriction` on it (subject DECISION, the decision's
id, the person), added and removed through portal.data.interfaces.restrictions, audited.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from portal.data.interfaces import restrictions as restriction_store
from portal.data.interfaces.decision_versions import plan_published
from portal.data.models import (
    Attendance,
    Category,
    Conference,
    ConferencePart,
    ConferenceStatus,
    Decision,
    JoinedBy,
    Outcome,
    Participant,
    PlanAction,
    Restriction,
    RestrictionSubject,
    Role,
)
from portal.domain import clock
from portal.domain.decisions import ActionDraft, AgencyViewDraft, AttendanceAnswer, DecisionDraft
from portal.domain.published_plan import PublishedPlan
from portal.domain.vocabulary import FAMILY_ROLES
from portal.extensions import db

# The order people are listed in on the "meeting held" page.
ROLE_ORDER = {
    Role.PARENT: 0,
    Role.YOUNG_PERSON: 1,
    Role.SUPPORTER: 2,
    Role.ADVOCATE: 3,
    Role.INTERPRETER: 4,
    Role.CHAIR: 5,
    Role.SOCIAL_WORKER: 6,
    Role.PROFESSIONAL: 7,
    Role.ADMINISTRATOR: 8,
}


# --- The meeting held ---------------------------------------------------------------------


def participants(conference_id: uuid.UUID) -> list[Participant]:
    """Everyone invited to the conference, family first, with their person loaded."""
    found = db.session.scalars(
        select(Participant)
        .where(Participant.conference_id == conference_id)
        .options(joinedload(Participant.person))
    ).all()
    return sorted(found, key=lambda p: (ROLE_ORDER.get(p.role, 9), p.person.full_name))


def attendance(conference_id: uuid.UUID) -> dict[uuid.UUID, Attendance]:
    """What was recorded of each participant, by participant id."""
    return {
        row.participant_id: row
        for row in db.session.scalars(
            select(Attendance).where(Attendance.conference_id == conference_id)
        )
    }


def record_held(
    conference: Conference,
    started_at: datetime,
    ended_at: datetime,
    answers: Mapping[uuid.UUID, AttendanceAnswer],
    by_person_id: uuid.UUID,
) -> None:
    """The meeting took place: its status, real times and who attended (or a correction).

    The deadlines after the meeting count from `ended_at` from now on.
    """
    conference.status = ConferenceStatus.HELD
    conference.status_changed_at = clock.now()
    conference.started_at = started_at
    conference.ended_at = ended_at
    conference.held_recorded_by_id = by_person_id
    recorded = attendance(conference.id)
    valid = {p.id for p in conference.participants}
    for participant_id, answer in answers.items():
        if participant_id not in valid:
            continue
        row = recorded.get(participant_id)
        if row is None:
            row = Attendance(conference_id=conference.id, participant_id=participant_id)
            db.session.add(row)
        row.attended = answer.attended
        row.part = ConferencePart(answer.part) if answer.attended and answer.part else None
        row.joined_by = JoinedBy(answer.joined_by) if answer.attended and answer.joined_by else None
        row.sent_views_in_writing = answer.sent_views_in_writing
        row.recorded_by_id = by_person_id
        row.recorded_at = clock.now()
    db.session.commit()


# --- The decisions ------------------------------------------------------------------------


def by_child(conference_id: uuid.UUID) -> dict[uuid.UUID, Decision]:
    """The working copy of each child's decision, by child id (children without one are
    left out), with its published versions for the list's "published" column."""
    return {
        decision.child_id: decision
        for decision in db.session.scalars(
            select(Decision)
            .where(Decision.conference_id == conference_id)
            .options(selectinload(Decision.versions))
        )
    }


def for_child(conference_id: uuid.UUID, child_id: uuid.UUID) -> Decision | None:
    return db.session.scalars(
        select(Decision)
        .where(Decision.conference_id == conference_id, Decision.child_id == child_id)
        .options(selectinload(Decision.actions), selectinload(Decision.versions))
    ).first()


def current_plan(conference: Conference, child_id: uuid.UUID) -> PublishedPlan | None:
    """The plan a review starts from: what the conference before it published for the child."""
    if conference.previous_conference_id is None:
        return None
    previous = for_child(conference.previous_conference_id, child_id)
    if previous is None or previous.published is None:
        return None
    return plan_published(previous.published)


def draft_of(decision: Decision) -> DecisionDraft:
    """The working copy as the rules read it."""
    return DecisionDraft(
        outcome=decision.outcome,
        category=decision.category.value if decision.category else None,
        plan_ended_reason=decision.plan_ended_reason or "",
        reasons=decision.reasons or "",
        agency_views=tuple(
            AgencyViewDraft(
                agency=str(item.get("agency") or ""),
                view=str(item.get("view") or ""),
                disagrees=bool(item.get("disagrees")),
            )
            for item in decision.agency_views or ()
        ),
        dissent=decision.dissent or "",
        actions=tuple(
            ActionDraft(
                what=action.what,
                who=action.who,
                by_when=action.by_when,
                how_we_will_know=action.how_we_will_know or "",
            )
            for action in decision.actions
        ),
        contingency_plan=decision.contingency_plan or "",
        visiting_frequency=decision.visiting_frequency or "",
        core_group_members=tuple(decision.core_group_members or ()),
        first_core_group_on=decision.first_core_group_on,
        review_on=decision.review_on,
        family_summary=decision.family_summary or "",
        child_version_wanted=decision.child_version_wanted,
        child_summary=decision.child_summary or "",
    )


def save_draft(conference: Conference, child_id: uuid.UUID, draft: DecisionDraft) -> Decision:
    """Save what the chair has written so far. Any change makes it a draft again: it must
    be checked and marked complete once more. Blank action and agency rows are dropped."""
    assert draft.outcome is not None
    decision = for_child(conference.id, child_id)
    if decision is None:
        decision = Decision(conference_id=conference.id, child_id=child_id, outcome=draft.outcome)
        db.session.add(decision)
    decision.outcome = draft.outcome
    decision.category = (
        Category(draft.category)
        if draft.category and draft.outcome == Outcome.CHILD_PROTECTION_PLAN
        else None
    )
    decision.plan_ended_reason = (
        draft.plan_ended_reason if draft.outcome == Outcome.PLAN_ENDED else ""
    )
    decision.reasons = draft.reasons
    decision.agency_views = [
        {"agency": view.agency, "view": view.view, "disagrees": view.disagrees}
        for view in draft.agency_views
        if not view.is_blank
    ]
    decision.dissent = draft.dissent
    decision.contingency_plan = draft.contingency_plan
    decision.visiting_frequency = draft.visiting_frequency
    decision.core_group_members = list(draft.core_group_members)
    decision.first_core_group_on = draft.first_core_group_on
    decision.review_on = draft.review_on
    decision.family_summary = draft.family_summary
    decision.child_version_wanted = draft.child_version_wanted
    decision.child_summary = draft.child_summary
    kept = [action for action in draft.actions if not action.is_blank]
    decision.actions = [
        PlanAction(
            position=index,
            what=action.what,
            who=action.who,
            by_when=action.by_when,
            how_we_will_know=action.how_we_will_know,
        )
        for index, action in enumerate(kept)
    ]
    decision.completed_at = None
    db.session.flush()
    return decision


def mark_complete(decision: Decision) -> None:
    decision.completed_at = clock.now()
    db.session.commit()


def commit() -> None:
    db.session.commit()


# --- Who must not receive it --------------------------------------------------------------


@dataclass(frozen=True)
class Exclusions:
    """Who must not receive a decision: chosen for this decision, and for every decision of
    the conference (set elsewhere, shown read-only)."""

    for_decision: dict[uuid.UUID, Restriction]
    conference_wide: frozenset[uuid.UUID]

    @property
    def reason(self) -> str:
        return next((row.reason for row in self.for_decision.values()), "")


def family_recipients(conference_id: uuid.UUID) -> list[Participant]:
    """The family members and young people of the conference: who can be left out."""
    return [p for p in participants(conference_id) if p.role in FAMILY_ROLES]


def exclusions(conference_id: uuid.UUID, decision_id: uuid.UUID | None) -> Exclusions:
    rows = db.session.scalars(
        select(Restriction).where(
            Restriction.conference_id == conference_id,
            Restriction.subject == RestrictionSubject.DECISION,
            Restriction.hidden_from_participant_id.is_not(None),
            Restriction.field.is_(None),
        )
    ).all()
    mine = {
        row.hidden_from_participant_id: row
        for row in rows
        if decision_id is not None
        and row.subject_id == decision_id
        and row.hidden_from_participant_id is not None
    }
    everywhere = frozenset(
        row.hidden_from_participant_id
        for row in rows
        if row.subject_id == conference_id and row.hidden_from_participant_id is not None
    )
    return Exclusions(mine, everywhere)


def set_exclusions(
    by: Participant, decision: Decision, excluded: Sequence[uuid.UUID], reason: str
) -> None:
    """Exactly these family members must not receive this decision, for this reason."""
    current = exclusions(decision.conference_id, decision.id)
    allowed = {p.id for p in family_recipients(decision.conference_id)}
    wanted = {participant_id for participant_id in excluded if participant_id in allowed}
    for participant_id, row in current.for_decision.items():
        if participant_id not in wanted:
            restriction_store.remove(by, row.id)
        elif row.reason != reason:
            row.reason = reason
    for participant_id in wanted - set(current.for_decision):
        restriction_store.add(
            by,
            RestrictionSubject.DECISION,
            decision.id,
            reason,
            hidden_from_participant_id=participant_id,
        )
