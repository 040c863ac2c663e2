"""Canaries: unique markers in every restricted thing, and a search for them everywhere
each person who must not see them can reach: every page, every download, every message."""

from __future__ import annotations

import re
from collections import deque
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from portal.data.interfaces import advocacy
from portal.data.models import (
    AboutChild,
    AdvocateRequest,
    Child,
    ChildView,
    CommentKind,
    Participant,
    Person,
    Preferences,
    Report,
    ReportComment,
    ReportVersion,
    SubmissionStatus,
)
from portal.extensions import db
from tests.pages import form_token

MARKERS = {
    "amira_address": "CANARY-7f3a-AMIRA-ADDRESS",
    "amira_preferences": "CANARY-91c2-AMIRA-PREFERENCES",
    "amira_seating": "CANARY-4d0e-AMIRA-SEATING",
    "police": "CANARY-b6e1-POLICE-INFORMATION",
    "maya_for_advocate": "CANARY-2a9f-MAYA-ADVOCATE-ONLY",
    "amira_about_maya": "CANARY-5e77-AMIRA-ABOUT-MAYA",
    "amira_comment": "CANARY-c3d8-AMIRA-COMMENT",
    "amira_safety": "CANARY-8b1f-AMIRA-SAFETY",
    "maya_unsent": "CANARY-0d4c-MAYA-UNSENT-DRAFT",
}
MUST_NOT_SEE = {
    "amira_address": ["daniel", "maya", "olivia", "tom", "sam"],
    "amira_preferences": ["daniel", "maya", "olivia", "tom", "sam"],
    # A seating choice is a participant's id; pages name the person and never show an id,
    # so even the chair and social worker never see this raw value.
    "amira_seating": ["daniel", "maya", "olivia", "tom", "sam", "jo", "priya", "chris"],
    # An advocate is not a council professional: Sam sees only what Maya may see.
    "police": ["amira", "daniel", "maya", "olivia", "sam"],
    "maya_for_advocate": ["amira", "daniel", "olivia", "jo", "priya", "chris", "tom"],
    "amira_about_maya": ["daniel", "maya", "olivia", "tom", "sam", "chris"],
    "amira_comment": ["daniel", "maya", "olivia", "tom", "sam", "chris"],
    "amira_safety": ["daniel", "maya", "olivia", "tom", "sam", "chris"],
    # A change Maya has not sent again reaches nobody, not even her advocate (ADR 0007).
    "maya_unsent": ["amira", "daniel", "olivia", "jo", "priya", "chris", "tom", "sam"],
}
WHO_SEES = {
    "amira_address": "priya",
    "amira_preferences": "priya",
    "police": "tom",
    "maya_for_advocate": "sam",
    "amira_about_maya": "jo",
    "amira_comment": "priya",
    "amira_safety": "jo",
    "maya_unsent": "maya",
}
EMAILS = {
    "amira": "amira.khan@family.example",
    "daniel": "daniel.khan@family.example",
    "maya": "maya.khan@family.example",
    "olivia": "olivia.brown@family.example",
}
LINK = re.compile(r'href="(/[^"#]*)"')
SKIP = ("/static/", "/language/", "/sign-out", "/session/")


