"""Sessions are checked on the server: idle and absolute limits, and sign-out ends them."""

from __future__ import annotations

import pytest

from tests.pages import form_token


def test_signing_out_ends_the_session_on_the_server(client, sign_in):
    sign_in("amira")
    with client.session_transaction() as stolen:
        copy = dict(stolen)
    response = client.post("/sign-out", data={"csrf_token": form_token(client, "/conferences")})
    assert response.headers["Location"] == "/signed-out"
    assert client.get("/conferences").status_code == 302
    # A copy of the old cookie does not work either.
    with client.session_transaction() as replayed:
        replayed.update(copy)
    assert client.get("/conferences").status_code == 302


@pytest.mark.parametrize(
    ("who", "minutes", "signed_in"), [("amira", 29, True), ("amira", 31, False), ("jo", 31, False)]
)
def test_30_minutes_idle_signs_people_out(client, sign_in, frozen, who, minutes, signed_in):
    sign_in(who)
    frozen.tick(minutes=minutes)
    assert (client.get("/conferences").status_code == 200) is signed_in


def test_being_active_keeps_a_session_going(client, sign_in, frozen):
    sign_in("amira")
    for _ in range(5):
        frozen.tick(minutes=20)
        assert client.get("/conferences").status_code == 200


@pytest.mark.parametrize(
    ("who", "hours", "signed_in"),
    [("amira", 11.9, True), ("amira", 12.1, False), ("jo", 19.9, True), ("jo", 20.1, False)],
)
def test_absolute_limits_families_12_hours_professionals_20(
    client, sign_in, frozen, who, hours, signed_in
):
    sign_in(who)
    steps = int(hours * 60 // 20)
    for _ in range(steps):
        frozen.tick(minutes=20)
        client.get("/healthz")
        client.get("/conferences")
    frozen.tick(minutes=hours * 60 - steps * 20)
    assert (client.get("/conferences").status_code == 200) is signed_in


def test_a_signed_out_person_is_told_why_and_sent_to_sign_in(client, sign_in, frozen):
    sign_in("amira")
    frozen.tick(minutes=31)
    response = client.get("/conferences", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "You have been signed out to keep your information safe" in page
    assert "<h1" in page and "Sign in" in page


def test_the_timeout_warning_can_extend_the_session(client, sign_in, frozen):
    sign_in("amira")
    frozen.tick(minutes=29)
    token = form_token(client, "/conferences")
    frozen.tick(minutes=29)
    response = client.post("/session/extend", data={"csrf_token": token, "next": "/conferences"})
    assert response.status_code == 302
    frozen.tick(minutes=29)
    assert client.get("/conferences").status_code == 200


def test_the_timeout_warning_is_on_signed_in_pages(client, sign_in):
    sign_in("amira")
    page = client.get("/conferences").get_data(as_text=True)
    assert 'id="timeout-warning"' in page
    assert 'data-seconds-left="1800"' in page


def test_signed_in_pages_are_never_cached(client, sign_in):
    sign_in("amira")
    assert client.get("/conferences").headers["Cache-Control"] == "no-store"
