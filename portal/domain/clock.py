"""The one place the portal asks what time it is, so tests can freeze it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def now() -> datetime:
    return datetime.now(UTC)


def today_in_london() -> date:
    return now().astimezone(LONDON).date()
