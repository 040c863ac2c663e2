"""Issue 10's promise: a council set up from the command line runs a conference end to end
through the pages, with no demo person or record in it.

Each person has their own browser (test client) and signs in the way they would: the
administrator and staff through their one-time set-up links, the mother through the link
in her invitation.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta

import pyotp
from sqlalchemy import select

from portal.data.models import (
    AdvocateRequest,
    AdvocateRequestStatus,
    Conference,
    Notification,
    Participant,
    Person,
    Preferences,
    Report,
    ReportRead,
    Role,
    SubmissionStatus,
)
from portal.domain.deadlines import LONDON
from portal.extensions import db
from tests.integration.test_family_journey import STEP_ANSWERS
from tests.pages import form_token

COUNCIL = "Eastvale Borough Council"


def post(client, path, data=None, page=None):
    token = form_token(client, page or path)
    return client.post(path, data={**(data or {}), "csrf_token": token})


def message_to(app, address, template):
    with app.app_context():
        return db.session.scalars(
            select(Notification)
            .where(Notification.address == address, Notification.template == template)
            .order_by(Notification.created_at.desc())
        ).first()


def set_up_account(app, link_path):
    """A new professional's first visit: a password, then an authenticator, then signed in."""
    client = app.test_client()
    assert "password" in client.get(link_path).get_data(as_text=True).lower()
    password = "three random words " + uuid.uuid4().hex[:6]
    response = post(client, link_path, {"password": password, "confirm": password})
    assert response.headers["Location"] == "/sign-in/authenticator/set-up"
    page = client.get("/sign-in/authenticator/set-up").get_data(as_text=True)
    key = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    response = post(client, "/sign-in/authenticator/set-up", {"code": pyotp.TOTP(key).now()})
    assert response.headers["Location"] == "/conferences"
    return client


def link_path_in(text):
    return re.search(r"https?://[^/\s]+(/account/set-up/[\w-]+)", text).group(1)


def date_fields(day):
    return [str(day.day), str(day.month), str(day.year)]


def book_a_conference(sol, chair_id):
    """Sol books an initial conference for Ivy Rivers three weeks ahead, `chair_id`
    chairing; returns its id and its people page."""
    response = post(sol, "/book")
    booking = response.headers["Location"].rsplit("/", 1)[0]
    assert post(sol, f"{booking}/kind", {"kind": "initial"}).status_code == 302
    answers = {"first_name": "Ivy", "last_name": "Rivers", "born": ["3", "4", "2013"]}
    assert post(sol, f"{booking}/children", answers).status_code == 302
    day = (datetime.now(LONDON) + timedelta(days=21)).date()
    times = {
        "strategy_on": date_fields(day - timedelta(days=24)),
        "day": date_fields(day),
        "starts": "10:00",
        "ends": "12:00",
        "two_parts": "no",
        "part_two": "",
    }
    assert post(sol, f"{booking}/time", times).status_code == 302
    assert post(sol, f"{booking}/place", {"venue": "Room 1, Eastvale Hall"}).status_code == 302
    assert post(sol, f"{booking}/chair", {"chair": str(chair_id)}).status_code == 302
    assert sol.get(f"{booking}/check").status_code == 200
    people = post(sol, f"{booking}/check").headers["Location"]
    return uuid.UUID(people.split("/")[2]), people


