"""A pseudo-locale crawl (issue 13): every page a parent, a young person or a visitor can
reach, rendered in a stand-in language whose every message is the English with each
letter swapped for an accented one ("Ŷóúŕ ɱééţíñĝ"). Any plain English word of the
interface still on a page never went through gettext: a default of a library, a label
built in code, a string joined from pieces. Text people wrote (reports, decisions) is
marked lang="en" and skipped; names and addresses are not interface words.

The crawl follows every link and, on each form, sends it empty once, so error messages
are rendered too. Polish carries the pseudo-locale (its dates and lists come from CLDR).
"""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import polib
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from portal.config import ROOT
from portal.domain.languages import Status
from portal.i18n_check import PLACEHOLDER
from tests.i18n.crawl import crawl

CARRIER = "pl"
ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçďéƒĝĥíĵķĺɱñóþǫŕšţúṽŵẋýžÁƁÇĎÉƑĜĤÍĴĶĹḾÑÓÞǪŔŠŢÚṼŴẊÝŽ",
)


def pseudo(text: str) -> str:
    """The text with its letters accented and its placeholders kept."""
    pieces: list[str] = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        pieces.append(text[last : match.start()].translate(ACCENTED))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(text[last:].translate(ACCENTED))
    return "".join(pieces)


def interface_words() -> frozenset[str]:
    """Lower-case words of the interface's English (3 letters or more)."""
    words: set[str] = set()
    for entry in polib.pofile(str(ROOT / "translations" / "messages.pot")):
        text = PLACEHOLDER.sub(" ", f"{entry.msgid} {entry.msgid_plural}")
        words.update(re.findall(r"\b[a-z]{3,}\b", text))
    return frozenset(words)


WORDS = interface_words()
SKIPPED = frozenset({"script", "style", "template", "noscript"})
READ_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")
EMAIL_OR_LINK = re.compile(r"\S+@\S+|https?://\S+")


def english_left(body: str, data: tuple[str, ...] = ()) -> list[str]:
    """Interface words in the page's text outside lang="en", as "word: context". ``data``:
    names and titles people gave (a council's, a child's, a report's), taken out first."""
    document = html5lib.parse(body, namespaceHTMLElements=False)
    found: list[str] = []

    def check(text: str) -> None:
        text = " ".join(EMAIL_OR_LINK.sub(" ", text).split())
        for name in data:
            text = text.replace(name, " ")
        for word in re.findall(r"(?<![\w-])[A-Za-z][a-z]{2,}(?![\w-])", text):
            if word.lower() in WORDS:
                found.append(f"{word}: {' '.join(text.split())[:90]}")

    def walk(element) -> None:
        if not isinstance(element.tag, str) or element.tag in SKIPPED:
            return
        if (element.get("lang") or CARRIER).split("-")[0] == "en":
            return
        for name in READ_ATTRIBUTES:
            if element.get(name):
                check(element.get(name))
        if element.tag == "input" and element.get("type") in {"submit", "button"}:
            check(element.get("value") or "")
        check(element.text or "")
        for child in element:
            walk(child)
            check(child.tail or "")

    walk(document)
    return found


@pytest.fixture()
def pseudo_live(app, monkeypatch, tmp_path):
    from portal import i18n

    catalogue = Catalog(locale=CARRIER)
    for entry in polib.pofile(str(ROOT / "translations" / "messages.pot")):
        if entry.msgid_plural:
            forms = (pseudo(entry.msgid), *[pseudo(entry.msgid_plural)] * 2)
            catalogue.add((entry.msgid, entry.msgid_plural), forms)
        else:
            catalogue.add(entry.msgid, pseudo(entry.msgid))
    folder = tmp_path / CARRIER / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.mo", "wb") as out:
        write_mo(out, catalogue)
    babel = app.extensions["babel"]
    monkeypatch.setattr(
        babel, "translation_directories", [*babel.translation_directories, str(tmp_path)]
    )
    with app.app_context():
        domain = babel.instance.domain_instance
    monkeypatch.setattr(domain, "cache", {})
    found = {
        **i18n.registry.statuses(Path("/nonexistent")),
        "en": Status.LIVE,
        CARRIER: Status.LIVE,
    }
    monkeypatch.setitem(app.extensions, i18n.EXTENSION, found)
    yield
    domain.cache = {}


