"""Jo Evans, the chair, records that the Khan meeting was held (today, times already past)
and records and completes the decisions for Maya and Leo; every page passes axe at 320 px
(and at 1280 px) and fits a 320 px screen."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from playwright.sync_api import Locator, Page, expect

from portal.domain.deadlines import LONDON
from tests.browser.conftest import assert_accessible, assert_fits_320
from tests.browser.helpers import sign_in_professional

JO = "jo.evans@northfield.example"
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 800}


def checked(page: Page) -> None:
    page.set_viewport_size(NARROW)
    assert_accessible(page)
    assert_fits_320(page)
    page.set_viewport_size(WIDE)
    assert_accessible(page)
    page.set_viewport_size(NARROW)


def fill_date(group: Locator, day: date) -> None:
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def held_times() -> tuple[date, str, str]:
    """Today, from 90 to 30 minutes ago (yesterday's evening just after midnight)."""
    now = datetime.now(LONDON)
    start, end = now - timedelta(minutes=90), now - timedelta(minutes=30)
    if start.date() != end.date():
        start = end - timedelta(minutes=20)
    return end.date(), start.strftime("%H:%M"), end.strftime("%H:%M")


def test_jo_records_the_khan_meeting_held_and_the_decisions_for_maya_and_leo(
    page: Page, live_server: str
) -> None:
    base = live_server
    sign_in_professional(page, base, JO)
    page.get_by_role("link", name="Khan").first.click()
    page.get_by_role("link", name="Record that the meeting was held").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record that the meeting was held")
    checked(page)

    # Nothing chosen for anyone: each person's question says so.
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    checked(page)

    day, starts, ends = held_times()
    fill_date(page.get_by_role("group", name="Date it took place"), day)
    page.get_by_label("Start time").fill(starts)
    page.get_by_label("End time").fill(ends)
    for radio in page.locator("input[type=radio][value=in_the_room]").all():
        radio.check()
    page.get_by_role("group", name="How did Maya Khan take part?").get_by_label(
        "They did not take part"
    ).check()
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Decisions for each child")
    expect(page.get_by_text("The meeting is recorded as held")).to_be_visible()
    expect(page.get_by_text("Not started")).to_have_count(2)
    checked(page)

    # Maya: a child protection plan, with one SMART action.
    page.get_by_role("link", name="Record the decision for Maya").click()
    checked(page)
    page.get_by_label("A child protection plan").check()
    page.get_by_label("Emotional abuse").check()
    page.get_by_label("The reasons for the decision").fill(
        "Maya and Leo have seen and heard fighting at home, and Maya cannot sleep."
    )
    page.get_by_label("Agency", exact=True).fill("Northfield Primary School")
    page.get_by_label("Its view").fill("Agrees that Maya needs a plan.")
    action = page.locator("#action-0")
    action.get_by_label("What will be done").fill("Go to a course on keeping arguments calm.")
    action.get_by_label("Who will do it").fill("everyone")
    fill_date(action.get_by_role("group", name="By when"), day + timedelta(days=14))
    action.get_by_label("How we will know it is done").fill("monitoring")
    page.get_by_role("button", name="Save as a draft").click()
    # Not SMART: refused next to the fields, what was typed kept, the draft saved.
    expect(page.locator("#action_0_who-error")).to_be_visible()
    expect(page.locator("#action_0_how_we_will_know-error")).to_be_visible()
    expect(action.get_by_label("Who will do it")).to_have_value("everyone")
    checked(page)

    action = page.locator("#action-0")
    action.get_by_label("Who will do it").fill("Amira Khan")
    action.get_by_label("How we will know it is done").fill(
        "A letter from the course saying she went each week."
    )
    page.get_by_role("button", name="Add another action").click()
    second = page.locator("#action-1")
    second.get_by_label("What will be done").fill("Visit Maya and Leo at home.")
    second.get_by_label("Who will do it").fill("Priya Patel, social worker")
    fill_date(second.get_by_role("group", name="By when"), day + timedelta(days=10))
    second.get_by_label("How we will know it is done").fill(
        "Visit notes shared with the core group."
    )
    page.get_by_label("Contingency plan").fill(
        "If there is more fighting at home, the social worker visits the same day."
    )
    page.get_by_label("How often the social worker will visit").fill("Every 10 working days")
    page.get_by_label("Priya Patel, Social worker").check()
    page.get_by_label("Amira Khan, mother").check()
    fill_date(
        page.get_by_role("group", name="Date of the first core group meeting"),
        day + timedelta(days=7),
    )
    fill_date(
        page.get_by_role("group", name="Date of the review meeting"), day + timedelta(days=60)
    )
    page.get_by_label("What was decided, for the family").fill(
        "Maya will have a child protection plan. This is because of the fighting at home. "
        "The plan says who will help and what will change. Priya will visit every two weeks. "
        "You will meet the core group next week."
    )
    page.get_by_label("Write a version for Maya").check()
    page.get_by_label("What was decided, for Maya").fill(
        "The meeting wants you to be safe at home. Priya will visit you. "
        "Mum will go to a class. We will meet again soon to see how you are."
    )
    page.get_by_role("button", name="Save and check").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check the decision for Maya")
    checked(page)
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.get_by_text("The decision for Maya is complete")).to_be_visible()

    # Leo: no further action.
    page.get_by_role("link", name="Record the decision for Leo").click()
    page.get_by_label("No plan").check()
    page.get_by_label("The reasons for the decision").fill(
        "Leo is settled and safe; the worries are about the adults' arguments."
    )
    page.get_by_label("What was decided, for the family").fill(
        "Leo does not need a plan of his own. The help for Maya and for you will help him too."
    )
    page.get_by_role("button", name="Save and check").click()
    checked(page)
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.get_by_text("Complete", exact=True)).to_have_count(2)
    checked(page)
