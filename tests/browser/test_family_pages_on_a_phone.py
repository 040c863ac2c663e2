"""Issue 14: every family page on a 320 px phone, as Amira, Daniel and Olivia, in English
and Welsh, with the browser's text at 150% and 200%; the first screen of Amira's home;
the seating picture's labels; Escape in the timeout warning.

One browser page per person walks every page once per language and measures it at both
text sizes (Chromium's own default font size, as a person sets it in the browser's
settings), so the whole walk takes well under a minute.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from portal.family_steps import STEPS
from tests.browser.helpers import links_to_follow, sign_in_family

PHONE = {"width": 320, "height": 640}
DEFAULT_TEXT_PX = 16
TEXT_SIZES = (150, 200)
PEOPLE = {
    "amira": "amira.khan@family.example",
    "daniel": "daniel.khan@family.example",
    "olivia": "olivia.brown@family.example",
}

# Measured in the page: sideways scrolling, and anything drawn past either edge of the
# screen (cut off, since the page cannot be scrolled to it). Visually hidden text and
# the skip link (off screen until focused) are not seen, so they do not count.
MEASURE = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const hidden = (el) => el.closest('.govuk-visually-hidden, .govuk-skip-link, dialog:not([open]), [hidden]');
  const cut = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (hidden(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const sticksOut = box.right > width + 1 || box.left < -1;
    const clipped = ['hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
    if (sticksOut || clipped) {
      const label = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
        ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
      cut.push(`${label} "${(el.innerText || '').trim().slice(0, 30)}" ${Math.round(box.left)}-${Math.round(box.right)}`);
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, cut: cut.slice(0, 3)};
}"""


def _text_size(page: Page, percent: int) -> None:
    session = page.context.new_cdp_session(page)
    session.send(
        "Page.setFontSizes",
        {"fontSizes": {"standard": DEFAULT_TEXT_PX * percent // 100, "fixed": 13 * percent // 100}},
    )
    session.detach()


def family_pages(page: Page, base: str, limit: int = 40) -> list[str]:
    """Every page reachable from "Your meetings", and every step of a parent's journey."""
    queue, seen = [f"{base}/conferences"], []
    while queue and len(seen) < limit:
        url = queue.pop(0).split("#")[0]
        if url in seen:
            continue
        page.goto(url)
        if page.locator("form[action$='/welcome']").count():
            page.locator("form[action$='/welcome'] button").click()  # the one-time notice
        seen.append(url)
        links = links_to_follow(page, base)
        queue.extend(links)
        if re.search(r"/conferences/[0-9a-f-]{36}$", url):
            queue.append(f"{url}/family")  # a parent's own pages (404 for anyone else)
        if url.endswith("/family"):
            queue.extend(f"{url}/meeting/{step.slug}" for step in STEPS)
            queue.append(f"{url}/meeting/check")
    return seen


def problems_at_large_text(page: Page, base: str, pages: list[str]) -> list[str]:
    found = []
    for language in ("en", "cy"):
        page.goto(f"{base}/language/{language}?next=/conferences")
        for url in pages:
            page.goto(url)
            for percent in TEXT_SIZES:
                _text_size(page, percent)
                measured = page.evaluate(MEASURE)
                where = f"{url.removeprefix(base)} {language} {percent}%"
                if measured["scrollWidth"] > measured["clientWidth"]:
                    found.append(f"{where}: scrolls sideways, {measured['scrollWidth']}px wide")
                elif measured["cut"]:
                    found.append(f"{where}: cut off: {measured['cut']}")
            _text_size(page, 100)
    page.goto(f"{base}/language/en?next=/conferences")
    return found


@pytest.fixture(scope="module")
def signed_in(browser, live_server, mail_dir):
    """One phone per person, signed in once and reused by every test here."""
    contexts, pages = [], {}

    def phone_for(who):
        if who not in pages:
            context = browser.new_context(viewport=PHONE)
            context.set_default_timeout(15_000)
            contexts.append(context)
            pages[who] = context.new_page()
            sign_in_family(pages[who], live_server, mail_dir, PEOPLE[who])
        return pages[who]

    yield phone_for
    for context in contexts:
        context.close()


@pytest.fixture()
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_no_family_page_scrolls_sideways_or_is_cut_off_with_large_text(signed_in, live_server, who):
    phone = signed_in(who)
    pages = family_pages(phone, live_server)
    assert len(pages) >= 3
    found = problems_at_large_text(phone, live_server, pages)
    assert found == [], f"{len(found)} of {len(pages) * 4} checks:\n" + "\n".join(found)


def _amira_home(page: Page, base: str) -> None:
    page.goto(f"{base}/language/en?next=/conferences")
    page.get_by_role("link", name="The Khan family").click()
    if page.locator("form[action$='/welcome']").count():
        page.locator("form[action$='/welcome'] button").click()
    expect(page.locator("h1")).to_have_text("Your meeting")


def test_amiras_first_screen_shows_the_heading_and_her_first_task(signed_in, live_server):
    phone = signed_in("amira")
    _amira_home(phone, live_server)
    box = phone.evaluate(
        """() => {
          const top = (s) => document.querySelector(s).getBoundingClientRect();
          return {h1: top('h1').top, task: top('.govuk-task-list__item').bottom,
                  exit: top('.govuk-exit-this-page').top, council: top('.portal-header__authority').top};
        }"""
    )
    assert box["exit"] < PHONE["height"] and box["council"] < PHONE["height"]
    assert box["task"] <= PHONE["height"], (
        f"the heading starts at {box['h1']:.0f}px and the first task ends at "
        f"{box['task']:.0f}px of a {PHONE['height']}px screen"
    )


def test_the_seating_labels_use_the_page_font_at_a_readable_size(signed_in, live_server):
    phone = signed_in("amira")
    _amira_home(phone, live_server)
    phone.goto(phone.url.split("?")[0] + "/meeting/seating")
    label = phone.locator("#seating-picture text").first
    found = label.evaluate(
        """(el) => ({font: getComputedStyle(el).fontFamily,
                    body: getComputedStyle(document.querySelector('.govuk-body')).fontFamily,
                    height: el.getBoundingClientRect().height,
                    fill: getComputedStyle(el).fill})"""
    )
    assert found["font"] == found["body"], found
    assert found["height"] >= 14, f"labels are {found['height']:.1f}px tall at 320px"
    assert found["fill"] in {"rgb(11, 12, 12)", "rgb(0, 0, 0)"}, found  # black on white: 19:1


def test_escape_in_the_timeout_warning_means_stay_signed_in(phone, live_server, mail_dir):
    sign_in_family(phone, live_server, mail_dir, PEOPLE["olivia"])
    phone.clock.install()
    phone.goto(f"{live_server}/conferences")
    phone.clock.fast_forward("28:30")
    dialog = phone.locator("#timeout-warning")
    dialog.wait_for(state="visible")
    with phone.expect_response(lambda r: r.url.endswith("/session/extend")) as extended:
        phone.keyboard.press("Escape")
    assert extended.value.ok
    dialog.wait_for(state="hidden")
    # Well past the first limit: the session was extended, so no sign-out and the
    # warning comes back before the new limit.
    phone.clock.fast_forward("28:30")
    dialog.wait_for(state="visible")
    assert "/signed-out" not in phone.url