@pytest.fixture()
def canaries(app, database):
    with app.app_context():
        amira = db.session.scalars(select(Person).where(Person.email == EMAILS["amira"])).one()
        amira.address = MARKERS["amira_address"]
        place = db.session.scalars(
            select(Participant).where(Participant.person_id == amira.id)
        ).one()
        preferences = db.session.scalars(
            select(Preferences).where(Preferences.participant_id == place.id)
        ).one()
        preferences.interpreter_language = MARKERS["amira_preferences"]
        preferences.answers = {
            "seating": {"beside": [MARKERS["amira_seating"]]},
            "safety": {"unsafe": "yes", "details": MARKERS["amira_safety"]},
            "times": {"hard_times": MARKERS["amira_preferences"]},
        }
        preferences.sent_answers = preferences.answers
        preferences.status = SubmissionStatus.SENT
        preferences.sent_at = datetime.now(UTC)
        maya = db.session.scalars(select(Child).where(Child.first_name == "Maya")).one()
        db.session.add(
            AboutChild(
                participant_id=place.id,
                child_id=maya.id,
                answers={"worries": MARKERS["amira_about_maya"]},
                sent_answers={"worries": MARKERS["amira_about_maya"]},
                status=SubmissionStatus.SENT,
                sent_at=datetime.now(UTC),
            )
        )
        social_work = db.session.scalars(
            select(Report).where(
                Report.title == "Social work report", Report.translation_of_id.is_(None)
            )
        ).one()
        db.session.add(
            ReportComment(
                participant_id=place.id,
                report_id=social_work.id,
                section=0,
                kind=CommentKind.THINK_WRONG,
                text=MARKERS["amira_comment"],
            )
        )
        police = db.session.scalars(
            select(Report).where(Report.title == "Police information")
        ).one()
        version = db.session.scalars(
            select(ReportVersion).where(ReportVersion.report_id == police.id)
        ).one()
        version.sections = [{"heading": "Call-outs", "text": MARKERS["police"]}]
        view = db.session.scalars(
            select(ChildView).where(ChildView.conference_id == place.conference_id)
        ).one()
        # Sent to her advocate as it stood; then a later change, not yet sent.
        view.sent_content = {"worries": MARKERS["maya_for_advocate"]}
        view.content = {
            "worries": MARKERS["maya_for_advocate"],
            "dreams": MARKERS["maya_unsent"],
        }
        # Sam has accepted Maya's referral: he is her advocate in the meeting.
        referral = db.session.scalars(
            select(AdvocateRequest).where(AdvocateRequest.for_child_id == maya.id)
        ).one()
        sam = db.session.scalars(select(Person).where(Person.email.like("sam.%"))).one()
        advocacy.accept(referral, sam, "Northfield Children's Advocacy")
        db.session.commit()
    return MARKERS


def crawl(client, start=("/", "/conferences")):
    """Every page and download reachable by following links, as this person."""
    seen, queue, bodies = set(), deque(start), []
    while queue and len(seen) < 300:
        path = queue.popleft()
        if path in seen or path.startswith(SKIP):
            continue
        seen.add(path)
        response = client.get(path)
        body = response.get_data(as_text=True)
        response.close()
        bodies.append((path, body))
        if response.mimetype == "text/html":
            queue.extend(LINK.findall(body))
    return bodies


def sign_in_for_real(client, mailbox, who):
    client.set_cookie("portal_language", "en")  # English pages, whatever their stored language
    path = "/sign-in"
    client.post(path, data={"contact": EMAILS[who], "csrf_token": form_token(client, path)})
    code = mailbox.last_code(EMAILS[who])
    client.post(
        "/sign-in/code", data={"code": code, "csrf_token": form_token(client, "/sign-in/code")}
    )


@pytest.mark.parametrize(
    "who", ["amira", "daniel", "maya", "olivia", "jo", "priya", "chris", "tom", "sam"]
)
def test_no_canary_reaches_anyone_who_must_not_see_it(client, sign_in, mailbox, canaries, who):
    if who in EMAILS:
        sign_in_for_real(client, mailbox, who)
    else:
        sign_in(who)
    pages = crawl(client)
    assert len(pages) > 5
    messages = [
        "".join(part.get_content() for part in m.walk() if part.get_content_maintype() == "text")
        + str(m["Subject"])
        for m in mailbox.messages()
    ]
    forbidden = {key: MARKERS[key] for key, people in MUST_NOT_SEE.items() if who in people}
    leaks = [
        f"{key} on {path}"
        for path, body in pages
        for key, marker in forbidden.items()
        if marker in body
    ]
    leaks += [
        f"{key} in a message"
        for text in messages
        for key, marker in forbidden.items()
        if marker in text
    ]
    assert leaks == []


@pytest.mark.parametrize("key", sorted(WHO_SEES))
def test_the_canaries_are_really_there_for_those_allowed(client, sign_in, canaries, key):
    """Without this, a canary that nobody can see would pass the test above for nothing."""
    sign_in(WHO_SEES[key])
    pages = crawl(client)
    assert any(MARKERS[key] in body for _path, body in pages)
