"""Priya books a conference from scratch for a new family, through the pages, and invites
them; every booking page passes axe at 320 and 1280 px, in English and Welsh."""

from __future__ import annotations

import email
import time
from datetime import datetime, timedelta
from email import policy
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from portal.domain.deadlines import LONDON
from portal.domain.working_days import WorkingCalendar
from tests.browser.conftest import assert_accessible, assert_fits_320
from tests.browser.helpers import sign_in_professional

PRIYA = "priya.patel@northfield.example"
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 800}


def check_both_widths(page: Page) -> None:
    """axe at a phone's width and a desk's, and nothing wider than a 320 px screen."""
    page.set_viewport_size(NARROW)
    assert_accessible(page)
    assert_fits_320(page)
    page.set_viewport_size(WIDE)
    assert_accessible(page)
    page.set_viewport_size(NARROW)


def fill_date(page: Page, legend: str, day: datetime) -> None:
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def save(page: Page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def messages_to(mail_dir: Path, address: str, page: Page, count: int = 1) -> list[str]:
    """The plain-text bodies sent to `address`, waiting up to 5 s for `count` of them."""
    deadline = time.monotonic() + 5
    while True:
        found = []
        for path in mail_dir.glob("*.eml") if mail_dir.exists() else []:
            message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            if message["To"] == address:
                found.append(message.get_body(preferencelist=("plain",)).get_content())
        if len(found) >= count or time.monotonic() > deadline:
            return found
        page.wait_for_timeout(100)


def test_priya_books_a_conference_for_a_new_family_and_invites_them(
    page: Page, live_server: str, mail_dir: Path
) -> None:
    base = live_server
    sign_in_professional(page, base, PRIYA)
    page.get_by_role("link", name="Book a conference").click()
    check_both_widths(page)
    page.get_by_role("button", name="Start a booking").click()

    # Each question, first with nothing answered: the errors are accessible too.
    save(page)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_both_widths(page)
    page.get_by_label("First meeting (initial child protection conference)").check()
    save(page)

    page.get_by_role("button", name="Add child").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_both_widths(page)
    page.get_by_label("First name").fill("Zara")
    page.get_by_label("Last name").fill("Ahmed")
    fill_date(page, "Date of birth", datetime(2017, 5, 14))
    page.get_by_role("button", name="Add child").click()
    expect(page.get_by_text("Zara Ahmed")).to_be_visible()
    check_both_widths(page)
    page.get_by_role("link", name="Continue").click()

    when = datetime.now(LONDON) + timedelta(days=14)
    fill_date(page, "Date of the strategy discussion", datetime.now(LONDON) - timedelta(days=2))
    fill_date(page, "Date of the conference", when - timedelta(days=40))  # in the past
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Expected end time").fill("12:00")
    page.get_by_label("No", exact=True).check()
    save(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be in the future")
    check_both_widths(page)
    fill_date(page, "Date of the conference", when)
    save(page)

    page.get_by_label("Venue (optional)").fill("Room 2, Northfield Civic Centre")
    check_both_widths(page)
    save(page)
    page.get_by_label("Who will chair it?").select_option(label="Jo Evans")
    save(page)

    expect(page.get_by_role("heading", name="Check the booking")).to_be_visible()
    check_both_widths(page)
    page.get_by_role("button", name="Book the conference").click()

    expect(page.get_by_role("heading", name="People and invitations")).to_be_visible()
    check_both_widths(page)
    people = page.url

    page.get_by_role("link", name="Add a family member").click()
    page.get_by_role("button", name="Add family member").click()
    check_both_widths(page)  # with its errors
    page.get_by_label("Full name").fill("Layla Ahmed")
    page.get_by_label("Relationship to the children").fill("mother")
    page.get_by_label("Email address").fill("layla.ahmed@family.example")
    page.get_by_label("Mobile phone number").fill("07700 900 456")
    page.get_by_label("Language they read best").select_option("en")
    page.get_by_role("button", name="Add family member").click()
    expect(page.get_by_text("Layla Ahmed added.")).to_be_visible()

    page.get_by_role("link", name="Add a professional").click()
    check_both_widths(page)
    page.get_by_label("Full name").fill("Ben Hall")
    page.get_by_label("Agency").fill("Northfield Primary School")
    page.get_by_label("Work email address").fill("ben.hall@school.example")
    page.get_by_label("Professional (for example school, health or police)").check()
    page.get_by_role("button", name="Add professional").click()
    expect(page.get_by_text("Ben Hall added.")).to_be_visible()

    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_text("Invitations sent: 3.")).to_be_visible()
    expect(page.get_by_text("Not invited yet")).to_have_count(0)

    (layla,) = messages_to(mail_dir, "layla.ahmed@family.example", page)
    assert "You are invited to a meeting about your family" in layla
    assert "/sign-in/link/" in layla
    # Ben is new to the portal: his invitation, and a link to set up his account.
    ben = messages_to(mail_dir, "ben.hall@school.example", page, count=2)
    assert len(ben) == 2
    assert any("You are invited to a child protection conference" in body for body in ben)
    assert any("/account/set-up/" in body for body in ben)

    # The arrangements pages, in Welsh as well as English.
    for path in ("date", "postpone-or-cancel"):
        page.goto(people.replace("/people", f"/{path}"))
        check_both_widths(page)
    page.goto(f"{base}/language/cy?next={people.replace(base, '')}")
    check_both_widths(page)
    for path in ("/people/family", "/people/young-person", "/people/professional", "/date"):
        page.goto(people.replace("/people", path))
        check_both_widths(page)
    page.goto(people.replace("/people", "/postpone-or-cancel"))
    page.get_by_role("button", name="Cadarnhau a dweud wrth bawb").click()
    check_both_widths(page)  # its errors, in Welsh


def test_priya_books_a_meeting_for_tomorrow_shares_a_report_late_and_sees_the_flag(
    page: Page, live_server: str
) -> None:
    """Booked at short notice, the meeting's report deadline has already gone: sharing the
    report is flagged, to Priya as she shares and on the meeting's page for the chair."""
    base = live_server
    sign_in_professional(page, base, PRIYA)
    page.get_by_role("link", name="Book a conference").click()
    page.get_by_role("button", name="Start a booking").click()
    page.get_by_label("First meeting (initial child protection conference)").check()
    save(page)
    page.get_by_label("First name").fill("Omar")
    page.get_by_label("Last name").fill("Reid")
    fill_date(page, "Date of birth", datetime(2016, 9, 2))
    page.get_by_role("button", name="Add child").click()
    page.get_by_role("link", name="Continue").click()
    # The next working day: the reports were due before it.
    tomorrow = WorkingCalendar("england-and-wales").add_working_days(datetime.now(LONDON).date(), 1)
    fill_date(page, "Date of the strategy discussion", datetime.now(LONDON) - timedelta(days=1))
    fill_date(page, "Date of the conference", tomorrow)
    page.get_by_label("Start time").fill("15:00")
    page.get_by_label("Expected end time").fill("16:30")
    page.get_by_label("No", exact=True).check()
    save(page)
    page.get_by_label("Venue (optional)").fill("Room 1, Northfield Civic Centre")
    save(page)
    page.get_by_label("Who will chair it?").select_option(label="Jo Evans")
    save(page)
    page.get_by_role("button", name="Book the conference").click()
    expect(page.get_by_role("heading", name="People and invitations")).to_be_visible()
    meeting = page.url.removesuffix("/people")

    page.goto(meeting)
    page.get_by_role("link", name="Write or upload a report").click()
    page.get_by_role("button", name="Start a new report").click()
    page.get_by_label("Title").fill("Social work report for Omar")
    page.get_by_label("Social work").check()
    page.get_by_label("The family and professionals").check()
    page.get_by_label("Write it here").check()
    page.get_by_role("button", name="Continue").click()
    page.locator("#child0_worries").fill("Omar has missed school on many days this term.")
    page.get_by_role("button", name="Preview and share").click()
    page.get_by_role("button", name="Continue to share").click()
    expect(page.get_by_text("This report is late.")).to_be_visible()
    check_both_widths(page)
    page.get_by_role("button", name="Share the report").click()
    expect(page.get_by_text("The report is shared.")).to_be_visible()

    page.goto(meeting)
    expect(page.get_by_text("1 report was shared late:")).to_be_visible()
    flagged = page.locator(".govuk-warning-text + ul")
    expect(flagged.get_by_role("link", name="Social work report for Omar")).to_be_visible()
    # Late to the family and to the chair: two sentences, each ending with its full stop.
    expect(flagged).to_contain_text(". reached the chair on")
    check_both_widths(page)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_booking_questions_pass_axe_in_each_language(
    page: Page, live_server: str, language: str
) -> None:
    sign_in_professional(page, live_server, PRIYA)
    page.goto(f"{live_server}/language/{language}?next=/book")
    check_both_widths(page)
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    draft = page.url.rsplit("/", 1)[0]
    for question in ("kind",):
        page.goto(f"{draft}/{question}")
        check_both_widths(page)
    page.locator("input[name=kind][value=review]").check()
    page.locator("main form [type=submit]").click()
    check_both_widths(page)  # which conference it follows
    for question in ("time", "place", "chair", "check"):
        page.goto(f"{draft}/{question}")
        check_both_widths(page)
