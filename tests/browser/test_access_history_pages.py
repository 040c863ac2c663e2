"""The access history's pages (issue 15) pass axe at 320 px in English and Welsh, and the
link to older entries works without JavaScript."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from tests.browser.conftest import assert_accessible, assert_fits_320
from tests.browser.helpers import sign_in_professional

JO = "jo.evans@northfield.example"


@pytest.fixture(scope="module")
def long_history(live_server, browser_instance):
    """Sixty report openings by Amira in the Khan conference, so the history has pages."""
    engine = create_engine(f"sqlite:///{browser_instance / 'browser.db'}")
    with engine.begin() as connection:
        amira = connection.execute(
            text("SELECT id FROM person WHERE email = 'amira.khan@family.example'")
        ).scalar_one()
        khan = connection.execute(
            text("SELECT id FROM conference WHERE family_name = 'Khan'")
        ).scalar_one()
        start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
        for n in range(60):
            connection.execute(
                text(
                    "INSERT INTO audit_event (id, occurred_at, actor_id, conference_id, action,"
                    " object_type, object_id) VALUES (:id, :at, :actor, :conference, 'viewed',"
                    " 'report', NULL)"
                ),
                {
                    "id": uuid.uuid4().hex,
                    "at": (start + timedelta(minutes=n)).strftime("%Y-%m-%d %H:%M:%S.%f"),
                    "actor": amira,
                    "conference": khan,
                },
            )
    engine.dispose()
    return f"{live_server}/conferences/{uuid.UUID(hex=khan)}/access-history"


def test_the_access_history_pages_pass_axe_in_english_and_welsh(page, live_server, long_history):
    sign_in_professional(page, live_server, JO)
    for language, older in (("en", "Older entries"), ("cy", "Cofnodion hŷn")):
        page.goto(f"{live_server}/language/{language}?next=/conferences")
        page.goto(long_history)
        assert_accessible(page)
        assert_fits_320(page)
        assert page.locator("main li").count() == 50
        page.get_by_role("link", name=older).click()
        assert page.locator("main li").count() >= 10
        assert_accessible(page)
        assert_fits_320(page)


def test_older_entries_open_without_javascript(page_without_js, live_server, long_history):
    sign_in_professional(page_without_js, live_server, JO)
    page_without_js.goto(long_history)
    assert page_without_js.locator("main li").count() == 50
    page_without_js.get_by_role("link", name="Older entries").click()
    assert page_without_js.locator("main li").count() >= 10
    assert page_without_js.locator("h1").count() == 1
    assert_fits_320(page_without_js)
