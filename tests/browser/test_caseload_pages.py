"""Jo opens what the family and young people sent and the arrangements sheet with Amira's and
Maya's answers; Morgan, a manager, opens his caseload. axe at 320 and 1280 px, in English
and Welsh; the sheet prints on at most two A4 pages."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from werkzeug.serving import make_server

from portal.data.interfaces import advocacy
from portal.data.models import (
    AdvocateRequest,
    ChildView,
    ChildViewFormat,
    Conference,
    Participant,
    Person,
    Preferences,
    Role,
    SubmissionStatus,
)
from portal.domain import family_answers
from portal.extensions import db, limiter
from tests.browser.conftest import _free_port, assert_accessible, assert_fits_320
from tests.browser.helpers import sign_in_professional
from tests.conftest import build_app

JO = "jo.evans@northfield.example"
MORGAN = "morgan.hughes@northfield.example"
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 720}


def _seed(app) -> None:
    """Amira has sent how the meeting will work for her; Maya a letter for the chair."""
    with app.app_context():
        khan = db.session.scalars(select(Conference).where(Conference.family_name == "Khan")).one()
        by_email = {
            p.email: p.id for p in db.session.scalars(select(Person)) if p.email is not None
        }
        places = {
            p.person_id: p
            for p in db.session.scalars(
                select(Participant).where(Participant.conference_id == khan.id)
            )
        }
        amira = places[by_email["amira.khan@family.example"]]
        priya = places[by_email["priya.patel@northfield.example"]]
        daniel = places[by_email["daniel.khan@family.example"]]
        answers = {
            "name": {"address_as": "Mrs Khan", "pronouns": "she and her"},
            "language": {"language": "ur", "interpreter": "yes", "dialect": ""},
            "communication": {"needs": ["more_time"], "other": ""},
            "attendance": {"how": "in_person"},
            "seating": {"beside": [str(priya.id)], "not_near": [str(daniel.id)]},
            "upset": {"helps": ["break", "signal"], "signal": "Hand flat on the table"},
            "support": {"supporter": "friend", "supporter_name": "Ruth", "advocate": "no"},
            "child": {"attend": "yes", "how": ["send_views"], "note": ""},
            "safety": {"unsafe": "no", "details": ""},
        }
        record = db.session.scalars(
            select(Preferences).where(Preferences.participant_id == amira.id)
        ).one()
        record.answers = record.sent_answers = answers
        record.status = SubmissionStatus.SENT
        record.sent_at = datetime.now(UTC) - timedelta(hours=2)
        for name, value in family_answers.columns(answers).items():
            setattr(record, name, value)
        maya = next(c for c in khan.children if c.first_name == "Maya")
        db.session.add(
            ChildView(
                conference_id=khan.id,
                child_id=maya.id,
                written_by_id=by_email["maya.khan@family.example"],
                format=ChildViewFormat.LETTER,
                content={"letter": "I want everyone at home to be calm."},
                sent_content={"letter": "I want everyone at home to be calm."},
                sent_share={"with": "chair_and_social_worker", "people": []},
                # Sent to people, not roles (issue 12): the meeting's chair and social worker.
                audience=[
                    str(p.id)
                    for p in khan.participants
                    if p.role in {Role.CHAIR, Role.SOCIAL_WORKER}
                ],
                status=SubmissionStatus.SENT,
                sent_at=datetime.now(UTC) - timedelta(hours=1),
            )
        )
        # Sam has taken Maya's referral: he is her advocate in the meeting.
        referral = db.session.scalars(
            select(AdvocateRequest).where(
                AdvocateRequest.conference_id == khan.id, AdvocateRequest.for_child_id == maya.id
            )
        ).one()
        sam = db.session.get(Person, by_email["sam.taylor@advocacy.example"])
        advocacy.accept(referral, sam, "Northfield Children's Advocacy")
        db.session.commit()


@pytest.fixture(scope="module")
def live_server(browser_instance: Path) -> Iterator[str]:
    """This module's own server: the demo with Amira's and Maya's answers sent."""
    app = build_app(browser_instance, f"sqlite:///{browser_instance / 'browser.db'}")
    with app.app_context():
        limiter.reset()
    _seed(app)
    port = _free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    thread.join(timeout=5)


