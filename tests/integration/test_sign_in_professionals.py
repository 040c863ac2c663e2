"""Professionals sign in with a password and an authenticator code."""

from __future__ import annotations

import re

import pyotp
import pytest
from sqlalchemy import select

from tests.pages import form_token

JO = "jo.evans@northfield.example"
PASSWORD = "conference-demo-2026"


def post_password(client, email=JO, password=PASSWORD):
    path = "/sign-in/professional"
    return client.post(
        path, data={"email": email, "password": password, "csrf_token": form_token(client, path)}
    )


def post_code(client, path, code):
    return client.post(path, data={"code": code, "csrf_token": form_token(client, path)})


@pytest.fixture()
def jo_secret(app, database):
    from portal.data.models import Person
    from portal.extensions import db

    secret = pyotp.random_base32()
    with app.app_context():
        jo = db.session.scalars(select(Person).where(Person.email == JO)).one()
        jo.totp_secret = secret
        db.session.commit()
    return secret


def test_first_sign_in_sets_up_the_authenticator_with_a_qr_code(client):
    response = post_password(client)
    assert response.headers["Location"] == "/sign-in/authenticator/set-up"
    page = client.get("/sign-in/authenticator/set-up").get_data(as_text=True)
    assert "<svg" in page
    key = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    response = post_code(client, "/sign-in/authenticator/set-up", pyotp.TOTP(key).now())
    assert response.headers["Location"] == "/conferences"


def test_a_professional_with_an_authenticator_needs_its_code(client, jo_secret):
    assert post_password(client).headers["Location"] == "/sign-in/authenticator"
    assert client.get("/conferences").status_code == 302
    wrong = post_code(
        client,
        "/sign-in/authenticator",
        "000000" if pyotp.TOTP(jo_secret).now() != "000000" else "111111",
    )
    assert wrong.status_code == 200
    assert "The code is not right" in wrong.get_data(as_text=True)
    right = post_code(client, "/sign-in/authenticator", pyotp.TOTP(jo_secret).now())
    assert right.headers["Location"] == "/conferences"


def test_a_wrong_password_says_nothing_about_whether_the_address_exists(client):
    known = post_password(client, password="wrong-password")
    unknown = post_password(client, email="nobody@northfield.example", password="wrong-password")
    for response in (known, unknown):
        assert response.status_code == 200
        assert "The email address or password is not right" in response.get_data(as_text=True)


def test_five_wrong_passwords_lock_the_account(client):
    for _ in range(4):
        assert post_password(client, password="wrong").status_code == 200
    assert post_password(client, password="wrong").status_code == 429
    assert post_password(client).status_code == 429


def test_the_demo_can_skip_the_second_factor_only_in_development(app, client):
    app.config["DEMO_SKIP_SECOND_FACTOR"] = True
    try:
        assert post_password(client).headers["Location"] == "/conferences"
    finally:
        app.config["DEMO_SKIP_SECOND_FACTOR"] = False
    from portal import config

    production = config.load({"PORTAL_ENV": "production", "DEMO_SKIP_SECOND_FACTOR": "1"})
    assert production["DEMO_SKIP_SECOND_FACTOR"] is False


def test_password_sign_in_is_rate_limited(client):
    responses = [
        post_password(client, email=f"x{n}@northfield.example", password="x") for n in range(11)
    ]
    assert responses[-1].status_code == 429


def test_passwords_are_stored_with_argon2(app, database):
    from portal.data.models import Person
    from portal.extensions import db

    with app.app_context():
        jo = db.session.scalars(select(Person).where(Person.email == JO)).one()
        assert jo.password_hash.startswith("$argon2")


def test_an_unknown_email_locks_like_a_known_one(app, client):
    outcomes = {}
    for email in (JO, "nobody@northfield.example"):
        # A new browser each time: the count is kept on the server, keyed by the address.
        outcomes[email] = [
            post_password(app.test_client(), email=email, password="wrong").status_code
            for _ in range(6)
        ]
    assert outcomes[JO] == outcomes["nobody@northfield.example"] == [200] * 4 + [429, 429]


def test_an_unknown_email_costs_one_password_check_like_a_known_one(client, monkeypatch):
    from argon2 import PasswordHasher

    checks = []
    real_verify = PasswordHasher.verify

    def counted(self, stored, password):
        checks.append(stored)
        return real_verify(self, stored, password)

    monkeypatch.setattr(PasswordHasher, "verify", counted)
    post_password(client, password="wrong")
    post_password(client, email="nobody@northfield.example", password="wrong")
    assert len(checks) == 2
    assert all(stored.startswith("$argon2") for stored in checks)


def test_an_authenticator_code_works_once(app, client, jo_secret, frozen):
    post_password(client)
    code = pyotp.TOTP(jo_secret).at(frozen.now)
    assert post_code(client, "/sign-in/authenticator", code).headers["Location"] == "/conferences"
    other = app.test_client()
    post_password(other)
    replay = post_code(other, "/sign-in/authenticator", code)
    assert replay.status_code == 200
    assert "The code is not right" in replay.get_data(as_text=True)


def test_the_authenticator_secret_never_travels_in_the_cookie(app, client):
    from flask.sessions import SecureCookieSessionInterface

    post_password(client)
    page = client.get("/sign-in/authenticator/set-up").get_data(as_text=True)
    key = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    stored = serializer.loads(cookie)
    assert key not in str(stored)
    assert JO not in str(stored)
    # The same secret is shown again on a reload, so the app already scanned still works.
    again = client.get("/sign-in/authenticator/set-up").get_data(as_text=True)
    assert key == re.search(r"<code>([A-Z2-7 ]+)</code>", again).group(1).replace(" ", "")


def test_an_invitation_link_never_signs_a_professional_in(app, client):
    from portal.data.interfaces import auth
    from portal.data.models import Person
    from portal.extensions import db

    with app.app_context():
        jo = db.session.scalars(select(Person).where(Person.email == JO)).one()
        token = auth.issue_invitation(jo)
    path = f"/sign-in/link/{token}"
    client.post(path, data={"csrf_token": form_token(client, path)})
    assert client.get("/conferences").status_code == 302


def test_where_jo_was_going_is_kept_through_sign_in(app, client, jo_secret, demo):
    target = f"/conferences/{demo['conferences']['khan']}"
    assert client.get(target).headers["Location"].startswith("/sign-in")
    client.get(f"/sign-in/professional?next={target}")
    post_password(client)
    response = post_code(client, "/sign-in/authenticator", pyotp.TOTP(jo_secret).now())
    assert response.headers["Location"] == target
