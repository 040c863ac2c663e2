"""Fixtures every test builds on.

The database is migrated and the demo scenario loaded once per run; each test
then runs inside a transaction that is rolled back, so tests never see each
other's changes. `PORTAL_TEST_DATABASE=postgres` runs the same suite on the
PostgreSQL at TEST_DATABASE_URL.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

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
        "SQLALCHEMY_DATABASE_URI": database_url,
        "INSTANCE_PATH": str(folder),
        "MAIL_BACKEND": "file",
        "MAIL_DIR": str(folder / "mail"),
        "UPLOAD_DIR": str(folder / "uploads"),
        "RATELIMIT_STORAGE_URI": "memory://",
        "PASSWORD_HASH_FAST": True,
    }


def build_app(folder: Path, database_url: str) -> Flask:
    from portal import create_app
    from portal import demo as demo_scenario
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
    return app.test_client()  # type: ignore[return-value]


@pytest.fixture()
def demo(app: Flask, database: Any) -> dict[str, Any]:
    """Ids of the demo records, by name, for building URLs."""
    from sqlalchemy import select

    from portal.data.models import Conference, Person
    from portal.extensions import db

    with app.app_context():
        people = {
            p.email.split(".")[0]: p.id for p in db.session.scalars(select(Person)) if p.email
        }
        conferences = {c.family_name.lower(): c.id for c in db.session.scalars(select(Conference))}
    return {"people": people, "conferences": conferences}


@pytest.fixture()
def sign_in(client: CheckedClient, demo: dict[str, Any]) -> Callable[[str], CheckedClient]:
    """Sign the test client in as a demo person by first name: sign_in("amira")."""
    from portal.auth.session import start_session

    def _sign_in(name: str) -> CheckedClient:
        person_id = demo["people"][name]
        with client.session_transaction() as session:
            session.update(start_session(person_id, is_professional=name in PROFESSIONALS))
        return client

    return _sign_in


PROFESSIONALS = frozenset({"jo", "priya", "chris", "tom", "sam"})
FAMILY = frozenset({"amira", "daniel", "maya", "olivia"})


@pytest.fixture()
def today() -> date:
    from portal.domain.clock import today_in_london

    return today_in_london()
