"""Jo publishes the Khan decisions for Maya and Leo: the meeting is recorded held with
complete decisions; a quarter of an hour after signing in she is asked for her password
(and authenticator code) again, publishes, and follows the delivery page. Every page
passes axe at 320 px and fits the screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import Page, expect

from tests.browser import helpers
from tests.browser.conftest import assert_accessible, assert_fits_320
from tests.browser.helpers import sign_in_professional

JO = "jo.evans@northfield.example"


@pytest.fixture(scope="module")
def held_meeting(live_server: str, browser_instance: Path) -> str:
    """The Khan meeting recorded as held an hour ago, with complete decisions for Maya
    and Leo (the recording pages are another part of the issue); its id."""
    from sqlalchemy import select

    from portal import create_app
    from portal.data.models import Conference
    from portal.extensions import db
    from tests.conftest import test_settings
    from tests.integration.test_publishing import khan_held

    app = create_app(
        test_settings(browser_instance, f"sqlite:///{browser_instance / 'browser.db'}")
    )
    with app.app_context():
        khan = db.session.scalars(select(Conference).where(Conference.family_name == "Khan")).one()
        khan_id = khan.id
    held = khan_held(app, {"conferences": {"khan": khan_id}}, datetime.now(UTC))
    with app.app_context():
        db.engine.dispose()
    return str(held["conference"])


def checked(page: Page) -> None:
    assert_accessible(page)
    assert_fits_320(page)


def test_jo_signs_in_again_publishes_and_follows_delivery(
    page: Page, live_server: str, held_meeting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portal.domain import clock

    sign_in_professional(page, live_server, JO)
    # Sixteen minutes later: publishing asks for the password again.
    later = datetime.now(UTC) + timedelta(minutes=16)
    monkeypatch.setattr(clock, "now", lambda: datetime.now(UTC) + timedelta(minutes=16))
    page.goto(f"{live_server}/conferences/{held_meeting}/publish")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in again to continue")
    checked(page)
    page.get_by_label("Password", exact=True).fill("wrong-password")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The password is not right")
    checked(page)
    page.get_by_label("Password", exact=True).fill(helpers.PASSWORD)
    code = pyotp.TOTP(helpers.SECRETS[JO]).at(later + timedelta(seconds=30))
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Publish the decision")
    expect(page.get_by_text("Will not be told")).to_be_visible()
    expect(page.get_by_text("tariq.khan@family.example")).to_have_count(0)
    checked(page)
    page.get_by_role("button", name="Publish and send").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("The decision is published")
    checked(page)
    page.get_by_role("link", name="See who it has reached").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who the decision has reached")
    expect(page.get_by_text("Amira Khan")).to_be_visible()
    expect(page.get_by_text("Tariq Khan")).to_have_count(0)
    # The worker beside the server sends the messages: the page shows them sent.
    for _ in range(40):
        page.reload()
        if page.get_by_text("Queued", exact=True).count() == 0:
            break
        page.wait_for_timeout(250)
    expect(page.get_by_text("Queued", exact=True)).to_have_count(0)
    expect(page.get_by_text("Sent", exact=True).first).to_be_visible()
    checked(page)
