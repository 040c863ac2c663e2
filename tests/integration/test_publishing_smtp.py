"""A real SMTP server (aiosmtpd on 127.0.0.1) receives the published decision: how many
messages, to whom, in which language, and never to the uncle who must not be told; a
double click adds nothing and a correction reaches the same people."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from email.header import decode_header, make_header

import pytest

from portal.data.models import Conference, Decision, Nation, Person
from portal.extensions import db
from tests.integration.test_delivery_faults import smtp, smtp_settings  # noqa: F401
from tests.integration.test_publishing import KHAN_TOLD, khan_held, publish


@pytest.fixture()
def held(app, database, demo, frozen):
    frozen.now = datetime.now(UTC).replace(microsecond=0)
    return khan_held(app, demo, frozen.now)


@pytest.fixture()
def over_smtp(app, smtp, monkeypatch):  # noqa: F811
    recorder, port = smtp
    for key, value in smtp_settings(port).items():
        monkeypatch.setitem(app.config, key, value)
    return recorder


def deliver(app) -> None:
    from portal.delivery import outbox

    with app.app_context():
        while outbox.drain(50):
            pass


def in_urdu(app, text: str) -> str:
    """The Urdu catalogue's words for `text`, as the outbox writes them."""
    from flask_babel import force_locale, gettext

    with app.test_request_context(), force_locale("ur"):
        words = gettext(text)
    assert words != text
    return words


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_the_published_decision_arrives_once_per_person_and_never_to_the_uncle(
    app, client, sign_in, held, over_smtp, demo
):
    with app.app_context():
        db.session.get(Person, demo["people"]["daniel"]).preferred_language = "cy"
        db.session.commit()
    sign_in("jo")
    publish(client, held)
    publish(client, held)  # a double click
    deliver(app)
    received = over_smtp.received
    to = Counter(str(message["To"]) for message in received)
    assert set(to) == KHAN_TOLD
    assert set(to.values()) == {1}
    assert "tariq.khan@family.example" not in to
    by_address = {str(message["To"]): message for message in received}
    # Daniel chose Welsh; Amira prefers Urdu, and gets Urdu.
    assert by_address["daniel.khan@family.example"]["Content-Language"] == "cy"
    assert by_address["daniel.khan@family.example"]["Subject"] != (
        "The decision from your meeting is ready"
    )
    amira = by_address["amira.khan@family.example"]
    assert amira["Content-Language"] == "ur"
    assert str(make_header(decode_header(amira["Subject"]))) == in_urdu(
        app, "The decision from your meeting is ready"
    )
    assert by_address["priya.patel@northfield.example"]["Content-Language"] == "en"
    assert f"/conferences/{held['conference']}/family" in body(amira)
    for message in received:
        assert "fighting" not in body(message)
        assert "Maya" not in str(message["Subject"])


def test_a_welsh_council_writes_to_the_family_in_welsh_first(app, client, sign_in, held, over_smtp):
    with app.app_context():
        db.session.get(Conference, held["conference"]).authority.nation = Nation.WALES
        db.session.commit()
    sign_in("jo")
    publish(client, held)
    deliver(app)
    languages = {str(m["To"]): str(m["Content-Language"]) for m in over_smtp.received}
    assert languages["amira.khan@family.example"] == "cy"
    assert languages["maya.khan@family.example"] == "cy"


def test_a_correction_reaches_the_same_people_and_not_the_uncle(
    app, client, sign_in, held, over_smtp
):
    sign_in("jo")
    publish(client, held)
    deliver(app)
    first = Counter(str(m["To"]) for m in over_smtp.received)
    with app.app_context():
        db.session.get(Decision, held["maya"]).reasons = "Corrected reasons."
        db.session.commit()
    publish(client, held, what_changed="The reasons were corrected.")
    publish(client, held, what_changed="The reasons were corrected.")
    deliver(app)
    second = Counter(str(m["To"]) for m in over_smtp.received) - first
    assert set(second) == set(first) == KHAN_TOLD
    assert set(second.values()) == {1}
    corrected = over_smtp.received[sum(first.values()) :]
    assert {str(m["To"]) for m in corrected} == KHAN_TOLD
    for message in corrected:
        subject = str(make_header(decode_header(message["Subject"])))
        if message["Content-Language"] == "en":
            assert "corrected" in subject
        else:
            assert subject == in_urdu(app, "The decision has been corrected")
    assert "tariq.khan@family.example" not in {str(m["To"]) for m in over_smtp.received}
