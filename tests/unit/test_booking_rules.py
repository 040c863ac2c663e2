"""Booking rules with no web page: times as people type them, impossible meetings, and how
early each council asks for invitations."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from portal.domain.booking import (
    ENDS_BEFORE_START,
    IN_THE_PAST,
    NO_PART_TWO,
    PART_TWO_OUTSIDE,
    invitation_advice,
    london_moment,
    parse_time,
    timing_problems,
)
from portal.domain.deadlines import PolicyError, load_policy, parse_policy
from portal.domain.working_days import WorkingCalendar

ENGLAND_AND_WALES = WorkingCalendar("england-and-wales", [])


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10:00", time(10, 0)),
        ("10.30", time(10, 30)),
        ("1000", time(10, 0)),
        ("9", time(9, 0)),
        ("2pm", time(14, 0)),
        ("2:30 pm", time(14, 30)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("noon", time(12, 0)),
        ("14:30", time(14, 30)),
    ],
)
def test_times_as_people_type_them(typed: str, expected: time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["", "25:00", "10:60", "13pm", "ten", "10:0x", "0pm"])
def test_what_is_not_a_time(typed: str) -> None:
    assert parse_time(typed) is None


def test_a_time_the_clocks_skip_does_not_exist() -> None:
    # 28 March 2027: the clocks go forward at 1am, so 1:30am never happens in London.
    assert london_moment(date(2027, 3, 28), time(1, 30)) is None
    assert london_moment(date(2027, 3, 29), time(10, 0)) == datetime(2027, 3, 29, 9, 0, tzinfo=UTC)


NOW = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
START = datetime(2027, 2, 10, 10, 0, tzinfo=UTC)
END = datetime(2027, 2, 10, 12, 0, tzinfo=UTC)


def codes(*args: object) -> set[tuple[str, str]]:
    return {(problem.field, problem.code) for problem in timing_problems(*args)}  # type: ignore[arg-type]


def test_a_good_meeting_has_no_problems() -> None:
    assert codes(START, END, True, datetime(2027, 2, 10, 11, 0, tzinfo=UTC), NOW) == set()


def test_problems_name_the_field_they_belong_to() -> None:
    assert codes(START, END, False, None, END) == {("day", IN_THE_PAST)}
    assert codes(START, START, False, None, NOW) == {("ends_at", ENDS_BEFORE_START)}
    assert codes(START, END, True, None, NOW) == {("part_two_at", NO_PART_TWO)}
    assert codes(START, END, True, END, NOW) == {("part_two_at", PART_TWO_OUTSIDE)}
    assert codes(START, END, True, START, NOW) == {("part_two_at", PART_TWO_OUTSIDE)}


def test_doncaster_asks_for_review_invitations_ten_working_days_ahead() -> None:
    doncaster = load_policy("doncaster")
    # Wednesday 10 February 2027: ten working days back is Wednesday 27 January.
    advice = invitation_advice(doncaster, "review", START, ENGLAND_AND_WALES, NOW)
    assert advice is not None
    assert advice.deadline.due == date(2027, 1, 27)
    assert advice.late
    early = invitation_advice(
        doncaster, "review", START, ENGLAND_AND_WALES, datetime(2027, 1, 20, tzinfo=UTC)
    )
    assert early is not None and not early.late
    # "At the earliest opportunity" for an initial conference: no number, so no advice.
    assert invitation_advice(doncaster, "initial", START, ENGLAND_AND_WALES, NOW) is None


def test_middlesbrough_asks_five_days_for_initial_conferences_and_no_rule_elsewhere() -> None:
    middlesbrough = load_policy("middlesbrough")
    advice = invitation_advice(middlesbrough, "initial", START, ENGLAND_AND_WALES, NOW)
    assert advice is not None
    assert advice.deadline.due == date(2027, 2, 5)
    assert not advice.late
    assert invitation_advice(middlesbrough, "review", START, ENGLAND_AND_WALES, NOW) is None
    for key in ("england", "dorset", "wakefield", "bath-ne-somerset"):
        assert load_policy(key).invitations == ()


def test_invitation_rules_inherit_as_a_whole_and_are_checked() -> None:
    own = parse_policy(
        "x",
        {
            "key": "x",
            "name": "X",
            "extends": "doncaster",
            "invitations": [
                {"kind": "working_days_before", "count": 5, "source": "X standards"},
            ],
        },
    )
    assert [rule.count for rule in own.invitations] == [5]
    inherited = parse_policy("y", {"key": "y", "name": "Y", "extends": "doncaster"})
    assert inherited.invitations == load_policy("doncaster").invitations
    with pytest.raises(PolicyError):
        parse_policy(
            "z",
            {
                "key": "z",
                "name": "Z",
                "invitations": [{"kind": "working_days_after", "count": 5, "source": "Z"}],
            },
        )
    with pytest.raises(PolicyError):
        parse_policy("z", {"key": "z", "name": "Z", "invitations": []})


def test_typed_times_become_london_moments_with_their_problems() -> None:
    from portal.domain.booking import meeting_times

    # 10 February 2027 is in winter: London is on UTC.
    times = meeting_times(date(2027, 2, 10), "10am", "12:00", True, "11", NOW)
    assert (times.starts_at, times.ends_at, times.part_two_at) == (
        START,
        END,
        datetime(2027, 2, 10, 11, 0, tzinfo=UTC),
    )
    assert times.problems == ()
    late = meeting_times(date(2027, 2, 10), "10:00", "9:00", False, "", NOW)
    assert [(p.field, p.code) for p in late.problems] == [("ends", ENDS_BEFORE_START)]
    skipped = meeting_times(date(2027, 3, 28), "1:30", "3:00", False, "", NOW)
    assert [(p.field, p.code) for p in skipped.problems] == [("starts", "no_such_time")]


def test_the_questions_follow_the_kind_of_conference() -> None:
    from portal.domain.booking import questions_for

    assert questions_for("initial") == ["kind", "children", "time", "place", "chair"]
    assert questions_for("review") == ["kind", "previous", "time", "place", "chair"]
    assert questions_for("transfer_in") == ["kind", "moved", "children", "time", "place", "chair"]


def test_a_draft_whose_day_has_passed_must_be_answered_again() -> None:
    from portal.domain.booking import unanswered

    answers = {
        "kind": "initial",
        "children": [{"first_name": "A", "last_name": "B", "born": "2016-01-01"}],
        "day": "2027-02-10",
        "starts": "10:00",
        "ends": "12:00",
        "two_parts": "no",
        "venue": "Room 1",
        "chair": "someone",
    }
    assert unanswered(answers, NOW) == []
    assert unanswered(answers, datetime(2027, 2, 11, tzinfo=UTC)) == ["time"]
    assert unanswered({"kind": "review"}, NOW) == ["previous", "time", "place", "chair"]


def test_councils_in_england_or_wales_keep_the_england_and_wales_calendar() -> None:
    from portal.domain.working_days import calendar_nation

    assert calendar_nation("wales") == "england-and-wales"
    assert calendar_nation("england") == "england-and-wales"
    assert calendar_nation("scotland") == "scotland"
    WorkingCalendar(calendar_nation("wales"))  # no longer "unknown nation"
