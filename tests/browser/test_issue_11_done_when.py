"""Issue 11's "Done when", walked as a person would, end to end in one browser.

Jo Evans records that the Khan meeting was held (today, times already past), records and
completes the decisions for Maya (a child protection plan with a SMART action, a family
summary and a version for Maya) and Leo, signs in again if asked, publishes and follows
the 24-hour clock. The worker beside the live server sends every message through a real
SMTP server (aiosmtpd on 127.0.0.1), which also drops each message into the instance's
mail folder so the family sign-in codes can be read as a person reads them. Amira, Daniel
and Maya, and the professionals, get one message each; Tariq, the uncle who must not be
told, gets none. Amira signs in, reads her decision and says "I have read this"; Daniel
reads his; Olivia's home leads her to her decision and plan. axe at 320 px on every page.
"""

from __future__ import annotations

import email
import gettext
import re
import time
from collections import Counter
from collections.abc import Iterator
from email import policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import Browser, Page, expect

from tests.browser import helpers
from tests.browser.conftest import NARROW, assert_accessible, assert_fits_320
from tests.browser.helpers import sign_in_family, sign_in_professional
from tests.browser.test_decision_recording_journey import fill_date, held_times
from tests.integration.test_delivery_faults import free_port, smtp_settings
from tests.integration.test_publishing import KHAN_TOLD

JO = "jo.evans@northfield.example"
AMIRA = "amira.khan@family.example"
DANIEL = "daniel.khan@family.example"
OLIVIA = "olivia.brown@family.example"
TARIQ = "tariq.khan@family.example"
DECISION_SUBJECT = "The decision from your meeting is ready"
# Amira reads in Urdu, the language on her record: her words come from the live catalogue.
URDU = gettext.translation(
    "messages", localedir=Path(__file__).resolve().parents[2] / "translations", languages=["ur"]
).gettext


def ur(text: str, **values: str) -> str:
    words = URDU(text)
    assert words != text, f"no Urdu for {text!r}"
    return words % values if values else words


class MailServer:
    """Keeps each message it accepts, and writes it to the instance's mail folder as the
    file backend would (the family sign-in codes are read from there)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.received: list[email.message.EmailMessage] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / f"{time.time_ns()}.eml").write_bytes(envelope.original_content)
        self.received.append(
            email.message_from_bytes(envelope.original_content, policy=policy.default)
        )
        return "250 OK"


@pytest.fixture(scope="module")
def mail_server(live_server: str, mail_dir: Path) -> Iterator[MailServer]:
    """Every message of this module's server goes out over real SMTP."""
    handler = MailServer(mail_dir)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    app = helpers.FRESH_LIMITS[live_server]
    saved = {key: app.config.get(key) for key in smtp_settings(0)}
    app.config.update(smtp_settings(port))
    try:
        yield handler
    finally:
        app.config.update(saved)
        controller.stop()


def checked(page: Page) -> None:
    assert_accessible(page)
    assert_fits_320(page)


def decision_messages(server: MailServer) -> list[email.message.EmailMessage]:
    subjects = {
        DECISION_SUBJECT,
        "A conference decision is ready",
        ur(DECISION_SUBJECT),
    }
    return [m for m in server.received if str(m["Subject"]) in subjects]


def record_held_and_decide(page: Page) -> None:
    page.get_by_role("link", name="Record that the meeting was held").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record that the meeting was held")
    checked(page)
    day, starts, ends = held_times()
    fill_date(page.get_by_role("group", name="Date it took place"), day)
    page.get_by_label("Start time").fill(starts)
    page.get_by_label("End time").fill(ends)
    for radio in page.locator("input[type=radio][value=in_the_room]").all():
        radio.check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Decisions for each child")
    checked(page)

    page.get_by_role("link", name="Record the decision for Maya").click()
    checked(page)
    page.get_by_label("A child protection plan").check()
    page.get_by_label("Emotional abuse").check()
    page.get_by_label("The reasons for the decision").fill(
        "Maya and Leo have seen and heard fighting at home, and Maya cannot sleep."
    )
    action = page.locator("#action-0")
    action.get_by_label("What will be done").fill("Go to a course on keeping arguments calm.")
    action.get_by_label("Who will do it").fill("Amira Khan")
    fill_date(action.get_by_role("group", name="By when"), day.fromordinal(day.toordinal() + 14))
    action.get_by_label("How we will know it is done").fill(
        "A letter from the course saying she went each week."
    )
    page.get_by_label("Contingency plan").fill(
        "If there is more fighting at home, the social worker visits the same day."
    )
    page.get_by_label("How often the social worker will visit").fill("Every 10 working days")
    page.get_by_label("Priya Patel, Social worker").check()
    fill_date(
        page.get_by_role("group", name="Date of the first core group meeting"),
        day.fromordinal(day.toordinal() + 7),
    )
    fill_date(
        page.get_by_role("group", name="Date of the review meeting"),
        day.fromordinal(day.toordinal() + 60),
    )
    page.get_by_label("What was decided, for the family").fill(
        "Maya will have a child protection plan. This is because of the fighting at home. "
        "The plan says who will help and what will change. You will meet the core group "
        "next week."
    )
    page.get_by_label("Write a version for Maya").check()
    page.get_by_label("What was decided, for Maya").fill(
        "The meeting wants you to be safe at home. Priya will visit you. Mum will go to a class."
    )
    page.get_by_role("button", name="Save and check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the decision for Maya")
    checked(page)
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.get_by_text("The decision for Maya is complete")).to_be_visible()

    page.get_by_role("link", name="Record the decision for Leo").click()
    page.get_by_label("No plan").check()
    page.get_by_label("The reasons for the decision").fill(
        "Leo is settled and safe; the worries are about the adults' arguments."
    )
    page.get_by_label("What was decided, for the family").fill(
        "Leo does not need a plan of his own. The help for Maya and for you will help him too."
    )
    page.get_by_role("button", name="Save and check").click()
    # No agency's view was given: the check page says so rather than leaving a blank.
    expect(page.get_by_text("No agency's view recorded")).to_be_visible()
    checked(page)
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.get_by_text("Complete", exact=True)).to_have_count(2)
    checked(page)


