"""The council's pages and a new professional's set-up link in a real browser: axe finds
nothing at 320 and 1280 px, in English and Welsh, errors included; the journey from
invitation to first sign-in works end to end."""

from __future__ import annotations

import email
import re
import time
from email import policy
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, assert_fits_320
from tests.browser.helpers import sign_in_professional

CHRIS = "chris.lee@northfield.example"
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 720}


def check(page: Page, width: int) -> None:
    assert page.locator("h1").count() == 1, page.url
    assert_accessible(page)
    if width == 320:
        assert_fits_320(page)


def set_up_link(mail_dir: Path, to: str) -> str:
    """The link in the newest set-up message to `to` (the worker writes it soon after)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for path in sorted(mail_dir.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)[::-1]:
            message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            if message["To"] == to:
                body = message.get_body(preferencelist=("plain",)).get_content()
                return re.search(r"(http\S+/account/set-up/\S+)", body).group(1)
        time.sleep(0.1)
    raise AssertionError(f"no set-up link sent to {to}")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_council_pages_pass_axe_at_320_and_1280(page, live_server, language):
    sign_in_professional(page, live_server, CHRIS)
    for viewport in (NARROW, WIDE):
        page.set_viewport_size(viewport)
        page.goto(f"{live_server}/language/{language}?next=/council")
        check(page, viewport["width"])
        for path in ("/council/staff", "/council/policy", "/council/closure-days"):
            page.goto(f"{live_server}{path}")
            check(page, viewport["width"])
        # A member of staff's own page, and the administrator's own.
        page.goto(f"{live_server}/council/staff")
        hrefs = [
            page.get_by_role("link", name=name).get_attribute("href")
            for name in ("Jo Evans", "Chris Lee")
        ]
        for href in hrefs:
            page.goto(f"{live_server}{href}")
            check(page, viewport["width"])
        # The invitation form, empty and with its errors.
        page.goto(f"{live_server}/council/staff/invite")
        check(page, viewport["width"])
        page.locator("form[action='/council/staff/invite'] button[type=submit]").click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        check(page, viewport["width"])


def test_a_new_member_of_staff_goes_from_invitation_to_signed_in(
    page, browser, live_server, mail_dir
):
    sign_in_professional(page, live_server, CHRIS)
    page.goto(f"{live_server}/council/staff/invite")
    page.get_by_label("Full name").fill("Nia Roberts")
    page.get_by_label("Work email address").fill("nia.roberts@northfield.example")
    page.get_by_label("Social worker").check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator("h1")).to_have_text("Nia Roberts")
    expect(page.locator(".govuk-tag")).to_have_text("Invited")
    check(page, 320)
    link = set_up_link(mail_dir, "nia.roberts@northfield.example")

    # Nia, on her own phone, in Welsh and then English.
    context = browser.new_context(viewport=NARROW)
    context.set_default_timeout(15_000)
    nia = context.new_page()
    try:
        path = link.split("/account/", 1)[1]
        nia.goto(f"{live_server}/language/cy?next=/account/{path}")
        check(nia, 320)
        nia.goto(f"{live_server}/language/en?next=/account/{path}")
        nia.get_by_label("Choose a password").fill("short")
        nia.get_by_label("Enter the password again").fill("short")
        nia.get_by_role("button", name="Continue").click()
        expect(nia.locator(".govuk-error-summary")).to_be_visible()
        check(nia, 320)
        nia.get_by_label("Choose a password").fill("kettle harbour violet")
        nia.get_by_label("Enter the password again").fill("kettle harbour violet")
        nia.get_by_role("button", name="Continue").click()
        expect(nia.locator("h1")).to_have_text("Set up your authenticator app")
        check(nia, 320)
        secret = nia.locator("code").inner_text().replace(" ", "")
        nia.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
        nia.get_by_role("button", name="Sign in").click()
        nia.wait_for_url(f"{live_server}/conferences")
        # The link worked once: now it says so, in plain words.
        nia.goto(f"{live_server}/account/{path}")
        expect(nia.locator("h1")).to_have_text("This link has already been used")
        check(nia, 320)
        nia.goto(f"{live_server}/account/set-up/not-a-link")
        expect(nia.locator("h1")).to_have_text("This link does not work")
        check(nia, 320)
    finally:
        context.close()

    page.goto(f"{live_server}/council/staff")
    row = page.locator(".govuk-summary-list__row", has_text="Nia Roberts")
    expect(row.locator(".govuk-tag")).to_have_text("Active")


def test_the_council_pages_work_without_javascript(page_without_js, live_server):
    page = page_without_js
    sign_in_professional(page, live_server, CHRIS)
    page.get_by_role("link", name="Council settings").first.click()
    expect(page.locator("h1")).to_have_text("Council settings")
    page.get_by_role("link", name="Timescales").click()
    page.get_by_label("Middlesbrough").check()
    page.get_by_role("button", name="Save timescales").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Middlesbrough")
    assert_fits_320(page)
    page.goto(f"{live_server}/council/staff")
    page.get_by_role("link", name="Morgan Hughes").click()
    page.get_by_label("Conference chair").check()
    page.get_by_role("button", name="Change role").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Role changed")
    page.get_by_role("button", name="Deactivate account").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("signed out everywhere")
    expect(page.locator(".govuk-tag")).to_have_text("Deactivated")
    assert_fits_320(page)


def test_the_advocacy_service_pages_pass_axe_at_320(page, live_server):
    sign_in_professional(page, live_server, CHRIS)
    page.set_viewport_size(NARROW)
    page.goto(f"{live_server}/council/advocacy")
    sam = page.get_by_role("link", name="Sam Taylor").get_attribute("href")
    for language in ("cy", "en"):
        page.goto(f"{live_server}/language/{language}?next=/council")
        check(page, 320)
        page.goto(f"{live_server}/council/advocacy")
        check(page, 320)
        # A phone number that is not one: the error next to the field, the rest kept.
        page.locator("#phone").fill("ring the office")
        page.locator("form[action='/council/advocacy'] button[type=submit]").click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        expect(page.locator("#phone-error")).to_be_visible()
        expect(page.locator("#name")).to_have_value("Northfield Children's Advocacy")
        check(page, 320)
        page.goto(f"{live_server}/council/advocacy/invite")
        check(page, 320)
        page.locator("form[action='/council/advocacy/invite'] button[type=submit]").click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        check(page, 320)
        page.goto(f"{live_server}{sam}")
        check(page, 320)
    page.goto(f"{live_server}/council/advocacy")
    page.get_by_label("Phone number").fill("01632 960 999")
    page.get_by_role("button", name="Save the advocacy service").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("details are saved")
    check(page, 320)
    page.goto(f"{live_server}/council")


def test_an_advocate_goes_from_invitation_to_the_councils_referrals(
    page, browser, live_server, mail_dir
):
    sign_in_professional(page, live_server, CHRIS)
    page.set_viewport_size(NARROW)
    page.goto(f"{live_server}/council")
    page.get_by_role("link", name="Advocacy service").click()
    page.get_by_role("link", name="Invite someone from the service").click()
    page.get_by_label("Full name").fill("Rhys Price")
    page.get_by_label("Work email address").fill("rhys.price@advocacy.example")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator("h1")).to_have_text("Rhys Price")
    expect(page.locator(".govuk-tag")).to_have_text("Invited")
    check(page, 320)
    link = set_up_link(mail_dir, "rhys.price@advocacy.example")

    # Rhys, on his own phone: a password, an authenticator, then the service's referrals.
    context = browser.new_context(viewport=NARROW)
    context.set_default_timeout(15_000)
    rhys = context.new_page()
    try:
        rhys.goto(f"{live_server}/account/{link.split('/account/', 1)[1]}")
        rhys.get_by_label("Choose a password").fill("lantern meadow copper")
        rhys.get_by_label("Enter the password again").fill("lantern meadow copper")
        rhys.get_by_role("button", name="Continue").click()
        expect(rhys.locator("h1")).to_have_text("Set up your authenticator app")
        secret = rhys.locator("code").inner_text().replace(" ", "")
        rhys.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
        rhys.get_by_role("button", name="Sign in").click()
        rhys.wait_for_url(f"{live_server}/conferences")
        rhys.get_by_role("link", name="Referrals for an advocate").first.click()
        expect(rhys.locator("main")).to_contain_text("Maya")
        check(rhys, 320)
        # Not the council's: its settings and caseload are not his.
        response = rhys.goto(f"{live_server}/council")
        assert response is not None and response.status == 404
    finally:
        context.close()

    page.goto(f"{live_server}/council/advocacy")
    row = page.locator(".govuk-summary-list__row", has_text="Rhys Price")
    expect(row.locator(".govuk-tag")).to_have_text("Active")
