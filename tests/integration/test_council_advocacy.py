"""The advocacy service that takes a council's referrals, kept by the council's administrators:
its details, and its people's accounts (invited by a one-time set-up link, sent again,
deactivated). Its people are professionals outside the council: they see the referrals of
the council's children, never its caseload or its other conferences."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.data.models import (
    AdvocacyService,
    AdvocateRequest,
    AdvocateRequestStatus,
    AuditEvent,
    Nation,
    Notification,
    Person,
    Role,
    SetUpLink,
    StaffRole,
)
from portal.extensions import db
from tests import factories
from tests.integration.test_a_new_council_end_to_end import link_path_in, set_up_account
from tests.pages import form_token

ADVOCACY = "/council/advocacy"
INVITE = "/council/advocacy/invite"
SERVICE = {
    "name": "Eastvale Young People's Advocacy",
    "email": "Referrals@EastvaleAdvocacy.example",
    "phone": "01632 960 456",
}


def post(client, path, data=None, page=None):
    token = form_token(client, page or path)
    return client.post(path, data={**(data or {}), "csrf_token": token})


def signed_in_as(app, person_id, client=None):
    """A browser signed in as any person (not only the demo's)."""
    from portal.auth.session import session_keys
    from portal.data.interfaces import auth

    client = client or app.test_client()
    with app.app_context():
        person = db.session.get(Person, person_id)
        keys = session_keys(auth.start_session(person), person)
    with client.session_transaction() as session:
        session.clear()
        session.update(keys)
    return client


def person_by_email(app, email):
    with app.app_context():
        return db.session.scalars(select(Person).where(Person.email == email)).first()


def services_of(app, authority_id):
    with app.app_context():
        return list(
            db.session.scalars(
                select(AdvocacyService).where(AdvocacyService.authority_id == authority_id)
            )
        )


def audit_actions(app, object_id):
    with app.app_context():
        return list(
            db.session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.object_id == object_id)
                .order_by(AuditEvent.occurred_at)
            )
        )


def set_up_links_to(app, email):
    with app.app_context():
        return list(
            db.session.scalars(
                select(Notification)
                .where(Notification.address == email, Notification.template == "set_up_link")
                .order_by(Notification.created_at)
            )
        )


@pytest.fixture()
def eastvale(app, database):
    """A council with no advocacy service: its administrator, a conference with a young
    person (Ivy) who can ask for an advocate, and its social worker."""
    with app.app_context():
        # As a council set up from the command line is: in England (not "England and
        # Wales", the bank-holiday calendar it keeps).
        council = factories.authority(nation=Nation.ENGLAND)
        council.name = "Eastvale Borough Council"
        admin = factories.person(
            professional=True,
            authority_id=council.id,
            staff_role=StaffRole.ADMINISTRATOR,
            full_name="Ada Admin",
            email="ada.admin@eastvale.example",
            password_hash="set",
        )
        worker = factories.person(
            professional=True,
            authority_id=council.id,
            staff_role=StaffRole.SOCIAL_WORKER,
            full_name="Sol Worker",
        )
        meeting = factories.conference(council, family_name="Rivers")
        ivy_child = factories.child(council, first_name="Ivy", last_name="Rivers")
        meeting.children.append(ivy_child)
        ivy = factories.person(full_name="Ivy Rivers", email="ivy@family.example")
        factories.participant(meeting, worker, Role.SOCIAL_WORKER)
        ivy_place = factories.participant(meeting, ivy, Role.YOUNG_PERSON, child_id=ivy_child.id)
        # Another conference of the council, which no advocate is in.
        other = factories.conference(council, family_name="Stone")
        factories.participant(other, worker, Role.SOCIAL_WORKER)
        db.session.commit()
        return {
            "id": council.id,
            "admin": admin.id,
            "worker": worker.id,
            "conference": meeting.id,
            "other": other.id,
            "ivy": ivy.id,
            "ivy_place": ivy_place.id,
            "ivy_child": ivy_child.id,
        }


# --- Who may keep the service --------------------------------------------------------------


def test_the_settings_page_shows_the_councils_advocacy_service(client, sign_in):
    sign_in("chris")
    page = client.get("/council").get_data(as_text=True)
    assert f'href="{ADVOCACY}"' in page
    assert "Northfield Children&#39;s Advocacy" in page
    assert "referrals@advocacy.example" in page and "01632 960123" in page


