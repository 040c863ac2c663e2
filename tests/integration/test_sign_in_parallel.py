"""The five-try limits hold when many requests arrive at once.

These tests commit for real (threads cannot share the rolled-back test transaction),
so they make their own person and remove everything they wrote afterwards. They run
on SQLite and on PostgreSQL, like the rest of the suite.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import delete, select

from portal.auth.routes import ATTEMPT
from tests.pages import form_token

EMAIL = "parallel.{}@family.example"
PRO_EMAIL = "parallel.{}@northfield.example"


@pytest.fixture()
def committed(app: Flask) -> Iterator[dict[str, Any]]:
    """A family member and a professional of our own, committed; all traces removed after."""
    from portal.data.interfaces import auth
    from portal.data.models import Notification, Person, SignInAttempt, SignInThrottle
    from portal.extensions import db, limiter

    tag = uuid.uuid4().hex[:8]
    with app.app_context():
        limiter.reset()
        family = Person(full_name="Test Parent", email=EMAIL.format(tag))
        professional = Person(
            full_name="Test Chair",
            email=PRO_EMAIL.format(tag),
            is_professional=True,
            password_hash=auth.hash_password("right-password"),
        )
        db.session.add_all([family, professional])
        db.session.commit()
        ids = [family.id, professional.id]
    # What is under test is the limit per address, not the limit per connection.
    limiter.enabled = False
    try:
        yield {"family": family.email, "professional": professional.email}
    finally:
        limiter.enabled = True
        with app.app_context():
            db.session.execute(delete(Notification).where(Notification.recipient_id.in_(ids)))
            db.session.execute(delete(SignInAttempt).where(SignInAttempt.person_id.in_(ids)))
            db.session.execute(delete(SignInThrottle))
            db.session.execute(delete(Person).where(Person.id.in_(ids)))
            db.session.commit()


def at_once(count: int, send: Callable[[int], int]) -> list[int]:
    """Run `send` in `count` threads released together; their status codes."""
    barrier = threading.Barrier(count)
    results: list[int] = [0] * count

    errors: list[BaseException] = []

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = send(index)
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        raise errors[0]
    return results


def start_attempt(app: Flask, email: str) -> tuple[uuid.UUID, str]:
    from portal.data.interfaces import auth

    with app.app_context():
        new = auth.add_code(contact=email)
        assert new is not None
        auth.commit()
        return new.attempt_id, new.code


class Browser:
    """A separate browser with its own form token, ready to post one form."""

    def __init__(self, app: Flask, path: str, attempt_id: uuid.UUID | None = None) -> None:
        self.client = app.test_client()
        if attempt_id is not None:
            # The same attempt, as copies of one browser's cookie would carry it.
            with self.client.session_transaction() as session:
                session[ATTEMPT] = str(attempt_id)
        self.path = path
        self.token = form_token(self.client, path)

    def post(self, **data: str) -> int:
        return self.client.post(self.path, data={**data, "csrf_token": self.token}).status_code


def code_browsers(app: Flask, attempt_id: uuid.UUID, count: int) -> list[Browser]:
    return [Browser(app, "/sign-in/code", attempt_id) for _ in range(count)]


def tries(app: Flask, attempt_id: uuid.UUID) -> int:
    from portal.data.models import SignInAttempt
    from portal.extensions import db

    with app.app_context():
        return db.session.scalars(
            select(SignInAttempt.tries).where(SignInAttempt.id == attempt_id)
        ).one()


def test_thirty_wrong_codes_at_once_are_counted_five_times_and_no_more(app, committed):
    attempt_id, code = start_attempt(app, committed["family"])
    wrong = "000000" if code != "000000" else "111111"
    browsers = code_browsers(app, attempt_id, 30)
    statuses = at_once(30, lambda n: browsers[n].post(code=wrong))
    assert tries(app, attempt_id) == 5
    # Four are told "not right"; the fifth and every later one are told to ask again.
    assert statuses.count(200) == 4
    assert statuses.count(429) == 26


def test_the_right_code_does_not_work_after_a_parallel_burst_of_wrong_ones(app, committed):
    attempt_id, code = start_attempt(app, committed["family"])
    wrong = "000000" if code != "000000" else "111111"
    browsers = code_browsers(app, attempt_id, 26)
    at_once(25, lambda n: browsers[n].post(code=wrong))
    assert browsers[25].post(code=code) == 429


def test_twenty_wrong_passwords_at_once_are_checked_five_times(app, committed, monkeypatch):
    from argon2 import PasswordHasher

    checked = []
    lock = threading.Lock()
    real_verify = PasswordHasher.verify

    def counted(self: PasswordHasher, stored: str, password: str) -> bool:
        with lock:
            checked.append(password)
        return real_verify(self, stored, password)

    monkeypatch.setattr(PasswordHasher, "verify", counted)
    email = committed["professional"]
    browsers = [Browser(app, "/sign-in/professional") for _ in range(21)]
    statuses = at_once(20, lambda n: browsers[n].post(email=email, password="wrong"))
    assert len(checked) == 5
    assert statuses.count(200) == 4
    assert statuses.count(429) == 16
    # Locked now: even the right password is not checked.
    assert browsers[20].post(email=email, password="right-password") == 429
    assert len(checked) == 5