def names_people_gave(app) -> tuple[str, ...]:
    """Every name and title in the database: councils, people, children, services, reports."""
    from sqlalchemy import select

    from portal.data.models import AdvocacyService, Authority, Child, Conference, Person, Report
    from portal.extensions import db

    with app.app_context():
        found = {
            *db.session.scalars(select(Authority.name)),
            *db.session.scalars(select(Person.full_name)),
            *(x for x in db.session.scalars(select(Person.job_title)) if x),
            *db.session.scalars(select(Child.first_name)),
            *db.session.scalars(select(Child.last_name)),
            *db.session.scalars(select(Conference.family_name)),
            *db.session.scalars(select(AdvocacyService.name)),
            *db.session.scalars(select(Report.title)),
            app.config["AUTHORITY_NAME"],
        }
    return tuple(sorted(found, key=len, reverse=True))


def test_the_check_finds_english_and_skips_what_people_wrote():
    page = (
        '<html lang="pl"><body><p>' + pseudo("Your meeting") + "</p>"
        '<p lang="en">The report says the meeting went well.</p>'
        '<button aria-label="Close the menu">x</button></body></html>'
    )
    assert english_left(page) == [
        "Close: Close the menu",
        "the: Close the menu",
        "menu: Close the menu",
    ]
    assert pseudo("Hello %(name)s") == "Ĥéĺĺó %(name)s"


def seeds(person: str | None, demo) -> list[str]:
    """Where the crawl starts: the home page, and pages no link leads to before the
    journey's earlier steps are answered (each step of the meeting form, the check page)."""
    from portal.domain.family_answers import STEP_SLUGS

    if person is None:
        return [
            "/",
            "/privacy",
            "/glossary",
            "/accessibility",
            "/cookies",
            "/languages",
            "/sign-in",
            "/signed-out",
        ]
    khan = f"/conferences/{demo['conferences']['khan']}"
    if person == "amira":
        steps = [f"{khan}/family/meeting/{slug}" for slug in STEP_SLUGS]
        return [
            "/",
            *steps,
            f"{khan}/family/meeting/check",
            f"{khan}/family/meeting/sent",
            f"{khan}/family/keep-reports-private",
        ]
    if person == "maya":
        views = [f"{khan}/young-person/views/{view}" for view in demo["views"]]
        return [
            "/",
            f"{khan}/young-person/decision",
            f"{khan}/young-person/was-i-heard",
            *[f"{view}/{page}" for view in views for page in ("check", "who-sees-it")],
        ]
    brown = f"/conferences/{demo['conferences']['brown']}"
    return ["/", f"{brown}/minutes", f"{brown}/family/keep-reports-private"]


# The fewest pages each crawl must reach: fewer means a link or a seed broke.
MINIMUM_PAGES = {None: 8, "amira": 40, "olivia": 10, "maya": 15}


@pytest.mark.parametrize("person", [None, "amira", "olivia", "maya"])
def test_every_page_is_translated(sign_in, client, demo, pseudo_live, person):
    if person:
        browser = sign_in(person, language=CARRIER)
    else:
        from portal.i18n import LANGUAGE_COOKIE

        browser = client
        client.set_cookie(LANGUAGE_COOKIE, CARRIER)
    names = names_people_gave(browser.application)
    problems, pages = crawl(browser, seeds(person, demo), lambda body: english_left(body, names))
    print(person, pages)
    assert pages >= MINIMUM_PAGES[person], f"only {pages} pages reached"
    report = "\n".join(f"{url}: {words}" for url, words in problems.items())
    assert not problems, f"English left in the pseudo-locale:\n{report}"
