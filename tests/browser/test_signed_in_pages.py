"""Every page each demo person can reach passes axe at 320 px; journeys work without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits_320
from tests.browser.helpers import links_to_follow, sign_in_family, sign_in_professional

FAMILY = {
    "amira": "amira.khan@family.example",
    "daniel": "daniel.khan@family.example",
    "maya": "maya.khan@family.example",
    "olivia": "olivia.brown@family.example",
}
PROFESSIONALS = {
    "jo": "jo.evans@northfield.example",
    "priya": "priya.patel@northfield.example",
    "chris": "chris.lee@northfield.example",
    "tom": "tom.green@school.example",
    "sam": "sam.taylor@advocacy.example",
}


def walk(page, base, limit=40, language=None):
    """Visit every page reachable from "Your meetings", checking each one (and, given a
    language, that every page is in it and runs the right way)."""
    queue, seen = [f"{base}/conferences"], set()
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        if language:
            html = page.locator("html")
            assert html.get_attribute("lang") == language, url
            assert html.get_attribute("dir") == ("rtl" if language in {"ar", "ur"} else "ltr")
        assert_accessible(page)
        assert_fits_320(page)
        queue.extend(links_to_follow(page, base))
    return seen


@pytest.mark.parametrize("who", sorted(FAMILY))
def test_every_page_a_family_member_reaches_passes_axe(page, live_server, mail_dir, who):
    sign_in_family(page, live_server, mail_dir, FAMILY[who])
    assert len(walk(page, live_server)) >= 3


# Issue 13: the axe walk in Welsh and in the two right-to-left languages, as a parent
# before the meeting (Amira), a young person (Maya) and a parent after it (Olivia).
@pytest.mark.parametrize("language", ["cy", "ar", "ur"])
@pytest.mark.parametrize("who", ["amira", "maya", "olivia"])
def test_every_family_page_passes_axe_in_welsh_arabic_and_urdu(
    page, live_server, mail_dir, who, language
):
    sign_in_family(page, live_server, mail_dir, FAMILY[who])
    page.goto(f"{live_server}/language/{language}?next=/conferences")
    assert len(walk(page, live_server, language=language)) >= 3


@pytest.mark.parametrize("who", sorted(PROFESSIONALS))
def test_every_page_a_professional_reaches_passes_axe(page, live_server, who):
    sign_in_professional(page, live_server, PROFESSIONALS[who], check=assert_accessible)
    assert len(walk(page, live_server)) >= 3


def test_sign_in_pages_pass_axe_including_errors(page, live_server):
    for path in ("/sign-in", "/sign-in/professional", "/sign-in/link/not-a-link", "/signed-out"):
        page.goto(f"{live_server}{path}")
        assert_accessible(page)
        assert_fits_320(page)
    page.goto(f"{live_server}/sign-in")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Email address or mobile phone number").fill("amira.khan@family.example")
    page.get_by_role("button", name="Continue").click()
    assert_accessible(page)
    page.get_by_label("Code").fill("12")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)


def test_a_parent_signs_in_and_reads_a_report_without_javascript(
    page_without_js, live_server, mail_dir
):
    page = page_without_js
    sign_in_family(page, live_server, mail_dir, FAMILY["daniel"])
    page.get_by_role("link", name="The Khan family").click()
    if page.locator("h1").inner_text() == "Before you start":
        page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Social work report", exact=True).click()
    if page.locator("h1").inner_text() == "Keeping the reports private":
        page.get_by_label("I will keep the reports private").check()
        page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Social work report")
    assert_fits_320(page)
    page.get_by_role("button", name="Sign out").first.click()
    expect(page.locator("h1")).to_have_text("You have signed out")


def test_the_timeout_warning_appears_and_keeps_the_session(page, live_server, mail_dir):
    sign_in_family(page, live_server, mail_dir, FAMILY["olivia"])
    page.clock.install()
    page.goto(f"{live_server}/conferences")
    page.clock.fast_forward("28:30")
    dialog = page.locator("#timeout-warning")
    dialog.wait_for(state="visible")
    assert_accessible(page)
    page.get_by_role("button", name="Stay signed in").click()
    dialog.wait_for(state="hidden")
    page.goto(f"{live_server}/conferences")
    expect(page.locator("h1")).to_have_text("Your meetings")


def test_the_authenticator_page_passes_axe_on_a_second_sign_in(page, live_server):
    sign_in_professional(page, live_server, PROFESSIONALS["jo"])
    page.get_by_role("button", name="Sign out").first.click()
    sign_in_professional(page, live_server, PROFESSIONALS["jo"], check=assert_accessible)
    expect(page.locator("h1")).to_have_text("Your meetings")
