"""After the meeting: recording that it was held, and the chair's decision for each child.

Pure rules, no Flask and no database. Each check returns problems as codes by field name
(``{"end": "end_before_start"}``), so a page can put a translated message next to the
field that needs changing, and the same rules can be tested without a request.

- The meeting held: a date and times none in the future, the end after the start, and a
  cancelled meeting is never held.
- The plan's actions (Dorset 3.1, SMART): what, who, by when and how we will know it is
  done; "who" names a person or a role, "by when" is in the future and not after the
  review, "how we will know" is something people can see happen.
- Dates against the council's deadlines: the first core group and the review no later
  than the policy allows, counted from the day the meeting was really held.
- What a decision needs before the chair marks it complete: the outcome (a category for
  a child protection plan; a reason when a plan ends, only at a review), the reasons, the
  words for the family (and for the child when the chair chose to write them), and for an
  outcome with a plan, its actions, contingency plan, visits, core group and dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from portal.domain.deadlines import Deadline, from_london_wall_time, london_date
from portal.domain.vocabulary import ConferenceKind, ConferenceStatus, Outcome

# --- The meeting held ---------------------------------------------------------------------


def held_problems(
    status: ConferenceStatus,
    day: date | None,
    starts: time | None,
    ends: time | None,
    now: datetime,
) -> dict[str, str]:
    """Why these cannot be the day and times the meeting took place (empty: they can).

    `now` is an aware moment; the times are London wall-clock times on `day`.
    """
    problems: dict[str, str] = {}
    if status == ConferenceStatus.CANCELLED:
        return {"day": "cancelled"}
    if day is None:
        problems["day"] = "missing"
    elif day > london_date(now):
        problems["day"] = "future"
    if starts is None:
        problems["starts"] = "missing"
    if ends is None:
        problems["ends"] = "missing"
    if problems:
        return problems
    assert day is not None and starts is not None and ends is not None
    start = held_moment(day, starts)
    end = held_moment(day, ends)
    if start is None:
        problems["starts"] = "not_a_time"
    elif start > now:
        problems["starts"] = "future"
    if end is None:
        problems["ends"] = "not_a_time"
    elif end > now:
        problems["ends"] = "future"
    if start is not None and end is not None and "starts" not in problems and end <= start:
        problems["ends"] = "before_start"
    return problems


def held_moment(day: date, at: time) -> datetime | None:
    """A London wall time on `day` as a moment in UTC, or None when the clocks skip it."""
    try:
        return from_london_wall_time(datetime.combine(day, at))
    except ValueError:
        return None


@dataclass(frozen=True)
class AttendanceAnswer:
    """One participant's line on the "meeting held" page."""

    attended: bool
    part: str | None  # "both", "part_one", "part_two" (a meeting in two parts), else None
    joined_by: str | None  # "in_the_room", "video", "phone"
    sent_views_in_writing: bool = False


def attendance_problems(answer: AttendanceAnswer, in_two_parts: bool) -> dict[str, str]:
    """Someone who attended says how, and for a meeting in two parts, which part(s)."""
    if not answer.attended:
        return {}
    problems = {}
    if answer.joined_by is None:
        problems["joined_by"] = "missing"
    if in_two_parts and answer.part is None:
        problems["part"] = "missing"
    return problems


# --- Outcomes -------------------------------------------------------------------------------

# Outcomes that come with a plan the core group carries out (the actions, contingency plan,
# visits, core group and review). Early help, no further action and a plan ending do not.
WITH_A_PLAN = frozenset({Outcome.CHILD_PROTECTION_PLAN, Outcome.CHILD_IN_NEED_PLAN})


def has_a_plan(outcome: Outcome | None) -> bool:
    return outcome in WITH_A_PLAN


def outcomes_for(kind: ConferenceKind) -> tuple[Outcome, ...]:
    """The outcomes a conference of this kind can decide: only a review ends a plan."""
    every = (
        Outcome.CHILD_PROTECTION_PLAN,
        Outcome.CHILD_IN_NEED_PLAN,
        Outcome.EARLY_HELP,
        Outcome.NO_PLAN,
    )
    return (*every, Outcome.PLAN_ENDED) if kind == ConferenceKind.REVIEW else every


# --- The plan's actions (SMART, Dorset 3.1) ------------------------------------------------


@dataclass(frozen=True)
class ActionDraft:
    what: str = ""
    who: str = ""
    by_when: date | None = None
    how_we_will_know: str = ""

    @property
    def is_blank(self) -> bool:
        return not (self.what or self.who or self.by_when or self.how_we_will_know)


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9/?']+", text.lower()))


