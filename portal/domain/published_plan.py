"""A decision as it was published: the words and plan that reached the family.

The chair's working copy (`Decision`) can change after publishing; what a family member,
young person or professional reads is always one published version, frozen as plain data.
This module turns that frozen data into typed values and says what changed between two
versions, so corrections and plan updates can tell people what is different.
No Flask, no database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Keys of a published version's content, in the order a reader meets them. The names
# of changed parts are these keys, so each page can word them in the reader's language.
PARTS = (
    "outcome",
    "category",
    "plan_ended_reason",
    "reasons",
    "agency_views",
    "dissent",
    "family_summary",
    "child_summary",
    "actions",
    "contingency_plan",
    "visiting_frequency",
    "core_group_members",
    "first_core_group_on",
    "review_on",
)


@dataclass(frozen=True)
class AgencyView:
    """One agency's view of the decision (B&NES 6, Wakefield: dissent is recorded)."""

    agency: str
    view: str
    disagrees: bool = False


@dataclass(frozen=True)
class PlanStep:
    """One action of the plan: what, who, by when and how we will know (Dorset 3.1)."""

    what: str
    who: str
    by_when: date | None
    how_we_will_know: str


@dataclass(frozen=True)
class PublishedPlan:
    outcome: str
    category: str | None = None
    plan_ended_reason: str = ""
    reasons: str = ""
    agency_views: tuple[AgencyView, ...] = ()
    dissent: str = ""
    family_summary: str = ""
    child_summary: str = ""
    actions: tuple[PlanStep, ...] = ()
    contingency_plan: str = ""
    visiting_frequency: str = ""
    core_group_members: tuple[str, ...] = field(default_factory=tuple)
    first_core_group_on: date | None = None
    review_on: date | None = None


def _date(value: Any) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def from_content(content: Mapping[str, Any]) -> PublishedPlan:
    """The typed plan from a version's stored content (unknown keys are ignored)."""
    return PublishedPlan(
        outcome=str(content.get("outcome") or ""),
        category=content.get("category") or None,
        plan_ended_reason=str(content.get("plan_ended_reason") or ""),
        reasons=str(content.get("reasons") or ""),
        agency_views=tuple(
            AgencyView(
                agency=str(item.get("agency") or ""),
                view=str(item.get("view") or ""),
                disagrees=bool(item.get("disagrees")),
            )
            for item in content.get("agency_views") or ()
        ),
        dissent=str(content.get("dissent") or ""),
        family_summary=str(content.get("family_summary") or ""),
        child_summary=str(content.get("child_summary") or ""),
        actions=tuple(
            PlanStep(
                what=str(item.get("what") or ""),
                who=str(item.get("who") or ""),
                by_when=_date(item.get("by_when")),
                how_we_will_know=str(item.get("how_we_will_know") or ""),
            )
            for item in content.get("actions") or ()
        ),
        contingency_plan=str(content.get("contingency_plan") or ""),
        visiting_frequency=str(content.get("visiting_frequency") or ""),
        core_group_members=tuple(str(name) for name in content.get("core_group_members") or ()),
        first_core_group_on=_date(content.get("first_core_group_on")),
        review_on=_date(content.get("review_on")),
    )


def to_content(plan: PublishedPlan) -> dict[str, Any]:
    """Plain JSON-ready data for storing a version (dates as ISO strings)."""
    return {
        "outcome": plan.outcome,
        "category": plan.category,
        "plan_ended_reason": plan.plan_ended_reason,
        "reasons": plan.reasons,
        "agency_views": [
            {"agency": v.agency, "view": v.view, "disagrees": v.disagrees}
            for v in plan.agency_views
        ],
        "dissent": plan.dissent,
        "family_summary": plan.family_summary,
        "child_summary": plan.child_summary,
        "actions": [
            {
                "what": step.what,
                "who": step.who,
                "by_when": _iso(step.by_when),
                "how_we_will_know": step.how_we_will_know,
            }
            for step in plan.actions
        ],
        "contingency_plan": plan.contingency_plan,
        "visiting_frequency": plan.visiting_frequency,
        "core_group_members": list(plan.core_group_members),
        "first_core_group_on": _iso(plan.first_core_group_on),
        "review_on": _iso(plan.review_on),
    }


def changed_parts(before: PublishedPlan | None, after: PublishedPlan) -> list[str]:
    """Which parts (keys of PARTS) differ between two versions, in reading order.

    A first version has no "before": everything in it is new, so nothing is "changed".
    """
    if before is None:
        return []
    return [part for part in PARTS if getattr(before, part) != getattr(after, part)]


def added_and_removed_actions(
    before: Sequence[PlanStep], after: Sequence[PlanStep]
) -> tuple[list[PlanStep], list[PlanStep]]:
    """Actions that are new in `after`, and actions of `before` no longer there."""
    added = [step for step in after if step not in before]
    removed = [step for step in before if step not in after]
    return added, removed