def family_page(browser: Browser) -> Page:
    context = browser.new_context(viewport=NARROW)
    context.set_default_timeout(15_000)
    return context.new_page()


def test_the_khan_decision_reaches_the_family_and_never_the_uncle(
    page: Page, browser: Browser, live_server: str, mail_dir: Path, mail_server: MailServer
) -> None:
    base = live_server
    sign_in_professional(page, base, JO)
    page.get_by_role("link", name="Khan").first.click()
    checked(page)
    record_held_and_decide(page)

    page.get_by_role("link", name="Publish the decisions").click()
    if page.get_by_role("heading", level=1).inner_text() == "Sign in again to continue":
        checked(page)
        page.get_by_label("Password", exact=True).fill(helpers.PASSWORD)
        page.get_by_label("Code from your authenticator app").fill(
            helpers.next_authenticator_code(JO)
        )
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish the decision")
    expect(page.get_by_text("Will not be told")).to_be_visible()
    expect(page.get_by_text(TARIQ)).to_have_count(0)
    checked(page)
    page.get_by_role("button", name="Publish and send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The decision is published")
    checked(page)

    # The worker sends: wait for every message at the SMTP server.
    deadline = time.monotonic() + 30
    while len(decision_messages(mail_server)) < len(KHAN_TOLD) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    page.wait_for_timeout(1000)  # anything extra (a duplicate, the uncle's) would be here
    sent = decision_messages(mail_server)
    to = Counter(str(message["To"]) for message in sent)
    assert set(to) == KHAN_TOLD
    assert set(to.values()) == {1}
    assert TARIQ not in {str(message["To"]) for message in mail_server.received}
    for message in sent:
        # Each in its reader's language: Amira's in Urdu, everyone else's in English.
        expected = "ur" if str(message["To"]) == AMIRA else "en"
        assert message["Content-Language"] == expected
        body = message.get_body(preferencelist=("plain",)).get_content()
        assert "fighting" not in body
    by_address = {str(message["To"]): message for message in sent}
    for family in (DANIEL, "maya.khan@family.example"):
        assert by_address[family]["Subject"] == DECISION_SUBJECT
    assert str(by_address[AMIRA]["Subject"]) == ur(DECISION_SUBJECT)

    page.get_by_role("link", name="See who it has reached").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who the decision has reached")
    expect(page.get_by_text("Amira Khan").first).to_be_visible()
    expect(page.get_by_text("Tariq Khan")).to_have_count(0)
    expect(page.get_by_text("Queued", exact=True)).to_have_count(0)
    checked(page)

    # Amira follows the link in her message, signs in with a code, reads and confirms.
    link = re.search(
        r"https?://[^/\s]+(/\S*/family)\b",
        by_address[AMIRA].get_body(preferencelist=("plain",)).get_content(),
    )
    assert link is not None
    amira = family_page(browser)
    # No language chosen on this phone: after signing in her pages follow her record, Urdu.
    sign_in_family(amira, base, mail_dir, AMIRA, language=None)
    amira.goto(f"{base}{link.group(1)}")
    if amira.locator("h1").inner_text() == ur("Before you start"):
        amira.get_by_role("button", name=ur("Continue")).click()
    assert amira.locator("html").get_attribute("lang") == "ur"
    assert amira.locator("html").get_attribute("dir") == "rtl"
    expect(amira.get_by_role("heading", name=ur("After the meeting"))).to_be_visible()
    checked(amira)
    amira.get_by_role(
        "link", name=ur("Read the decision and plan for %(name)s", name="Maya")
    ).click()
    expect(amira.locator("h1")).to_have_text(ur("Decision and plan for %(name)s", name="Maya"))
    # What the chair wrote stays in English, marked as English inside the Urdu page.
    expect(amira.get_by_text("Go to a course on keeping arguments calm.")).to_be_visible()
    checked(amira)
    amira.get_by_role("button", name=ur("I have read this")).click()
    expect(
        amira.get_by_text(ur("Thank you. We have noted that you have read the decision and plan."))
    ).to_be_visible()
    checked(amira)
    amira.context.close()

    daniel = family_page(browser)
    sign_in_family(daniel, base, mail_dir, DANIEL)
    daniel.get_by_role("link", name="The Khan family").click()
    if daniel.locator("h1").inner_text() == "Before you start":
        daniel.get_by_role("button", name="Continue").click()
    daniel.get_by_role("link", name="Read the decision and plan for Leo").click()
    expect(daniel.locator("h1")).to_have_text("Decision and plan for Leo")
    checked(daniel)
    daniel.context.close()

    olivia = family_page(browser)
    sign_in_family(olivia, base, mail_dir, OLIVIA)
    olivia.get_by_role("link", name="The Brown family").click()
    if olivia.locator("h1").inner_text() == "Before you start":
        olivia.get_by_role("button", name="Continue").click()
    expect(olivia.get_by_role("heading", name="After the meeting")).to_be_visible()
    checked(olivia)
    olivia.get_by_role("link", name="Read the decision and plan for Ellie").click()
    expect(olivia.locator("h1")).to_have_text("Decision and plan for Ellie")
    checked(olivia)
    for href in helpers.links_to_follow(olivia, base):
        response = olivia.request.get(href)
        assert response.status < 400, f"{href}: {response.status}"
    olivia.context.close()
