"""Languages (issue 13): the switcher offers live languages only; a person whose stored
language is not live is told so and offered an interpreter; once Urdu is live, Amira's
pages and messages are in Urdu, right to left.

Urdu is made live here with a catalogue of our own in a temporary folder (the real one is
being translated), so these tests do not depend on how far the translators are: a few real
Urdu words, and every other message a stand-in Urdu word with the message's placeholders
(a pseudo-locale), so the checked client's "English in a page in another language" check
sees any words that escape translation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from sqlalchemy import select

from portal.domain.languages import Status

AMIRA = "amira.khan@family.example"
URDU = {
    "Your meeting": "آپ کی میٹنگ",
    "A new report is ready to read": "ایک نئی رپورٹ پڑھنے کے لیے تیار ہے",
    # Urdu ends a sentence with its own full stop, U+06D4.
    "A new report for your meeting is ready to read.": "آپ کی میٹنگ کے لیے ایک نئی رپورٹ تیار ہے۔",  # noqa: RUF001
    "Your sign-in code": "آپ کا سائن ان کوڈ",
}


def set_statuses(app, monkeypatch, **codes: Status) -> None:
    from portal import i18n

    found = {**i18n.registry.statuses(Path("/nonexistent")), "en": Status.LIVE}
    found["cy"] = Status.LIVE
    found.update(codes)
    monkeypatch.setitem(app.extensions, i18n.EXTENSION, found)


@pytest.fixture()
def urdu_draft(app, monkeypatch):
    set_statuses(app, monkeypatch, ur=Status.DRAFT)


@pytest.fixture()
def urdu_live(app, monkeypatch, tmp_path):
    """Urdu live, from a tiny catalogue (Welsh and English as they are)."""
    import polib

    from portal.config import ROOT
    from portal.i18n_check import placeholders

    catalogue = Catalog(locale="ur")
    for entry in polib.pofile(str(ROOT / "translations" / "messages.pot")):
        stand_in = " ".join(["ترجمہ", *placeholders(entry.msgid)])
        if entry.msgid_plural:
            catalogue.add((entry.msgid, entry.msgid_plural), (stand_in, stand_in))
        else:
            catalogue.add(entry.msgid, URDU.get(entry.msgid, stand_in))
    folder = tmp_path / "ur" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.mo", "wb") as out:
        write_mo(out, catalogue)
    babel = app.extensions["babel"]
    # Last, so its words win over those of the Urdu catalogue on disk (if any).
    directories = [*babel.translation_directories, str(tmp_path)]
    monkeypatch.setattr(babel, "translation_directories", directories)
    domain = babel.instance.domain_instance
    monkeypatch.setattr(domain, "cache", {})
    set_statuses(app, monkeypatch, ur=Status.LIVE)
    yield
    domain.cache = {}


def khan_home(demo):
    return f"/conferences/{demo['conferences']['khan']}/family"


def test_the_switcher_offers_live_languages_each_in_its_own_name(client, urdu_draft):
    html = client.get("/").get_data(as_text=True)
    assert 'lang="cy" dir="ltr" hreflang="cy">Cymraeg</a>' in html
    assert 'lang="ur"' not in html  # being translated: not offered yet
    assert 'href="/languages"' in html


def test_a_draft_language_cannot_be_chosen(client, urdu_draft):
    client.get("/language/ur")
    assert client.get_cookie("portal_language") is None
    assert '<html lang="en" dir="ltr"' in client.get("/").get_data(as_text=True)


def test_the_languages_page_says_how_ready_each_language_is(client, urdu_draft):
    html = client.get("/languages").get_data(as_text=True)
    for code in ("en", "cy", "pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu", "lt"):
        assert f'id="language-{code}"' in html
    row = html.split('id="language-cy"')[1].split("</div>")[0]
    assert "Ready" in row
    assert "A trained translator still needs to check them." in html
    row = html.split('id="language-ur"')[1].split("</div>")[0]
    assert '<span lang="ur" dir="rtl">اردو</span>' in row
    assert "Not ready yet: being translated" in row
    row = html.split('id="language-ar"')[1].split("</div>")[0]
    assert "Not yet: ask for an interpreter" in row


def test_amira_is_told_in_english_that_urdu_is_not_ready_and_offered_an_interpreter(
    sign_in, demo, urdu_draft
):
    client = sign_in("amira", language=None)  # no choice made: her stored Urdu applies
    html = client.get(khan_home(demo)).get_data(as_text=True)
    assert '<html lang="en" dir="ltr"' in html
    assert "These pages are not in Urdu yet." in html
    assert f"{khan_home(demo)}/meeting/language" in html  # ask for an interpreter
    assert "You can also ask Priya Patel, your social worker." in html


def test_a_somali_reader_is_told_in_english_and_offered_an_interpreter(app, sign_in, demo):
    from portal.data.models import Person
    from portal.extensions import db

    with app.app_context():
        amira = db.session.get(Person, demo["people"]["amira"])
        amira.preferred_language = "so"
        db.session.commit()
    html = sign_in("amira", language=None).get(khan_home(demo)).get_data(as_text=True)
    assert '<html lang="en" dir="ltr"' in html
    assert "These pages are not in Somali yet." in html
    assert f"{khan_home(demo)}/meeting/language" in html


def test_nobody_else_sees_the_notice(sign_in, demo, urdu_draft):
    for name in ("daniel", "jo"):
        html = sign_in(name).get("/conferences").get_data(as_text=True)
        assert "These pages are not in" not in html


def test_amira_sees_her_pages_in_urdu_right_to_left_once_urdu_is_live(sign_in, demo, urdu_live):
    client = sign_in("amira", language=None)
    html = client.get(khan_home(demo)).get_data(as_text=True)
    assert '<html lang="ur" dir="rtl"' in html
    assert "<h1" in html and "آپ کی میٹنگ</h1>" in html
    assert "These pages are not in" not in html
    # The switcher now offers Urdu, in its own name, right to left.
    assert '<span aria-current="true"><strong>اردو</strong></span>' in html


def test_a_pinned_language_wins_over_the_stored_one(sign_in, demo, urdu_live):
    html = sign_in("amira").get(khan_home(demo)).get_data(as_text=True)  # English pinned
    assert '<html lang="en" dir="ltr"' in html
    assert "Your meeting</h1>" in html


def test_her_messages_arrive_in_urdu_once_urdu_is_live(context, mailbox, urdu_live):
    from portal.data.models import Notification, Person
    from portal.delivery import outbox
    from portal.extensions import db

    amira = db.session.scalars(select(Person).where(Person.email == AMIRA)).one()
    assert amira.preferred_language == "ur"
    outbox.deliver_now([outbox.send("report_ready", "report-ready:urdu", amira.id, {})])
    row = db.session.scalars(
        select(Notification).where(Notification.recipient_id == amira.id)
    ).all()[-1]
    assert row.language == "ur"
    assert row.subject == URDU["A new report is ready to read"]
    assert URDU["A new report for your meeting is ready to read."] in row.body
    assert 'lang="ur" dir="rtl"' in row.html_body
    message = mailbox.messages(AMIRA)[-1]
    assert message["Subject"] == URDU["A new report is ready to read"]
    assert message["Content-Language"] == "ur"


def test_her_messages_stay_in_english_while_urdu_is_a_draft(context, mailbox, urdu_draft):
    from portal.data.models import Person
    from portal.delivery import outbox
    from portal.extensions import db

    amira = db.session.scalars(select(Person).where(Person.email == AMIRA)).one()
    outbox.deliver_now([outbox.send("report_ready", "report-ready:draft", amira.id, {})])
    message = mailbox.messages(AMIRA)[-1]
    assert message["Subject"] == "A new report is ready to read"
    assert message["Content-Language"] == "en"


def test_her_sign_in_code_arrives_in_urdu_once_urdu_is_live(client, mailbox, urdu_live):
    from tests.pages import form_token

    client.post("/sign-in", data={"contact": AMIRA, "csrf_token": form_token(client, "/sign-in")})
    message = mailbox.messages(AMIRA)[-1]
    assert message["Subject"] == URDU["Your sign-in code"]
    assert message["Content-Language"] == "ur"
