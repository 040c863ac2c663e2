"""Issue 13: Amira's pages in Urdu, right to left, on a 320 px phone.

Urdu is made live on this module's server (its catalogue on disk is a draft being
translated: words not yet translated show in English). Amira signs in with no language
chosen, so her stored Urdu applies. Her family home and a report: `dir="rtl"`, nothing
scrolls sideways, axe finds nothing, the back link and the task list's status tags sit on
the right (the same boxes measured in English sit on the left), and a date is isolated in
a <bdi>. Screenshots go to tests/.tmp/ for a person to look at.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page
from sqlalchemy import select, update

from portal import i18n
from portal.domain.languages import Status
from tests.browser import helpers
from tests.browser.conftest import assert_accessible, assert_fits_320
from tests.browser.helpers import sign_in_family

AMIRA = "amira.khan@family.example"
SHOTS = Path(__file__).resolve().parents[1] / ".tmp"
BOXES = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right}; };
  const main = document.querySelector('main');
  const tag = document.querySelector('.govuk-task-list__status .govuk-tag');
  const name = tag && tag.closest('.govuk-task-list__item').querySelector('.govuk-task-list__name-and-hint');
  const back = document.querySelector('.govuk-back-link');
  return {
    main: box(main),
    tag: tag && box(tag), name: name && box(name),
    back: back && box(back), backContainer: back && box(back.parentElement),
    arrowRight: back && getComputedStyle(back, '::before').right,
  };
}"""


@pytest.fixture(scope="module")
def urdu_on(live_server):
    """Urdu live on this server, and Amira past her first-visit notice and promise."""
    from portal.data.models import Conference, Participant, Person
    from portal.extensions import db

    app = helpers.FRESH_LIMITS[live_server]
    with app.app_context():
        app.extensions[i18n.EXTENSION] = {**i18n.statuses(), "ur": Status.LIVE}
        amira = db.session.scalars(select(Person).where(Person.email == AMIRA)).one()
        assert amira.preferred_language == "ur"
        db.session.execute(
            update(Participant)
            .where(Participant.person_id == amira.id)
            .values(
                privacy_notice_seen_at=datetime.now(UTC),
                agreed_to_keep_reports_private_at=datetime.now(UTC),
            )
        )
        db.session.commit()
        khan = db.session.scalars(select(Conference.id).where(Conference.family_name == "Khan"))
        return {"home": f"{live_server}/conferences/{khan.first()}/family"}


def _measure(page: Page, url: str, language: str, base: str) -> dict:
    page.goto(f"{base}/language/{language}?next={url.removeprefix(base)}")
    return page.evaluate(BOXES)


def _look(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_amira_reads_her_home_and_a_report_in_urdu_right_to_left(
    page, live_server, mail_dir, urdu_on
):
    # No language chosen: after signing in, her stored language (Urdu) is used.
    sign_in_family(page, live_server, mail_dir, AMIRA, language=None)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ur"

    home = urdu_on["home"]
    page.goto(home)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("main bdi").count() >= 1  # the meeting's date, isolated
    assert any(ch.isdigit() for ch in page.locator("main bdi").first.inner_text())
    assert_fits_320(page)
    assert_accessible(page)
    _look(page, "rtl-family-home-ur")
    # The switcher names Urdu in Urdu; the other languages, each in its own, marked so.
    assert page.locator(".portal-language-switcher [aria-current]").inner_text() == "اردو"
    english = page.locator(".portal-language-switcher a[hreflang='en']")
    assert english.get_attribute("lang") == "en"
    assert english.get_attribute("dir") == "ltr"

    # The status tags: at the right in Urdu, at the left in English.
    rtl = page.evaluate(BOXES)
    ltr = _measure(page, home, "en", live_server)
    assert abs(ltr["tag"]["left"] - ltr["name"]["left"]) < 2, ltr
    assert abs(rtl["tag"]["right"] - rtl["name"]["right"]) < 2, rtl
    assert rtl["tag"]["left"] > rtl["main"]["left"] + 60, rtl
    page.goto(f"{live_server}/language/ur?next={home.removeprefix(live_server)}")

    # A report: the back link and its arrow at the right; the shared date isolated.
    report = page.locator("main a[href*='/reports/']").first.get_attribute("href")
    assert report, "Amira has a report to read"
    page.goto(f"{live_server}{report}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_fits_320(page)
    assert_accessible(page)
    _look(page, "rtl-report-ur")
    rtl = page.evaluate(BOXES)
    assert rtl["back"], "the report page has a back link"
    assert abs(rtl["back"]["right"] - rtl["backContainer"]["right"]) < 2, rtl
    assert rtl["arrowRight"] != "auto"  # the arrow drawn at the link's right
    assert page.locator("bdi").count() >= 1
    ltr = _measure(page, f"{live_server}{report}", "en", live_server)
    assert abs(ltr["back"]["left"] - ltr["backContainer"]["left"]) < 2, ltr
    _look(page, "ltr-report-en")


def test_the_seating_step_and_its_radios_mirror(page, live_server, mail_dir, urdu_on):
    sign_in_family(page, live_server, mail_dir, AMIRA, language=None)
    page.goto(f"{urdu_on['home']}/meeting/attendance")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_fits_320(page)
    assert_accessible(page)
    # Each radio's drawn circle is at the right of its label.
    circle = page.evaluate(
        """() => { const l = document.querySelector('.govuk-radios__label');
          const s = getComputedStyle(l, '::before'); return [s.left, s.right]; }"""
    )
    item = page.locator(".govuk-radios__item").first.bounding_box()
    label = page.locator(".govuk-radios__label").first.bounding_box()
    assert label["x"] + label["width"] < item["x"] + item["width"] - 30, (item, label)
    assert circle[1] == "2px", circle
    _look(page, "rtl-attendance-ur")
    page.goto(f"{urdu_on['home']}/meeting/seating")
    assert_fits_320(page)
    assert_accessible(page)
    _look(page, "rtl-seating-ur")


def test_the_languages_page_names_each_language_in_its_own_script(page, live_server, urdu_on):
    page.goto(f"{live_server}/languages")
    assert_fits_320(page)
    assert_accessible(page)
    for code, name in (("pa", "ਪੰਜਾਬੀ"), ("ur", "اردو"), ("ar", "العربية"), ("bn", "বাংলা")):
        own = page.locator(f"#language-{code} span[lang='{code}']")
        assert own.inner_text() == name
        assert own.get_attribute("dir") == ("rtl" if code in ("ur", "ar") else "ltr")
    _look(page, "languages-page")


def test_amiras_home_and_the_decision_pages_in_arabic_right_to_left(
    page, live_server, mail_dir, urdu_on
):
    """Arabic, chosen with the switcher, mirrors the family home as Urdu does (issue 13)."""
    sign_in_family(page, live_server, mail_dir, AMIRA, language=None)
    home = urdu_on["home"].removeprefix(live_server)
    page.goto(f"{live_server}/language/ar?next={home}")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".portal-language-switcher [aria-current]").inner_text() == "العربية"
    assert_fits_320(page)
    assert_accessible(page)
    # The meeting's date stays left to right inside the Arabic text.
    assert page.locator("main bdi").count() > 0
    _look(page, "rtl-family-home-ar")
    page.goto(f"{live_server}/languages")
    assert page.locator("#language-ar").inner_text().count("العربية") == 1
    assert_fits_320(page)
    assert_accessible(page)
