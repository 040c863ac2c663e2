"""Fixtures every test builds on.

The database is migrated and the demo scenario loaded once per run; each test
then runs inside a transaction that is rolled back, so tests never see each
other's changes. `PORTAL_TEST_DATABASE=postgres` runs the same suite on the
PostgreSQL at TEST_DATABASE_URL.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text

from tests import postgres_available
from tests.pages import CheckedClient

ROOT = Path(__file__).resolve().parent.parent
TMP = ROOT / "tests" / ".tmp"
TMP.mkdir(parents=True, exist_ok=True)
# Failed browser launches leave profile folders; keep them inside the checkout.
os.environ["TMPDIR"] = str(TMP)
tempfile.tempdir = str(TMP)


def _database_url(folder: Path) -> str:
    if os.environ.get("PORTAL_TEST_DATABASE") == "postgres":
        url = postgres_available.url()
        # The schema is dropped below: never on a database whose name does not say it is
        # for tests ("test", "test_c", "portal_test"), whatever TEST_DATABASE_URL says.
        name = make_url(url).database or ""
        if not re.fullmatch(r"test(?:[_-][\w-]*)?|[\w-]*[_-]test", name):
            pytest.exit(
                f"Refusing to run: TEST_DATABASE_URL names the database {name!r}. The tests "
                "drop its schema, so they run only on a database whose name starts or ends "
                "with 'test' (for example 'test', 'test_c' or 'portal_test').",
                returncode=2,
            )
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        return url
    return f"sqlite:///{folder / 'test.db'}"


def test_settings(folder: Path, database_url: str) -> dict[str, Any]:
    return {
        "PORTAL_ENV": "testing",
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "DEMO_SKIP_SECOND_FACTOR": False,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "INSTANCE_PATH": str(folder),
        "MAIL_BACKEND": "file",
        "MAIL_DIR": str(folder / "mail"),
        "SMS_DIR": str(folder / "sms"),
        "RATELIMIT_STORAGE_URI": "memory://",
        "PASSWORD_HASH_FAST": True,
    }


def build_app(folder: Path, database_url: str) -> Flask:
    from portal import create_app, demo as demo_scenario
    from portal.domain.clock import today_in_london

    app = create_app(test_settings(folder, database_url))
    app.test_client_class = CheckedClient
    with app.app_context():
        upgrade(directory=str(ROOT / "portal" / "migrations"))
        demo_scenario.load(today_in_london())
    return app


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    folder = tmp_path_factory.mktemp("instance")
    application = build_app(folder, _database_url(folder))
    yield application
    from portal.extensions import db

    with application.app_context():
        db.engine.dispose()


@pytest.fixture()
def database(app: Flask) -> Iterator[Any]:
    """A connection in a transaction that the test's changes join, rolled back afterwards.

    No application context stays pushed: each request gets its own, as in production.
    """
    from portal.extensions import db

    with app.app_context():
        engines = db.engines
    engine = engines[None]
    connection = engine.connect()
    transaction = connection.begin()
    engines[None] = connection
    try:
        yield connection
    finally:
        with app.app_context():
            db.session.remove()
        engines[None] = engine
        transaction.rollback()
        connection.close()


@pytest.fixture()
def context(app: Flask, database: Any) -> Iterator[Flask]:
    """An application context for tests that call interfaces directly (not with `client`)."""
    with app.app_context():
        yield app


@pytest.fixture()
def client(app: Flask, database: Any) -> CheckedClient:
    from portal.extensions import limiter

    with app.app_context():
        limiter.reset()  # rate limits are per test, not per run
    return app.test_client()  # type: ignore[return-value]


@pytest.fixture()
def demo(app: Flask, database: Any) -> dict[str, Any]:
    """Ids of the demo records, by name, for building URLs."""
    from sqlalchemy import select

    from portal.data.models import ChildView, Conference, Decision, Person, Report
    from portal.extensions import db

    with app.app_context():
        people = {
            p.email.split(".")[0]: p.id for p in db.session.scalars(select(Person)) if p.email
        }
        conferences = {c.family_name.lower(): c.id for c in db.session.scalars(select(Conference))}
        # By title: the originals (a translated copy has its original's title).
        reports = {
            r.title: r.id
            for r in db.session.scalars(select(Report).where(Report.translation_of_id.is_(None)))
        }
        copies = {
            (r.title, r.language): r.id
            for r in db.session.scalars(select(Report).where(Report.translation_of_id.is_not(None)))
        }
        views = [v.id for v in db.session.scalars(select(ChildView))]
        decisions = [d.id for d in db.session.scalars(select(Decision))]
    return {
        "people": people,
        "conferences": conferences,
        "reports": reports,
        "copies": copies,
        "views": views,
        "decisions": decisions,
    }


@pytest.fixture()
def sign_in(client: CheckedClient, demo: dict[str, Any]) -> Callable[[str], CheckedClient]:
    """Sign the test client in as a demo person by first name: sign_in("amira")."""
    from portal.auth.session import session_keys
    from portal.data.interfaces import auth
    from portal.data.models import Person
    from portal.extensions import db

    def _sign_in(name: str, settled: bool = True, language: str | None = "en") -> CheckedClient:
        """`settled`: they have already read the privacy notice and promised to keep the
        reports private, as on any visit after the first.

        `language`: the page language, pinned with the language cookie as the switcher
        would. English by default, so tests that read English words keep working once a
        person's stored language goes live (Amira's Urdu); None leaves the cookie as it is
        (the stored language, or what the test chose before)."""
        from datetime import UTC, datetime

        from sqlalchemy import update

        from portal.data.models import Participant

        with client.application.app_context():
            person = db.session.get(Person, demo["people"][name])
            if settled:
                db.session.execute(
                    update(Participant)
                    .where(Participant.person_id == person.id)
                    .values(
                        privacy_notice_seen_at=datetime.now(UTC),
                        agreed_to_keep_reports_private_at=datetime.now(UTC),
                    )
                )
                db.session.commit()
            keys = session_keys(auth.start_session(person), person)
        with client.session_transaction() as session:
            session.clear()
            session.update(keys)
        if language is not None:
            from portal.i18n import LANGUAGE_COOKIE

            client.set_cookie(LANGUAGE_COOKIE, language)
        return client

    return _sign_in


PROFESSIONALS = frozenset({"jo", "priya", "chris", "morgan", "tom", "sam"})
FAMILY = frozenset({"amira", "daniel", "maya", "olivia"})


@pytest.fixture()
def today() -> date:
    from portal.domain.clock import today_in_london

    return today_in_london()


class Mailbox:
    """The .eml files the portal wrote during a test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def clear(self) -> None:
        if self.folder.exists():
            for message in self.folder.glob("*.eml"):
                message.unlink()

    def messages(self, to: str | None = None) -> list[Any]:
        import email
        from email import policy

        found = []
        if not self.folder.exists():
            return found
        for path in sorted(self.folder.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
            message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            if to is None or message["To"] == to:
                found.append(message)
        return found

    def last_code(self, to: str) -> str:
        import re

        body = self.messages(to)[-1].get_body(preferencelist=("plain",)).get_content()
        return re.search(r"\b(\d{6})\b", body).group(1)


class Texts:
    """The SMS text files the portal wrote during a test (development's SMS backend)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def clear(self) -> None:
        if self.folder.exists():
            for text in self.folder.glob("*.txt"):
                text.unlink()

    def messages(self, to: str | None = None) -> list[str]:
        found = []
        if not self.folder.exists():
            return found
        for path in sorted(self.folder.glob("*.txt"), key=lambda p: p.stat().st_mtime_ns):
            text = path.read_text(encoding="utf-8")
            if to is None or text.startswith(f"To: {to}\n"):
                found.append(text)
        return found

    def last_code(self, to: str) -> str:
        import re

        return re.search(r"\b(\d{6})\b", self.messages(to)[-1]).group(1)


@pytest.fixture()
def texts(app: Flask) -> Iterator[Texts]:
    box = Texts(Path(app.config["SMS_DIR"]))
    box.clear()
    yield box
    box.clear()


@pytest.fixture()
def mailbox(app: Flask) -> Iterator[Mailbox]:
    box = Mailbox(Path(app.config["MAIL_DIR"]))
    box.clear()
    yield box
    box.clear()


@pytest.fixture()
def frozen(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Freeze the portal's clock: `frozen.now` is what it reads; move it with `frozen.tick`."""
    from datetime import UTC, datetime, timedelta

    from portal.domain import clock

    class Frozen:
        now = datetime.now(UTC)

        def tick(self, **delta: float) -> None:
            self.now = self.now + timedelta(**delta)

    state = Frozen()
    monkeypatch.setattr(clock, "now", lambda: state.now)
    return state


@pytest.fixture()
def sam_accepted(app: Flask, database: Any, demo: dict[str, Any]) -> Any:
    """Sam Taylor has accepted Maya's referral: he is her advocate in the Khan meeting
    (the demo starts with her request asked and nobody accepted yet)."""
    from sqlalchemy import select

    from portal.data.interfaces import advocacy
    from portal.data.models import AdvocateRequest, Person
    from portal.extensions import db

    with app.app_context():
        referral = db.session.scalars(
            select(AdvocateRequest).where(
                AdvocateRequest.conference_id == demo["conferences"]["khan"],
                AdvocateRequest.for_child_id.is_not(None),
            )
        ).one()
        sam = db.session.get(Person, demo["people"]["sam"])
        participant = advocacy.accept(referral, sam, "Northfield Children's Advocacy")
        db.session.commit()
        return participant.id if participant else None
