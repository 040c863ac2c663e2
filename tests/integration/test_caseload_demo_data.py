"""`flask --app portal demo --conferences N`: realistic conferences for benchmarks."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.data.models import (
    Conference,
    Participant,
    Person,
    Preferences,
    Report,
    ReportRead,
    ReportVersion,
    Role,
)
from portal.extensions import db


def _count(app, model, *where):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_the_demo_adds_realistic_conferences_spread_over_the_demo_staff(app, database, demo):
    before = _count(app, Conference)
    result = app.test_cli_runner().invoke(args=["demo", "--conferences", "60"])
    assert result.exit_code == 0, result.output
    assert "Added 60 conferences" in result.output
    assert _count(app, Conference) == before + 60
    # Every one has a chair, a social worker and a parent; reports have versions and reads.
    for role in (Role.CHAIR, Role.SOCIAL_WORKER, Role.PARENT):
        assert _count(app, Participant, Participant.role == role) >= before + 60
    assert _count(app, Report) > 60
    assert _count(app, ReportVersion) > _count(app, Report) - 1
    assert _count(app, ReportRead) > 0
    assert _count(app, Preferences, Preferences.sent_answers.is_not(None)) > 0
    # The demo's Jo and Priya hold some of them, so their own lists grow too.
    priya = demo["people"]["priya"]
    assert _count(app, Participant, Participant.person_id == priya) > 2
    # Run again: it adds more, and makes the generated staff only once.
    staff = _count(app, Person, Person.email.like("staff-%"))
    assert app.test_cli_runner().invoke(args=["demo", "--conferences", "5"]).exit_code == 0
    assert _count(app, Conference) == before + 65
    assert _count(app, Person, Person.email.like("staff-%")) == staff


def test_the_benchmark_data_is_refused_in_production(app, database, monkeypatch):
    monkeypatch.setitem(app.config, "PORTAL_ENV", "production")
    before = _count(app, Conference)
    result = app.test_cli_runner().invoke(args=["demo", "--conferences", "5"])
    assert result.exit_code == 2
    assert "cannot be loaded in production" in result.output
    assert _count(app, Conference) == before
