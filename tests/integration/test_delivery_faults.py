"""Delivery when things go wrong: a real SMTP server that refuses, a worker killed mid-send,
two workers sharing one outbox.

The SMTP server is aiosmtpd on 127.0.0.1. Workers run as real `flask worker` processes
against the test database, so these tests commit for real and remove what they wrote.
"""

from __future__ import annotations

import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from email import policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from sqlalchemy import delete, select

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Recorder:
    """An SMTP server's message handler: refuses the first `refuse` messages (451, try
    later), then keeps each one; can hold its "250 OK" back for `delay` seconds."""

    def __init__(self, refuse: int = 0, delay: float = 0.0) -> None:
        self.refuse = refuse
        self.delay = delay
        self.received: list[email.message.EmailMessage] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        if self.refuse > 0:
            self.refuse -= 1
            return "451 4.3.0 Try again later"
        self.received.append(
            email.message_from_bytes(envelope.original_content, policy=policy.default)
        )
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 OK"

    def message_ids(self) -> Counter[str]:
        return Counter(str(message["Message-ID"]) for message in self.received)


@pytest.fixture()
def smtp() -> Iterator[tuple[Recorder, int]]:
    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield recorder, port
    finally:
        controller.stop()


def smtp_settings(port: int) -> dict[str, Any]:
    return {
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": port,
        "MAIL_USE_TLS": False,
        "MAIL_USERNAME": "",
    }


def test_a_server_that_refuses_at_first_gets_every_message_exactly_once(
    app, context, smtp, frozen, monkeypatch
):
    from portal.data.models import Notification, NotificationStatus, Person
    from portal.delivery import outbox
    from portal.extensions import db

    recorder, port = smtp
    recorder.refuse = 3
    for key, value in smtp_settings(port).items():
        monkeypatch.setitem(app.config, key, value)
    amira = db.session.scalars(
        select(Person.id).where(Person.email == "amira.khan@family.example")
    ).one()
    queued = [
        outbox.send("sign_in_code", f"sign-in-code:refused-{n}", amira, {"code": f"{n:06d}"})
        for n in range(4)
    ]
    db.session.commit()
    for _ in range(12):
        outbox.drain()
        frozen.tick(hours=1)
    assert len(recorder.received) == 4
    assert set(recorder.message_ids().values()) == {1}
    statuses = db.session.scalars(
        select(Notification.status).where(Notification.id.in_(queued))
    ).all()
    assert set(statuses) == {NotificationStatus.SENT}


@pytest.fixture()
def outbox_owner(app: Flask) -> Iterator[uuid.UUID]:
    """A person of our own, committed, whose messages are removed afterwards."""
    from portal.data.models import Notification, Person
    from portal.extensions import db

    with app.app_context():
        person = Person(
            full_name="Outbox Test", email=f"outbox.{uuid.uuid4().hex[:8]}@family.example"
        )
        db.session.add(person)
        db.session.commit()
        person_id = person.id
    try:
        yield person_id
    finally:
        with app.app_context():
            db.session.execute(delete(Notification).where(Notification.recipient_id == person_id))
            db.session.execute(delete(Person).where(Person.id == person_id))
            db.session.commit()


def queue_committed(app: Flask, person_id: uuid.UUID, count: int) -> list[uuid.UUID]:
    from portal.delivery import outbox
    from portal.extensions import db

    with app.app_context():
        queued = [
            outbox.send("sign_in_code", f"fault-test:{uuid.uuid4()}", person_id, {"code": "1"})
            for _ in range(count)
        ]
        db.session.commit()
    return [q for q in queued if q is not None]


def worker(app: Flask, tmp_path: Path, *args: str, **settings: Any) -> subprocess.Popen[bytes]:
    """A real `flask worker` process on the test database."""
    env = {
        **os.environ,
        "PORTAL_ENV": "testing",
        "SECRET_KEY": app.config["SECRET_KEY"],
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "PORTAL_INSTANCE_PATH": str(tmp_path),
        "MAIL_FROM": app.config["MAIL_FROM"],
        **{key: str(value) for key, value in settings.items()},
    }
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "portal", "worker", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def finish(process: subprocess.Popen[bytes], timeout: float = 300) -> tuple[int, str, str]:
    """Wait for a worker to end; its exit status, standard output and error."""
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out.decode(), err.decode()


def wait_for(condition: Any, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def test_a_worker_killed_between_sending_and_recording_loses_nothing(
    app, outbox_owner, smtp, tmp_path
):
    from portal.data.models import Notification, NotificationStatus
    from portal.extensions import db

    recorder, port = smtp
    recorder.delay = 30  # the server has the message but holds back its "250 OK"
    (queued,) = queue_committed(app, outbox_owner, 1)
    settings = {
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": port,
        "MAIL_USE_TLS": "false",
        # A claim that has run out by the time the next worker starts.
        "DELIVERY_LEASE_SECONDS": "0.2",
    }
    first = worker(app, tmp_path, **settings)
    try:
        wait_for(lambda: len(recorder.received) == 1)
    finally:
        first.send_signal(signal.SIGKILL)
        finish(first, timeout=10)
    recorder.delay = 0
    status, _out, err = finish(worker(app, tmp_path, "--once", **settings), timeout=60)
    assert status == 0, err
    # Sent again, once, as the same message.
    assert len(recorder.received) == 2
    assert recorder.message_ids() == {f"<{queued}@northfield.example>": 2}
    with app.app_context():
        row = db.session.get(Notification, queued)
        assert row.status is NotificationStatus.SENT
        assert row.attempts == 2


def test_two_workers_drain_a_thousand_messages_each_sent_exactly_once(app, outbox_owner, tmp_path):
    from portal.data.models import Notification, NotificationStatus
    from portal.extensions import db

    queued = set(queue_committed(app, outbox_owner, 1000))
    mail = tmp_path / "mail"
    settings = {"MAIL_BACKEND": "file", "MAIL_DIR": str(mail)}
    workers = [worker(app, tmp_path, "--once", **settings) for _ in range(2)]
    results = [finish(process) for process in workers]
    assert [status for status, _out, _err in results] == [0, 0], results
    # Each file is one send, named by the message it carried.
    sent = Counter(uuid.UUID(path.name[:36]) for path in mail.glob("*.eml"))
    assert set(sent) == queued
    assert set(sent.values()) == {1}
    # Both workers took a share.
    tried = [int(out.split()[0]) for _status, out, _err in results]
    assert sum(tried) == 1000
    assert min(tried) > 0
    with app.app_context():
        statuses = db.session.scalars(
            select(Notification.status).where(Notification.recipient_id == outbox_owner)
        ).all()
        assert set(statuses) == {NotificationStatus.SENT}


def test_the_worker_delivers_until_told_to_stop_and_stops_cleanly(app, outbox_owner, tmp_path):
    mail = tmp_path / "mail"
    (queued,) = queue_committed(app, outbox_owner, 1)
    process = worker(app, tmp_path, MAIL_BACKEND="file", MAIL_DIR=str(mail))
    try:
        wait_for(lambda: any(mail.glob(f"{queued}-*.eml")))
    finally:
        process.send_signal(signal.SIGTERM)
        status, _out, err = finish(process, timeout=30)
    assert status == 0, err
