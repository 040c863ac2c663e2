"""The whole parent journey at 320 px, with JavaScript and without, checked by axe on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits_320
from tests.browser.helpers import sign_in_family


def check(page):
    # axe-core is JavaScript: it runs only where the page has JavaScript. The journey
    # without it checks the same pages for width; the journey with it runs axe on each.
    if _javascript(page):
        assert_accessible(page)
    assert_fits_320(page)


def _javascript(page):
    return page.evaluate("() => document.body.classList.contains('js-enabled')")


def parent_journey(page, base, mail_dir, address, javascript):
    sign_in_family(page, base, mail_dir, address)
    page.get_by_role("link", name="The Khan family").click()
    # First visit: how information is used.
    expect(page.locator("h1")).to_have_text("Before you start")
    check(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Your meeting")
    check(page)

    family_home = page.url
    page.get_by_role("link", name="What will happen at the meeting").click()
    expect(page.locator("h1")).to_have_text("What will happen at the meeting")
    check(page)
    page.goto(family_home)

    # The reports: the promise first, then read, mark as read, and comment on a section.
    page.get_by_role("link", name="Social work report", exact=True).click()
    expect(page.locator("h1")).to_have_text("Keeping the reports private")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page)
    page.get_by_label("I will keep the reports private").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Social work report")
    check(page)
    page.get_by_role("button", name="I have read this").click()
    page.get_by_role("link", name="I think this is wrong").nth(2).click()
    check(page)
    page.get_by_label("Tell us in your own words").fill("That is not what happened.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("That is not what happened.")).to_be_visible()
    check(page)

    # About Maya: a draft, then sent.
    page.goto(page.url.split("/reports/")[0] + "/family")
    page.get_by_role("link", name="Tell us about Maya").click()
    check(page)
    page.get_by_label("What do they enjoy?").fill("Drawing, and her brother's jokes")
    page.get_by_role("button", name="Save as a draft").click()
    assert (
        page.get_by_label("What do they enjoy?").input_value() == "Drawing, and her brother's jokes"
    )
    page.get_by_role("button", name="Save and send").click()
    expect(page.locator("h1")).to_have_text("Your meeting")

    # How the meeting will work: every step, with an error on the way.
    page.get_by_role("link", name="How the meeting will work for you").click()
    if "/meeting/check" in page.url:
        # Some answers were already saved (the social worker recorded the interpreter).
        check(page)
        page.goto(family_home.split("?")[0] + "/meeting/name")
    page.get_by_label("What name should people use for you?").fill("Amira")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save and continue").click()  # nothing chosen: errors
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page)
    page.locator("input[name=language][value=ur]").check()
    page.get_by_label("Yes").check()
    page.get_by_label("Which dialect do you speak? (optional)").fill("Mirpuri")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("More time to think before I answer").check()
    check(page)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("In person, in the meeting room").check()
    check(page)
    page.get_by_role("button", name="Save and continue").click()

    # Seating: choose without dragging; the picture follows.
    expect(page.locator("h1")).to_have_text("Where you sit")
    beside = page.locator("input[name=beside]").first
    beside.check()
    if javascript:
        page.locator("#seating-picture .portal-horseshoe__seat--beside").first.wait_for()
    else:
        page.get_by_role("button", name="Update the picture").click()
        expect(page.locator("#seating-picture .portal-horseshoe__seat--beside")).to_have_count(1)
    check(page)
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_label("A short break").check()
    check(page)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("A friend").check()
    page.get_by_label("No", exact=True).check()
    check(page)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("I am not sure").check()
    check(page)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Are there times that are hard for you? (optional)").fill(
        "The school run at 3pm"
    )
    check(page)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("No", exact=True).check()
    check(page)
    page.get_by_role("button", name="Save and continue").click()

    expect(page.locator("h1")).to_have_text("Check your answers")
    check(page)
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_have_text("Your answers have been sent")
    check(page)


def test_a_parent_walks_the_whole_journey_with_javascript(page, live_server, mail_dir):
    parent_journey(page, live_server, mail_dir, "amira.khan@family.example", javascript=True)


def test_a_parent_walks_the_whole_journey_without_javascript(
    page_without_js, live_server, mail_dir
):
    parent_journey(
        page_without_js, live_server, mail_dir, "daniel.khan@family.example", javascript=False
    )


@pytest.mark.parametrize("path", ["/glossary"])
def test_the_glossary_passes_axe(page, live_server, path):
    page.goto(f"{live_server}{path}")
    check(page)
