"""A published decision is frozen as plain data and read back the same; changes are named."""

from __future__ import annotations

from datetime import date

from portal.domain import published_plan
from portal.domain.published_plan import AgencyView, PlanStep, PublishedPlan

PLAN = PublishedPlan(
    outcome="child_protection_plan",
    category="neglect",
    reasons="The changes are new.",
    agency_views=(AgencyView("Police", "Agrees"), AgencyView("School", "No plan", True)),
    family_summary="Ellie stays on a plan for now.",
    actions=(PlanStep("Take Ellie to nursery.", "Olivia Brown", date(2026, 12, 18), "Attendance"),),
    core_group_members=("Olivia Brown, mother",),
    first_core_group_on=date(2026, 12, 11),
    review_on=date(2027, 3, 1),
)


def test_a_plan_survives_being_stored_and_read_back() -> None:
    content = published_plan.to_content(PLAN)
    assert content["actions"][0]["by_when"] == "2026-12-18"
    assert published_plan.from_content(content) == PLAN


def test_a_first_version_has_no_changes() -> None:
    assert published_plan.changed_parts(None, PLAN) == []


def test_the_changed_parts_are_named_in_reading_order() -> None:
    later = PublishedPlan(
        **{
            **PLAN.__dict__,
            "review_on": date(2027, 3, 8),
            "actions": (*PLAN.actions, PlanStep("Visit weekly.", "Priya", None, "Notes")),
            "reasons": "The changes are new and need time.",
        }
    )
    assert published_plan.changed_parts(PLAN, later) == ["reasons", "actions", "review_on"]
    added, removed = published_plan.added_and_removed_actions(PLAN.actions, later.actions)
    assert [step.what for step in added] == ["Visit weekly."]
    assert removed == []
