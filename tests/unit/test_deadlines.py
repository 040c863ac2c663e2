"""The deadline engine: arithmetic, conference kinds, targets and statuses."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from types import MappingProxyType

import pytest
from babel.support import Translations

from portal.domain.deadlines import (
    LONDON,
    ConferenceFacts,
    Deadline,
    Policy,
    Rule,
    RuleOutcome,
    add_months,
    compute_deadlines,
    deadline_status,
    evaluate_rule,
    format_due,
    from_london_wall_time,
    latest_on_time,
    load_policy,
    to_json_dict,
)
from portal.domain.working_days import WorkingCalendar

ENGLAND_AND_WALES = WorkingCalendar("england-and-wales")


def london(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """A London wall-clock time as an aware moment."""
    return datetime(year, month, day, hour, minute, second, tzinfo=LONDON)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def facts(
    kind: str = "initial",
    start: datetime | None = None,
    ended: datetime | None = None,
    strategy: date | None = None,
) -> ConferenceFacts:
    return ConferenceFacts(
        kind=kind,
        start=start if start is not None else london(2027, 2, 11, 10, 0),
        ended=ended,
        strategy_discussion=strategy,
    )


def deadlines_for(
    policy_key: str,
    conference: ConferenceFacts,
    calendar: WorkingCalendar = ENGLAND_AND_WALES,
) -> dict[str, Deadline]:
    return compute_deadlines(load_policy(policy_key), conference, calendar)


def rule(kind: str, count: int | None = None, **changes: object) -> Rule:
    fields: dict[str, object] = {
        "duty": "minutes",
        "kind": kind,
        "count": count,
        "at": None,
        "anchor": "conference" if kind.endswith("before") else "conference_end",
        "conferences": frozenset(),
        "professional_duty": True,
        "portal_default": False,
        "source": "Test source",
        "note": "",
    }
    fields.update(changes)
    return Rule(**fields)  # type: ignore[arg-type]


def single_duty_policy(*rules: Rule) -> Policy:
    return Policy(
        key="test",
        name="Test",
        extends=None,
        duties=MappingProxyType({"minutes": rules}),
        own_duties=frozenset({"minutes"}),
    )


# ---------------------------------------------------------------------------
# Month arithmetic


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 3, 31), 3, date(2027, 6, 30)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2027, 12, 15), 1, date(2028, 1, 15)),
        (date(2027, 2, 11), 3, date(2027, 5, 11)),
        (date(2027, 3, 31), -1, date(2027, 2, 28)),
        (date(2027, 5, 15), 0, date(2027, 5, 15)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("kind", "conference_day", "duty", "due", "moved_from"),
    [
        # 31 August + 6 months is 29 February 2028, a Tuesday.
        ("review", date(2027, 8, 31), "next_review", date(2028, 2, 29), None),
        # 30 November 2026 + 3 months is Sunday 28 February 2027: back to Friday 26.
        ("initial", date(2026, 11, 30), "first_review", date(2027, 2, 26), date(2027, 2, 28)),
        # 31 January 2028 + 3 months is 30 April 2028 (a Sunday): back to Friday 28.
        ("initial", date(2028, 1, 31), "first_review", date(2028, 4, 28), date(2028, 4, 30)),
        ("review", date(2027, 2, 11), "next_review", date(2027, 8, 11), None),
    ],
)
def test_reviews_are_months_later_and_never_on_a_non_working_day(
    kind: str, conference_day: date, duty: str, due: date, moved_from: date | None
) -> None:
    start = datetime.combine(conference_day, time(10), tzinfo=LONDON)
    deadline = deadlines_for("england", facts(kind, start))[duty]
    assert deadline.kind == "date"
    assert deadline.due == due
    assert deadline.moved_from == moved_from


# ---------------------------------------------------------------------------
# Working days and calendar days before the conference


@pytest.mark.parametrize(
    ("policy_key", "kind", "conference", "duty", "due"),
    [
        # Thursday conference, 2 working days before: Tuesday.
        ("england", "initial", london(2027, 2, 11, 10), "reports_to_family", date(2027, 2, 9)),
        ("england", "review", london(2027, 2, 11, 10), "reports_to_chair", date(2027, 2, 9)),
        # Tuesday after Easter Monday: back past the bank holiday weekend.
        ("england", "initial", london(2027, 3, 30, 10), "reports_to_family", date(2027, 3, 24)),
        ("doncaster", "initial", london(2027, 2, 11, 10), "reports_to_chair", date(2027, 2, 9)),
        ("doncaster", "review", london(2027, 2, 11, 10), "reports_to_chair", date(2027, 2, 4)),
        ("wakefield", "initial", london(2027, 2, 11, 10), "reports_to_chair", date(2027, 2, 10)),
        ("wakefield", "review", london(2027, 2, 11, 10), "reports_to_chair", date(2027, 2, 9)),
        ("wakefield", "review", london(2027, 2, 15, 10), "reports_to_family", date(2027, 2, 11)),
        # Wakefield initial: 2 calendar days. Thursday gives Tuesday ...
        ("wakefield", "initial", london(2027, 2, 11, 10), "reports_to_family", date(2027, 2, 9)),
        # ... a Monday conference gives Saturday, moved back to Friday ...
        ("wakefield", "initial", london(2027, 2, 15, 10), "reports_to_family", date(2027, 2, 12)),
        # ... and a Tuesday conference gives Sunday, also moved back to Friday.
        ("wakefield", "initial", london(2027, 2, 16, 10), "reports_to_family", date(2027, 2, 12)),
        # Middlesbrough: 3 calendar days. Wednesday gives Sunday, moved back to Friday.
        (
            "middlesbrough",
            "initial",
            london(2027, 2, 17, 10),
            "reports_to_family",
            date(2027, 2, 12),
        ),
        (
            "middlesbrough",
            "review",
            london(2027, 2, 11, 10),
            "reports_to_family",
            date(2027, 2, 8),
        ),
        # Thursday after Easter: 3 days back is Easter Monday, so Thursday before Easter.
        (
            "middlesbrough",
            "initial",
            london(2027, 4, 1, 10),
            "reports_to_family",
            date(2027, 3, 25),
        ),
    ],
)
def test_days_before_the_conference(
    policy_key: str, kind: str, conference: datetime, duty: str, due: date
) -> None:
    deadline = deadlines_for(policy_key, facts(kind, conference))[duty]
    assert deadline.kind == "date"
    assert deadline.due == due


def test_a_professional_due_date_on_a_sunday_moves_back_to_friday() -> None:
    deadline = deadlines_for("middlesbrough", facts("initial", london(2027, 2, 17, 10)))[
        "reports_to_family"
    ]
    assert deadline.moved_from == date(2027, 2, 14)
    assert deadline.moved_from.weekday() == 6
    assert deadline.due == date(2027, 2, 12)
    assert deadline.due.weekday() == 4


def test_a_date_for_someone_other_than_professionals_does_not_move() -> None:
    family_rule = rule("calendar_days_before", 3, professional_duty=False)
    outcome = evaluate_rule(family_rule, facts(start=london(2027, 2, 17, 10)), ENGLAND_AND_WALES)
    assert outcome is not None
    assert outcome.due == date(2027, 2, 14)
    assert outcome.moved_from is None


def test_the_conference_date_is_the_london_date_whatever_the_input_zone() -> None:
    # 23:30 UTC on Thursday 10 June 2027 is 00:30 on Friday 11 June in London.
    start = utc(2027, 6, 10, 23, 30)
    deadline = deadlines_for("england", facts(start=start))["reports_to_family"]
    assert deadline.due == date(2027, 6, 9)

    other_zone = datetime(2027, 6, 11, 4, 30, tzinfo=timezone(timedelta(hours=5)))
    assert deadlines_for("england", facts(start=other_zone)) == deadlines_for(
        "england", facts(start=start)
    )


# ---------------------------------------------------------------------------
# "2pm the day before"


@pytest.mark.parametrize(
    ("conference", "due"),
    [
        # Monday conference: 14:00 on the Friday before (GMT, so 14:00 UTC).
        (london(2027, 2, 15, 10), utc(2027, 2, 12, 14)),
        # Thursday conference: Wednesday 14:00.
        (london(2027, 2, 11, 10), utc(2027, 2, 10, 14)),
        # Tuesday after Easter Monday: Thursday before Good Friday.
        (london(2027, 3, 30, 10), utc(2027, 3, 25, 14)),
        # Summer time: 14:00 BST is 13:00 UTC.
        (london(2027, 6, 7, 10), utc(2027, 6, 4, 13)),
        # Monday 29 March 2027, just after the clocks go forward: Thursday 25th is GMT.
        (london(2027, 3, 29, 10), utc(2027, 3, 25, 14)),
    ],
)
def test_two_pm_on_the_previous_working_day(conference: datetime, due: datetime) -> None:
    deadline = deadlines_for("middlesbrough", facts(start=conference))["reports_to_chair"]
    assert deadline.kind == "moment"
    assert isinstance(deadline.due, datetime)
    assert deadline.due == due
    assert deadline.due.tzinfo is UTC
    assert deadline.due.astimezone(LONDON).time() == time(14, 0)
    assert deadline.rule == "by 14:00 on the working day before the meeting"


# ---------------------------------------------------------------------------
# Real elapsed hours across clock changes


@pytest.mark.parametrize(
    ("ended", "due_utc", "due_london_wall"),
    [
        # Saturday 27 March 2027 10:00 GMT + 24 hours = Sunday 11:00 BST (clocks went forward).
        (london(2027, 3, 27, 10), utc(2027, 3, 28, 10), (2027, 3, 28, 11)),
        # Saturday 30 October 2027 10:00 BST + 24 hours = Sunday 09:00 GMT (clocks went back).
        (london(2027, 10, 30, 10), utc(2027, 10, 31, 9), (2027, 10, 31, 9)),
        # No clock change: same wall time the next day.
        (london(2027, 2, 11, 12), utc(2027, 2, 12, 12), (2027, 2, 12, 12)),
        (london(2027, 7, 1, 12), utc(2027, 7, 2, 11), (2027, 7, 2, 12)),
    ],
)
def test_hours_after_are_real_elapsed_hours(
    ended: datetime, due_utc: datetime, due_london_wall: tuple[int, int, int, int]
) -> None:
    conference = facts(start=ended - timedelta(hours=2), ended=ended)
    deadline = deadlines_for("england", conference)["decision_to_family"]
    assert deadline.kind == "moment"
    assert isinstance(deadline.due, datetime)
    assert deadline.due == due_utc
    assert deadline.due.tzinfo is UTC
    assert deadline.due.astimezone(LONDON).replace(tzinfo=None) == datetime(*due_london_wall)
    assert deadline.due - ended.astimezone(UTC) == timedelta(hours=24)


@pytest.mark.parametrize(
    ("start", "due_utc", "due_london_wall"),
    [
        # Sunday 28 March 2027 12:00 BST - 24 hours = Saturday 11:00 GMT.
        (london(2027, 3, 28, 12), utc(2027, 3, 27, 11), (2027, 3, 27, 11)),
        # Sunday 31 October 2027 12:00 GMT - 24 hours = Saturday 13:00 BST.
        (london(2027, 10, 31, 12), utc(2027, 10, 30, 12), (2027, 10, 30, 13)),
        # Dorset, Thursday 10:00 GMT: Wednesday 10:00.
        (london(2027, 2, 11, 10), utc(2027, 2, 10, 10), (2027, 2, 10, 10)),
    ],
)
def test_hours_before_are_real_elapsed_hours(
    start: datetime, due_utc: datetime, due_london_wall: tuple[int, int, int, int]
) -> None:
    for duty in ("reports_to_family", "reports_to_chair"):
        deadline = deadlines_for("dorset", facts(start=start))[duty]
        assert deadline.kind == "moment"
        assert isinstance(deadline.due, datetime)
        assert deadline.due == due_utc
        assert deadline.due.astimezone(LONDON).replace(tzinfo=None) == datetime(*due_london_wall)
        assert deadline.rule == "24 hours before the meeting starts"


def test_after_the_conference_counts_from_the_start_until_the_end_is_known() -> None:
    start = london(2027, 2, 11, 10)
    without_end = deadlines_for("england", facts(start=start))["decision_to_family"]
    with_end = deadlines_for("england", facts(start=start, ended=london(2027, 2, 11, 12, 30)))
    assert without_end.due == utc(2027, 2, 12, 10)
    assert with_end["decision_to_family"].due == utc(2027, 2, 12, 12, 30)


def test_working_days_after_count_from_the_day_the_conference_ended() -> None:
    # A conference that runs past midnight ends on the Friday.
    late = facts(start=london(2027, 2, 11, 22), ended=london(2027, 2, 12, 0, 30))
    assert deadlines_for("england", late)["plan_to_core_group"].due == date(2027, 2, 16)
    on_time = facts(start=london(2027, 2, 11, 10), ended=london(2027, 2, 11, 12))
    assert deadlines_for("england", on_time)["plan_to_core_group"].due == date(2027, 2, 15)


# ---------------------------------------------------------------------------
# Several rules for one duty


def test_dorset_decision_targets_the_earlier_rule_and_shows_both() -> None:
    conference = facts(start=london(2027, 2, 11, 10), ended=london(2027, 2, 11, 12))
    deadline = deadlines_for("dorset", conference)["decision_to_family"]
    assert deadline.key == "decision_to_family"
    assert deadline.kind == "moment"
    assert deadline.due == utc(2027, 2, 12, 12)
    assert deadline.rule == "within 24 hours of the end of the meeting (parents who did not attend)"
    assert deadline.source == "Dorset chairing standards 4.1"
    assert deadline.alternatives == (
        RuleOutcome(
            due=date(2027, 2, 12),
            kind="date",
            rule=(
                "within 1 working day of the meeting "
                "(decision and plan to parents and professionals)"
            ),
            source="Dorset chairing standards 4.3",
            portal_default=False,
        ),
    )


def test_dorset_decision_on_a_friday_targets_saturday_and_keeps_monday() -> None:
    conference = facts(start=london(2027, 2, 12, 10), ended=london(2027, 2, 12, 12))
    deadline = deadlines_for("dorset", conference)["decision_to_family"]
    assert deadline.due == utc(2027, 2, 13, 12)
    assert [item.due for item in deadline.alternatives] == [date(2027, 2, 15)]


def test_a_date_wins_when_it_ends_before_the_moment() -> None:
    # 72 hours after Thursday noon is Sunday noon; 1 working day is the end of Friday.
    policy = single_duty_policy(rule("hours_after", 72), rule("working_days_after", 1))
    conference = facts(start=london(2027, 2, 11, 10), ended=london(2027, 2, 11, 12))
    deadline = compute_deadlines(policy, conference, ENGLAND_AND_WALES)["minutes"]
    assert deadline.kind == "date"
    assert deadline.due == date(2027, 2, 12)
    assert [item.due for item in deadline.alternatives] == [utc(2027, 2, 14, 12)]


def test_a_date_counts_until_the_end_of_its_day() -> None:
    # 36 hours after Thursday 12:00 is Saturday 00:00, after the end of Friday.
    policy = single_duty_policy(rule("hours_after", 36), rule("working_days_after", 1))
    conference = facts(start=london(2027, 2, 11, 10), ended=london(2027, 2, 11, 12))
    assert compute_deadlines(policy, conference, ENGLAND_AND_WALES)["minutes"].due == date(
        2027, 2, 12
    )
    # 35 hours is Friday 23:00, before the end of Friday: the moment is the target.
    policy = single_duty_policy(rule("hours_after", 35), rule("working_days_after", 1))
    assert compute_deadlines(policy, conference, ENGLAND_AND_WALES)["minutes"].due == utc(
        2027, 2, 12, 23
    )


def test_on_a_tie_the_first_rule_in_the_file_is_the_target() -> None:
    first = rule("working_days_after", 1, source="First")
    second = rule("calendar_days_after", 1, source="Second")
    conference = facts(start=london(2027, 2, 11, 10))
    deadline = compute_deadlines(single_duty_policy(first, second), conference, ENGLAND_AND_WALES)
    assert deadline["minutes"].source == "First"
    assert [item.source for item in deadline["minutes"].alternatives] == ["Second"]


# ---------------------------------------------------------------------------
# Which duties a conference has


INITIAL_DUTIES = [
    "icpc_by",
    "reports_to_family",
    "reports_to_chair",
    "decision_to_family",
    "plan_to_core_group",
    "first_core_group",
    "minutes",
    "first_review",
]
REVIEW_DUTIES = [
    "reports_to_family",
    "reports_to_chair",
    "decision_to_family",
    "plan_to_core_group",
    "minutes",
    "next_review",
]


@pytest.mark.parametrize(
    ("kind", "strategy", "duties"),
    [
        ("initial", date(2027, 1, 25), INITIAL_DUTIES),
        ("pre_birth", date(2027, 1, 25), INITIAL_DUTIES),
        ("initial", None, INITIAL_DUTIES[1:]),
        # A transfer-in conference counts from the move, not a strategy discussion.
        ("transfer_in", date(2027, 1, 25), INITIAL_DUTIES[1:]),
        ("review", date(2027, 1, 25), REVIEW_DUTIES),
        ("review", None, REVIEW_DUTIES),
    ],
)
def test_duties_by_conference_kind(kind: str, strategy: date | None, duties: list[str]) -> None:
    assert list(deadlines_for("england", facts(kind, strategy=strategy))) == duties


def test_icpc_within_15_working_days_of_the_strategy_discussion() -> None:
    deadline = deadlines_for("wakefield", facts(strategy=date(2027, 1, 25)))["icpc_by"]
    assert deadline.due == date(2027, 2, 15)
    assert deadline.rule == "within 15 working days of the strategy discussion"
    # Over Christmas 2027 the substitute bank holidays push it into the new year.
    christmas = deadlines_for("england", facts(strategy=date(2027, 12, 13)))["icpc_by"]
    assert christmas.due == date(2028, 1, 6)


@pytest.mark.parametrize(
    ("policy_key", "kind", "duty", "due"),
    [
        # Doncaster chair reports: initial 2 working days, review 5.
        ("doncaster", "initial", "reports_to_chair", date(2027, 2, 9)),
        ("doncaster", "pre_birth", "reports_to_chair", date(2027, 2, 9)),
        ("doncaster", "transfer_in", "reports_to_chair", date(2027, 2, 9)),
        ("doncaster", "review", "reports_to_chair", date(2027, 2, 4)),
        # Middlesbrough minutes: initial 10 working days, review 20.
        ("middlesbrough", "initial", "minutes", date(2027, 2, 25)),
        ("middlesbrough", "transfer_in", "minutes", date(2027, 2, 25)),
        ("middlesbrough", "review", "minutes", date(2027, 3, 11)),
        ("middlesbrough", "initial", "plan_to_core_group", date(2027, 2, 25)),
        ("middlesbrough", "review", "plan_to_core_group", date(2027, 3, 11)),
        ("wakefield", "initial", "minutes", date(2027, 3, 4)),
        ("wakefield", "initial", "first_core_group", date(2027, 2, 25)),
        ("bath-ne-somerset", "initial", "plan_to_core_group", date(2027, 2, 15)),
        ("dorset", "initial", "plan_to_core_group", date(2027, 2, 12)),
        ("dorset", "review", "minutes", date(2027, 3, 11)),
        ("doncaster", "transfer_in", "first_review", date(2027, 5, 11)),
        ("doncaster", "review", "next_review", date(2027, 8, 11)),
    ],
)
def test_authority_timescales_for_a_thursday_conference(
    policy_key: str, kind: str, duty: str, due: date
) -> None:
    assert deadlines_for(policy_key, facts(kind))[duty].due == due


@pytest.mark.parametrize(
    ("conference_day", "due"),
    [
        (date(2027, 2, 11), date(2027, 2, 12)),  # Thursday: Friday
        (date(2027, 2, 12), date(2027, 2, 12)),  # Friday: Saturday, moved back to Friday
        (date(2027, 3, 25), date(2027, 3, 25)),  # before Good Friday
    ],
)
def test_middlesbrough_outcome_within_one_calendar_day(conference_day: date, due: date) -> None:
    start = datetime.combine(conference_day, time(10), tzinfo=LONDON)
    assert deadlines_for("middlesbrough", facts(start=start))["decision_to_family"].due == due


def test_closure_days_move_deadlines() -> None:
    conference = facts(start=london(2028, 1, 5, 10))
    closed = WorkingCalendar(
        "england-and-wales", [date(2027, 12, 29), date(2027, 12, 30), date(2027, 12, 31)]
    )
    assert deadlines_for("england", conference)["reports_to_family"].due == date(2027, 12, 31)
    assert deadlines_for("england", conference, closed)["reports_to_family"].due == date(
        2027, 12, 24
    )


def test_scottish_bank_holidays_apply_to_a_scottish_calendar() -> None:
    conference = facts(start=london(2027, 12, 1, 10))
    scotland = WorkingCalendar("scotland")
    assert deadlines_for("england", conference)["reports_to_family"].due == date(2027, 11, 29)
    assert deadlines_for("england", conference, scotland)["reports_to_family"].due == date(
        2027, 11, 26
    )


def test_portal_defaults_are_flagged() -> None:
    deadlines = deadlines_for("england", facts(strategy=date(2027, 1, 25)))
    flagged = {key for key, deadline in deadlines.items() if deadline.portal_default}
    assert flagged == {
        "reports_to_family",
        "reports_to_chair",
        "plan_to_core_group",
        "first_core_group",
        "minutes",
    }
    assert all(deadlines[key].source == "Portal default (no national timescale)" for key in flagged)


# ---------------------------------------------------------------------------
# Rule descriptions


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        (rule("working_days_before", 2), "2 working days before the meeting"),
        (rule("working_days_before", 1), "1 working day before the meeting"),
        (rule("calendar_days_before", 3), "3 days before the meeting"),
        (rule("hours_before", 24), "24 hours before the meeting starts"),
        (rule("working_days_after", 20), "within 20 working days of the meeting"),
        (rule("calendar_days_after", 1), "within 1 day of the meeting"),
        (rule("hours_after", 24), "within 24 hours of the end of the meeting"),
        (
            rule("hours_after", 24, anchor="conference"),
            "within 24 hours of the start of the meeting",
        ),
        (rule("months_after", 3), "within 3 months of the meeting"),
        (
            rule("working_days_after", 15, anchor="strategy_discussion"),
            "within 15 working days of the strategy discussion",
        ),
        (
            rule("time_on_previous_working_day", at=time(14)),
            "by 14:00 on the working day before the meeting",
        ),
        (
            rule("working_days_after", 2, note="plan to everyone invited"),
            "within 2 working days of the meeting (plan to everyone invited)",
        ),
    ],
)
def test_rule_descriptions(subject: Rule, text: str) -> None:
    assert subject.describe() == text


def welsh() -> Translations:
    folder = Path(__file__).resolve().parents[2] / "translations"
    return Translations.load(str(folder), ["cy"])


def test_dorsets_two_decision_rules_read_differently_in_every_language() -> None:
    # Dorset 4.1 and 4.3: one for parents who did not attend, one for everyone; the page's
    # describer used to drop the note, so both read "within 24 hours"/"1 working day" alone.
    first, second = load_policy("dorset").rules_for("decision_to_family")
    assert first.describe(welsh()) == (
        "o fewn 24 awr ar ôl i'r cyfarfod orffen (rhieni na ddaeth i'r cyfarfod)"
    )
    assert second.describe(welsh()) == (
        "o fewn 1 diwrnod gwaith ar ôl y cyfarfod "
        "(y penderfyniad a'r cynllun i rieni a gweithwyr proffesiynol)"
    )


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        (rule("hours_after", 2, anchor="conference"), "o fewn 2 awr ar ôl i'r cyfarfod ddechrau"),
        (rule("hours_after", 2), "o fewn 2 awr ar ôl i'r cyfarfod orffen"),
        (
            rule("months_after", 2, anchor="strategy_discussion"),
            "o fewn 2 fis ar ôl y drafodaeth strategaeth",
        ),
        (
            rule("calendar_days_after", 3, anchor="strategy_discussion"),
            "o fewn 3 diwrnod ar ôl y drafodaeth strategaeth",
        ),
    ],
)
def test_the_translated_description_follows_the_rules_anchor(subject: Rule, text: str) -> None:
    assert subject.describe(welsh()) == text


# ---------------------------------------------------------------------------
# Conference facts and time helpers


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "final"}, "unknown conference kind 'final'"),
        ({"start": datetime(2027, 2, 11, 10)}, "start must carry a time zone"),
        (
            {"start": london(2027, 2, 11, 10), "ended": datetime(2027, 2, 11, 12)},
            "ended must carry a time zone",
        ),
        (
            {"start": london(2027, 2, 11, 10), "ended": london(2027, 2, 11, 9)},
            "cannot end before it starts",
        ),
    ],
)
def test_conference_facts_are_checked(changes: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {"kind": "initial", "start": london(2027, 2, 11, 10)}
    arguments.update(changes)
    with pytest.raises(ValueError, match=message):
        ConferenceFacts(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("wall", "expected"),
    [
        (datetime(2027, 2, 11, 10), utc(2027, 2, 11, 10)),
        (datetime(2027, 7, 1, 10), utc(2027, 7, 1, 9)),
        # 01:30 on 31 October 2027 happens twice; the first (summer time) is taken.
        (datetime(2027, 10, 31, 1, 30), utc(2027, 10, 31, 0, 30)),
        (utc(2027, 3, 28, 1, 30), utc(2027, 3, 28, 1, 30)),
    ],
)
def test_from_london_wall_time(wall: datetime, expected: datetime) -> None:
    moment = from_london_wall_time(wall)
    assert moment == expected
    assert moment.tzinfo is UTC


def test_a_wall_time_skipped_by_the_clocks_is_refused() -> None:
    with pytest.raises(ValueError, match="does not exist in London"):
        from_london_wall_time(datetime(2027, 3, 28, 1, 30))


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2027, 2, 9), datetime(2027, 2, 9, 23, 59, 59, 999999, tzinfo=UTC)),
        (date(2027, 6, 9), datetime(2027, 6, 9, 22, 59, 59, 999999, tzinfo=UTC)),
        # The day the clocks go back is 25 hours long and still ends at midnight London.
        (date(2027, 10, 31), datetime(2027, 10, 31, 23, 59, 59, 999999, tzinfo=UTC)),
        (london(2027, 6, 9, 14), utc(2027, 6, 9, 13)),
    ],
)
def test_latest_on_time(due: date, expected: datetime) -> None:
    assert latest_on_time(due) == expected


# ---------------------------------------------------------------------------
# Status


DATE_DEADLINE = RuleOutcome(
    due=date(2027, 2, 9), kind="date", rule="r", source="s", portal_default=False
)
SUMMER_DATE_DEADLINE = RuleOutcome(
    due=date(2027, 6, 9), kind="date", rule="r", source="s", portal_default=False
)
MOMENT_DEADLINE = RuleOutcome(
    due=utc(2027, 2, 12, 12), kind="moment", rule="r", source="s", portal_default=False
)
MICROSECOND = timedelta(microseconds=1)


@pytest.mark.parametrize(
    ("deadline", "done_at", "now", "status"),
    [
        # Done in time, however late "now" is.
        (DATE_DEADLINE, london(2027, 2, 9, 23, 30), london(2027, 3, 1, 9), "met"),
        (DATE_DEADLINE, london(2027, 2, 1, 9), london(2027, 2, 2, 9), "met"),
        # Done after the due day.
        (DATE_DEADLINE, london(2027, 2, 10, 0, 0, 1), london(2027, 2, 10, 9), "done_late"),
        # Not done yet.
        (DATE_DEADLINE, None, london(2027, 2, 10, 0, 0), "missed"),
        (DATE_DEADLINE, None, london(2027, 2, 9, 22), "due_soon"),
        (DATE_DEADLINE, None, london(2027, 2, 8, 9), "due_soon"),
        (DATE_DEADLINE, None, london(2027, 2, 5, 9), "upcoming"),
        # Exactly two days before the end of the due day is still "due soon".
        (DATE_DEADLINE, None, latest_on_time(date(2027, 2, 9)) - timedelta(days=2), "due_soon"),
        (
            DATE_DEADLINE,
            None,
            latest_on_time(date(2027, 2, 9)) - timedelta(days=2) - MICROSECOND,
            "upcoming",
        ),
        # Summer: the day ends at 23:00 UTC.
        (SUMMER_DATE_DEADLINE, utc(2027, 6, 9, 22, 30), utc(2027, 6, 20), "met"),
        (SUMMER_DATE_DEADLINE, utc(2027, 6, 9, 23, 30), utc(2027, 6, 20), "done_late"),
        # A moment: on the dot is in time, a microsecond later is not.
        (MOMENT_DEADLINE, utc(2027, 2, 12, 12), utc(2027, 2, 13), "met"),
        (MOMENT_DEADLINE, utc(2027, 2, 12, 12) + MICROSECOND, utc(2027, 2, 13), "done_late"),
        (MOMENT_DEADLINE, None, utc(2027, 2, 12, 12) + MICROSECOND, "missed"),
        (MOMENT_DEADLINE, None, utc(2027, 2, 12, 11), "due_soon"),
        (MOMENT_DEADLINE, None, utc(2027, 2, 1), "upcoming"),
    ],
)
def test_deadline_status(
    deadline: RuleOutcome, done_at: datetime | None, now: datetime, status: str
) -> None:
    assert deadline_status(deadline, done_at, now) == status


def test_deadline_status_with_a_longer_due_soon_window() -> None:
    now = london(2027, 2, 5, 9)
    assert deadline_status(DATE_DEADLINE, None, now) == "upcoming"
    assert deadline_status(DATE_DEADLINE, None, now, due_soon=timedelta(days=7)) == "due_soon"


def test_deadline_status_needs_aware_times() -> None:
    with pytest.raises(ValueError, match="now must carry a time zone"):
        deadline_status(DATE_DEADLINE, None, datetime(2027, 2, 5, 9))
    with pytest.raises(ValueError, match="done_at must carry a time zone"):
        deadline_status(DATE_DEADLINE, datetime(2027, 2, 5, 9), london(2027, 2, 5, 9))


def test_deadline_status_accepts_a_computed_deadline() -> None:
    deadline = deadlines_for("england", facts())["reports_to_family"]
    assert deadline_status(deadline, None, london(2027, 2, 9, 9)) == "due_soon"


# ---------------------------------------------------------------------------
# JSON form


def test_to_json_dict_has_exactly_the_agreed_shape() -> None:
    conference = facts(
        start=london(2027, 2, 11, 10),
        ended=london(2027, 2, 11, 12),
        strategy=date(2027, 1, 25),
    )
    policy = load_policy("dorset")
    result = to_json_dict(policy, compute_deadlines(policy, conference, ENGLAND_AND_WALES))
    assert set(result) == {"authority", "deadlines"}
    assert result["authority"] == "dorset"
    assert result["deadlines"]["decision_to_family"] == {
        "due": "2027-02-12T12:00:00+00:00",
        "kind": "moment",
        "rule": "within 24 hours of the end of the meeting (parents who did not attend)",
        "source": "Dorset chairing standards 4.1",
    }
    assert result["deadlines"]["minutes"] == {
        "due": "2027-03-11",
        "kind": "date",
        "rule": "within 20 working days of the meeting",
        "source": "Dorset chairing standards 4.7",
    }
    for entry in result["deadlines"].values():
        assert set(entry) == {"due", "kind", "rule", "source"}
    assert json.loads(json.dumps(result)) == result


def test_to_json_dict_accepts_a_key_and_writes_moments_in_utc() -> None:
    summer = facts(start=london(2027, 7, 1, 10), ended=london(2027, 7, 1, 12))
    result = to_json_dict("england", deadlines_for("england", summer))
    assert result["authority"] == "england"
    assert result["deadlines"]["decision_to_family"]["due"] == "2027-07-02T11:00:00+00:00"


@pytest.mark.parametrize(
    ("due", "text"),
    [
        (date(2027, 2, 9), "2027-02-09"),
        (utc(2027, 2, 12, 12), "2027-02-12T12:00:00+00:00"),
        (london(2027, 7, 2, 12), "2027-07-02T11:00:00+00:00"),
    ],
)
def test_format_due(due: date, text: str) -> None:
    assert format_due(due) == text
