"""axe-core finds nothing on any page, at 320 px, with and without JavaScript."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible, assert_fits_320, axe_violations

PUBLIC_PAGES = ["/", "/accessibility", "/privacy", "/cookies", "/no-such-page"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("language", ["en", "cy"])
def test_public_pages_pass_axe_at_320px(page, live_server, path, language):
    page.goto(f"{live_server}/language/{language}?next={path}")
    assert_accessible(page)
    assert_fits_320(page)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_work_without_javascript(page_without_js, live_server, path):
    page_without_js.goto(f"{live_server}{path}")
    assert page_without_js.locator("h1").count() == 1
    assert_fits_320(page_without_js)


def test_the_axe_check_finds_a_real_violation(page, live_server):
    page.goto(f"{live_server}/")
    page.evaluate(
        "() => { const i = document.createElement('img'); i.src = '/static/images/favicon.svg';"
        " document.querySelector('main').appendChild(i); }"
    )
    assert "image-alt" in {v["id"] for v in axe_violations(page)}


def test_scripts_run_under_the_content_security_policy(page, live_server):
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(f"{live_server}/")
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    page.wait_for_function("document.querySelector('.govuk-exit-this-page__indicator') !== null")
    assert errors == []


def test_exit_this_page_leaves_the_portal(page, live_server):
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(status=200, body="weather"))
    page.goto(f"{live_server}/")
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url("https://www.bbc.co.uk/**")