# "Who" must be someone people can hold to it: a named person or a role. These name nobody.
VAGUE_WHO = frozenset(
    {
        "all",
        "everyone",
        "everybody",
        "anyone",
        "anybody",
        "someone",
        "somebody",
        "all agencies",
        "agencies",
        "all professionals",
        "professionals",
        "the professionals",
        "family",
        "the family",
        "core group",
        "the core group",
        "team",
        "the team",
        "various",
        "unknown",
        "tbc",
        "tbd",
        "tba",
        "n/a",
        "na",
        "?",
        "x",
    }
)
# "How we will know" must be a sign people can see: not a word that promises only watching.
VAGUE_SIGNS = frozenset(
    {
        "ongoing",
        "monitoring",
        "ongoing monitoring",
        "monitor",
        "to be monitored",
        "progress",
        "improvement",
        "improvements",
        "it is done",
        "done",
        "completed",
        "when it is done",
        "we will know",
        "we will see",
        "see above",
        "as above",
        "as needed",
        "as required",
        "tbc",
        "tbd",
        "n/a",
        "na",
    }
)
FEWEST_WORDS_IN_A_SIGN = 3


def action_problems(action: ActionDraft, today: date, review_on: date | None) -> dict[str, str]:
    """What makes one action not SMART, by field (empty: it is).

    Every part is needed; "by when" is after today and not after the review (when the review
    date is known); "who" names a person or a role; "how we will know" is a concrete sign
    of at least three words, not "ongoing monitoring".
    """
    problems: dict[str, str] = {}
    if not action.what.strip():
        problems["what"] = "missing"
    who = _normal(action.who)
    if not who:
        problems["who"] = "missing"
    elif who in VAGUE_WHO:
        problems["who"] = "vague"
    if action.by_when is None:
        problems["by_when"] = "missing"
    elif action.by_when <= today:
        problems["by_when"] = "not_future"
    elif review_on is not None and action.by_when > review_on:
        problems["by_when"] = "after_review"
    sign = _normal(action.how_we_will_know)
    if not sign:
        problems["how_we_will_know"] = "missing"
    elif sign in VAGUE_SIGNS or len(sign.split()) < FEWEST_WORDS_IN_A_SIGN:
        problems["how_we_will_know"] = "vague"
    return problems


def actions_problems(
    actions: Sequence[ActionDraft], today: date, review_on: date | None
) -> dict[int, dict[str, str]]:
    """Problems of each action that is not blank, by its position."""
    found = {}
    for index, action in enumerate(actions):
        if action.is_blank:
            continue
        problems = action_problems(action, today, review_on)
        if problems:
            found[index] = problems
    return found


# --- Dates against the council's deadlines -------------------------------------------------


@dataclass(frozen=True)
class DateLimits:
    """The latest day the council's policy allows for each date, counted from the meeting's
    real end (None: the policy sets no limit for this kind of conference)."""

    held_on: date
    first_core_group_by: date | None
    review_by: date | None


def _as_day(deadline: Deadline | None) -> date | None:
    if deadline is None:
        return None
    due = deadline.due
    return london_date(due) if isinstance(due, datetime) else due


def date_limits(held_on: date, deadlines: Mapping[str, Deadline]) -> DateLimits:
    """The limits from a conference's deadlines (`portal.domain.deadlines`), which count
    from the real end once the meeting is recorded held. The review is the first review
    after a first conference, the next one after a review."""
    review = deadlines.get("first_review") or deadlines.get("next_review")
    return DateLimits(
        held_on=held_on,
        first_core_group_by=_as_day(deadlines.get("first_core_group")),
        review_by=_as_day(review),
    )


def date_problems(
    first_core_group_on: date | None, review_on: date | None, limits: DateLimits
) -> dict[str, str]:
    """Dates that are before the meeting or later than the policy allows."""
    problems = {}
    if first_core_group_on is not None:
        if first_core_group_on < limits.held_on:
            problems["first_core_group_on"] = "before_meeting"
        elif limits.first_core_group_by and first_core_group_on > limits.first_core_group_by:
            problems["first_core_group_on"] = "too_late"
    if review_on is not None:
        if review_on <= limits.held_on:
            problems["review_on"] = "before_meeting"
        elif limits.review_by and review_on > limits.review_by:
            problems["review_on"] = "too_late"
        elif first_core_group_on is not None and review_on <= first_core_group_on:
            problems["review_on"] = "before_core_group"
    return problems


# --- The decision as a whole ---------------------------------------------------------------


@dataclass(frozen=True)
class AgencyViewDraft:
    agency: str = ""
    view: str = ""
    disagrees: bool = False

    @property
    def is_blank(self) -> bool:
        return not (self.agency or self.view or self.disagrees)


