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
    client.set_cookie("portal_language", "en")  # English pages, though she stored Urdu
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


def test_a_young_person_can_sign_in_with_a_mobile_number(client, mailbox, texts):
    client.post(
        "/sign-in",
        data={"contact": "07700900312", "csrf_token": form_token(client, "/sign-in")},
    )
    # Asked for with her mobile, the code comes by text, not to her email.
    assert mailbox.messages("maya.khan@family.example") == []
    code = texts.last_code("+447700900312")
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


def ask(client, contact=AMIRA):
    return client.post(
        "/sign-in", data={"contact": contact, "csrf_token": form_token(client, "/sign-in")}
    )


def ask_again(client):
    return client.post(
        "/sign-in/code/new", data={"csrf_token": form_token(client, "/sign-in/code")}
    )


def test_asking_for_a_new_code_does_not_cancel_the_one_already_sent(client, mailbox):
    ask(client)
    first = mailbox.last_code(AMIRA)
    ask_again(client)
    second = mailbox.last_code(AMIRA)
    assert len(mailbox.messages(AMIRA)) == 2
    assert first and second
    assert enter(client, first).status_code == 302


def test_someone_else_asking_for_codes_does_not_cancel_amiras(app, client, mailbox):
    ask(client)
    hers = mailbox.last_code(AMIRA)
    stranger = app.test_client()
    for _ in range(3):
        ask(stranger)
    assert enter(client, hers).headers["Location"] == "/conferences"


def test_five_wrong_codes_stop_this_code_and_a_new_one_can_be_sent(client, mailbox):
    ask(client)
    code = mailbox.last_code(AMIRA)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(4):
        assert enter(client, wrong).status_code == 200
    stopped = enter(client, wrong)
    assert stopped.status_code == 429
    assert "tried too many times" in stopped.get_data(as_text=True)
    # The right code does not work once five wrong ones have been tried…
    assert enter(client, code).status_code == 429
    # …but she can ask for a new one at once: the pause is not a lock on her account.
    ask_again(client)
    assert enter(client, mailbox.last_code(AMIRA)).status_code == 302


def test_someone_guessing_at_amiras_address_cannot_lock_her_out(app, client, mailbox):
    guesser = app.test_client()
    for _ in range(2):
        ask(guesser)
        for _ in range(5):
            enter(guesser, "000000")
    ask(client)
    assert enter(client, mailbox.last_code(AMIRA)).headers["Location"] == "/conferences"


def test_sustained_guessing_slows_new_codes_to_one_an_hour(app, client, mailbox, frozen):
    from portal.data.interfaces import auth

    guesser = app.test_client()
    rounds = auth.SUSTAINED_GUESSES // auth.MAX_WRONG_TRIES
    for round_number in range(rounds):
        if round_number and round_number % auth.CODES_PER_WINDOW == 0:
            frozen.tick(minutes=16)
        assert ask(guesser).status_code == 302
        for _ in range(auth.MAX_WRONG_TRIES):
            enter(guesser, "000000")
    frozen.tick(minutes=16)
    # One more code this hour, for Amira as for anyone; then a pause until the hour is up.
    assert ask(client).status_code == 302
    assert enter(client, mailbox.last_code(AMIRA)).headers["Location"] == "/conferences"
    assert ask(guesser).status_code == 429
    frozen.tick(minutes=61)
    assert ask(guesser).status_code == 302


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


def test_an_unknown_address_is_locked_out_like_a_known_one(app, client, mailbox):
    outcomes = {}
    for contact in (AMIRA, "nobody@family.example"):
        statuses = []
        # Each time in a new browser session: the count lives on the server, not the cookie.
        for _ in range(7):
            browser = app.test_client()
            statuses.append(ask(browser, contact).status_code)
        browser = app.test_client()
        ask(browser, "someone.else@family.example")
        statuses += [enter(browser, "123456").status_code for _ in range(6)]
        outcomes[contact] = statuses
    assert outcomes[AMIRA] == outcomes["nobody@family.example"]
    assert outcomes[AMIRA][:5] == [302] * 5
    assert outcomes[AMIRA][5:7] == [429, 429]


def test_ten_spellings_of_one_number_count_as_one_number(app, client, texts):
    spellings = [
        "07700 900312",
        "07700900312",
        "+44 7700 900312",
        "+447700900312",
        "0044 7700 900312",
        "(07700) 900 312",
        "07700-900-312",
        "+44 (0)7700 900312",
        "077 00 90 03 12",
        " 07700 900 312 ",
    ]
    statuses = [ask(app.test_client(), spelling).status_code for spelling in spellings]
    assert statuses[:5] == [302] * 5
    assert set(statuses[5:]) == {429}
    assert len(texts.messages("+447700900312")) == 5


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


def test_a_guesser_taking_every_hourly_code_cannot_keep_amira_out(app, client, mailbox, frozen):
    from portal.data.interfaces import auth

    # Amira has signed in on her phone before.
    ask(client)
    assert enter(client, mailbox.last_code(AMIRA)).headers["Location"] == "/conferences"
    client.post("/sign-out", data={"csrf_token": form_token(client, "/conferences")})
    guesser = app.test_client()
    for round_number in range(auth.SUSTAINED_GUESSES // auth.MAX_WRONG_TRIES + 1):
        if round_number % auth.CODES_PER_WINDOW == 0:
            frozen.tick(minutes=16)
        ask(guesser)
        for _ in range(auth.MAX_WRONG_TRIES):
            enter(guesser, "000000")
    # The guesser holds this hour's code, and a new browser is made to wait…
    assert ask(app.test_client()).status_code == 429
    from portal.extensions import limiter

    with app.app_context():
        limiter.reset()  # the guesser's own address limits are not Amira's
    # …but the phone Amira signed in on before still gets a code and gets in.
    assert ask(client).status_code == 302
    assert enter(client, mailbox.last_code(AMIRA)).headers["Location"] == "/conferences"


def test_the_trusted_browser_cookie_names_no_one(client, mailbox):
    ask(client)
    response = enter(client, mailbox.last_code(AMIRA))
    cookie = client.get_cookie("portal_signed_in_before")
    assert cookie is not None
    assert "amira" not in cookie.value.lower()
    # Its own Set-Cookie line: the response also sets the session cookie, HttpOnly too.
    (header,) = [
        line
        for line in response.headers.getlist("Set-Cookie")
        if line.startswith("portal_signed_in_before=")
    ]
    assert "HttpOnly" in header
