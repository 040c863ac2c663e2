"""Published versions of a decision: freezing the chair's working copy, and reading it back.

Publishing (the chair) and plan updates after a core group both add a version here; every
page and message for a recipient reads `Decision.published` (the newest version), never
the working copy, so a correction in progress is never seen before it is published.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from portal.data.models import Decision, DecisionVersion, utcnow
from portal.domain import published_plan
from portal.domain.published_plan import AgencyView, PlanStep, PublishedPlan
from portal.extensions import db


def plan_of(decision: Decision) -> PublishedPlan:
    """The working copy as a plan, exactly as it would be published now."""
    return PublishedPlan(
        outcome=decision.outcome.value,
        category=decision.category.value if decision.category else None,
        plan_ended_reason=decision.plan_ended_reason or "",
        reasons=decision.reasons or "",
        agency_views=tuple(
            AgencyView(
                agency=str(item.get("agency") or ""),
                view=str(item.get("view") or ""),
                disagrees=bool(item.get("disagrees")),
            )
            for item in decision.agency_views or ()
        ),
        dissent=decision.dissent or "",
        family_summary=decision.family_summary or "",
        child_summary=decision.child_summary or "",
        actions=tuple(
            PlanStep(
                what=action.what,
                who=action.who,
                by_when=action.by_when,
                how_we_will_know=action.how_we_will_know or "",
            )
            for action in decision.actions
        ),
        contingency_plan=decision.contingency_plan or "",
        visiting_frequency=decision.visiting_frequency or "",
        core_group_members=tuple(decision.core_group_members or ()),
        first_core_group_on=decision.first_core_group_on,
        review_on=decision.review_on,
    )


def plan_published(version: DecisionVersion) -> PublishedPlan:
    return published_plan.from_content(version.content)


def add_version(
    decision: Decision,
    published_by_id: uuid.UUID | None,
    what_changed: str = "",
    at: datetime | None = None,
) -> DecisionVersion:
    """Freeze the working copy as the next version (in the caller's transaction).

    The first version also sets `Decision.published_at`. Sending messages about it is the
    caller's job, in the same transaction, through the outbox.
    """
    at = at or utcnow()
    before = decision.published
    plan = plan_of(decision)
    version = DecisionVersion(
        number=(before.number + 1) if before else 1,
        content=published_plan.to_content(plan),
        changed_parts=published_plan.changed_parts(
            plan_published(before) if before else None, plan
        ),
        what_changed=what_changed,
        published_at=at,
        published_by_id=published_by_id,
    )
    decision.versions.append(version)
    if decision.published_at is None:
        decision.published_at = at
        decision.published_by_id = published_by_id
    db.session.flush()
    return version