def test_the_settings_page_says_when_there_is_no_service_yet(app, eastvale):
    ada = signed_in_as(app, eastvale["admin"])
    page = ada.get("/council").get_data(as_text=True)
    assert "Not set up yet: no one sees the children" in page
    assert "Northfield Children" not in page


@pytest.mark.parametrize("name", ["jo", "priya", "morgan", "tom", "sam", "amira", "maya"])
def test_only_the_councils_administrators_reach_the_advocacy_pages(client, sign_in, demo, name):
    sign_in(name)
    sam = demo["people"]["sam"]
    for path in (ADVOCACY, INVITE, f"{ADVOCACY}/people/{sam}"):
        assert client.get(path).status_code == 404, path
    # Nor can they post to them, even with a good token (from the sign-out button).
    token = form_token(client, "/accessibility")
    for path in (
        ADVOCACY,
        INVITE,
        f"{ADVOCACY}/people/{sam}/deactivate",
        f"{ADVOCACY}/people/{sam}/resend-link",
    ):
        response = client.post(path, data={**SERVICE, "csrf_token": token})
        assert response.status_code == 404, path
    with client.application.app_context():
        assert db.session.scalars(select(AdvocacyService.name)).all() == [
            "Northfield Children's Advocacy"
        ]
        assert db.session.get(Person, sam).is_active


def test_signed_out_people_are_sent_to_sign_in(app, database):
    response = app.test_client().get(ADVOCACY)
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_another_councils_administrator_neither_sees_nor_changes_the_service(
    app, client, sign_in, demo, eastvale
):
    ada = signed_in_as(app, eastvale["admin"])
    page = ada.get(ADVOCACY).get_data(as_text=True)
    assert "Northfield Children&#39;s" not in page and "Sam Taylor" not in page
    assert "The council has no advocacy service yet" in page
    sam = demo["people"]["sam"]
    assert ada.get(f"{ADVOCACY}/people/{sam}").status_code == 404
    token = form_token(ada, ADVOCACY)
    for action in ("resend-link", "deactivate", "reactivate"):
        response = ada.post(f"{ADVOCACY}/people/{sam}/{action}", data={"csrf_token": token})
        assert response.status_code == 404
    # Saving sets up Eastvale's own service; Northfield's stays as it was.
    with app.app_context():
        northfield_id = db.session.get(Person, sam).authority_id
    before = [(s.id, s.name, s.contact_email) for s in services_of(app, northfield_id)]
    assert post(ada, ADVOCACY, SERVICE).status_code == 302
    after = [(s.id, s.name, s.contact_email) for s in services_of(app, northfield_id)]
    assert before == after
    assert [s.name for s in services_of(app, eastvale["id"])] == [SERVICE["name"]]
    assert person_by_email(app, "sam.taylor@advocacy.example").is_active


def test_chris_cannot_reach_staff_through_the_advocacy_pages_or_advocates_through_staff(
    client, sign_in, demo
):
    sign_in("chris")
    assert client.get(f"{ADVOCACY}/people/{demo['people']['jo']}").status_code == 404
    assert client.get(f"/council/staff/{demo['people']['sam']}").status_code == 404
    page = f"{ADVOCACY}/people/{demo['people']['sam']}"
    jo = f"{ADVOCACY}/people/{demo['people']['jo']}"
    assert post(client, f"{jo}/deactivate", page=page).status_code == 404


# --- The service's details -------------------------------------------------------------------


def test_setting_up_the_service_keeps_its_details_and_audits_it(app, eastvale):
    ada = signed_in_as(app, eastvale["admin"])
    response = post(ada, ADVOCACY, SERVICE)
    assert response.status_code == 302 and response.headers["Location"] == ADVOCACY
    page = ada.get(ADVOCACY).get_data(as_text=True)
    assert "The advocacy service is set up" in page
    assert "Invite someone from the service" in page
    (service,) = services_of(app, eastvale["id"])
    assert service.name == SERVICE["name"]
    assert service.contact_email == "referrals@eastvaleadvocacy.example"
    assert service.contact_phone == "01632 960 456"
    assert audit_actions(app, service.id) == ["advocacy_service_set_up"]
    assert "Eastvale Young People&#39;s Advocacy" in ada.get("/council").get_data(as_text=True)