def test_a_council_set_up_from_the_command_line_runs_a_conference_through_the_pages(app, database):
    # 1. The council and its first administrator, from the command line.
    result = app.test_cli_runner().invoke(
        args=[
            "council",
            "set-up",
            "--name",
            COUNCIL,
            "--policy",
            "wakefield",
            "--nation",
            "england",
            "--admin-email",
            "ada.admin@eastvale.example",
            "--admin-name",
            "Ada Admin",
        ]
    )
    assert result.exit_code == 0, result.output
    ada = set_up_account(app, link_path_in(result.output))

    # 2. Ada invites a social worker and a chair; each sets up their own account.
    for name, email, role in [
        ("Sol Worker", "sol.worker@eastvale.example", "social_worker"),
        ("Cai Chair", "cai.chair@eastvale.example", "chair"),
    ]:
        response = post(
            ada, "/council/staff/invite", {"full_name": name, "email": email, "role": role}
        )
        assert response.status_code == 302, response.get_data(as_text=True)
    sol = set_up_account(
        app, link_path_in(message_to(app, "sol.worker@eastvale.example", "set_up_link").body)
    )
    cai = set_up_account(
        app, link_path_in(message_to(app, "cai.chair@eastvale.example", "set_up_link").body)
    )
    with app.app_context():
        cai_id = db.session.scalars(
            select(Person.id).where(Person.email == "cai.chair@eastvale.example")
        ).one()

    # 3. Sol books a conference for the Rivers family, three weeks ahead, with Cai chairing.
    conference_id, people = book_a_conference(sol, cai_id)

    # 4. Sol adds the mother and sends the invitations through the outbox.
    mother = {
        "full_name": "Lily Rivers",
        "relationship": "mother",
        "email": "lily.rivers@family.example",
        "mobile": "",
        "language": "en",
        "part": "both",
    }
    assert post(sol, f"{people}/family", mother).status_code == 302
    invitations = f"/conferences/{conference_id}/invitations"
    assert post(sol, invitations, page=people).status_code == 302
    invitation = message_to(app, "lily.rivers@family.example", "invitation_family")
    assert COUNCIL in invitation.html_body and "Rivers" not in invitation.subject

    # 5. Sol writes a report for the family and shares it.
    new = f"/conferences/{conference_id}/write/new"
    report = {
        "title": "Social work report",
        "agency": "Eastvale Children's Services",
        "kind": "social_work",
        "audience": "family_and_professionals",
        "way": "write",
    }
    editor = post(sol, new, report).headers["Location"]
    words = {
        "child0_worries": "Ivy has missed school on many days this term.",
        "child0_working_well": "Ivy loves her mum and her dog.",
        "child0_scale": "5",
        "child0_scale_reason": "Things are a little better.",
        "save": "Save draft",
    }
    assert post(sol, editor, words).status_code == 302
    assert post(sol, f"{editor}/share").status_code == 302
    assert message_to(app, "lily.rivers@family.example", "report_ready") is not None

    # 6. Lily signs in through her invitation, reads the report and says how the meeting
    #    will work for her.
    lily = app.test_client()
    link = re.search(r"(/sign-in/link/[\w-]+)", invitation.body).group(1)
    assert post(lily, link).headers["Location"] == "/conferences"
    home = f"/conferences/{conference_id}/family"
    assert post(lily, f"{home}/welcome", page=home).status_code == 302
    with app.app_context():
        report_id = db.session.scalars(
            select(Report.id).where(Report.conference_id == conference_id)
        ).one()
    reading = f"/conferences/{conference_id}/reports/{report_id}"
    promise = lily.get(reading).headers["Location"]
    assert post(lily, promise, {"agree": "y"}).status_code == 302
    assert "Ivy has missed school" in lily.get(reading).get_data(as_text=True)
    assert post(lily, f"{home}/reports/{report_id}/read", page=reading).status_code == 302
    for slug, answers in STEP_ANSWERS.items():
        data = {} if slug == "seating" else answers
        response = post(lily, f"{home}/meeting/{slug}", data)
        assert response.status_code == 302, (slug, response.get_data(as_text=True)[:500])
    assert post(lily, f"{home}/meeting/send", page=f"{home}/meeting/check").status_code == 302

    # 7. Cai, the chair, sees what Lily sent and read, and the arrangements sheet.
    sent = cai.get(f"/conferences/{conference_id}/what-the-family-said").get_data(as_text=True)
    assert "Lily Rivers" in sent
    sheet = cai.get(f"/conferences/{conference_id}/arrangements")
    assert sheet.status_code == 200 and "Lily Rivers" in sheet.get_data(as_text=True)

    # Nothing in this conference came from the demo: everyone in it was made above.
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        assert conference.authority.name == COUNCIL
        emails = set(
            db.session.scalars(
                select(Person.email)
                .join(Participant, Participant.person_id == Person.id)
                .where(Participant.conference_id == conference_id)
            )
        )
        assert emails == {
            "sol.worker@eastvale.example",
            "cai.chair@eastvale.example",
            "lily.rivers@family.example",
        }
        lily_place = db.session.scalars(
            select(Participant.id)
            .join(Person)
            .where(
                Participant.conference_id == conference_id,
                Person.email == "lily.rivers@family.example",
            )
        ).one()
        assert db.session.scalars(
            select(ReportRead).where(ReportRead.participant_id == lily_place)
        ).first()
        preferences = db.session.scalars(
            select(Preferences).where(Preferences.participant_id == lily_place)
        ).one()
        assert preferences.status is SubmissionStatus.SENT


