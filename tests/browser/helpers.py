"""Signing in through the real forms in the browser."""

from __future__ import annotations

import email
import re
import time
from datetime import UTC, datetime
from email import policy
from pathlib import Path

import pyotp
from flask import Flask
from playwright.sync_api import Page

from portal.extensions import limiter

PASSWORD = "conference-demo-2026"
SECRETS: dict[str, str] = {}
# Each live server's app, by its base address.
FRESH_LIMITS: dict[str, Flask] = {}


def as_if_from_a_new_place(base: str) -> None:
    """Forget the per-network limits on sign-in forms before a walk signs in again.

    The walks sign many people in from one address (127.0.0.1) within minutes, which the
    limits per network rightly stop; those limits have their own tests.
    """
    app = FRESH_LIMITS.get(base)
    if app is not None:
        with app.app_context():
            limiter.reset()


def _codes_to(mail_dir: Path, to: str) -> list[tuple[Path, str]]:
    """(file, code) of every sign-in message to `to`, oldest first."""
    found = []
    for path in sorted(mail_dir.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        if message["To"] == to:
            body = message.get_body(preferencelist=("plain",)) or message
            match = re.search(r"\b(\d{6})\b", body.get_content())
            if match:
                found.append((path, match.group(1)))
    return found


def latest_code(
    mail_dir: Path, to: str, after: set[Path] | None = None, page: Page | None = None
) -> str:
    """The newest code sent to `to` (and not among `after`, the messages already there).

    The code is written once the sign-in response has closed, so it may land a moment
    after the next page: wait for it, for at most 5 seconds.
    """
    deadline = time.monotonic() + 5
    while True:
        fresh = [code for path, code in _codes_to(mail_dir, to) if path not in (after or set())]
        if fresh:
            return fresh[-1]
        if time.monotonic() > deadline:
            raise AssertionError(f"no code sent to {to}")
        # Let Playwright run while we wait: a plain sleep holds up its connection, and
        # with it the page's request whose closing writes the message.
        if page is not None:
            page.wait_for_timeout(50)
        else:
            time.sleep(0.05)


def pin_language(page: Page, base: str, language: str | None) -> None:
    """Choose the page language as the switcher would (its cookie), before signing in:
    the walks read English words whatever the person's stored language (Amira's Urdu)."""
    if language is None:
        return
    from portal.i18n import LANGUAGE_COOKIE

    page.context.add_cookies([{"name": LANGUAGE_COOKIE, "value": language, "url": base}])


def sign_in_family(
    page: Page, base: str, mail_dir: Path, address: str, language: str | None = "en"
) -> None:
    """`language`: the page language to pin (English by default); None keeps the browser's."""
    as_if_from_a_new_place(base)
    pin_language(page, base, language)
    before = {path for path, _code in _codes_to(mail_dir, address)} if mail_dir.exists() else set()
    page.goto(f"{base}/sign-in")
    page.get_by_label("Email address or mobile phone number").fill(address)
    page.get_by_role("button", name="Continue").click()
    try:
        code = latest_code(mail_dir, address, after=before, page=page)
    except AssertionError:
        # Known problem (reported): now and then the message written after the sign-in
        # response never arrives. Ask again, as the page tells a person to.
        page.get_by_role("button", name="Send a new code").click()
        code = latest_code(mail_dir, address, after=before, page=page)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Sign in").click()
    # Their meetings; a young person goes straight on to their own pages (issue 12).
    page.wait_for_url(f"{base}/conferences**")


USED_STEPS: dict[str, int] = {}


def next_authenticator_code(address: str) -> str:
    """The code an app would show, never one already used: each 30-second step works
    once, so a second sign-in in the same step uses the next one (accepted, one ahead)."""
    totp = pyotp.TOTP(SECRETS[address])
    step = totp.timecode(datetime.now(UTC))
    if address in USED_STEPS and step <= USED_STEPS[address]:
        step = USED_STEPS[address] + 1
    # The portal accepts at most one step ahead: a third sign-in inside one 30-second
    # step waits for the next, as a person would wait for their app's next code.
    while step > totp.timecode(datetime.now(UTC)) + 1:
        time.sleep(0.25)
    USED_STEPS[address] = step
    return totp.generate_otp(step)


def sign_in_professional(
    page: Page, base: str, address: str, check=None, language: str | None = "en"
) -> None:
    as_if_from_a_new_place(base)
    pin_language(page, base, language)
    page.goto(f"{base}/sign-in/professional")
    page.get_by_label("Email address").fill(address)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    if page.url.endswith("/set-up"):
        SECRETS[address] = page.locator("code").inner_text().replace(" ", "")
        # A new secret (each test module has its own server and database): no step used.
        USED_STEPS.pop(address, None)
    if check:
        check(page)
    page.get_by_label("Code from your authenticator app").fill(next_authenticator_code(address))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/conferences")


def links_to_follow(page: Page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href^='/']", "els => els.map(e => e.getAttribute('href'))")
    return [
        f"{base}{href}"
        for href in hrefs
        if not href.startswith(("/static/", "/language/")) and "/download" not in href
    ]
