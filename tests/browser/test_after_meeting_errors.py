"""The after-the-meeting forms with a validation error showing, in English and Welsh, at
320 px: axe finds nothing, the page fits, and what was typed is kept."""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, assert_fits_320
from tests.browser.helpers import sign_in_professional

JO = "jo.evans@northfield.example"
NARROW = {"width": 320, "height": 800}


def _brown_id(folder: Path) -> str:
    """The Brown review's id in the browser tests' database."""
    with closing(sqlite3.connect(folder / "browser.db")) as connection:
        (found,) = connection.execute(
            "select id from conference where family_name = 'Brown'"
        ).fetchone()
    return str(uuid.UUID(str(found)))


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_held_form_with_impossible_date_and_time_is_accessible(
    page: Page, live_server: str, language: str
) -> None:
    page.set_viewport_size(NARROW)
    sign_in_professional(page, live_server, JO)
    page.get_by_role("link", name="Khan").first.click()
    page.get_by_role("link", name="Record that the meeting was held").click()
    if language == "cy":
        page.locator("a[hreflang=cy]").first.click()
        expect(page.locator("html")).to_have_attribute("lang", "cy")
    day = page.locator("input[name=day]")
    for index, typed in enumerate(["31", "2", "2026"]):
        day.nth(index).fill(typed)
    page.locator("#starts").fill("25:99")
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("#starts")).to_have_value("25:99")
    expect(day.nth(0)).to_have_value("31")
    assert_accessible(page)
    assert_fits_320(page)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_minutes_upload_refusing_a_file_that_is_not_a_pdf_is_accessible(
    page: Page, live_server: str, browser_instance: Path, language: str
) -> None:
    page.set_viewport_size(NARROW)
    sign_in_professional(page, live_server, JO)
    page.goto(f"{live_server}/conferences/{_brown_id(browser_instance)}/minutes/write")
    if language == "cy":
        page.locator("a[hreflang=cy]").first.click()
        expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.locator("input[type=file]").set_input_files(
        {"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": b"<html>not a pdf"}
    )
    page.locator("input[type=file]").locator("xpath=ancestor::form").locator(
        "button[type=submit], input[type=submit]"
    ).first.click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    assert_fits_320(page)
