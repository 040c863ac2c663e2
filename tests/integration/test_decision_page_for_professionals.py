"""The meeting's decision page (`conferences.decision`) shows what was published.

Parents and the young person are sent to their own pages; the people holding the case see
the published version, and the working copy only marked as not yet published."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Flask
from sqlalchemy import select

from portal.data.models import Conference, Decision
from portal.extensions import db


def _brown(app: Flask) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    with app.app_context():
        conference = db.session.scalars(
            select(Conference).where(Conference.family_name == "Brown")
        ).one()
        decision = db.session.scalars(
            select(Decision).where(Decision.conference_id == conference.id)
        ).one()
        return conference.id, decision.id, decision.child_id


def test_a_parent_is_sent_to_her_own_page(app: Flask, sign_in: Any) -> None:
    conference_id, decision_id, child_id = _brown(app)
    olivia = sign_in("olivia")
    response = olivia.get(f"/conferences/{conference_id}/decisions/{decision_id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/conferences/{conference_id}/family/decisions/{child_id}"
    )


def test_the_chair_sees_the_published_version_not_a_later_edit(app: Flask, sign_in: Any) -> None:
    conference_id, decision_id, _child = _brown(app)
    with app.app_context():
        decision = db.session.get(Decision, decision_id)
        published_reasons = decision.reasons
        decision.reasons = "A correction the chair has not published yet."
        db.session.commit()
    jo = sign_in("jo")
    page = jo.get(f"/conferences/{conference_id}/decisions/{decision_id}").get_data(as_text=True)
    assert published_reasons in page
    assert "A correction the chair has not published yet." not in page
    assert "The working copy has changed since" in page


def test_an_unpublished_decision_is_marked_and_hidden_from_the_family(
    app: Flask, sign_in: Any
) -> None:
    conference_id, decision_id, _child = _brown(app)
    with app.app_context():
        decision = db.session.get(Decision, decision_id)
        for version in list(decision.versions):
            db.session.delete(version)
        decision.published_at = None
        db.session.commit()
    jo = sign_in("jo")
    page = jo.get(f"/conferences/{conference_id}/decisions/{decision_id}").get_data(as_text=True)
    assert "Not published yet" in page
    olivia = sign_in("olivia")
    assert olivia.get(f"/conferences/{conference_id}/decisions/{decision_id}").status_code == 404
