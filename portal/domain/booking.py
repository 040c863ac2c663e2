"""Rules for booking a conference: times as people type them, what makes a booking
impossible, how early invitations must go, and why a meeting was moved or called off.

No Flask and no database: the forms and the booking interface call these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from portal.domain.deadlines import (
    ConferenceFacts,
    Deadline,
    Policy,
    from_london_wall_time,
    invitations_due,
    latest_on_time,
)
from portal.domain.working_days import WorkingCalendar

# "10:00", "10.00", "1000", "10am", "2:30pm", "14:30", "noon".
_TIME = re.compile(r"^(\d{1,2})(?:[:.]?(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")


def parse_time(text: str | None) -> time | None:
    """A time of day as a person types it, or None when it is not one."""
    cleaned = (text or "").strip().lower().replace(" ", "")
    if cleaned in {"noon", "midday", "12noon"}:
        return time(12, 0)
    match = _TIME.match(cleaned)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def london_moment(day: date, at: time) -> datetime | None:
    """The moment in UTC of a London wall time, or None when the clocks skip it."""
    try:
        return from_london_wall_time(datetime.combine(day, at))
    except ValueError:
        return None


# Problems with a meeting's times, each named for the field it belongs next to.
IN_THE_PAST = "in_the_past"
ENDS_BEFORE_START = "ends_before_start"
PART_TWO_OUTSIDE = "part_two_outside"
NO_PART_TWO = "no_part_two"
NO_SUCH_TIME = "no_such_time"  # skipped when the clocks go forward


@dataclass(frozen=True)
class TimeProblem:
    field: str
    code: str


def timing_problems(
    start: datetime | None,
    end: datetime | None,
    in_two_parts: bool,
    part_two: datetime | None,
    now: datetime,
) -> list[TimeProblem]:
    """What is wrong with these times: a meeting in the past, an end before the start, a
    second part that does not start inside the meeting."""
    problems: list[TimeProblem] = []
    if start is None:
        return problems
    if start <= now:
        problems.append(TimeProblem("day", IN_THE_PAST))
    if end is not None and end <= start:
        problems.append(TimeProblem("ends_at", ENDS_BEFORE_START))
    if in_two_parts:
        if part_two is None:
            problems.append(TimeProblem("part_two_at", NO_PART_TWO))
        elif part_two <= start or (end is not None and part_two >= end):
            problems.append(TimeProblem("part_two_at", PART_TWO_OUTSIDE))
    return problems


@dataclass(frozen=True)
class MeetingTimes:
    starts_at: datetime | None
    ends_at: datetime | None
    part_two_at: datetime | None
    problems: tuple[TimeProblem, ...]


def meeting_times(
    day: date | None,
    starts: str | None,
    ends: str | None,
    in_two_parts: bool,
    part_two: str | None,
    now: datetime,
) -> MeetingTimes:
    """The moments a booker's typed day and times make, and what is wrong with them; each
    problem is named for its question: day, starts, ends or part_two."""
    if day is None:
        return MeetingTimes(None, None, None, ())
    moments: dict[str, datetime | None] = {}
    problems: list[TimeProblem] = []
    for field, typed in (
        ("starts", starts),
        ("ends", ends),
        ("part_two", part_two if in_two_parts else None),
    ):
        at = parse_time(typed)
        moments[field] = london_moment(day, at) if at is not None else None
        if at is not None and moments[field] is None:
            problems.append(TimeProblem(field, NO_SUCH_TIME))
    fields = {"day": "day", "ends_at": "ends", "part_two_at": "part_two"}
    problems += [
        TimeProblem(fields[problem.field], problem.code)
        for problem in timing_problems(
            moments["starts"], moments["ends"], in_two_parts, moments["part_two"], now
        )
    ]
    return MeetingTimes(moments["starts"], moments["ends"], moments["part_two"], tuple(problems))


# --- The booking questions ----------------------------------------------------------------

QUESTIONS: tuple[str, ...] = ("kind", "previous", "moved", "children", "time", "place", "chair")
# The conferences that follow a strategy discussion (the first within 15 working days).
AFTER_A_STRATEGY_DISCUSSION = frozenset({"initial", "pre_birth"})


def questions_for(kind: str | None) -> list[str]:
    """The questions a booking of this kind asks, in order: a review follows an earlier
    conference (and is about its children); a transfer-in asks when the family moved."""
    return [
        question
        for question in QUESTIONS
        if not (question == "previous" and kind != "review")
        and not (question == "moved" and kind != "transfer_in")
        and not (question == "children" and kind == "review")
    ]


def _day(text: Any) -> date | None:
    return date.fromisoformat(text) if isinstance(text, str) and text else None


def draft_times(answers: dict[str, Any], now: datetime) -> MeetingTimes:
    return meeting_times(
        _day(answers.get("day")),
        answers.get("starts"),
        answers.get("ends"),
        answers.get("two_parts") == "yes",
        answers.get("part_two"),
        now,
    )


def unanswered(answers: dict[str, Any], now: datetime) -> list[str]:
    """The questions still to answer, or answered with something no longer right (a day
    that has passed since the draft was saved)."""
    missing = []
    for question in questions_for(answers.get("kind")):
        if (
            (question == "children" and not answers.get("children"))
            or (
                question == "time"
                and (not answers.get("day") or draft_times(answers, now).problems)
            )
            or (question == "place" and not (answers.get("venue") or answers.get("video")))
            or (question in {"kind", "previous", "chair"} and not answers.get(question))
            or (question == "moved" and not answers.get("moved_on"))
        ):
            missing.append(question)
    return missing


# --- Invitation times ---------------------------------------------------------------------


@dataclass(frozen=True)
class InvitationAdvice:
    """The policy's invitation time for one meeting, and whether today is already past it."""

    deadline: Deadline
    late: bool


def invitation_advice(
    policy: Policy,
    kind: str,
    start: datetime,
    calendar: WorkingCalendar,
    now: datetime,
) -> InvitationAdvice | None:
    """None when the policy sets no invitation time for this kind of meeting."""
    deadline = invitations_due(policy, ConferenceFacts(kind=kind, start=start), calendar)
    if deadline is None:
        return None
    return InvitationAdvice(deadline, late=now.astimezone(UTC) > latest_on_time(deadline.due))


# --- Postponing and cancelling ------------------------------------------------------------

POSTPONE = "postpone"
CANCEL = "cancel"

# Why a meeting did not go ahead as booked. Middlesbrough stands a conference down when
# the main agencies' reports are not with the chair by 2pm the day before (standard 1);
# Dorset 1.6: the chair considers moving it when the family did not get the reports in time.
STATUS_REASONS: tuple[str, ...] = (
    "reports_late_to_chair",
    "reports_late_to_family",
    "family_cannot_attend",
    "interpreter_not_available",
    "chair_not_available",
    "key_professional_not_available",
    "no_longer_needed",
    "other",
)
# Reasons whose details must be written out.
NEEDS_DETAILS = frozenset({"other"})
