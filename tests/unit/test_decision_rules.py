"""The rules after the meeting (portal.domain.decisions): the meeting held, SMART actions
(Dorset 3.1), dates against the council's timescales, and what completes a decision."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from portal.domain import decisions
from portal.domain.deadlines import ConferenceFacts, compute_deadlines, load_policy
from portal.domain.decisions import (
    ActionDraft,
    AgencyViewDraft,
    AttendanceAnswer,
    DateLimits,
    DecisionDraft,
)
from portal.domain.vocabulary import ConferenceKind, ConferenceStatus, Outcome
from portal.domain.working_days import WorkingCalendar

TODAY = date(2027, 3, 10)  # a Wednesday
NOW = datetime(2027, 3, 10, 15, 0, tzinfo=UTC)  # 3pm in London (GMT)
SMART = ActionDraft(
    what="Go to the parenting course",
    who="Amira Khan",
    by_when=date(2027, 4, 1),
    how_we_will_know="A letter from the course after each session",
)


# --- The meeting held ---------------------------------------------------------------------


def test_a_meeting_this_morning_can_be_recorded():
    assert decisions.held_problems(ConferenceStatus.SCHEDULED, TODAY, time(10), time(12), NOW) == {}


@pytest.mark.parametrize(
    ("day", "starts", "ends", "expected"),
    [
        (TODAY + timedelta(days=1), time(10), time(12), {"day": "future"}),
        (TODAY, time(16), time(17), {"starts": "future", "ends": "future"}),
        (TODAY, time(14), time(16), {"ends": "future"}),
        (TODAY, time(12), time(11), {"ends": "before_start"}),
        (TODAY, time(12), time(12), {"ends": "before_start"}),
        (None, None, None, {"day": "missing", "starts": "missing", "ends": "missing"}),
    ],
)
def test_impossible_days_and_times_are_refused(day, starts, ends, expected):
    assert decisions.held_problems(ConferenceStatus.SCHEDULED, day, starts, ends, NOW) == expected


def test_a_cancelled_meeting_is_never_held():
    problems = decisions.held_problems(ConferenceStatus.CANCELLED, TODAY, time(10), time(12), NOW)
    assert problems == {"day": "cancelled"}


def test_a_time_the_clocks_skip_is_refused():
    spring = date(2027, 3, 28)  # the clocks go forward at 1am
    later = datetime(2027, 3, 28, 20, tzinfo=UTC)
    problems = decisions.held_problems(
        ConferenceStatus.SCHEDULED, spring, time(1, 30), time(3), later
    )
    assert problems == {"starts": "not_a_time"}


def test_someone_who_attended_says_how_and_in_which_part():
    came = AttendanceAnswer(attended=True, part=None, joined_by=None)
    assert decisions.attendance_problems(came, in_two_parts=True) == {
        "joined_by": "missing",
        "part": "missing",
    }
    assert decisions.attendance_problems(came, in_two_parts=False) == {"joined_by": "missing"}
    away = AttendanceAnswer(attended=False, part=None, joined_by=None)
    assert decisions.attendance_problems(away, in_two_parts=True) == {}


# --- SMART actions ------------------------------------------------------------------------


def test_an_action_with_all_four_parts_is_smart():
    assert decisions.action_problems(SMART, TODAY, review_on=date(2027, 6, 1)) == {}


def test_every_part_is_needed():
    assert decisions.action_problems(ActionDraft(what="x"), TODAY, None) == {
        "who": "missing",
        "by_when": "missing",
        "how_we_will_know": "missing",
    }


@pytest.mark.parametrize("who", ["everyone", "All agencies", "TBC", "the family", "n/a"])
def test_who_must_name_a_person_or_a_role(who):
    action = ActionDraft(SMART.what, who, SMART.by_when, SMART.how_we_will_know)
    assert decisions.action_problems(action, TODAY, None) == {"who": "vague"}


@pytest.mark.parametrize("who", ["Priya Patel", "the social worker", "Mum", "School nurse"])
def test_a_named_person_or_role_is_enough(who):
    action = ActionDraft(SMART.what, who, SMART.by_when, SMART.how_we_will_know)
    assert decisions.action_problems(action, TODAY, None) == {}


@pytest.mark.parametrize(
    ("by_when", "code"),
    [
        (TODAY, "not_future"),
        (TODAY - timedelta(days=3), "not_future"),
        (date(2027, 7, 1), "after_review"),
    ],
)
def test_by_when_is_in_the_future_and_not_after_the_review(by_when, code):
    action = ActionDraft(SMART.what, SMART.who, by_when, SMART.how_we_will_know)
    assert decisions.action_problems(action, TODAY, review_on=date(2027, 6, 1)) == {"by_when": code}


def test_the_review_day_itself_is_allowed():
    action = ActionDraft(SMART.what, SMART.who, date(2027, 6, 1), SMART.how_we_will_know)
    assert decisions.action_problems(action, TODAY, review_on=date(2027, 6, 1)) == {}


@pytest.mark.parametrize("sign", ["ongoing monitoring", "Monitoring.", "done", "improvement"])
def test_how_we_will_know_is_a_concrete_sign(sign):
    action = ActionDraft(SMART.what, SMART.who, SMART.by_when, sign)
    assert decisions.action_problems(action, TODAY, None) == {"how_we_will_know": "vague"}


def test_blank_rows_are_ignored_and_others_are_checked_by_position():
    rows = [SMART, ActionDraft(), ActionDraft(what="Visit", who="everyone")]
    found = decisions.actions_problems(rows, TODAY, None)
    assert list(found) == [2]
    assert found[2]["who"] == "vague"


# --- Dates against the council's timescales ------------------------------------------------


def _limits(policy_key: str, kind: str, held: datetime) -> DateLimits:
    facts = ConferenceFacts(kind=kind, start=held - timedelta(hours=2), ended=held)
    deadlines = compute_deadlines(load_policy(policy_key), facts, WorkingCalendar())
    return decisions.date_limits(held.date(), deadlines)


def test_the_limits_count_from_the_day_it_was_really_held():
    limits = _limits("wakefield", "initial", NOW)
    # Wakefield: first core group within 10 working days; first review within 3 months.
    assert limits.first_core_group_by == date(2027, 3, 24)
    assert limits.review_by == date(2027, 6, 10)


def test_a_review_meeting_limits_the_next_review():
    limits = _limits("england", "review", NOW)
    assert limits.first_core_group_by is None
    assert limits.review_by == date(2027, 9, 10)


def test_dates_later_than_the_policy_allows_are_refused():
    limits = DateLimits(TODAY, date(2027, 3, 24), date(2027, 6, 10))
    assert decisions.date_problems(date(2027, 3, 25), date(2027, 6, 11), limits) == {
        "first_core_group_on": "too_late",
        "review_on": "too_late",
    }
    assert decisions.date_problems(date(2027, 3, 24), date(2027, 6, 10), limits) == {}


def test_dates_before_the_meeting_are_refused():
    limits = DateLimits(TODAY, None, None)
    assert decisions.date_problems(date(2027, 3, 9), TODAY, limits) == {
        "first_core_group_on": "before_meeting",
        "review_on": "before_meeting",
    }


def test_the_review_comes_after_the_first_core_group():
    limits = DateLimits(TODAY, None, None)
    problems = decisions.date_problems(date(2027, 4, 1), date(2027, 3, 30), limits)
    assert problems == {"review_on": "before_core_group"}


# --- A complete decision --------------------------------------------------------------------

LIMITS = DateLimits(TODAY, date(2027, 3, 24), date(2027, 6, 10))
PLAN = DecisionDraft(
    outcome=Outcome.CHILD_PROTECTION_PLAN,
    category="neglect",
    reasons="The meeting heard that the children often go without food.",
    actions=(SMART,),
    contingency_plan="If things get worse, the social worker visits that day.",
    visiting_frequency="Every 10 working days",
    core_group_members=("Amira Khan, mother",),
    first_core_group_on=date(2027, 3, 20),
    review_on=date(2027, 6, 1),
    family_summary="Maya will have a plan to keep her safe.",
)


def _complete(draft: DecisionDraft, kind=ConferenceKind.INITIAL) -> dict:
    return decisions.problems_before_complete(draft, kind, TODAY, LIMITS)


def test_a_full_plan_can_be_marked_complete():
    assert _complete(PLAN) == {}


def test_a_child_protection_plan_needs_its_category():
    from dataclasses import replace

    assert _complete(replace(PLAN, category=None)) == {"category": "missing"}


def test_a_plan_needs_actions_and_the_rest_of_the_plan():
    problems = _complete(
        DecisionDraft(
            outcome=Outcome.CHILD_IN_NEED_PLAN,
            reasons="x",
            family_summary="y",
        )
    )
    assert set(problems) == {
        "no_actions",
        "contingency_plan",
        "visiting_frequency",
        "core_group_members",
        "first_core_group_on",
        "review_on",
    }


@pytest.mark.parametrize("outcome", [Outcome.EARLY_HELP, Outcome.NO_PLAN])
def test_an_outcome_without_a_plan_needs_no_actions_or_core_group(outcome):
    draft = DecisionDraft(outcome=outcome, reasons="x", family_summary="y")
    assert _complete(draft) == {}


def test_a_plan_ends_only_at_a_review_and_says_why():
    ended = DecisionDraft(outcome=Outcome.PLAN_ENDED, reasons="x", family_summary="y")
    assert _complete(ended, ConferenceKind.REVIEW) == {"plan_ended_reason": "missing"}
    assert _complete(ended, ConferenceKind.INITIAL)["outcome"] == "plan_ended_not_review"
    assert Outcome.PLAN_ENDED not in decisions.outcomes_for(ConferenceKind.INITIAL)
    assert Outcome.PLAN_ENDED in decisions.outcomes_for(ConferenceKind.REVIEW)


def test_the_words_for_the_family_are_always_needed_and_the_childs_when_chosen():
    from dataclasses import replace

    assert _complete(replace(PLAN, family_summary=""))["family_summary"] == "missing"
    assert _complete(replace(PLAN, child_version_wanted=True))["child_summary"] == "missing"
    assert _complete(replace(PLAN, child_version_wanted=True, child_summary="You are safe.")) == {}


def test_an_agency_that_disagrees_needs_the_dissent_recorded():
    from dataclasses import replace

    views = (AgencyViewDraft("School", "We think no plan is needed", disagrees=True),)
    assert _complete(replace(PLAN, agency_views=views)) == {"dissent": "missing"}
    assert _complete(replace(PLAN, agency_views=views, dissent="The school dissents.")) == {}


def test_an_agency_view_names_the_agency_and_says_the_view():
    views = (AgencyViewDraft(agency="Health"), AgencyViewDraft())
    assert decisions.agency_view_problems(views) == {0: {"view": "missing"}}


def test_state_on_the_list():
    assert decisions.state_of(False, None) == "not_started"
    assert decisions.state_of(True, None) == "draft"
    assert decisions.state_of(True, NOW) == "complete"


# --- Words for a child ----------------------------------------------------------------------


def test_a_childs_words_are_easy_at_80():
    assert decisions.child_band(85.0) == "easy"
    assert decisions.child_band(75.0) == "fairly_hard"
    assert decisions.child_band(65.0) == "hard"
    assert decisions.child_band(None) is None


def test_long_sentences_are_counted():
    text = (
        "You are safe. Your mum and dad and your social worker and your teacher will all "
        "meet again in a few weeks to see how you are."
    )
    assert decisions.long_sentences(text) == 1
