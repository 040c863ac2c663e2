"""An advocate for Maya, in the browser: Maya sees she has asked; Sam signs in, finds the
referral, accepts it, writes a statement on her behalf and records meeting her; Maya sees
he has been in touch. Every page is checked by axe at 320 and 1280 px, in English and
Welsh; the same journey works without JavaScript."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import delete, select, update

from tests.browser.conftest import NARROW, assert_accessible, assert_fits_320
from tests.browser.helpers import FRESH_LIMITS, sign_in_family, sign_in_professional

MAYA = "maya.khan@family.example"
SAM = "sam.taylor@advocacy.example"
WIDE = {"width": 1280, "height": 800}


def _javascript(page: Page) -> bool:
    return page.evaluate("() => document.body.classList.contains('js-enabled')")


def check(page: Page, base: str, revisit: bool = True) -> None:
    """axe at 320 and 1280 px in English and Welsh (axe needs JavaScript; without it, the
    page is checked for one heading and for fitting 320 px). A page showing a form's errors
    is the answer to a POST, so it is checked as it stands, in English."""
    assert page.locator("h1").count() == 1
    assert_fits_320(page)
    if not _javascript(page):
        return
    if not revisit:
        for size in (WIDE, NARROW):
            page.set_viewport_size(size)
            assert_accessible(page)
        return
    here = urlsplit(page.url)
    path = here.path + (f"?{here.query}" if here.query else "")
    for language in ("cy", "en"):
        page.goto(f"{base}/language/{language}?next={path}")
        for size in (WIDE, NARROW):
            page.set_viewport_size(size)
            assert_accessible(page)
    assert_fits_320(page)


def _start_again(base: str) -> None:
    """Maya's request as the demo has it: asked, nobody accepted, nothing written."""
    from portal.data.models import (
        AdvocateContact,
        AdvocateRequest,
        AdvocateRequestStatus,
        AdvocateStatement,
        Participant,
        Role,
    )
    from portal.extensions import db

    with FRESH_LIMITS[base].app_context():
        db.session.execute(delete(AdvocateContact))
        db.session.execute(delete(AdvocateStatement))
        db.session.execute(
            update(AdvocateRequest)
            .where(AdvocateRequest.for_child_id.is_not(None))
            .values(status=AdvocateRequestStatus.REQUESTED, advocate_id=None, resolved_at=None)
        )
        db.session.execute(delete(Participant).where(Participant.role == Role.ADVOCATE))
        db.session.commit()
        assert (
            db.session.scalars(select(Participant).where(Participant.role == Role.ADVOCATE)).all()
            == []
        )


