"""Chris writes the minutes of the Brown review, Jo approves and shares them, Olivia reads
them and says something is wrong; every page passes axe at 320 px."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, assert_fits_320
from tests.browser.helpers import sign_in_family, sign_in_professional

CHRIS = "chris.lee@northfield.example"
JO = "jo.evans@northfield.example"
OLIVIA = "olivia.brown@family.example"


@pytest.fixture(scope="module")
def brown(live_server: str, browser_instance: Path) -> str:
    """Chris organises the Brown review in this module's database; the review's id."""
    from sqlalchemy import select

    from portal import create_app
    from portal.data.models import Conference, Participant, Person, Role
    from portal.extensions import db
    from tests.conftest import test_settings

    app = create_app(
        test_settings(browser_instance, f"sqlite:///{browser_instance / 'browser.db'}")
    )
    with app.app_context():
        found = db.session.scalars(
            select(Conference).where(Conference.family_name == "Brown")
        ).one()
        chris = db.session.scalars(select(Person).where(Person.email == CHRIS)).one()
        db.session.add(
            Participant(conference_id=found.id, person_id=chris.id, role=Role.ADMINISTRATOR)
        )
        db.session.commit()
        conference_id = str(found.id)
        db.engine.dispose()
    return conference_id


def checked(page: Page) -> None:
    assert_accessible(page)
    assert_fits_320(page)


def test_chris_writes_jo_shares_olivia_says_something_is_wrong(
    page: Page, live_server: str, mail_dir: Path, brown: str
) -> None:
    base = live_server
    sign_in_professional(page, base, CHRIS)
    page.goto(f"{base}/conferences/{brown}/minutes/write")
    expect(page.get_by_text("Not started")).to_be_visible()
    checked(page)
    page.get_by_label("The record of the meeting").fill(
        "Jo Evans chaired the meeting. Olivia Brown and Priya Patel came.\n\n"
        "Ellie goes to nursery every day. Everyone agreed the plan is working."
    )
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("Draft: waiting for the chair")).to_be_visible()
    checked(page)

    page.context.clear_cookies()
    sign_in_professional(page, base, JO)
    page.goto(f"{base}/conferences/{brown}/minutes/write")
    page.get_by_role("button", name="Approve the minutes").click()
    expect(page.get_by_text("Approved: ready to share")).to_be_visible()
    checked(page)
    page.get_by_role("button", name="Share the minutes").click()
    expect(page.get_by_text("The minutes are shared.")).to_be_visible()
    checked(page)

    page.context.clear_cookies()
    sign_in_family(page, base, mail_dir, OLIVIA)
    page.goto(f"{base}/conferences/{brown}/minutes")
    expect(page.get_by_text("Ellie goes to nursery every day.")).to_be_visible()
    checked(page)
    page.get_by_role("button", name="Send").click()  # nothing typed: errors next to the fields
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    checked(page)
    page.get_by_label("What is wrong?").fill("It says Priya came. She was not there.")
    page.get_by_label("Why is it wrong, or what should it say?").fill(
        "Her manager came in her place."
    )
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("No reply yet.")).to_be_visible()
    checked(page)
