"""Core group meetings, plan updates after them, and progress against the plan at a
review (portal.domain.core_group has the rules)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from portal.data.interfaces import decision_versions, visible
from portal.data.models import (
    ClosureDay,
    Conference,
    CoreGroupMeeting,
    Decision,
    DecisionVersion,
    DutyDone,
    Participant,
    PlanAction,
    PlanProgress,
)
from portal.domain import clock, visibility
from portal.domain.deadlines import Policy, load_policy
from portal.domain.published_plan import PublishedPlan
from portal.domain.vocabulary import FAMILY_ROLES
from portal.domain.working_days import WorkingCalendar, calendar_nation
from portal.extensions import db


def policy_of(conference: Conference) -> Policy:
    return load_policy(conference.authority.policy_key)


def calendar_of(conference: Conference) -> WorkingCalendar:
    closures = db.session.scalars(
        select(ClosureDay.day).where(ClosureDay.authority_id == conference.authority_id)
    ).all()
    return WorkingCalendar(calendar_nation(conference.authority.nation.value), closures)


def meetings(conference_id: uuid.UUID) -> list[CoreGroupMeeting]:
    return list(
        db.session.scalars(
            select(CoreGroupMeeting)
            .where(CoreGroupMeeting.conference_id == conference_id)
            .order_by(CoreGroupMeeting.meets_on, CoreGroupMeeting.created_at)
        )
    )


def meeting(conference_id: uuid.UUID, meeting_id: uuid.UUID) -> CoreGroupMeeting | None:
    return db.session.scalars(
        select(CoreGroupMeeting).where(
            CoreGroupMeeting.id == meeting_id, CoreGroupMeeting.conference_id == conference_id
        )
    ).first()


def add_meeting(
    conference_id: uuid.UUID, meets_on: date, members: list[str], me: Participant
) -> CoreGroupMeeting:
    found = CoreGroupMeeting(
        conference_id=conference_id,
        meets_on=meets_on,
        members=members,
        created_by_id=me.person_id,
        created_at=clock.now(),
    )
    db.session.add(found)
    db.session.commit()
    return found


def record_held(found: CoreGroupMeeting, me: Participant, is_first: bool) -> None:
    """The meeting took place on its day; the first one is the `first_core_group` duty done
    (a date someone recorded by hand before is kept)."""
    found.held_on = found.meets_on
    if is_first:
        duty = db.session.scalars(
            select(DutyDone).where(
                DutyDone.conference_id == found.conference_id,
                DutyDone.duty == "first_core_group",
            )
        ).first()
        if duty is None:
            db.session.add(
                DutyDone(
                    conference_id=found.conference_id,
                    duty="first_core_group",
                    done_on=found.meets_on,
                    recorded_by_id=me.person_id,
                    recorded_at=clock.now(),
                )
            )
    db.session.commit()


# --- The plan --------------------------------------------------------------------------


def published_decisions(conference_id: uuid.UUID) -> list[Decision]:
    """The conference's published decisions (one per child), with their actions."""
    return [
        decision
        for decision in db.session.scalars(
            select(Decision)
            .where(Decision.conference_id == conference_id)
            .options(
                joinedload(Decision.child),
                selectinload(Decision.actions),
                selectinload(Decision.versions),
            )
            .order_by(Decision.created_at)
        ).unique()
        if decision.published is not None
    ]


def default_members(conference_id: uuid.UUID) -> list[str]:
    """The core group members the published decisions name, in order, once each."""
    names: list[str] = []
    for decision in published_decisions(conference_id):
        if decision.published is None:
            continue
        plan = decision_versions.plan_published(decision.published)
        for name in plan.core_group_members:
            if name not in names:
                names.append(name)
    return names


@dataclass(frozen=True)
class Step:
    what: str
    who: str
    by_when: date | None
    how_we_will_know: str


def update_plan(
    found: CoreGroupMeeting,
    changes: dict[uuid.UUID, list[Step]],
    what_changed: str,
    me: Participant,
) -> list[DecisionVersion]:
    """Replace each decision's actions on the working copy and publish a new version of
    each with what changed. In the caller's transaction: it tells the family, then commits."""
    versions = []
    for decision in published_decisions(found.conference_id):
        steps = changes.get(decision.id)
        if steps is None:
            continue
        decision.actions.clear()
        db.session.flush()
        for position, step in enumerate(steps):
            decision.actions.append(
                PlanAction(
                    position=position,
                    what=step.what,
                    who=step.who,
                    by_when=step.by_when,
                    how_we_will_know=step.how_we_will_know,
                )
            )
        db.session.flush()
        versions.append(decision_versions.add_version(decision, me.person_id, what_changed))
    found.plan_updated_at = clock.now()
    db.session.flush()
    return versions


def family_to_tell(conference_id: uuid.UUID, decisions: list[Decision]) -> list[Participant]:
    """Family members who may see at least one of these decisions (restrictions applied)."""
    rules = visible.restrictions(conference_id)
    everyone = db.session.scalars(
        select(Participant)
        .where(Participant.conference_id == conference_id, Participant.role.in_(FAMILY_ROLES))
        .order_by(Participant.created_at)
    ).all()
    return [
        person
        for person in everyone
        if any(
            visibility.can_see_decision(visible.viewer_for(person), decision, rules)
            for decision in decisions
        )
    ]


def commit() -> None:
    db.session.commit()


# --- Progress at a review ----------------------------------------------------------------


@dataclass(frozen=True)
class ReviewedPlan:
    decision: Decision
    plan: PublishedPlan


def reviewed_plans(conference: Conference) -> list[ReviewedPlan]:
    """The current published plan of each child from the conference this review follows."""
    if conference.previous_conference_id is None:
        return []
    return [
        ReviewedPlan(decision, decision_versions.plan_published(decision.published))
        for decision in published_decisions(conference.previous_conference_id)
        if decision.published is not None
    ]


def progress(conference_id: uuid.UUID) -> PlanProgress | None:
    return db.session.scalars(
        select(PlanProgress).where(PlanProgress.conference_id == conference_id)
    ).first()


def save_progress(
    conference_id: uuid.UUID, answers: dict[str, dict[str, str]], me: Participant, send: bool
) -> PlanProgress:
    found = progress(conference_id)
    if found is None:
        found = PlanProgress(conference_id=conference_id, answers={})
        db.session.add(found)
    found.answers = answers
    found.updated_by_id = me.person_id
    found.updated_at = clock.now()
    if send:
        found.sent_answers = answers
        found.sent_at = clock.now()
    db.session.commit()
    return found