def advocate_journey(page: Page, base: str, mail_dir) -> None:
    _start_again(base)
    # Maya: her request is asked, not yet accepted.
    sign_in_family(page, base, mail_dir, MAYA)
    # She lands on her own pages, which link to asking for an advocate.
    page.get_by_role("link", name="Ask for an advocate, or see how it is going").click()
    expect(page.locator("h1")).to_have_text("Ask for an advocate")
    expect(page.get_by_text("We are looking for an advocate for you now.")).to_be_visible()
    maya_page = page.url
    check(page, base)

    # Sam: the referral, before he is in the meeting.
    sign_in_professional(page, base, SAM)
    page.get_by_role("link", name="Referrals for an advocate").click()
    expect(page.locator("h1")).to_have_text("Referrals")
    check(page, base)
    page.get_by_role("link", name="Maya").click()
    expect(page.locator("h1")).to_have_text("Referral for Maya")
    check(page, base)
    # Declining without saying why, for another reason: an error, nothing changed.
    page.get_by_role("radio", name="Another reason").check()
    page.get_by_role("button", name="Decline this referral").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, base, revisit=False)
    page.get_by_role("button", name="Accept this referral").click()
    expect(page.locator("h1")).to_have_text("Advocate for Maya")
    expect(page.get_by_role("link", name="Maya: The three houses")).to_be_visible()
    check(page, base)

    # A statement on Maya's behalf: a draft, then sent.
    page.get_by_role("link", name="Write a statement").click()
    expect(page.locator("h1")).to_have_text("A statement on Maya's behalf")
    check(page, base)
    field = page.get_by_label("What the young person wants the meeting to know")
    field.fill("Maya wants the shouting at home to stop, and to stay at her school.")
    page.get_by_label("Amira Khan (Parent or carer)").check()
    page.get_by_role("button", name="Save as a draft").click()
    expect(field).to_have_value(
        "Maya wants the shouting at home to stop, and to stay at her school."
    )
    page.get_by_role("button", name="Send the statement").click()
    expect(page.locator("h1")).to_have_text("Statement on Maya's behalf")
    expect(page.get_by_text("Written by Sam Taylor, advocate")).to_be_visible()
    check(page, base)

    # Meeting Maya: an error first, then recorded.
    page.get_by_role("link", name="Back").click()
    if "/advocate/case" not in page.url:
        page.goto(page.url.rstrip("/") + "/advocate/case")
    page.get_by_role("button", name="Record this meeting").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, base, revisit=False)
    from portal.domain.clock import today_in_london

    today = today_in_london()
    group = page.get_by_role("group", name="When did you meet or speak with the young person?")
    group.get_by_label("Day").fill(str(today.day))
    group.get_by_label("Month").fill(str(today.month))
    group.get_by_label("Year").fill(str(today.year))
    page.get_by_label("In person").check()
    page.get_by_role("button", name="Record this meeting").click()
    expect(page.get_by_text("In person", exact=False).first).to_be_visible()
    check(page, base)

    # Maya sees that her advocate has been in touch, and reads the statement.
    sign_in_family(page, base, mail_dir, MAYA)
    page.goto(maya_page)
    expect(page.get_by_text("Advocate has been in touch")).to_be_visible()
    check(page, base)
    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="Sam Taylor, advocate, on Maya's behalf").click()
    expect(page.get_by_text("Written by Sam Taylor, advocate")).to_be_visible()
    check(page, base)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_maya_gets_an_advocate_who_speaks_for_her(request, live_server, mail_dir, javascript):
    page = request.getfixturevalue("page" if javascript else "page_without_js")
    advocate_journey(page, live_server, mail_dir)


def test_the_social_worker_and_a_parent_see_the_advocate_pages(page, live_server, mail_dir):
    _start_again(live_server)
    sign_in_professional(page, live_server, "priya.patel@northfield.example")
    page.get_by_role("link", name="The Khan family").click()
    page.get_by_role("link", name="Advocates for the children").click()
    expect(page.locator("h1")).to_have_text("Ask for an advocate")
    check(page, live_server)
    # Asking without the young person's agreement is refused, with the reason.
    page.get_by_label("Leo").check()
    page.get_by_label("Someone I know and trust").check()
    page.get_by_label("If you know someone, what is their name? (optional)").fill("Ms Rivers")
    page.get_by_role("button", name="Ask for an advocate").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, live_server, revisit=False)
    page.goto(page.url)
    page.get_by_role("link", name="Record what happened to the request for Maya").click()
    expect(page.locator("h1")).to_have_text("What happened to the request for Maya")
    check(page, live_server)
    page.get_by_role("button", name="Save what happened").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, live_server, revisit=False)

    sign_in_family(page, live_server, mail_dir, "amira.khan@family.example")
    page.get_by_role("link", name="The Khan family").click()
    page.wait_for_load_state()
    if page.locator("h1").inner_text() == "Before you start":
        page.get_by_role("button", name="Continue").click()  # her first visit's notice
        expect(page.locator("h1")).to_have_text("Your meeting")
    page.get_by_role(
        "link", name="Ask for an advocate for your child, or see how it is going"
    ).click()
    expect(page.locator("h1")).to_have_text("Ask for an advocate")
    check(page, live_server)