def test_changing_the_service_changes_the_one_there_is(app, client, sign_in):
    sign_in("chris")
    page = client.get(ADVOCACY).get_data(as_text=True)
    # The form shows the details as they are.
    assert 'value="Northfield Children&#39;s Advocacy"' in page
    changed = {**SERVICE, "name": "Northfield Advocacy for Children"}
    assert post(client, ADVOCACY, changed).status_code == 302
    assert "details are saved" in client.get(ADVOCACY).get_data(as_text=True)
    with app.app_context():
        services = db.session.scalars(select(AdvocacyService)).all()
        assert [s.name for s in services] == ["Northfield Advocacy for Children"]
        assert audit_actions(app, services[0].id) == ["advocacy_service_changed"]


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("name", "", "Enter the name of the advocacy service"),
        ("name", "x" * 201, "This must be 200 characters or fewer"),
        ("email", "", "Enter the email address where the service takes referrals"),
        ("email", "referrals at advocacy", "Enter an email address in the correct format"),
        ("phone", "", "Enter the service"),
        ("phone", "ring the office", "Enter a phone number, like 01632 960 123"),
        ("phone", "123", "Enter a phone number, like 01632 960 123"),
        ("phone", "0" * 41, "This must be 40 characters or fewer"),
    ],
)
def test_bad_input_gets_its_error_next_to_the_field_and_keeps_what_was_typed(
    app, client, sign_in, field, value, error
):
    sign_in("chris")
    typed = {**SERVICE, field: value}
    response = post(client, ADVOCACY, typed)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "There is a problem" in page
    assert f'id="{field}-error"' in page
    error_at = page.index(f'id="{field}-error"')
    assert error in page[error_at : error_at + 400]
    # What was typed in the other fields is still there.
    for other in {"name", "email", "phone"} - {field}:
        shown = SERVICE[other].lower() if other == "email" else SERVICE[other]
        assert f'value="{shown}"'.replace("'", "&#39;") in page
    with app.app_context():
        assert [s.name for s in db.session.scalars(select(AdvocacyService))] == [
            "Northfield Children's Advocacy"
        ]


def test_setting_up_the_service_passes_it_the_requests_already_waiting(app, eastvale):
    with app.app_context():
        waiting = AdvocateRequest(
            conference_id=eastvale["conference"],
            for_child_id=eastvale["ivy_child"],
            requested_by_id=eastvale["ivy_place"],
            status=AdvocateRequestStatus.REQUESTED,
            young_person_agreed=True,
        )
        db.session.add(waiting)
        db.session.commit()
        request_id = waiting.id
    ada = signed_in_as(app, eastvale["admin"])
    assert post(ada, ADVOCACY, SERVICE).status_code == 302
    (service,) = services_of(app, eastvale["id"])
    with app.app_context():
        assert db.session.get(AdvocateRequest, request_id).advocacy_service_id == service.id


def test_the_advocate_clock_runs_for_a_council_in_england(app, eastvale):
    """A council set up from the command line says "england"; the clock that tells the
    social worker uses the England and Wales bank holidays for it."""
    from datetime import UTC, datetime, timedelta

    from portal.data.interfaces import advocacy

    with app.app_context():
        asked = datetime.now(UTC) - timedelta(days=6)
        db.session.add(
            AdvocateRequest(
                conference_id=eastvale["conference"],
                for_child_id=eastvale["ivy_child"],
                requested_by_id=eastvale["ivy_place"],
                status=AdvocateRequestStatus.REQUESTED,
                asked_at=asked,
                young_person_agreed=True,
            )
        )
        db.session.commit()
        due = advocacy.waiting_too_long(datetime.now(UTC))
        assert eastvale["conference"] in [r.conference_id for r in due]


# --- The service's people --------------------------------------------------------------------


def test_the_demo_services_people_are_listed_and_not_with_the_staff(client, sign_in):
    sign_in("chris")
    page = client.get(ADVOCACY).get_data(as_text=True)
    assert "Sam Taylor" in page and "sam.taylor@advocacy.example" in page and "Active" in page
    assert "Jo Evans" not in page
    assert "Sam Taylor" not in client.get("/council/staff").get_data(as_text=True)


