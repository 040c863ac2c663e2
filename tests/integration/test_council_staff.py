"""The council's administrator: settings, staff (invite, resend, deactivate, reactivate) and
the timescale policy. Every change is audited, with ids only."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from portal.data.models import (
    AuditEvent,
    Authority,
    Notification,
    Person,
    SetUpLink,
    StaffRole,
)
from portal.extensions import db
from tests import factories
from tests.pages import form_token

STAFF = "/council/staff"
INVITE = "/council/staff/invite"


def invite(client, **fields):
    data = {
        "full_name": "Nia Roberts",
        "email": "Nia.Roberts@northfield.example",
        "role": "social_worker",
    } | fields
    return client.post(INVITE, data={**data, "csrf_token": form_token(client, INVITE)})


def post(client, path, page):
    return client.post(path, data={"csrf_token": form_token(client, page)})


def person_by_email(app, email):
    with app.app_context():
        return db.session.scalars(select(Person).where(Person.email == email)).first()


def audit_actions(app, object_id):
    with app.app_context():
        return list(
            db.session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.object_id == object_id)
                .order_by(AuditEvent.occurred_at)
            )
        )


def test_the_settings_page_leads_to_staff_timescales_and_closure_days(client, sign_in):
    sign_in("chris")
    page = client.get("/council").get_data(as_text=True)
    for href in ("/council/staff", "/council/policy", "/council/closure-days"):
        assert f'href="{href}"' in page
    assert "England (national default)" in page


@pytest.mark.parametrize("name", ["jo", "priya", "morgan", "tom", "amira"])
def test_only_the_councils_administrator_reaches_its_staff(client, sign_in, name):
    sign_in(name)
    for path in ("/council", STAFF, INVITE, "/council/policy"):
        assert client.get(path).status_code == 404


def test_the_staff_list_shows_each_role_and_whether_the_account_is_set_up(client, sign_in):
    sign_in("chris")
    page = client.get(STAFF).get_data(as_text=True)
    for name in ("Jo Evans", "Priya Patel", "Chris Lee", "Morgan Hughes"):
        assert name in page
    # Partner professionals and families are not council staff.
    for name in ("Tom Green", "Sam Taylor", "Amira Khan"):
        assert name not in page
    assert "Conference chair" in page and "Manager" in page and "Active" in page


def test_inviting_a_member_of_staff_makes_the_account_and_sends_the_link(
    app, client, sign_in, demo
):
    sign_in("chris")
    response = invite(client)
    assert response.status_code == 302
    nia = person_by_email(app, "nia.roberts@northfield.example")
    assert nia.staff_role is StaffRole.SOCIAL_WORKER
    assert nia.is_professional and nia.password_hash is None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "We have sent Nia Roberts a link" in page
    assert "Invited" in page
    with app.app_context():
        message = db.session.scalars(
            select(Notification).where(Notification.recipient_id == nia.id)
        ).one()
        assert message.template == "set_up_link"
        assert "as social worker" in message.body
        link = db.session.scalars(select(SetUpLink).where(SetUpLink.person_id == nia.id)).one()
        assert link.invited_by_id == demo["people"]["chris"]
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.object_id == nia.id))
        assert {event.actor_id for event in events} == {demo["people"]["chris"]}
    assert audit_actions(app, nia.id) == ["staff_invited", "set_up_link_sent"]
    assert "Nia Roberts" in client.get(STAFF).get_data(as_text=True)


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"full_name": ""}, "full_name", "Enter their full name"),
        ({"email": ""}, "email", "Enter their work email address"),
        ({"email": "nia@"}, "email", "Enter an email address in the correct format"),
        ({"email": "Jo.Evans@northfield.example"}, "email", "already uses this email address"),
        ({"role": ""}, "role", "Choose what they do for the council"),
        ({"role": "mayor"}, "role", "Not a valid choice"),
        ({"full_name": "x" * 201}, "full_name", "This must be 200 characters or fewer"),
    ],
)
def test_bad_input_is_shown_by_the_field_and_nothing_is_saved(
    app, client, sign_in, fields, field, error
):
    sign_in("chris")
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(Person))
    response = invite(client, **fields)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert re.search(rf'id="{field}-error"[^>]*>.*?{re.escape(error)}', page, re.S), page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Person)) == before
    if field != "full_name":
        assert 'value="Nia Roberts"' in page


def test_resending_sends_a_new_link_and_the_old_one_stops_working(app, client, sign_in):
    sign_in("chris")
    member = invite(client).headers["Location"]
    nia = person_by_email(app, "nia.roberts@northfield.example")
    response = post(client, f"{member}/resend-link", member)
    assert response.status_code == 302
    assert "We have sent a new link" in client.get(member).get_data(as_text=True)
    with app.app_context():
        links = db.session.scalars(
            select(SetUpLink).where(SetUpLink.person_id == nia.id).order_by(SetUpLink.created_at)
        ).all()
        sent = db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.recipient_id == nia.id)
        )
    assert [link.replaced_at is not None for link in links] == [True, False]
    assert sent == 2


def test_no_new_link_for_someone_already_set_up(app, client, sign_in, demo):
    sign_in("chris")
    page = f"/council/staff/{demo['people']['jo']}"
    assert "Send a new set-up link" not in client.get(page).get_data(as_text=True)
    post(client, f"{page}/resend-link", page)
    assert "No link was sent" in client.get(page).get_data(as_text=True)


def test_deactivating_signs_the_person_out_everywhere_at_once(app, client, sign_in, demo):
    # Priya is signed in on her own browser.
    priya = app.test_client()
    from portal.auth.session import session_keys
    from portal.data.interfaces import auth

    with app.app_context():
        person = db.session.get(Person, demo["people"]["priya"])
        keys = session_keys(auth.start_session(person), person)
    with priya.session_transaction() as session:
        session.update(keys)
    assert priya.get("/conferences").status_code == 200

    sign_in("chris")
    page = f"/council/staff/{demo['people']['priya']}"
    assert "Deactivate account" in client.get(page).get_data(as_text=True)
    assert post(client, f"{page}/deactivate", page).status_code == 302
    assert "They have been signed out everywhere" in client.get(page).get_data(as_text=True)

    # Her very next request is refused.
    assert priya.get("/conferences").status_code == 302
    assert person_by_email(app, "priya.patel@northfield.example").is_active is False
    assert audit_actions(app, demo["people"]["priya"]) == ["staff_deactivated"]
    assert "Deactivated" in client.get(STAFF).get_data(as_text=True)

    # Reactivated, she signs in again (her old sessions stay ended).
    assert post(client, f"{page}/reactivate", page).status_code == 302
    assert "They can sign in again" in client.get(page).get_data(as_text=True)
    assert person_by_email(app, "priya.patel@northfield.example").is_active is True
    assert priya.get("/conferences").status_code == 302
    assert audit_actions(app, demo["people"]["priya"]) == [
        "staff_deactivated",
        "staff_reactivated",
    ]


def test_deactivating_an_invited_person_stops_their_link(app, client, sign_in):
    from urllib.parse import urlparse

    sign_in("chris")
    member = invite(client).headers["Location"]
    nia = person_by_email(app, "nia.roberts@northfield.example")
    with app.app_context():
        from portal.data.interfaces import accounts

        link = urlparse(accounts.send_set_up_link(db.session.get(Person, nia.id)).url).path
        accounts.commit()
    assert client.get(link).status_code == 200
    post(client, f"{member}/deactivate", member)
    assert client.get(link).status_code == 410


def test_an_administrator_cannot_deactivate_themselves(app, client, sign_in, demo):
    sign_in("chris")
    page = f"/council/staff/{demo['people']['chris']}"
    text = client.get(page).get_data(as_text=True)
    assert "This is your own account" in text
    assert "Deactivate account" not in text
    post(client, f"{page}/deactivate", page)
    assert "You cannot deactivate your own account" in client.get(page).get_data(as_text=True)
    assert person_by_email(app, "chris.lee@northfield.example").is_active


def test_the_councils_last_active_administrator_cannot_be_deactivated(app, database, demo):
    from portal.data.interfaces import council
    from portal.domain.council import Refusal

    with app.app_context():
        chris = db.session.get(Person, demo["people"]["chris"])
        northfield = db.session.get(Authority, chris.authority_id)
        # Morgan, a manager, is not an administrator: Chris is the last one.
        morgan = db.session.get(Person, demo["people"]["morgan"])
        assert council.deactivate(northfield, morgan, chris.id) is Refusal.LAST_ADMINISTRATOR
        # With a second administrator, either may close the other's account.
        second = factories.person(
            professional=True, authority_id=northfield.id, staff_role=StaffRole.ADMINISTRATOR
        )
        db.session.commit()
        assert council.deactivate(northfield, second, chris.id) is None
        assert council.deactivate(northfield, morgan, second.id) is Refusal.LAST_ADMINISTRATOR


def test_another_councils_staff_are_not_found(app, client, sign_in):
    with app.app_context():
        elsewhere = factories.authority()
        stranger = factories.person(
            professional=True, authority_id=elsewhere.id, staff_role=StaffRole.CHAIR
        )
        db.session.commit()
        stranger_id = stranger.id
    sign_in("chris")
    page = f"/council/staff/{stranger_id}"
    assert client.get(page).status_code == 404
    token = form_token(client, STAFF + "/invite")
    for action in ("resend-link", "deactivate", "reactivate"):
        response = client.post(f"{page}/{action}", data={"csrf_token": token})
        assert response.status_code == 404
    assert person_by_email(app, stranger.email).is_active


def test_changing_the_policy_moves_every_deadline_and_is_audited(app, client, sign_in, demo):
    sign_in("chris")
    page = client.get("/council/policy").get_data(as_text=True)
    assert 'value="england" checked' in page
    assert "Middlesbrough" in page
    response = client.post(
        "/council/policy",
        data={"policy": "wakefield", "csrf_token": form_token(client, "/council/policy")},
    )
    assert response.headers["Location"] == "/council"
    assert "now follows the Wakefield timescales" in client.get("/council").get_data(as_text=True)
    with app.app_context():
        chris = db.session.get(Person, demo["people"]["chris"])
        northfield = db.session.get(Authority, chris.authority_id)
        assert northfield.policy_key == "wakefield"
    assert audit_actions(app, northfield.id) == ["policy_changed"]
    deadlines = client.get(f"/conferences/{demo['conferences']['khan']}/deadlines")
    assert "These deadlines follow the Wakefield timescales" in deadlines.get_data(as_text=True)


def test_an_unknown_policy_is_refused_by_the_field(client, sign_in):
    sign_in("chris")
    response = client.post(
        "/council/policy",
        data={"policy": "leeds", "csrf_token": form_token(client, "/council/policy")},
    )
    assert response.status_code == 200
    assert 'id="policy-error"' in response.get_data(as_text=True)


def test_the_staff_pages_are_in_welsh(client, sign_in, demo):
    sign_in("chris", language="cy")
    assert "Gwahodd aelod o staff" in client.get(STAFF).get_data(as_text=True)
    assert "Beth maen nhw" in client.get(INVITE).get_data(as_text=True)
    assert "Amserlenni" in client.get("/council/policy").get_data(as_text=True)


def test_the_staff_list_takes_a_fixed_number_of_queries(app, client, sign_in, database):
    from sqlalchemy import event

    sign_in("chris")

    def queries():
        seen = []

        def count(*_args):
            seen.append(1)

        event.listen(database, "before_cursor_execute", count)
        try:
            client.get(STAFF).close()
        finally:
            event.remove(database, "before_cursor_execute", count)
        return len(seen)

    few = queries()
    with app.app_context():
        chris = db.session.scalars(
            select(Person).where(Person.email == "chris.lee@northfield.example")
        ).one()
        for _ in range(30):
            factories.person(
                professional=True, authority_id=chris.authority_id, staff_role=StaffRole.CHAIR
            )
        db.session.commit()
    assert queries() == few


def test_administrators_reach_the_council_settings_from_every_page(client, sign_in):
    sign_in("chris")
    assert 'href="/council"' in client.get("/conferences").get_data(as_text=True)
    sign_in("jo")
    assert 'href="/council"' not in client.get("/conferences").get_data(as_text=True)


def test_saving_the_same_timescales_says_nothing_changed_and_audits_nothing(
    app, client, sign_in, demo
):
    sign_in("chris")
    client.post(
        "/council/policy",
        data={"policy": "england", "csrf_token": form_token(client, "/council/policy")},
    )
    assert "Nothing changed" in client.get("/council").get_data(as_text=True)
    with app.app_context():
        chris = db.session.get(Person, demo["people"]["chris"])
        assert audit_actions(app, chris.authority_id) == []


def test_changing_someones_role_takes_effect_and_is_audited(app, client, sign_in, demo):
    sign_in("chris")
    page = f"/council/staff/{demo['people']['morgan']}"
    assert 'value="manager" checked' in client.get(page).get_data(as_text=True)
    response = client.post(
        f"{page}/role", data={"role": "chair", "csrf_token": form_token(client, page)}
    )
    assert response.status_code == 302
    assert "Role changed" in client.get(page).get_data(as_text=True)
    assert person_by_email(app, "morgan.hughes@northfield.example").staff_role is StaffRole.CHAIR
    assert audit_actions(app, demo["people"]["morgan"]) == ["staff_role_changed"]


def test_a_missing_role_is_shown_by_the_field(client, sign_in, demo):
    sign_in("chris")
    page = f"/council/staff/{demo['people']['morgan']}"
    response = client.post(f"{page}/role", data={"csrf_token": form_token(client, page)})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "govuk-error-summary" in text
    assert 'id="role-error"' in text


def test_no_one_changes_their_own_role_or_the_last_administrators(app, client, sign_in, demo):
    sign_in("chris")
    page = f"/council/staff/{demo['people']['chris']}"
    assert "Change their role" not in client.get(page).get_data(as_text=True)
    client.post(f"{page}/role", data={"role": "chair", "csrf_token": form_token(client, page)})
    assert "You cannot change your own role" in client.get(page).get_data(as_text=True)
    from portal.data.interfaces import council
    from portal.domain.council import Refusal

    with app.app_context():
        chris = db.session.get(Person, demo["people"]["chris"])
        morgan = db.session.get(Person, demo["people"]["morgan"])
        northfield = db.session.get(Authority, chris.authority_id)
        refusal = council.change_role(northfield, morgan, chris.id, StaffRole.CHAIR)
        assert refusal is Refusal.LAST_ADMINISTRATOR
        assert db.session.get(Person, chris.id).staff_role is StaffRole.ADMINISTRATOR
