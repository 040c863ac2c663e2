"""Working-day calendar for child protection timescales.

A working day is Monday to Friday, not a bank holiday in the authority's nation and not a
local closure day the authority has added (DOMAIN.md, "Conventions for deadline
arithmetic"). Bank holidays come from the ``holidays`` package, which already applies the
substitute-day rules (for example Christmas Day 2027 falls on a Saturday, so Monday 27 and
Tuesday 28 December are the substitute days in England and Wales).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

import holidays

# England and Wales share one set of bank holidays; the package keys it by "ENG".
NATION_SUBDIVISIONS: dict[str, str] = {
    "england-and-wales": "ENG",
    "scotland": "SCT",
    "northern-ireland": "NIR",
}

NATIONS: tuple[str, ...] = tuple(NATION_SUBDIVISIONS)
# A council says whether it is in England or in Wales (councils in Wales write in Welsh
# too); both keep the one England and Wales calendar.
_CALENDAR_OF_NATION = {"england": "england-and-wales", "wales": "england-and-wales"}


def calendar_nation(nation: str) -> str:
    """The bank-holiday calendar a council's nation keeps."""
    return _CALENDAR_OF_NATION.get(nation, nation)


_ONE_DAY = timedelta(days=1)


@cache
def _bank_holidays(subdivision: str, year: int) -> frozenset[date]:
    """A nation's bank holidays in one year, built once per process (they are fixed)."""
    return frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=year).keys())


class WorkingCalendar:
    """Bank holidays of one UK nation plus an authority's own closure days."""

    def __init__(
        self, nation: str = "england-and-wales", closure_days: Iterable[date] = ()
    ) -> None:
        if nation not in NATION_SUBDIVISIONS:
            choices = ", ".join(NATIONS)
            raise ValueError(f"unknown nation {nation!r}; choose one of: {choices}")
        self.nation = nation
        self._subdivision = NATION_SUBDIVISIONS[nation]
        self.closure_days: frozenset[date] = frozenset(closure_days)
        # Building a year's holidays is comparatively slow and deadline arithmetic walks
        # day by day, so each year is looked up once per calendar.
        self._bank_holidays_by_year: dict[int, frozenset[date]] = {}

    def __repr__(self) -> str:
        return (
            f"WorkingCalendar(nation={self.nation!r}, closure_days={sorted(self.closure_days)!r})"
        )

    def bank_holidays(self, year: int) -> frozenset[date]:
        """All bank holidays (including substitute days) of the nation in ``year``."""
        cached = self._bank_holidays_by_year.get(year)
        if cached is None:
            cached = _bank_holidays(self._subdivision, year)
            self._bank_holidays_by_year[year] = cached
        return cached

    def is_bank_holiday(self, day: date) -> bool:
        return day in self.bank_holidays(day.year)

    def is_closure_day(self, day: date) -> bool:
        return day in self.closure_days

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= 5:
            return False
        return not self.is_bank_holiday(day) and not self.is_closure_day(day)

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day counted from ``day``, which itself is not counted.

        A positive count walks forward ("within 2 working days of the conference"), a
        negative one walks back ("2 working days before the conference": Thursday gives
        Tuesday). A count of zero returns ``day`` unchanged.
        """
        step = _ONE_DAY if count >= 0 else -_ONE_DAY
        remaining = abs(count)
        current = day
        while remaining:
            current += step
            if self.is_working_day(current):
                remaining -= 1
        return current

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before ``day``."""
        return self.add_working_days(day, -1)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def on_or_before_working_day(self, day: date) -> date:
        """``day`` if it is a working day, otherwise the previous working day."""
        return day if self.is_working_day(day) else self.previous_working_day(day)