def test_inviting_before_the_service_is_set_up_sends_the_administrator_to_set_it_up(app, eastvale):
    ada = signed_in_as(app, eastvale["admin"])
    response = ada.get(INVITE)
    assert response.status_code == 302 and response.headers["Location"] == ADVOCACY
    assert "Set up the advocacy service first" in ada.get(ADVOCACY).get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"full_name": ""}, "full_name", "Enter their full name"),
        ({"email": ""}, "email", "Enter their work email address"),
        ({"email": "not-an-address"}, "email", "Enter an email address in the correct format"),
        (
            {"email": "Jo.Evans@northfield.example"},
            "email",
            "Someone in the portal already uses this email address",
        ),
    ],
)
def test_an_invitation_with_bad_input_says_what_to_fix(app, client, sign_in, data, field, error):
    sign_in("chris")
    typed = {"full_name": "Rhys Price", "email": "rhys.price@advocacy.example"} | data
    response = post(client, INVITE, typed)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    error_at = page.index(f'id="{field}-error"')
    assert error in page[error_at : error_at + 400]
    if field != "full_name":
        assert 'value="Rhys Price"' in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Notification)) == 0


def test_an_invited_advocate_is_a_professional_outside_the_council_with_a_set_up_link(
    app, client, sign_in
):
    sign_in("chris")
    typed = {"full_name": "Rhys Price", "email": "Rhys.Price@Advocacy.example"}
    response = post(client, INVITE, typed)
    assert response.status_code == 302
    rhys = person_by_email(app, "rhys.price@advocacy.example")
    assert response.headers["Location"] == f"{ADVOCACY}/people/{rhys.id}"
    with app.app_context():
        service = db.session.scalars(select(AdvocacyService)).one()
        chris = db.session.scalars(select(Person).where(Person.full_name == "Chris Lee")).one()
    assert rhys.is_professional and rhys.is_active and rhys.password_hash is None
    assert rhys.staff_role is None
    assert rhys.advocacy_service_id == service.id
    assert rhys.authority_id == chris.authority_id
    (message,) = set_up_links_to(app, "rhys.price@advocacy.example")
    assert "/account/set-up/" in message.body
    assert "Northfield Children's Advocacy" in message.body
    assert "Maya" not in message.body and "Khan" not in message.body
    assert audit_actions(app, rhys.id) == ["advocate_invited", "set_up_link_sent"]
    page = client.get(f"{ADVOCACY}/people/{rhys.id}").get_data(as_text=True)
    assert "We have sent Rhys Price a link" in page and "Invited" in page
    assert "Send a new set-up link" in page
    assert "Rhys Price" in client.get(ADVOCACY).get_data(as_text=True)
    assert "Rhys Price" not in client.get("/council/staff").get_data(as_text=True)


def test_sending_the_link_again_stops_the_earlier_one(app, client, sign_in):
    sign_in("chris")
    invited = post(client, INVITE, {"full_name": "Rhys Price", "email": "rhys@advocacy.example"})
    page = invited.headers["Location"]
    first = link_path_in(set_up_links_to(app, "rhys@advocacy.example")[0].body)
    assert post(client, f"{page}/resend-link", page=page).status_code == 302
    assert "We have sent a new link" in client.get(page).get_data(as_text=True)
    messages = set_up_links_to(app, "rhys@advocacy.example")
    assert len(messages) == 2
    assert app.test_client().get(first).status_code == 410
    assert app.test_client().get(link_path_in(messages[1].body)).status_code == 200


def test_no_new_link_for_an_advocate_already_set_up(app, client, sign_in, demo):
    sign_in("chris")
    page = f"{ADVOCACY}/people/{demo['people']['sam']}"
    assert "Send a new set-up link" not in client.get(page).get_data(as_text=True)
    post(client, f"{page}/resend-link", page=page)
    assert "No link was sent" in client.get(page).get_data(as_text=True)
    assert set_up_links_to(app, "sam.taylor@advocacy.example") == []