@dataclass(frozen=True)
class DecisionDraft:
    """The chair's working copy, as the rules need it."""

    outcome: Outcome | None
    category: str | None = None
    plan_ended_reason: str = ""
    reasons: str = ""
    agency_views: tuple[AgencyViewDraft, ...] = ()
    dissent: str = ""
    actions: tuple[ActionDraft, ...] = ()
    contingency_plan: str = ""
    visiting_frequency: str = ""
    core_group_members: tuple[str, ...] = ()
    first_core_group_on: date | None = None
    review_on: date | None = None
    family_summary: str = ""
    child_version_wanted: bool = False
    child_summary: str = ""


def agency_view_problems(views: Iterable[AgencyViewDraft]) -> dict[int, dict[str, str]]:
    """Each agency's view names the agency and says the view."""
    found: dict[int, dict[str, str]] = {}
    for index, view in enumerate(views):
        if view.is_blank:
            continue
        problems = {}
        if not view.agency.strip():
            problems["agency"] = "missing"
        if not view.view.strip():
            problems["view"] = "missing"
        if problems:
            found[index] = problems
    return found


def problems_as_typed(
    draft: DecisionDraft, kind: ConferenceKind, today: date, limits: DateLimits
) -> dict[str, Any]:
    """What is wrong with what has been written so far (a draft may still be incomplete).

    Keys are field names; "actions" and "agency_views" hold problems by row.
    """
    problems: dict[str, Any] = {}
    if draft.outcome == Outcome.PLAN_ENDED and kind != ConferenceKind.REVIEW:
        problems["outcome"] = "plan_ended_not_review"
    problems.update(date_problems(draft.first_core_group_on, draft.review_on, limits))
    if has_a_plan(draft.outcome) or draft.outcome is None:
        review = draft.review_on if "review_on" not in problems else None
        actions = actions_problems(draft.actions, today, review)
        if actions:
            problems["actions"] = actions
    views = agency_view_problems(draft.agency_views)
    if views:
        problems["agency_views"] = views
    return problems


def problems_before_complete(
    draft: DecisionDraft, kind: ConferenceKind, today: date, limits: DateLimits
) -> dict[str, Any]:
    """Everything that stops the chair marking the decision complete (empty: it can be)."""
    problems = problems_as_typed(draft, kind, today, limits)
    if draft.outcome is None:
        problems["outcome"] = "missing"
    elif draft.outcome == Outcome.CHILD_PROTECTION_PLAN and not draft.category:
        problems["category"] = "missing"
    elif draft.outcome == Outcome.PLAN_ENDED and not draft.plan_ended_reason.strip():
        problems["plan_ended_reason"] = "missing"
    if not draft.reasons.strip():
        problems["reasons"] = "missing"
    if any(view.disagrees for view in draft.agency_views) and not draft.dissent.strip():
        problems["dissent"] = "missing"
    if not draft.family_summary.strip():
        problems["family_summary"] = "missing"
    if draft.child_version_wanted and not draft.child_summary.strip():
        problems["child_summary"] = "missing"
    if has_a_plan(draft.outcome):
        if all(action.is_blank for action in draft.actions):
            problems["no_actions"] = "missing"
        for name in ("contingency_plan", "visiting_frequency"):
            if not getattr(draft, name).strip():
                problems[name] = "missing"
        if not draft.core_group_members:
            problems["core_group_members"] = "missing"
        for name in ("first_core_group_on", "review_on"):
            if getattr(draft, name) is None:
                problems.setdefault(name, "missing")
    return problems


# --- Its state on the list -----------------------------------------------------------------

NOT_STARTED, DRAFT, COMPLETE = "not_started", "draft", "complete"


def state_of(exists: bool, completed_at: datetime | None) -> str:
    """Not started (nothing saved), a draft, or complete (checked and marked so)."""
    if not exists:
        return NOT_STARTED
    return COMPLETE if completed_at is not None else DRAFT


# --- Words for a child ---------------------------------------------------------------------

EASY_FOR_A_CHILD = 80.0  # a child's pages (tests/i18n: young people's pages reach it)
FAIRLY_HARD_FOR_A_CHILD = 70.0
LONGEST_SENTENCE_FOR_A_CHILD = 15
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
_WORD = re.compile(r"[A-Za-z0-9']+")


def child_band(ease: float | None) -> str | None:
    """How easy a text is for a child to read: "easy" at 80 or more."""
    if ease is None:
        return None
    if ease >= EASY_FOR_A_CHILD:
        return "easy"
    return "fairly_hard" if ease >= FAIRLY_HARD_FOR_A_CHILD else "hard"


def long_sentences(text: str, most: int = LONGEST_SENTENCE_FOR_A_CHILD) -> int:
    """How many sentences have more than `most` words."""
    return sum(
        1 for sentence in _SENTENCE.findall(text or "") if len(_WORD.findall(sentence)) > most
    )