def check_everywhere(page, base: str, path: str) -> None:
    """axe finds nothing at 320 and 1280 px, in English and in Welsh; nothing scrolls sideways."""
    for language in ("cy", "en"):
        page.goto(f"{base}/language/{language}?next={path}")
        for size in (WIDE, NARROW):
            page.set_viewport_size(size)
            assert page.locator("h1").count() == 1
            assert_accessible(page)
        assert_fits_320(page)


def test_jo_checks_what_the_family_sent_and_prints_the_arrangements_sheet(page, live_server):
    sign_in_professional(page, live_server, JO)
    expect(page.locator("h1")).to_have_text("Your meetings")
    check_everywhere(page, live_server, "/conferences")
    page.get_by_role("link", name="The Khan family").click()
    page.get_by_role("link", name="What the family and young people sent").click()
    expect(page.locator("h1")).to_have_text("What the family and young people sent")
    main = page.locator("main")
    expect(main).to_contain_text("Mrs Khan")
    expect(main).to_contain_text("Priya Patel")  # Amira's seating wish, by name
    expect(main).to_contain_text("Daniel Khan has not sent how the meeting will work for them.")
    expect(main.get_by_role("link", name="Letter")).to_be_visible()  # Maya's letter
    check_everywhere(page, live_server, page.url.removeprefix(live_server))

    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="Arrangements sheet for the room").click()
    expect(page.locator("h1")).to_have_text("Arrangements for the room")
    expect(main).to_contain_text("Amira Khan needs an interpreter: Urdu")
    expect(main).to_contain_text("Hand flat on the table")
    expect(main).to_contain_text("Advocate: Sam Taylor")
    expect(main).to_contain_text("Their views: Letter")
    seats = page.locator(".portal-seat-order").first.inner_text()
    assert "Amira Khan" in seats and "Priya Patel" in seats
    sheet = page.url.removeprefix(live_server)
    check_everywhere(page, live_server, sheet)

    # On paper: no header, menu or footer; one or two A4 pages.
    page.set_viewport_size(WIDE)
    page.emulate_media(media="print")
    expect(page.locator(".govuk-header")).to_be_hidden()
    expect(page.locator(".govuk-footer")).to_be_hidden()
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"the sheet prints on {pages} pages"


def test_morgan_sees_the_councils_conferences_and_opens_one_read_only(page, live_server):
    sign_in_professional(page, live_server, MORGAN)
    expect(page.locator("h1")).to_have_text("Your meetings")
    check_everywhere(page, live_server, "/conferences")
    page.goto(f"{live_server}/conferences?when=past")
    expect(page.get_by_role("link", name="The Brown family")).to_be_visible()
    page.get_by_role("link", name="The Brown family").click()
    expect(page.locator("main")).to_contain_text("You are not in this conference")
    check_everywhere(page, live_server, page.url.removeprefix(live_server))
    page.get_by_role("link", name="The deadlines and their rules").click()
    expect(page.locator("h1")).to_have_text("Deadlines")
    assert_accessible(page)


def test_the_caseload_filters_work_without_javascript(page_without_js, live_server):
    page = page_without_js
    sign_in_professional(page, live_server, MORGAN)
    page.get_by_label("Social worker").select_option(label="Priya Patel")
    page.get_by_label("Sort by").select_option(label="Family name")
    page.get_by_role("button", name="Show conferences").click()
    expect(page.get_by_role("link", name="The Khan family")).to_be_visible()
    assert "social_worker=" in page.url and "sort=family" in page.url
    page.get_by_role("link", name="Past").click()
    expect(page.get_by_role("link", name="The Brown family")).to_be_visible()
    assert_fits_320(page)
