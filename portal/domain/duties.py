"""Duties after the meeting that someone records as done, because nothing else in the
portal can see them happen: the record of the meeting sent, the plan sent to the core
group, the first core group held, the review booked.

The deadlines stay pure (`portal.domain.deadlines`): a recorded duty only supplies the
moment it was done, and `deadline_status` judges it as it judges a report shared.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from types import MappingProxyType

from portal.domain.deadlines import LONDON
from portal.domain.vocabulary import RUNS_THE_CONFERENCE, Role

# The duty, and what recording it says was done (the question the form asks).
RECORDED: Mapping[str, str] = MappingProxyType(
    {
        "plan_to_core_group": "sent",
        "first_core_group": "held",
        "minutes": "sent",
        "first_review": "booked",
        "next_review": "booked",
    }
)


def is_recorded(duty: str) -> bool:
    return duty in RECORDED


def may_record(role: Role) -> bool:
    """The chair, social worker and conference administrator."""
    return role in RUNS_THE_CONFERENCE


def done_moment(day: date) -> datetime:
    """The moment a duty done on `day` counts from: the start of that day in London, so it
    is on time whenever the day is on or before the due date."""
    return datetime.combine(day, time(0), tzinfo=LONDON)


def problem_with(day: date, today: date, meeting_day: date) -> str | None:
    """Why a date cannot be the day a duty was done: "future" or "before_meeting"."""
    if day > today:
        return "future"
    if day < meeting_day:
        return "before_meeting"
    return None
