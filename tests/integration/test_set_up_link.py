"""A professional's one-time set-up link: a password, then an authenticator, then signed in.
The link alone never signs anyone in; it works once, for 7 days."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pyotp
import pytest
from sqlalchemy import select

from portal.data.interfaces import accounts
from portal.data.models import Notification, Person, Role, StaffRole
from portal.extensions import db
from tests import factories
from tests.pages import form_token

PASSWORD = "three random words together"


@pytest.fixture()
def newcomer(app, database, demo):
    """A social worker Northfield has just invited, with the link from their email."""
    with app.app_context():
        chris = db.session.get(Person, demo["people"]["chris"])
        person = factories.person(
            professional=True,
            full_name="Nia Roberts",
            email="nia.roberts@northfield.example",
            authority_id=chris.authority_id,
            staff_role=StaffRole.SOCIAL_WORKER,
        )
        sent = accounts.send_set_up_link(person, invited_by=chris)
        accounts.commit()
        return {"id": person.id, "path": urlparse(sent.url).path, "url": sent.url}


def choose_password(client, path, password=PASSWORD, confirm=None):
    return client.post(
        path,
        data={
            "password": password,
            "confirm": PASSWORD if confirm is None else confirm,
            "csrf_token": form_token(client, path),
        },
    )


def set_up_authenticator(client):
    page = client.get("/sign-in/authenticator/set-up").get_data(as_text=True)
    key = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    path = "/sign-in/authenticator/set-up"
    return client.post(
        path, data={"code": pyotp.TOTP(key).now(), "csrf_token": form_token(client, path)}
    )


def test_the_link_sets_a_password_then_the_authenticator_then_signs_in(app, client, newcomer):
    page = client.get(newcomer["path"])
    assert page.status_code == 200
    assert "nia.roberts@northfield.example" in page.get_data(as_text=True)
    response = choose_password(client, newcomer["path"])
    assert response.headers["Location"] == "/sign-in/authenticator/set-up"
    # The password alone is not a sign-in.
    assert client.get("/conferences").status_code == 302
    assert set_up_authenticator(client).headers["Location"] == "/conferences"
    assert client.get("/conferences").status_code == 200
    with app.app_context():
        person = db.session.get(Person, newcomer["id"])
        assert person.password_hash.startswith("$argon2")
        assert person.totp_secret


def test_opening_the_link_uses_nothing(client, newcomer):
    # Mail scanners open links: only choosing a password uses it.
    assert client.get(newcomer["path"]).status_code == 200
    assert client.get(newcomer["path"]).status_code == 200


def test_a_used_link_says_so_and_how_to_sign_in(app, client, newcomer):
    choose_password(client, newcomer["path"])
    other = app.test_client()
    again = other.get(newcomer["path"])
    assert again.status_code == 410
    text = again.get_data(as_text=True)
    assert "This link has already been used" in text
    assert "Northfield Borough Council" in text
    # Posting to it anyway (a second tab) changes nothing.
    token = form_token(other, "/sign-in/professional")
    late = other.post(
        newcomer["path"],
        data={"password": "another password", "confirm": "another password", "csrf_token": token},
    )
    assert late.status_code == 410
    assert other.get("/conferences").status_code == 302


def test_an_expired_link_says_so_and_who_to_ask(client, newcomer, frozen):
    frozen.tick(days=7, seconds=1)
    response = client.get(newcomer["path"])
    assert response.status_code == 410
    text = response.get_data(as_text=True)
    assert "This link has run out" in text
    assert "ask the portal administrator at Northfield Borough Council" in text


def test_a_link_that_was_never_sent_is_a_plain_404(client):
    response = client.get("/account/set-up/not-a-real-link")
    assert response.status_code == 404
    assert "This link does not work" in response.get_data(as_text=True)


def test_a_newer_link_replaces_the_older_one(app, client, newcomer):
    with app.app_context():
        accounts.send_set_up_link(db.session.get(Person, newcomer["id"]))
        accounts.commit()
    response = client.get(newcomer["path"])
    assert response.status_code == 410
    assert "most recent email" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("password", "confirm", "error"),
    [
        ("", "", "Enter a password"),
        ("short", "short", "Your password must be 12 characters or more"),
        (PASSWORD, "something else entirely", "The passwords do not match"),
        ("nia.roberts@northfield.example",) * 2 + ("must not be your email address",),
    ],
)
def test_a_weak_or_mistyped_password_gets_an_error_and_the_link_still_works(
    client, newcomer, password, confirm, error
):
    response = choose_password(client, newcomer["path"], password=password, confirm=confirm)
    assert response.status_code == 200
    assert error in response.get_data(as_text=True)
    assert client.get(newcomer["path"]).status_code == 200


def test_someone_with_no_password_cannot_sign_in_with_the_password_form(client, newcomer):
    path = "/sign-in/professional"
    for password in (PASSWORD, " ", "None"):
        response = client.post(
            path,
            data={
                "email": "nia.roberts@northfield.example",
                "password": password,
                "csrf_token": form_token(client, path),
            },
        )
        assert response.status_code == 200
        assert "The email address or password is not right" in response.get_data(as_text=True)


def test_a_deactivated_person_cannot_use_their_link(app, client, newcomer):
    with app.app_context():
        db.session.get(Person, newcomer["id"]).is_active = False
        db.session.commit()
    assert client.get(newcomer["path"]).status_code == 410


def test_the_link_never_travels_in_the_message_once_sent(app, database, newcomer):
    from portal.delivery import outbox

    with app.app_context():
        outbox.drain()
        message = db.session.scalars(
            select(Notification).where(Notification.recipient_id == newcomer["id"])
        ).one()
        assert message.body is None and message.html_body is None
        assert message.subject == "Set up your account on the Family Conference Portal"


def test_a_partner_professional_is_told_which_council_invited_them_not_which_family(
    app, database, demo
):
    with app.app_context():
        from portal.data.models import Conference

        khan = db.session.get(Conference, demo["conferences"]["khan"])
        nurse = factories.person(professional=True, full_name="Hana Ali", agency="Health visiting")
        factories.participant(khan, nurse, role=Role.PROFESSIONAL)
        accounts.send_set_up_link(nurse, conference=khan)
        accounts.commit()
        message = db.session.scalars(
            select(Notification).where(Notification.recipient_id == nurse.id)
        ).one()
        assert message.conference_id is None or message.conference_id == khan.id
        assert "Northfield Borough Council has invited you to a child protection conference" in (
            message.body
        )
        for private in ("Khan", "Amira", "Maya", "Leo"):
            assert private not in message.body
            assert private not in message.subject


def test_the_message_is_in_the_persons_language(app, database, demo):
    with app.app_context():
        chris = db.session.get(Person, demo["people"]["chris"])
        person = factories.person(
            professional=True,
            authority_id=chris.authority_id,
            staff_role=StaffRole.CHAIR,
            preferred_language="cy",
        )
        accounts.send_set_up_link(person)
        accounts.commit()
        message = db.session.scalars(
            select(Notification).where(Notification.recipient_id == person.id)
        ).one()
        assert message.language == "cy"
        assert message.subject == "Crëwch eich cyfrif ar Borth Cynadleddau Teulu"
        assert "fel cadeirydd cynadleddau" in message.body


def test_the_page_is_in_welsh_for_a_welsh_reader(client, newcomer):
    client.get("/language/cy")
    text = client.get(newcomer["path"]).get_data(as_text=True)
    assert "Creu eich cyfrif" in text


def test_a_partner_professional_sets_up_both_factors_and_sees_their_conference(app, client, demo):
    from portal.data.models import Conference

    with app.app_context():
        khan = db.session.get(Conference, demo["conferences"]["khan"])
        officer = factories.person(
            professional=True, full_name="Ray Holt", email="ray.holt@police.example"
        )
        factories.participant(khan, officer, role=Role.PROFESSIONAL, agency="Police")
        path = urlparse(accounts.send_set_up_link(officer, conference=khan).url).path
        accounts.commit()
    assert choose_password(client, path).headers["Location"] == "/sign-in/authenticator/set-up"
    assert client.get("/conferences").status_code == 302
    assert set_up_authenticator(client).headers["Location"] == "/conferences"
    assert "The Khan family" in client.get("/conferences").get_data(as_text=True)


def test_links_go_only_to_active_professionals_with_an_email_address(app, database):
    with app.app_context():
        parent = factories.person()
        no_email = factories.person(professional=True, email=None, mobile="07700900982")
        for person in (parent, no_email):
            with pytest.raises(ValueError):
                accounts.send_set_up_link(person)
