"""What a hostile test of sign-in found: each hole, closed, with the test that shows it."""

from __future__ import annotations

from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import select

from tests.pages import form_token

AMIRA = "amira.khan@family.example"


def ask(client, contact=AMIRA):
    return client.post(
        "/sign-in", data={"contact": contact, "csrf_token": form_token(client, "/sign-in")}
    )


def cookie_contents(app, client):
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    return serializer.loads(client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value)


def test_the_typed_address_is_not_kept_in_the_cookie(app, client, mailbox):
    ask(client)
    assert AMIRA not in str(cookie_contents(app, client))
    page = client.get("/sign-in/code").get_data(as_text=True)
    assert AMIRA not in page


def test_a_sent_sign_in_code_is_not_kept_in_the_outbox(app, client, mailbox):
    from portal.data.models import Notification, NotificationStatus
    from portal.extensions import db

    ask(client)
    code = mailbox.last_code(AMIRA)
    with app.app_context():
        sent = db.session.scalars(
            select(Notification).where(
                Notification.address == AMIRA, Notification.template == "sign_in_code"
            )
        ).one()
        assert sent.status is NotificationStatus.SENT
        assert sent.body is None
        rows = db.session.execute(select(Notification.subject, Notification.body)).all()
        assert not any(code in (body or "") for _subject, body in rows)


def test_a_mail_server_that_is_down_gives_the_same_page_and_keeps_the_message(
    app, client, mailbox, monkeypatch
):
    from portal.data.models import Notification, NotificationStatus
    from portal.delivery import channels
    from portal.extensions import db

    def down(*_args, **_kwargs):
        raise channels.TemporaryFailure("the mail server could not be reached")

    monkeypatch.setattr(channels, "_to_file", down)
    response = ask(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in/code"
    with app.app_context():
        waiting = db.session.scalars(
            select(Notification).where(Notification.address == AMIRA)
        ).one()
        # Still queued, with its body, for the next try.
        assert waiting.status is NotificationStatus.QUEUED
        assert waiting.attempts == 1
        assert waiting.body


def test_the_signed_out_page_does_not_claim_a_sign_out_that_did_not_happen(sign_in):
    client = sign_in("amira")
    page = client.get("/signed-out").get_data(as_text=True)
    assert "You have signed out" not in page
    assert "You are still signed in" in page
    assert client.get("/conferences").status_code == 200
    client.post("/sign-out", data={"csrf_token": form_token(client, "/signed-out")})
    assert "You have signed out" in client.get("/signed-out").get_data(as_text=True)
    assert client.get("/conferences").status_code == 302


def test_where_amira_was_going_is_kept_through_sign_in(client, mailbox, demo):
    target = f"/conferences/{demo['conferences']['khan']}/family"
    sent_to = client.get(target).headers["Location"]
    client.get(sent_to)
    ask(client)
    response = client.post(
        "/sign-in/code",
        data={"code": mailbox.last_code(AMIRA), "csrf_token": form_token(client, "/sign-in/code")},
    )
    assert response.headers["Location"] == target


def test_control_characters_in_next_never_reach_the_location_header(client):
    for hostile in ("/conferences\r\nSet-Cookie: x=1", "/%0d%0a", "/a\x00b", "/\\evil.example"):
        response = client.get("/language/cy", query_string={"next": hostile})
        assert response.status_code == 302
        assert "\n" not in response.headers["Location"]
        assert "Set-Cookie: x" not in str(response.headers)
        response = client.get("/sign-in", query_string={"next": hostile})
        assert response.status_code == 200


def test_the_language_cookie_is_secure_when_sessions_are(app, client):
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        response = client.get("/language/cy")
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    assert "Secure" in response.headers["Set-Cookie"]


def test_a_nul_byte_in_the_sign_in_address_is_a_field_error(client, mailbox):
    response = ask(client, "amira\x00@family.example")
    assert response.status_code == 200
    assert 'href="#contact"' in response.get_data(as_text=True)
