"""The publishing and 24-hour clock rules, without a database or a request."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from portal.domain import publishing
from portal.domain.visibility import Viewer
from portal.domain.vocabulary import (
    ConferenceStatus,
    NotificationStatus,
    Outcome,
    RestrictionSubject,
    Role,
)

NOW = datetime(2027, 3, 10, 12, tzinfo=UTC)


@dataclass
class Draft:
    outcome: Outcome = Outcome.CHILD_PROTECTION_PLAN
    reasons: str = "Why"
    family_summary: str = "In plain words"
    completed_at: datetime | None = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


@dataclass
class Published:
    conference_id: uuid.UUID
    child_id: uuid.UUID
    child_summary: str = ""
    published_at: datetime | None = NOW
    id: uuid.UUID = field(default_factory=uuid.uuid4)


@dataclass
class Rule:
    subject: RestrictionSubject
    subject_id: uuid.UUID
    field: str | None = None
    hidden_from_participant_id: uuid.UUID | None = None
    hidden_from_role: Role | None = None
    hidden_from_children: bool = False


def viewer(role: Role, child_id: uuid.UUID | None = None) -> Viewer:
    return Viewer(uuid.uuid4(), uuid.uuid4(), role, child_id=child_id)


def test_a_decision_is_complete_with_an_outcome_reasons_summary_and_for_a_plan_an_action():
    assert publishing.is_complete(Draft(), action_count=1)
    assert not publishing.is_complete(Draft(), action_count=0)
    assert publishing.is_complete(Draft(outcome=Outcome.NO_PLAN), action_count=0)
    assert not publishing.is_complete(Draft(reasons="  "), action_count=1)
    assert not publishing.is_complete(Draft(family_summary=""), action_count=1)
    # Not marked complete by the chair (or edited since): not ready, whatever it holds.
    assert not publishing.is_complete(Draft(completed_at=None), action_count=1)


def test_publishing_is_refused_until_held_and_every_decision_complete():
    assert publishing.refusal(ConferenceStatus.SCHEDULED, [True]) == "not_held"
    assert publishing.refusal(ConferenceStatus.HELD, []) == "no_decisions"
    assert publishing.refusal(ConferenceStatus.HELD, [True, False]) == "incomplete"
    assert publishing.refusal(ConferenceStatus.HELD, [True, True]) is None


def test_signed_in_again_counts_for_15_minutes():
    assert publishing.signed_in_recently(NOW - timedelta(minutes=15), NOW)
    assert not publishing.signed_in_recently(NOW - timedelta(minutes=15, seconds=1), NOW)
    assert not publishing.signed_in_recently(None, NOW)
    assert not publishing.signed_in_recently(NOW + timedelta(minutes=1), NOW)


def test_who_is_told_parents_professionals_and_a_child_only_with_their_own_version():
    conference = uuid.uuid4()
    maya, leo = uuid.uuid4(), uuid.uuid4()
    for_maya = Published(conference, maya, child_summary="For you")
    for_leo = Published(conference, leo)
    both = [for_maya, for_leo]
    assert publishing.decisions_for(viewer(Role.PARENT), both, []) == both
    assert publishing.decisions_for(viewer(Role.PROFESSIONAL), both, []) == both
    assert publishing.decisions_for(viewer(Role.YOUNG_PERSON, maya), both, []) == [for_maya]
    assert publishing.decisions_for(viewer(Role.YOUNG_PERSON, leo), both, []) == []
    assert publishing.decisions_for(viewer(Role.CHAIR), both, []) == []
    assert publishing.decisions_for(viewer(Role.INTERPRETER), both, []) == []
    unpublished = Published(conference, leo, published_at=None)
    assert publishing.decisions_for(viewer(Role.PARENT), [unpublished], []) == []


def test_nobody_excluded_is_told_by_a_conference_wide_or_a_single_decision_rule():
    conference = uuid.uuid4()
    decision = Published(conference, uuid.uuid4())
    uncle, dad = viewer(Role.SUPPORTER), viewer(Role.PARENT)
    rules = [
        Rule(
            RestrictionSubject.DECISION, conference, hidden_from_participant_id=uncle.participant_id
        ),
        Rule(
            RestrictionSubject.DECISION, decision.id, hidden_from_participant_id=dad.participant_id
        ),
    ]
    assert publishing.decisions_for(uncle, [decision], rules) == []
    assert publishing.decisions_for(dad, [decision], rules) == []
    assert publishing.decisions_for(viewer(Role.PARENT), [decision], rules) == [decision]


def test_the_message_event_names_the_versions_whatever_their_order():
    one, two = uuid.uuid4(), uuid.uuid4()
    assert publishing.message_event([one, two]) == publishing.message_event([two, one])
    assert publishing.message_event([one]) != publishing.message_event([one, two])
    assert len(f"{publishing.message_event([one, two])}:{uuid.uuid4()}:email") <= 200


def test_a_correction_is_worded_as_one():
    assert publishing.message_kind([1, 1], professional=False) == "decision_published"
    assert publishing.message_kind([1], professional=True) == "decision_published_professional"
    assert publishing.message_kind([1, 2], professional=False) == "decision_corrected"


def test_delivery_states():
    assert publishing.delivery_state(NotificationStatus.QUEUED, read=False) == "queued"
    assert publishing.delivery_state(NotificationStatus.SENDING, read=False) == "queued"
    assert publishing.delivery_state(NotificationStatus.SENT, read=False) == "sent"
    assert publishing.delivery_state(NotificationStatus.DELIVERED, read=False) == "sent"
    assert publishing.delivery_state(NotificationStatus.FAILED, read=False) == "failed"
    assert publishing.delivery_state(NotificationStatus.QUEUED, read=True) == "read"
    assert publishing.reached(["failed"], alternative_done=True)
    assert not publishing.reached(["failed", "queued"], alternative_done=False)
    assert publishing.reached(["failed", "sent"], alternative_done=False)


def test_escalation_only_from_four_hours_before_the_deadline_until_it():
    due = NOW + timedelta(hours=4)

    def causes(now: datetime, published: bool = True, unreached: int = 1) -> list[str]:
        return publishing.escalation_causes(
            publishing.ClockFacts(
                due=due, now=now, all_published=published, family_unreached=unreached
            )
        )

    assert causes(NOW - timedelta(seconds=1)) == []
    assert causes(NOW) == ["undelivered"]
    assert causes(NOW, unreached=0) == []
    assert causes(NOW, published=False, unreached=0) == ["unpublished"]
    assert causes(due + timedelta(seconds=1)) == []
