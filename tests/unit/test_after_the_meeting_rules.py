"""Rules after the meeting: deadline statuses of the duties people do (plan to the core
group, first core group, minutes), the minutes' stages, who may see them, core group dates
and plan updates."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from portal.domain import core_group, duties, minutes
from portal.domain.deadlines import (
    ConferenceFacts,
    compute_deadlines,
    deadline_status,
    load_policy,
)
from portal.domain.visibility import Viewer, can_see_minutes
from portal.domain.vocabulary import RestrictionSubject, Role
from portal.domain.working_days import WorkingCalendar

# A Wakefield initial conference on Thursday 11 February 2027, ended at noon.
FACTS = ConferenceFacts(
    kind="initial",
    start=datetime(2027, 2, 11, 10, tzinfo=UTC),
    ended=datetime(2027, 2, 11, 12, tzinfo=UTC),
)
WAKEFIELD = compute_deadlines(load_policy("wakefield"), FACTS, WorkingCalendar("england-and-wales"))


def _status(duty: str, done_on: date | None, today: datetime) -> str:
    done = duties.done_moment(done_on) if done_on else None
    return deadline_status(WAKEFIELD[duty], done, today)


@pytest.mark.parametrize("duty", ["plan_to_core_group", "first_core_group", "minutes"])
def test_a_duty_done_on_its_due_day_is_met_even_long_after(duty: str) -> None:
    due = WAKEFIELD[duty].due
    assert isinstance(due, date)
    assert _status(duty, due, datetime(2027, 6, 1, tzinfo=UTC)) == "met"


@pytest.mark.parametrize("duty", ["plan_to_core_group", "first_core_group", "minutes"])
def test_a_duty_done_after_its_due_day_is_done_late_not_missed(duty: str) -> None:
    due = WAKEFIELD[duty].due
    assert isinstance(due, date)
    late = date.fromordinal(due.toordinal() + 1)
    assert _status(duty, late, datetime(2027, 6, 1, tzinfo=UTC)) == "done_late"


@pytest.mark.parametrize("duty", ["plan_to_core_group", "first_core_group", "minutes"])
def test_a_duty_is_missed_only_when_not_done_and_its_day_has_passed(duty: str) -> None:
    assert _status(duty, None, datetime(2027, 2, 11, 13, tzinfo=UTC)) != "missed"
    assert _status(duty, None, datetime(2027, 6, 1, tzinfo=UTC)) == "missed"


def test_the_wakefield_dates_after_the_meeting() -> None:
    assert WAKEFIELD["plan_to_core_group"].due == date(2027, 2, 15)
    assert WAKEFIELD["first_core_group"].due == date(2027, 2, 25)
    assert WAKEFIELD["minutes"].due == date(2027, 3, 4)


# --- Minutes -----------------------------------------------------------------------------


def test_minutes_move_from_draft_to_approved_to_shared() -> None:
    assert minutes.stage(False, False, 0, False) == minutes.NOT_STARTED
    assert minutes.stage(True, False, 0, True) == minutes.DRAFT
    assert minutes.stage(True, True, 0, True) == minutes.APPROVED
    assert minutes.stage(True, True, 1, False) == minutes.SHARED
    # A correction after sharing waits for the chair again.
    assert minutes.stage(True, False, 1, True) == minutes.DRAFT


def test_minutes_are_shared_only_approved_and_a_correction_says_what_changed() -> None:
    assert minutes.problem_sharing(False, True, False, "") == "empty"
    assert minutes.problem_sharing(True, False, False, "") == "not_approved"
    assert minutes.problem_sharing(True, True, True, "  ") == "no_change_note"
    assert minutes.problem_sharing(True, True, True, "The date was wrong.") is None
    assert minutes.problem_sharing(True, True, False, "") is None


def test_minutes_paragraphs_are_plain_text_split_on_blank_lines() -> None:
    text = "One line.\r\nSame paragraph.\r\n\r\n  <b>Two</b>  \n\n\n"
    assert minutes.paragraphs(text) == ["One line.\nSame paragraph.", "<b>Two</b>"]


def test_days_left_counts_down_and_goes_negative_after_the_day() -> None:
    assert minutes.days_left(date(2027, 3, 4), date(2027, 3, 1)) == 3
    assert minutes.days_left(date(2027, 3, 4), date(2027, 3, 6)) == -2


@dataclass
class _Rule:
    subject: RestrictionSubject
    subject_id: uuid.UUID
    field: str | None = None
    hidden_from_participant_id: uuid.UUID | None = None
    hidden_from_role: Role | None = None
    hidden_from_children: bool = False


def _viewer(role: Role) -> Viewer:
    return Viewer(person_id=uuid.uuid4(), participant_id=uuid.uuid4(), role=role)


def test_minutes_follow_the_decisions_restrictions() -> None:
    conference, decision = uuid.uuid4(), uuid.uuid4()
    parent = _viewer(Role.PARENT)
    assert can_see_minutes(parent, conference, [decision], True, [])
    assert not can_see_minutes(parent, conference, [decision], False, [])
    kept = _Rule(
        RestrictionSubject.DECISION, decision, hidden_from_participant_id=parent.participant_id
    )
    assert not can_see_minutes(parent, conference, [decision], True, [kept])
    whole = _Rule(RestrictionSubject.DECISION, conference, hidden_from_role=Role.PARENT)
    assert not can_see_minutes(parent, conference, [decision], True, [whole])


def test_the_young_person_reads_their_own_version_not_the_minutes() -> None:
    conference = uuid.uuid4()
    assert not can_see_minutes(_viewer(Role.YOUNG_PERSON), conference, [], True, [])
    assert can_see_minutes(_viewer(Role.PROFESSIONAL), conference, [], True, [])
    # The administrator and chair see the working copy before it is shared.
    assert can_see_minutes(_viewer(Role.ADMINISTRATOR), conference, [], False, [])


# --- Core group ----------------------------------------------------------------------------


def test_the_first_core_group_must_be_by_the_policys_date() -> None:
    latest = date(2027, 2, 25)
    assert core_group.meeting_problem(date(2027, 2, 25), date(2027, 2, 11), latest, True) is None
    assert (
        core_group.meeting_problem(date(2027, 2, 26), date(2027, 2, 11), latest, True) == "too_late"
    )
    # Later meetings follow the interval, not the first meeting's date.
    assert core_group.meeting_problem(date(2027, 3, 26), date(2027, 2, 11), latest, False) is None
    assert (
        core_group.meeting_problem(date(2027, 2, 10), date(2027, 2, 11), latest, False)
        == "before_conference"
    )


def test_members_are_one_to_a_line_without_repeats() -> None:
    typed = "Olivia Brown, mother\r\n\r\n  Priya Patel  \nOlivia Brown, mother\n"
    assert core_group.members_from(typed) == ["Olivia Brown, mother", "Priya Patel"]


def test_the_next_core_group_follows_the_policys_interval() -> None:
    assert core_group.next_meeting_by(date(2027, 2, 24), 4) == date(2027, 3, 24)
    assert core_group.next_meeting_by(date(2027, 2, 24), None) is None
    assert core_group.next_meeting_by(None, 4) is None


def test_plan_updates_are_due_by_each_councils_days() -> None:
    calendar = WorkingCalendar("england-and-wales")
    friday = date(2027, 2, 26)
    wakefield = load_policy("wakefield")
    assert wakefield.core_group_every_weeks == 4
    # Two working days after a Friday: the Tuesday.
    assert core_group.plan_update_due(friday, wakefield.plan_update, calendar) == date(2027, 3, 2)
    # Five days after a Monday is a Saturday: a professional duty moves back to Friday.
    middlesbrough = load_policy("middlesbrough")
    monday = date(2027, 3, 1)
    assert core_group.plan_update_due(monday, middlesbrough.plan_update, calendar) == date(
        2027, 3, 5
    )
    assert core_group.plan_update_due(monday, load_policy("england").plan_update, calendar) is None


def test_progress_must_be_chosen_for_every_action_before_sending() -> None:
    answers = {"a_0": {"status": "done"}, "a_1": {"status": "maybe"}}
    assert core_group.progress_problems(answers, ["a_0", "a_1", "a_2"]) == {
        "a_1": "choose",
        "a_2": "choose",
    }
