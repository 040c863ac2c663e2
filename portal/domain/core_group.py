"""Core group meetings after a conference, plan updates after each one, and progress
against the plan at a review.

The first core group meets within the policy's ``first_core_group`` deadline (Wakefield:
10 working days); later ones at the policy's interval where it sets one (Wakefield: every
4 weeks), otherwise when the council decides. After each meeting the social worker updates
the plan within the policy's ``plan_update`` days (Wakefield 2 working days, Middlesbrough
5 days) and says what changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from portal.domain.deadlines import Rule
from portal.domain.vocabulary import HOLDS_THE_CASE, RUNS_THE_CONFERENCE, Role
from portal.domain.working_days import WorkingCalendar

# Arrange core group meetings and record them held.
ARRANGES = RUNS_THE_CONFERENCE
# Update the plan after a meeting (the social worker; the chair may too).
UPDATES_PLAN = frozenset({Role.SOCIAL_WORKER, Role.CHAIR})
# Record progress against the plan before a review.
RECORDS_PROGRESS = HOLDS_THE_CASE

# Progress against one action of the plan, as the review records it.
PROGRESS: tuple[str, ...] = ("done", "partly_done", "not_done", "no_longer_needed")

MOST_MEMBERS = 30


def members_from(text: str) -> list[str]:
    """Core group members typed one to a line, blank lines and repeats left out."""
    seen: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        name = line.strip()
        if name and name not in seen:
            seen.append(name)
    return seen


def meeting_problem(
    meets_on: date, conference_day: date, latest_first: date | None, is_first: bool
) -> str | None:
    """Why a core group cannot be on this date: "before_conference", or "too_late" for a
    first meeting after the policy's deadline (the page says the latest allowed date)."""
    if meets_on < conference_day:
        return "before_conference"
    if is_first and latest_first is not None and meets_on > latest_first:
        return "too_late"
    return None


def held_problem(meets_on: date, today: date) -> str | None:
    """A meeting can be recorded held only on or after its day."""
    return "future" if meets_on > today else None


def next_meeting_by(last: date | None, every_weeks: int | None) -> date | None:
    """When the next core group is due after the last one, at the policy's interval."""
    if last is None or every_weeks is None:
        return None
    return last + timedelta(weeks=every_weeks)


def plan_update_due(held_on: date, rules: Sequence[Rule], calendar: WorkingCalendar) -> date | None:
    """The date the plan must be updated by after a core group held on `held_on`: the
    earliest of the policy's rules; None when the policy sets none."""
    dues: list[date] = []
    for rule in rules:
        count = rule.count or 0
        if rule.kind == "working_days_after":
            dues.append(calendar.add_working_days(held_on, count))
        elif rule.kind == "calendar_days_after":
            due = held_on + timedelta(days=count)
            if rule.professional_duty:
                due = calendar.on_or_before_working_day(due)
            dues.append(due)
    return min(dues) if dues else None


def progress_problems(answers: dict[str, dict[str, str]], keys: Iterable[str]) -> dict[str, str]:
    """For sending progress: each action with no progress chosen ("choose")."""
    return {key: "choose" for key in keys if answers.get(key, {}).get("status") not in PROGRESS}
