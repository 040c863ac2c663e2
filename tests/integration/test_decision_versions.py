"""Publishing freezes the chair's working copy: readers see the version, not later edits."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select

from portal.data.interfaces import decision_versions
from portal.data.models import Conference, Decision
from portal.extensions import db


def _brown_decision() -> Decision:
    conference = db.session.scalars(
        select(Conference).where(Conference.family_name == "Brown")
    ).one()
    return db.session.scalars(select(Decision).where(Decision.conference_id == conference.id)).one()


def test_the_demo_decision_is_published_as_version_one(
    context: Flask, demo: dict[str, Any]
) -> None:
    decision = _brown_decision()
    version = decision.published
    assert version is not None and version.number == 1
    plan = decision_versions.plan_published(version)
    assert plan.outcome == "child_protection_plan"
    assert [step.what for step in plan.actions] == [a.what for a in decision.actions]


def test_a_later_edit_is_not_published_until_a_new_version(
    context: Flask, demo: dict[str, Any]
) -> None:
    decision = _brown_decision()
    decision.reasons = "A correction the chair has not published yet."
    db.session.flush()
    assert decision.published is not None
    before = decision_versions.plan_published(decision.published)
    assert before.reasons != decision.reasons

    version = decision_versions.add_version(decision, None, what_changed="Reasons corrected.")
    db.session.commit()

    assert version.number == 2
    assert version.changed_parts == ["reasons"]
    assert decision_versions.plan_published(decision.published).reasons == decision.reasons
    assert [v.number for v in decision.versions] == [1, 2]
