"""After the meeting in the browser (issue 11): Olivia's home leads her to Ellie's decision
and plan and she says she has read it; Maya reads the version written for her. Every page
passes axe at 320 px, and printed, the decision has no navigation or buttons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits_320
from tests.browser.helpers import FRESH_LIMITS, sign_in_family

OLIVIA = "olivia.brown@family.example"
MAYA = "maya.khan@family.example"


def _check(page):
    assert_accessible(page)
    assert_fits_320(page)


def _publish_mayas_version(base):
    """The Khan conference held, and a decision for Maya published with a version the
    chair wrote for her (done once per server)."""
    from sqlalchemy import select

    from portal.data.interfaces import decision_versions
    from portal.data.models import (
        Conference,
        ConferenceStatus,
        Decision,
        Outcome,
        Participant,
        Person,
    )
    from portal.extensions import db

    with FRESH_LIMITS[base].app_context():
        maya = db.session.scalars(
            select(Participant)
            .join(Person, Participant.person_id == Person.id)
            .where(Person.email == MAYA)
        ).one()
        if db.session.scalars(select(Decision).where(Decision.child_id == maya.child_id)).first():
            return
        conference = db.session.get(Conference, maya.conference_id)
        conference.status = ConferenceStatus.HELD
        conference.starts_at = datetime.now(UTC) - timedelta(hours=3)
        conference.ended_at = datetime.now(UTC) - timedelta(hours=1)
        today = datetime.now(UTC).date()
        decision = Decision(
            conference_id=conference.id,
            child_id=maya.child_id,
            outcome=Outcome.CHILD_IN_NEED_PLAN,
            reasons="Maya's family needs help at home.",
            family_summary="Maya will have a child in need plan.",
            child_summary="The meeting listened to you. You will get some help at home.",
            first_core_group_on=today + timedelta(days=14),
            review_on=today + timedelta(days=90),
        )
        db.session.add(decision)
        db.session.flush()
        decision_versions.add_version(decision, None)
        db.session.commit()


def test_olivia_reads_her_decision_and_says_so(page, live_server, mail_dir):
    sign_in_family(page, live_server, mail_dir, OLIVIA)
    page.get_by_role("link", name="The Brown family").click()
    if page.locator("h1").inner_text() == "Before you start":
        page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Your meeting")
    expect(page.get_by_role("heading", name="After the meeting")).to_be_visible()
    expect(page.get_by_text("Not started")).to_have_count(0)
    _check(page)

    page.get_by_role("link", name="Read the decision and plan for Ellie").click()
    expect(page.locator("h1")).to_have_text("Decision and plan for Ellie")
    expect(page.get_by_text("Take Ellie to nursery every weekday.")).to_be_visible()
    _check(page)

    # On paper: no header, navigation, back link or button.
    page.emulate_media(media="print")
    expect(page.locator(".govuk-header")).to_be_hidden()
    expect(page.locator(".govuk-back-link")).to_be_hidden()
    expect(page.get_by_role("button", name="I have read this")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    page.emulate_media(media="screen")

    page.get_by_role("button", name="I have read this").click()
    expect(
        page.get_by_text("We have noted that you have read the decision and plan.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="I have read this")).to_have_count(0)
    _check(page)

    page.get_by_role("link", name="Back").click()
    expect(page.get_by_text("You said you have read it")).to_be_visible()


def test_maya_reads_the_version_written_for_her(page, live_server, mail_dir):
    _publish_mayas_version(live_server)
    sign_in_family(page, live_server, mail_dir, MAYA)
    expect(page.locator("h1")).to_have_text("Your meeting")
    page.get_by_role("link", name="Read what was decided. It is written for you.").click()
    expect(page.locator("h1")).to_have_text("What the meeting decided")
    expect(page.get_by_text("The meeting listened to you.")).to_be_visible()
    _check(page)
    page.get_by_role("button", name="I have read this").click()
    expect(page.get_by_text("Thank you for reading it.")).to_be_visible()
    _check(page)
