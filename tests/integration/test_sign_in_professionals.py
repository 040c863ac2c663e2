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
