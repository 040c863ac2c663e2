"""Families and young people sign in with a one-time code or their invitation link."""

from __future__ import annotations

import re

from tests.pages import form_token

AMIRA = "amira.khan@family.example"


def same_page(page, typed):
    """The page with what differs on every request (nonces, form tokens) and the address taken out."""
    page = page.replace(typed, "ADDRESS")
    page = re.sub(r'nonce="[^"]+"', "", page)
    return re.sub(r'name="csrf_token"[^>]*>', "", page)


def enter(client, code):
    return client.post(
        "/sign-in/code", data={"code": code, "csrf_token": form_token(client, "/sign-in/code")}
    )


def test_amira_signs_in_with_the_code_from_her_email(client, mailbox):
    response = client.post(
        "/sign-in", data={"contact": AMIRA, "csrf_token": form_token(client, "/sign-in")}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in/code"
    code = mailbox.last_code(AMIRA)
    response = enter(client, code)
    assert response.status_code == 302
    assert response.headers["Location"] == "/conferences"
    assert "The Khan family" in client.get("/conferences").get_data(as_text=True)


def test_a_pasted_code_with_spaces_works(client, mailbox):
    client.post("/sign-in", data={"contact": AMIRA, "csrf_token": form_token(client, "/sign-in")})
    code = mailbox.last_code(AMIRA)
    assert enter(client, f" {code[:3]} {code[3:]} ").status_code == 302


def test_the_code_field_invites_one_time_code_autofill(client, mailbox):
    client.post("/sign-in", data={"contact": AMIRA, "csrf_token": form_token(client, "/sign-in")})
    page = client.get("/sign-in/code").get_data(as_text=True)
    assert 'autocomplete="one-time-code"' in page
    assert 'inputmode="numeric"' in page


def test_a_young_person_can_sign_in_with_a_mobile_number(client, mailbox):
    client.post(
        "/sign-in",
        data={"contact": "+44 7700 900312", "csrf_token": form_token(client, "/sign-in")},
    )
    code = mailbox.last_code("maya.khan@family.example")
    assert enter(client, code).headers["Location"] == "/conferences"


def test_a_code_works_once(client, mailbox):
    client.post("/sign-in", data={"contact": AMIRA, "csrf_token": form_token(client, "/sign-in")})
    code = mailbox.last_code(AMIRA)
    assert enter(client, code).status_code == 302
    client.post("/sign-out", data={"csrf_token": form_token(client, "/conferences")})
    client.post("/sign-in", data={"contact": AMIRA, "csrf_token": form_token(client, "/sign-in")})
    response = enter(client, code)
    assert response.status_code == 200
    assert "The code is not right or has run out" in response.get_data(as_text=True)


def test_a_code_runs_out_after_15_minutes(client, mailbox, frozen):
    client.post("/sign-in", data={"contact": AMIRA, "csrf_token": form_token(client, "/sign-in")})
    code = mailbox.last_code(AMIRA)
    frozen.tick(minutes=15, seconds=1)
    response = enter(client, code)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "The code is not right or has run out" in page
    assert "Send a new code" in page


def test_a_new_code_replaces_the_old_one(client, mailbox):
    client.post("/sign-in", data={"contact": AMIRA, "csrf_token": form_token(client, "/sign-in")})
    first = mailbox.last_code(AMIRA)
    client.post("/sign-in/code/new", data={"csrf_token": form_token(client, "/sign-in/code")})
    second = mailbox.last_code(AMIRA)
    if first != second:
        assert enter(client, first).status_code == 200
    assert enter(client, second).status_code == 302


def test_five_wrong_codes_lock_sign_in_for_15_minutes(client, mailbox, frozen):
    client.post("/sign-in", data={"contact": AMIRA, "csrf_token": form_token(client, "/sign-in")})
    code = mailbox.last_code(AMIRA)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(4):
        assert enter(client, wrong).status_code == 200
    locked = enter(client, wrong)
    assert locked.status_code == 429
    assert "Wait 15 minutes" in locked.get_data(as_text=True)
    # Even the right code does not work while locked, and the old code is void afterwards.
    assert enter(client, code).status_code == 429
    frozen.tick(minutes=16)
    assert enter(client, code).status_code == 200
    client.post("/sign-in/code/new", data={"csrf_token": form_token(client, "/sign-in/code")})
    assert enter(client, mailbox.last_code(AMIRA)).status_code == 302


def test_known_and_unknown_addresses_get_the_same_page(client, mailbox):
    known = client.post(
        "/sign-in", data={"contact": AMIRA, "csrf_token": form_token(client, "/sign-in")}
    )
    known_page = client.get("/sign-in/code").get_data(as_text=True)
    other = client.application.test_client()
    unknown = other.post(
        "/sign-in",
        data={"contact": "nobody@family.example", "csrf_token": form_token(other, "/sign-in")},
    )
    unknown_page = other.get("/sign-in/code").get_data(as_text=True)
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert same_page(known_page, AMIRA) == same_page(unknown_page, "nobody@family.example")
    assert mailbox.messages("nobody@family.example") == []


def test_an_unknown_address_is_locked_out_like_a_known_one(client, mailbox):
    client.post(
        "/sign-in",
        data={"contact": "nobody@family.example", "csrf_token": form_token(client, "/sign-in")},
    )
    for _ in range(4):
        assert enter(client, "123456").status_code == 200
    assert enter(client, "123456").status_code == 429


def test_professionals_cannot_use_the_family_sign_in(client, mailbox):
    client.post(
        "/sign-in",
        data={
            "contact": "jo.evans@northfield.example",
            "csrf_token": form_token(client, "/sign-in"),
        },
    )
    assert mailbox.messages("jo.evans@northfield.example") == []


def test_bad_contact_shows_an_error_next_to_the_field_and_keeps_what_was_typed(client):
    response = client.post(
        "/sign-in", data={"contact": "amira at home", "csrf_token": form_token(client, "/sign-in")}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#contact"' in page
    assert 'value="amira at home"' in page
    assert "<title>Error: Sign in" in page


def test_errors_are_in_welsh_for_a_welsh_reader(client):
    client.get("/language/cy")
    response = client.post(
        "/sign-in", data={"contact": "", "csrf_token": form_token(client, "/sign-in")}
    )
    page = response.get_data(as_text=True)
    assert "There is a problem" not in page
    assert "<title>Gwall:" in page


def test_a_forged_post_without_a_token_changes_nothing(client, mailbox):
    response = client.post("/sign-in", data={"contact": AMIRA})
    assert response.status_code == 400
    assert mailbox.messages() == []


def test_the_invitation_link_shows_continue_and_only_pressing_it_signs_in(app, client):
    from sqlalchemy import select

    from portal.data.interfaces import auth
    from portal.data.models import Person
    from portal.extensions import db

    with app.app_context():
        amira = db.session.scalars(select(Person).where(Person.email == AMIRA)).one()
        token = auth.issue_invitation(amira)
    path = f"/sign-in/link/{token}"
    # A mail scanner opening the link twice does not use it up.
    for _ in range(2):
        page = client.get(path).get_data(as_text=True)
        assert "Continue" in page
    assert client.get("/conferences").status_code == 302
    response = client.post(path, data={"csrf_token": form_token(client, path)})
    assert response.headers["Location"] == "/conferences"
    assert client.get("/conferences").status_code == 200
    # Used once: it does not work again.
    fresh = app.test_client()
    assert "This link does not work any more" in fresh.get(path).get_data(as_text=True)


def test_signing_in_starts_a_new_session(client, mailbox):
    with client.session_transaction() as before:
        before["planted"] = "by someone else"
    client.post("/sign-in", data={"contact": AMIRA, "csrf_token": form_token(client, "/sign-in")})
    enter(client, mailbox.last_code(AMIRA))
    with client.session_transaction() as after:
        assert "planted" not in after
        assert "sid" in after