def test_a_council_set_up_from_nothing_gets_an_advocacy_service_whose_advocate_takes_a_referral(
    app, database
):
    # 1. The council and its first administrator, from the command line; Ada sets up.
    result = app.test_cli_runner().invoke(
        args=[
            "council",
            "set-up",
            "--name",
            COUNCIL,
            "--policy",
            "england",
            "--nation",
            "england",
            "--admin-email",
            "ada.admin@eastvale.example",
            "--admin-name",
            "Ada Admin",
        ]
    )
    assert result.exit_code == 0, result.output
    ada = set_up_account(app, link_path_in(result.output))

    # 2. Ada sets up the advocacy service that takes the council's referrals, and invites
    #    Abe, who works for it; he sets up his account from the link in his email.
    service = {
        "name": "Eastvale Young People's Advocacy",
        "email": "referrals@eastvale-advocacy.example",
        "phone": "01632 960 456",
    }
    assert post(ada, "/council/advocacy", service).status_code == 302
    assert "Eastvale Young People&#39;s Advocacy" in ada.get("/council").get_data(as_text=True)
    abe_invited = {"full_name": "Abe Advocate", "email": "abe@eastvale-advocacy.example"}
    assert post(ada, "/council/advocacy/invite", abe_invited).status_code == 302
    abe = set_up_account(
        app, link_path_in(message_to(app, "abe@eastvale-advocacy.example", "set_up_link").body)
    )
    assert "No referrals are waiting." in abe.get("/advocacy/referrals").get_data(as_text=True)

    # 3. Ada invites a social worker and a chair; Sol books a conference for Ivy Rivers.
    for name, email, role in [
        ("Sol Worker", "sol.worker@eastvale.example", "social_worker"),
        ("Cai Chair", "cai.chair@eastvale.example", "chair"),
    ]:
        response = post(
            ada, "/council/staff/invite", {"full_name": name, "email": email, "role": role}
        )
        assert response.status_code == 302
    sol = set_up_account(
        app, link_path_in(message_to(app, "sol.worker@eastvale.example", "set_up_link").body)
    )
    with app.app_context():
        cai_id = db.session.scalars(
            select(Person.id).where(Person.email == "cai.chair@eastvale.example")
        ).one()
    conference_id, people = book_a_conference(sol, cai_id)

    # 4. Sol adds Ivy as a young person taking part, and sends the invitations.
    with app.app_context():
        ivy_child = db.session.get(Conference, conference_id).children[0].id
    ivy_details = {
        "child": str(ivy_child),
        "email": "ivy.rivers@family.example",
        "mobile": "",
        "language": "en",
        "part": "both",
    }
    added = post(sol, f"/conferences/{conference_id}/people/young-person", ivy_details)
    assert added.status_code == 302, added.get_data(as_text=True)[:500]
    assert post(sol, f"/conferences/{conference_id}/invitations", page=people).status_code == 302

    # 5. Ivy signs in through her invitation and asks for an advocate from the service.
    invitation = message_to(app, "ivy.rivers@family.example", "invitation_young_person")
    ivy = app.test_client()
    assert (
        post(ivy, re.search(r"(/sign-in/link/[\w-]+)", invitation.body).group(1)).status_code == 302
    )
    ask = f"/conferences/{conference_id}/advocate"
    assert "Eastvale Young People&#39;s Advocacy" in ivy.get(ask).get_data(as_text=True)
    assert post(ivy, ask, {"who": "service"}).status_code == 302

    # 6. Abe is told there is a referral (nothing about Ivy in the message), sees it, and
    #    takes it: he is now Ivy's advocate in the conference, and she can see so.
    referral = message_to(app, "abe@eastvale-advocacy.example", "advocate_referral")
    assert referral is not None and "Ivy" not in referral.body and "Rivers" not in referral.body
    listed = abe.get("/advocacy/referrals").get_data(as_text=True)
    assert "Ivy" in listed
    with app.app_context():
        request_id = db.session.scalars(
            select(AdvocateRequest.id).where(AdvocateRequest.conference_id == conference_id)
        ).one()
    assert abe.get(f"/conferences/{conference_id}").status_code == 404
    page = f"/advocacy/referrals/{request_id}"
    assert post(abe, f"{page}/accept", page=page).status_code == 302
    assert abe.get(f"/conferences/{conference_id}/advocate/case").status_code == 200
    assert "Abe Advocate" in ivy.get(ask).get_data(as_text=True)
    with app.app_context():
        request = db.session.get(AdvocateRequest, request_id)
        assert request.status is AdvocateRequestStatus.ARRANGED
        advocate = db.session.get(Participant, request.advocate_id)
        assert advocate.role is Role.ADVOCATE and advocate.person.full_name == "Abe Advocate"
        # Abe is not council staff: no role, no caseload.
        assert advocate.person.staff_role is None
    assert abe.get("/council").status_code == 404
