"""Priya writes the Khan family's social work report, shares it a day late and sees the
flag; every report-writing page passes axe at 320 and 1280 px, in English and Welsh.

(The lead joins this to the booking browser test, where Priya first books the meeting.)
"""

from __future__ import annotations

import re
from datetime import datetime, time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, assert_fits_320
from tests.browser.helpers import sign_in_professional

PRIYA = "priya.patel@northfield.example"
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 720}


@pytest.fixture(scope="module")
def late_meeting(live_server: str, browser_instance: Path) -> str:
    """Move the Khan meeting to the next working day at 10am, so the family's reports
    (due 2 working days before) are already late; the id of the meeting."""
    from sqlalchemy import select

    from portal import create_app
    from portal.data.models import Conference
    from portal.domain.clock import LONDON, today_in_london
    from portal.domain.working_days import WorkingCalendar
    from portal.extensions import db
    from tests.conftest import test_settings

    app = create_app(
        test_settings(browser_instance, f"sqlite:///{browser_instance / 'browser.db'}")
    )
    with app.app_context():
        khan = db.session.scalars(select(Conference).where(Conference.family_name == "Khan")).one()
        day = WorkingCalendar(khan.authority.nation.value).add_working_days(today_in_london(), 1)
        khan.starts_at = datetime.combine(day, time(10), tzinfo=LONDON)
        khan.part_two_starts_at = datetime.combine(day, time(11), tzinfo=LONDON)
        khan.expected_end_at = datetime.combine(day, time(12), tzinfo=LONDON)
        db.session.commit()
        conference_id = str(khan.id)
        db.engine.dispose()
    return conference_id


def checked(page: Page, url: str | None = None) -> None:
    """axe at 320 and 1280 px; nothing wider than the screen at 320 px."""
    if url:
        page.goto(url)
    for size in (NARROW, WIDE):
        page.set_viewport_size(size)
        assert_accessible(page)
    page.set_viewport_size(NARROW)
    assert_fits_320(page)


def test_priya_writes_a_report_shares_it_late_and_sees_the_flag(
    page: Page, live_server: str, late_meeting: str
) -> None:
    base = live_server
    sign_in_professional(page, base, PRIYA)
    page.goto(f"{base}/conferences/{late_meeting}")
    page.get_by_role("link", name="Write or upload a report").click()
    checked(page)
    page.get_by_role("button", name="Start a new report").click()
    checked(page)
    page.get_by_role("button", name="Continue").click()  # nothing filled in: errors
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    checked(page)
    page.get_by_label("Title").fill("Social work report for the review")
    page.get_by_label("Social work").check()
    page.get_by_label("The family and professionals").check()
    page.get_by_label("Write it here").check()
    page.get_by_role("button", name="Continue").click()

    # The Signs of Safety headings for Maya (the elder child) and Leo.
    expect(page.get_by_role("heading", name="About Maya")).to_be_visible()
    page.locator("#child0_worries").fill(
        "Maya told her teacher she cannot sleep. The ICPC will hear about the shouting at home."
    )
    page.locator("#child0_working_well").fill("Maya goes to school every day.")
    page.locator("#child0_scale").fill("5")
    page.locator("#child1_needs_to_happen").fill("Leo needs a calm home.")
    # With JavaScript the advice follows the words as they are typed.
    page.locator("#child1_needs_to_happen").press_sequentially(" The core group will help.")
    expect(page.locator("[data-plain-words-for=child1_needs_to_happen]")).to_contain_text(
        "core group"
    )
    page.get_by_role("button", name="Check my words").click()
    expect(page.get_by_text("Words the family may not know").first).to_be_visible()
    checked(page)
    page.get_by_role("button", name="Preview and share").click()
    expect(page.get_by_role("heading", name="Maya: What are we worried about?")).to_be_visible()
    expect(page.get_by_text("5 out of 10")).to_be_visible()
    checked(page)
    page.get_by_role("button", name="Continue to share").click()
    expect(page.get_by_text("This report is late.")).to_be_visible()
    checked(page)
    page.get_by_role("button", name="Share the report").click()
    expect(page.get_by_text("The report is shared.")).to_be_visible()
    report_url = page.url
    checked(page)

    # The flag on the meeting page, with what the council's standards say it means.
    page.goto(f"{base}/conferences/{late_meeting}")
    expect(page.get_by_text("reports were shared late:")).to_be_visible()
    flagged = page.locator(".govuk-warning-text + ul")
    expect(flagged.get_by_role("link", name="Social work report for the review")).to_be_visible()
    expect(page.get_by_text("Think about whether the meeting should be moved")).to_be_visible()
    checked(page)

    # A new version asks what changed; the old one stays for professionals.
    page.goto(report_url)
    page.get_by_role("button", name="Write a new version").click()
    page.locator("#child0_scale").fill("6")
    page.get_by_role("button", name="Preview and share").click()
    page.get_by_role("button", name="Continue to share").click()
    page.get_by_role("button", name="Share the report").click()
    expect(page.get_by_text("Say in plain words what changed").first).to_be_visible()
    checked(page)
    page.get_by_label("What changed since the last version").fill("Maya's safety scale is now 6.")
    page.get_by_role("button", name="Share the report").click()
    expect(page.get_by_text("Maya's safety scale is now 6.")).to_be_visible()
    page.get_by_role("link", name=re.compile("Version 1")).click()
    expect(page.get_by_text("5 out of 10")).to_be_visible()
    checked(page)

    # The deadlines page and recording a duty (refused: the meeting has not happened).
    page.goto(f"{base}/conferences/{late_meeting}/deadlines")
    checked(page)
    page.goto(f"{base}/conferences/{late_meeting}/deadlines/minutes/done")
    checked(page)
    page.get_by_role("button", name="Record as done").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    checked(page)


def test_report_pages_pass_axe_in_welsh_and_work_without_javascript(
    page: Page, page_without_js: Page, live_server: str, late_meeting: str
) -> None:
    base = live_server
    for each in (page, page_without_js):
        sign_in_professional(each, base, PRIYA)
        each.goto(f"{base}/language/cy?next=/conferences")
    page.goto(f"{base}/conferences/{late_meeting}/write")
    checked(page)
    page.goto(f"{base}/conferences/{late_meeting}/write/new")
    checked(page)
    # Without JavaScript: start an upload, and see the upload page and its error.
    plain = page_without_js
    plain.goto(f"{base}/conferences/{late_meeting}/write/new")
    plain.locator("#title").fill("Adroddiad iechyd")
    plain.locator("#kind-3").check()  # health
    plain.locator("#audience-2").check()  # professionals only
    plain.locator("#way-2").check()  # upload
    plain.locator("form[action$='/write/new'] button[type=submit]").click()
    plain.locator("form[enctype] button[type=submit]").click()  # no file chosen
    expect(plain.locator(".govuk-error-summary")).to_be_visible()
    page.goto(plain.url)
    checked(page)
    # A report page with the family's comment and the reply page.
    page.goto(f"{base}/conferences/{late_meeting}")
    page.get_by_role("link", name=re.compile("Social work report")).first.click()
    checked(page)
