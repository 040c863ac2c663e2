"""Working-day calendar: bank holidays of the three nations, closure days, counting."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings, strategies as st

from portal.domain.working_days import NATIONS, WorkingCalendar

ENGLAND = "england-and-wales"
SCOTLAND = "scotland"
NORTHERN_IRELAND = "northern-ireland"


@pytest.mark.parametrize(
    ("nation", "day", "working"),
    [
        # Ordinary weekdays and weekends.
        (ENGLAND, date(2027, 2, 11), True),  # Thursday
        (ENGLAND, date(2027, 2, 13), False),  # Saturday
        (ENGLAND, date(2027, 2, 14), False),  # Sunday
        # Christmas 2026: Boxing Day is a Saturday, so Monday 28 December is its substitute.
        (ENGLAND, date(2026, 12, 25), False),
        (ENGLAND, date(2026, 12, 28), False),
        (ENGLAND, date(2026, 12, 29), True),
        # Christmas 2027: 25 December is a Saturday and 26 a Sunday, so 27 and 28 are off.
        (ENGLAND, date(2027, 12, 24), True),
        (ENGLAND, date(2027, 12, 27), False),
        (ENGLAND, date(2027, 12, 28), False),
        (ENGLAND, date(2027, 12, 29), True),
        # New Year 2028: 1 January is a Saturday, substitute Monday 3 January.
        (ENGLAND, date(2028, 1, 3), False),
        (ENGLAND, date(2028, 1, 4), True),
        # Easter 2027: Good Friday 26 March and Easter Monday 29 March.
        (ENGLAND, date(2027, 3, 25), True),
        (ENGLAND, date(2027, 3, 26), False),
        (ENGLAND, date(2027, 3, 29), False),
        (ENGLAND, date(2027, 3, 30), True),
        (ENGLAND, date(2027, 8, 30), False),  # late summer bank holiday
        # Scotland: 2 January, St Andrew's Day, no Easter Monday, early August holiday.
        (SCOTLAND, date(2026, 1, 2), False),
        (ENGLAND, date(2026, 1, 2), True),
        (SCOTLAND, date(2027, 1, 4), False),  # 2 January 2027 is a Saturday
        (ENGLAND, date(2027, 1, 4), True),
        (SCOTLAND, date(2028, 1, 4), False),  # 1 and 2 January 2028 both at a weekend
        (SCOTLAND, date(2027, 11, 30), False),  # St Andrew's Day, a Tuesday
        (ENGLAND, date(2027, 11, 30), True),
        (SCOTLAND, date(2025, 12, 1), False),  # St Andrew's Day 2025 is a Sunday
        (ENGLAND, date(2025, 12, 1), True),
        (SCOTLAND, date(2030, 12, 2), False),  # St Andrew's Day 2030 is a Saturday
        (SCOTLAND, date(2027, 3, 29), True),  # Easter Monday is not a Scottish holiday
        (SCOTLAND, date(2027, 3, 26), False),  # Good Friday is
        (SCOTLAND, date(2027, 8, 2), False),
        (SCOTLAND, date(2027, 8, 30), True),
        # Northern Ireland: St Patrick's Day and the Battle of the Boyne.
        (NORTHERN_IRELAND, date(2027, 3, 17), False),
        (ENGLAND, date(2027, 3, 17), True),
        (NORTHERN_IRELAND, date(2027, 7, 12), False),
        (ENGLAND, date(2027, 7, 12), True),
        (NORTHERN_IRELAND, date(2026, 7, 13), False),  # 12 July 2026 is a Sunday
        (NORTHERN_IRELAND, date(2027, 3, 29), False),  # Easter Monday
        (NORTHERN_IRELAND, date(2027, 12, 28), False),
    ],
)
def test_is_working_day(nation: str, day: date, working: bool) -> None:
    assert WorkingCalendar(nation).is_working_day(day) is working


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        (date(2027, 2, 11), -2, date(2027, 2, 9)),  # Thursday, 2 back: Tuesday
        (date(2027, 2, 8), -1, date(2027, 2, 5)),  # Monday, 1 back: Friday
        (date(2027, 2, 8), -5, date(2027, 2, 1)),
        (date(2027, 2, 14), -1, date(2027, 2, 12)),  # from a Sunday
        (date(2027, 3, 30), -1, date(2027, 3, 25)),  # over Easter
        (date(2027, 3, 30), -2, date(2027, 3, 24)),
        (date(2027, 2, 11), 1, date(2027, 2, 12)),
        (date(2027, 2, 12), 1, date(2027, 2, 15)),  # Friday, 1 forward: Monday
        (date(2027, 2, 11), 10, date(2027, 2, 25)),
        (date(2027, 1, 25), 15, date(2027, 2, 15)),
        (date(2027, 3, 25), 1, date(2027, 3, 30)),
        (date(2027, 12, 24), 1, date(2027, 12, 29)),
        (date(2027, 12, 23), 2, date(2027, 12, 29)),
        (date(2027, 12, 31), 1, date(2028, 1, 4)),
        (date(2027, 2, 11), 0, date(2027, 2, 11)),
        (date(2027, 2, 13), 0, date(2027, 2, 13)),
    ],
)
def test_add_working_days_england(day: date, count: int, expected: date) -> None:
    assert WorkingCalendar(ENGLAND).add_working_days(day, count) == expected


@pytest.mark.parametrize(
    ("nation", "day", "count", "expected"),
    [
        (SCOTLAND, date(2027, 12, 1), -2, date(2027, 11, 26)),  # past St Andrew's Day
        (ENGLAND, date(2027, 12, 1), -2, date(2027, 11, 29)),
        (SCOTLAND, date(2027, 3, 25), 1, date(2027, 3, 29)),  # Easter Monday is worked
        (NORTHERN_IRELAND, date(2027, 3, 16), 1, date(2027, 3, 18)),
        (NORTHERN_IRELAND, date(2027, 7, 9), 1, date(2027, 7, 13)),
    ],
)
def test_add_working_days_other_nations(nation: str, day: date, count: int, expected: date) -> None:
    assert WorkingCalendar(nation).add_working_days(day, count) == expected


CHRISTMAS_CLOSURE = (date(2027, 12, 29), date(2027, 12, 30), date(2027, 12, 31))


@pytest.mark.parametrize(
    ("day", "count", "without_closure", "with_closure"),
    [
        (date(2027, 12, 24), 1, date(2027, 12, 29), date(2028, 1, 4)),
        (date(2028, 1, 5), -2, date(2027, 12, 31), date(2027, 12, 24)),
        (date(2027, 12, 22), 3, date(2027, 12, 29), date(2028, 1, 4)),
    ],
)
def test_closure_days_added_by_an_administrator(
    day: date, count: int, without_closure: date, with_closure: date
) -> None:
    assert WorkingCalendar(ENGLAND).add_working_days(day, count) == without_closure
    closed = WorkingCalendar(ENGLAND, CHRISTMAS_CLOSURE)
    assert closed.add_working_days(day, count) == with_closure
    assert all(not closed.is_working_day(day) for day in CHRISTMAS_CLOSURE)
    assert all(closed.is_closure_day(day) for day in CHRISTMAS_CLOSURE)
    assert not closed.is_bank_holiday(date(2027, 12, 30))


@pytest.mark.parametrize(
    ("day", "previous", "on_or_before"),
    [
        (date(2027, 2, 10), date(2027, 2, 9), date(2027, 2, 10)),  # Wednesday
        (date(2027, 2, 15), date(2027, 2, 12), date(2027, 2, 15)),  # Monday
        (date(2027, 2, 14), date(2027, 2, 12), date(2027, 2, 12)),  # Sunday
        (date(2027, 3, 29), date(2027, 3, 25), date(2027, 3, 25)),  # Easter Monday
        (date(2027, 12, 28), date(2027, 12, 24), date(2027, 12, 24)),
    ],
)
def test_previous_and_on_or_before_working_day(
    day: date, previous: date, on_or_before: date
) -> None:
    calendar = WorkingCalendar(ENGLAND)
    assert calendar.previous_working_day(day) == previous
    assert calendar.on_or_before_working_day(day) == on_or_before


def test_next_working_day() -> None:
    assert WorkingCalendar(ENGLAND).next_working_day(date(2027, 12, 24)) == date(2027, 12, 29)


def test_unknown_nation_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown nation 'wales'"):
        WorkingCalendar("wales")


def test_bank_holidays_are_looked_up_once_per_year() -> None:
    calendar = WorkingCalendar(ENGLAND)
    first = calendar.bank_holidays(2027)
    assert calendar.bank_holidays(2027) is first
    assert date(2027, 12, 27) in first
    assert all(day.year == 2027 for day in first)


days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
closures = st.lists(st.dates(min_value=date(2020, 1, 1), max_value=date(2036, 6, 30)), max_size=10)


@settings(database=None, deadline=None, max_examples=200)
@given(
    nation=st.sampled_from(NATIONS),
    day=days,
    count=st.integers(min_value=1, max_value=60),
    closure_days=closures,
)
def test_forward_then_back_returns_to_a_working_day_at_or_before_the_start(
    nation: str, day: date, count: int, closure_days: list[date]
) -> None:
    calendar = WorkingCalendar(nation, closure_days)
    forward = calendar.add_working_days(day, count)
    back = calendar.add_working_days(forward, -count)
    assert forward > day
    assert calendar.is_working_day(forward)
    assert calendar.is_working_day(back)
    assert back <= day
    assert back == calendar.on_or_before_working_day(day)
    if calendar.is_working_day(day):
        assert back == day


@settings(database=None, deadline=None, max_examples=200)
@given(nation=st.sampled_from(NATIONS), day=days, count=st.integers(min_value=1, max_value=40))
def test_counting_back_skips_exactly_the_non_working_days(
    nation: str, day: date, count: int
) -> None:
    calendar = WorkingCalendar(nation)
    back = calendar.add_working_days(day, -count)
    between = [back + timedelta(days=offset) for offset in range((day - back).days)]
    assert calendar.is_working_day(back)
    assert sum(calendar.is_working_day(item) for item in between) == count