def test_deactivating_an_advocate_signs_them_out_everywhere_and_reactivating_lets_them_back(
    app, client, sign_in, demo
):
    sam_id = demo["people"]["sam"]
    sam = signed_in_as(app, sam_id)
    assert sam.get("/advocacy/referrals").status_code == 200

    sign_in("chris")
    page = f"{ADVOCACY}/people/{sam_id}"
    assert "Deactivate account" in client.get(page).get_data(as_text=True)
    assert post(client, f"{page}/deactivate", page=page).status_code == 302
    shown = client.get(page).get_data(as_text=True)
    assert "They have been signed out everywhere" in shown and "Deactivated" in shown

    # His very next request is refused, and his referrals are no longer his to see.
    assert sam.get("/advocacy/referrals").status_code == 302
    assert not person_by_email(app, "sam.taylor@advocacy.example").is_active
    assert audit_actions(app, sam_id) == ["staff_deactivated"]

    assert post(client, f"{page}/reactivate", page=page).status_code == 302
    assert "They can sign in again" in client.get(page).get_data(as_text=True)
    assert person_by_email(app, "sam.taylor@advocacy.example").is_active
    # His old sessions stay ended; a new sign-in works.
    assert sam.get("/advocacy/referrals").status_code == 302
    assert signed_in_as(app, sam_id).get("/advocacy/referrals").status_code == 200


def test_deactivating_an_invited_advocate_stops_their_link(app, client, sign_in):
    sign_in("chris")
    page = post(client, INVITE, {"full_name": "Rhys Price", "email": "rhys@advocacy.example"})
    page = page.headers["Location"]
    link = link_path_in(set_up_links_to(app, "rhys@advocacy.example")[0].body)
    assert post(client, f"{page}/deactivate", page=page).status_code == 302
    assert app.test_client().get(link).status_code == 410
    with app.app_context():
        assert db.session.scalars(select(SetUpLink)).one().replaced_at is not None


# --- From invitation to a referral -------------------------------------------------------------


def test_an_invited_advocate_sets_up_their_account_and_sees_a_referral_from_the_council(
    app, eastvale
):
    ada = signed_in_as(app, eastvale["admin"])
    assert post(ada, ADVOCACY, SERVICE).status_code == 302
    invited = {"full_name": "Abe Advocate", "email": "abe@eastvaleadvocacy.example"}
    assert post(ada, INVITE, invited).status_code == 302
    (message,) = set_up_links_to(app, "abe@eastvaleadvocacy.example")
    assert "Eastvale Borough Council" in message.body
    assert "Eastvale Young People's Advocacy" in message.body

    # Abe chooses a password, then sets up his authenticator: he is signed in.
    abe = set_up_account(app, link_path_in(message.body))
    assert "Active" in ada.get(ADVOCACY).get_data(as_text=True)
    referrals = abe.get("/advocacy/referrals")
    assert referrals.status_code == 200
    assert "Ivy" not in referrals.get_data(as_text=True)

    # Ivy, a young person of the council, asks for an advocate from the service.
    ivy = signed_in_as(app, eastvale["ivy"])
    ask = f"/conferences/{eastvale['conference']}/advocate"
    assert "Eastvale Young People&#39;s Advocacy" in ivy.get(ask).get_data(as_text=True)
    assert post(ivy, ask, {"who": "service"}).status_code == 302
    with app.app_context():
        told = db.session.scalars(
            select(Notification.address).where(Notification.template == "advocate_referral")
        ).all()
    assert told == ["abe@eastvaleadvocacy.example"]

    # Abe sees Ivy's referral, and opens it.
    page = abe.get("/advocacy/referrals").get_data(as_text=True)
    assert "Ivy" in page
    with app.app_context():
        request_id = db.session.scalars(
            select(AdvocateRequest.id).where(
                AdvocateRequest.conference_id == eastvale["conference"]
            )
        ).one()
    assert abe.get(f"/advocacy/referrals/{request_id}").status_code == 200

    # He is not council staff: no caseload, and no conference he is not in.
    home = abe.get("/conferences").get_data(as_text=True)
    assert "Referrals for an advocate" in home
    assert "Rivers" not in home and "Stone" not in home
    for conference in (eastvale["conference"], eastvale["other"]):
        assert abe.get(f"/conferences/{conference}").status_code == 404
    for path in ("/council", "/council/staff", ADVOCACY, "/book"):
        assert abe.get(path).status_code == 404, path
