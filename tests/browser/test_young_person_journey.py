"""Maya's journey in the browser (issue 12): she writes a letter for her mum only, uploads
a drawing, draws one on the screen, fills the three houses for her advocate only; Amira
sees what Maya shared with her and Daniel does not. Every young person page passes axe at
320 and 1280 px in English and Welsh, and every journey but the drawing canvas works
without JavaScript."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits_320
from tests.browser.helpers import FRESH_LIMITS, sign_in_family

MAYA = "maya.khan@family.example"
AMIRA = "amira.khan@family.example"
DANIEL = "daniel.khan@family.example"


def _drawing_png() -> bytes:
    image = Image.new("RGB", (300, 200), (255, 255, 255))
    for x in range(50, 250):
        image.putpixel((x, 100), (0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _check(page, javascript=True):
    if javascript:
        assert_accessible(page)
    assert_fits_320(page)


def _start(page, kind_label):
    page.get_by_role("link", name="Say what you think").first.click()
    page.get_by_label(kind_label, exact=True).check()
    page.get_by_role("button", name="Start").click()


def _share(page, javascript, who, person=None, spoken="I will say it myself"):
    page.get_by_role("button", name="Next: who sees it").click()
    expect(page.locator("h1")).to_have_text("Who sees it")
    _check(page, javascript)
    page.get_by_label(who, exact=True).check()
    if person:
        page.get_by_label(person).check()
    page.get_by_label(spoken, exact=True).check()
    page.get_by_role("button", name="Next: check it").click()
    expect(page.locator("h1")).to_have_text("Check it and send it")
    _check(page, javascript)


def _sam_takes_mayas_referral(base):
    """The demo starts with Maya's referral waiting: Sam accepts it, so that she has an
    advocate to share with (done once per server)."""
    from sqlalchemy import select

    from portal.data.interfaces import advocacy
    from portal.data.models import AdvocateRequest, AdvocateRequestStatus, Person
    from portal.extensions import db

    with FRESH_LIMITS[base].app_context():
        referral = db.session.scalars(
            select(AdvocateRequest).where(AdvocateRequest.for_child_id.is_not(None))
        ).one()
        if referral.status is not AdvocateRequestStatus.ARRANGED:
            sam = db.session.scalars(select(Person).where(Person.email.like("sam.%"))).one()
            advocacy.accept(referral, sam, "Northfield Children's Advocacy")
            db.session.commit()


def maya_journey(page, base, mail_dir, javascript):
    _sam_takes_mayas_referral(base)
    sign_in_family(page, base, mail_dir, MAYA)
    # She lands on her own pages, not the parents' task list.
    expect(page.locator("h1")).to_have_text("Your meeting")
    assert "/young-person" in page.url
    _check(page, javascript)
    home = page.url
    page.get_by_role("link", name="Find out about your meeting").click()
    expect(page.locator("h1")).to_have_text("About your meeting")
    expect(page.get_by_text("Amira, your mum.")).to_be_visible()
    _check(page, javascript)
    page.goto(home)

    # A letter, for her mum only.
    _start(page, "A letter")
    expect(page.locator("h1")).to_have_text("Letter")
    _check(page, javascript)
    page.get_by_label("Your letter").fill(
        "Dear Mum,\n\nI *love* you.\n- I want calm\n- I want sleep"
    )
    page.get_by_role("button", name="Save my draft").click()
    expect(page.get_by_text("Your draft is saved")).to_be_visible()
    _share(page, javascript, "Only the people I pick", person="Amira Khan (your mum)")
    expect(page.locator("#who-will-see-it")).to_have_text(
        "Only these people will see it: Amira Khan."
    )
    page.get_by_role("button", name="Send it").click()
    expect(page.get_by_text("Sent. Thank you for telling us.")).to_be_visible()
    _check(page, javascript)

    # Words and pictures: a photo of a drawing (and, with JavaScript, one drawn on screen).
    page.goto(home)
    _start(page, "Words and pictures")
    page.get_by_label("Your words").fill("This is me and Leo.")
    page.get_by_role("button", name="Save my draft").click()
    page.get_by_label("Choose a picture").set_input_files(
        files=[{"name": "drawing.png", "mimeType": "image/png", "buffer": _drawing_png()}]
    )
    page.get_by_label("Say what it shows (optional)").fill("Me and Leo in the park")
    page.get_by_role("button", name="Add this picture").click()
    expect(page.get_by_alt_text("Me and Leo in the park")).to_be_visible()
    _check(page, javascript)
    if javascript:
        canvas = page.locator("[data-drawing-canvas]")
        expect(canvas).to_be_visible()
        box = canvas.bounding_box()
        page.mouse.move(box["x"] + 10, box["y"] + 10)
        page.mouse.down()
        page.mouse.move(box["x"] + 100, box["y"] + 60)
        page.mouse.up()
        page.get_by_role("button", name="Use my drawing").click()
        expect(page.get_by_text("Your drawing is ready")).to_be_visible(timeout=15_000)
        page.get_by_label("Say what it shows (optional)").fill("A line I drew")
        page.get_by_role("button", name="Add this picture").click()
        expect(page.get_by_alt_text("A line I drew")).to_be_visible()
    else:
        expect(page.locator("[data-drawing]")).to_be_hidden()

    # Three houses, for her advocate only.
    page.goto(home)
    _start(page, "The three houses")
    page.get_by_role("textbox", name="House of worries").fill("Shouting at night.")
    page.get_by_role("textbox", name="House of good things").fill("My friends.")
    page.get_by_role("textbox", name="House of dreams").fill("A calm home.")
    page.get_by_role("button", name="Save my draft").click()
    _share(page, javascript, "Only my advocate", spoken="My advocate will say it")
    expect(page.locator("#who-will-see-it")).to_have_text(
        "Only these people will see it: Sam Taylor."
    )
    page.get_by_role("button", name="Send it").click()

    # Taking part.
    page.goto(home)
    page.get_by_role("link", name="Tell us how you want to take part").click()
    _check(page, javascript)
    page.get_by_label("Yes, for part of it").check()
    page.get_by_label("On a video call").check()
    page.get_by_label("Yes, after the meeting").check()
    page.get_by_label("What helps you if you get upset?").fill("A break.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Sent. The chair and your social worker")).to_be_visible()


def parents_see_only_what_maya_shared_with_them(page, base, mail_dir):
    sign_in_family(page, base, mail_dir, AMIRA)
    page.get_by_role("link", name="The Khan family").click()
    if page.locator("h1").inner_text() == "Before you start":
        page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Maya: Letter").click()
    expect(page.locator("strong", has_text="love")).to_be_visible()
    expect(page.get_by_text("I want calm")).to_be_visible()
    page.context.clear_cookies()
    sign_in_family(page, base, mail_dir, DANIEL)
    page.get_by_role("link", name="The Khan family").click()
    if page.locator("h1").inner_text() == "Before you start":
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("link", name="Maya: Letter")).to_have_count(0)
    expect(page.get_by_text("What your child shared with you")).to_have_count(0)


def test_maya_says_what_she_thinks_with_javascript(page, live_server, mail_dir):
    maya_journey(page, live_server, mail_dir, javascript=True)
    page.context.clear_cookies()
    parents_see_only_what_maya_shared_with_them(page, live_server, mail_dir)


def test_maya_says_what_she_thinks_without_javascript(page_without_js, live_server, mail_dir):
    maya_journey(page_without_js, live_server, mail_dir, javascript=False)


YOUNG_PERSON_PAGES = ["", "/about", "/views", "/taking-part", "/was-i-heard"]


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("language", ["en", "cy"])
def test_young_person_pages_pass_axe(page, live_server, mail_dir, language, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_family(page, live_server, mail_dir, MAYA)
    home = re.sub(r"/young-person.*$", "/young-person", page.url)
    page.goto(f"{live_server}/language/{language}?next={home.replace(live_server, '')}")
    for path in YOUNG_PERSON_PAGES:
        page.goto(home + path)
        assert_accessible(page)
        if width == 320:
            assert_fits_320(page)
    # A view's own pages, with errors showing (by field names: the words are Welsh here).
    page.goto(home + "/views")
    page.locator("input[name=format]").first.check()
    page.locator("button[name=submit]").click()
    assert_accessible(page)  # the letter
    page.locator("button[name=next]").click()
    assert_accessible(page)  # who sees it
    page.locator("button[name=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.locator("input[name=share_with]").first.check()
    page.locator("input[name=spoken_by]").first.check()
    page.locator("button[name=submit]").click()
    assert_accessible(page)  # check and send, saying there is nothing in it yet
