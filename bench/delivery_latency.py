"""How long from a message being queued to its arrival at the mail server?

Starts a real SMTP server (aiosmtpd) on 127.0.0.1 and a real `flask worker` process on a
fresh database (SQLite, or PostgreSQL at BENCH_DATABASE_URL when its name ends in
"bench"), queues messages one at a time at a steady pace, and prints the p50, p95 and
worst time from the commit that queued each message to the server accepting it.
Goal: p95 within 10 seconds.

    .venv/bin/python bench/delivery_latency.py [messages]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "bench-" + "q8Zr2vLw9TnX4bKe" * 3


class Arrivals:
    def __init__(self) -> None:
        self.at: dict[str, float] = {}

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.at[str(message["Message-ID"])] = time.monotonic()
        return "250 OK"


def main(count: int) -> int:
    sys.path.insert(0, str(ROOT))
    from aiosmtpd.controller import Controller
    from flask_migrate import upgrade
    from sqlalchemy import select

    from bench.common import free_port, fresh_database
    from portal import create_app, demo
    from portal.data.models import Person
    from portal.delivery import outbox
    from portal.domain.clock import today_in_london
    from portal.extensions import db

    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database(folder)
        port = free_port()
        settings = {
            "MAIL_BACKEND": "smtp",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": port,
            "MAIL_USE_TLS": False,
        }
        app = create_app(
            {
                "PORTAL_ENV": "testing",
                "SECRET_KEY": SECRET_KEY,
                "SQLALCHEMY_DATABASE_URI": url,
                "INSTANCE_PATH": folder,
                **settings,
            }
        )
        with app.app_context():
            upgrade(directory=str(ROOT / "portal" / "migrations"))
            demo.load(today_in_london())
            amira = db.session.scalars(
                select(Person.id).where(Person.email == "amira.khan@family.example")
            ).one()
        arrivals = Arrivals()
        server = Controller(arrivals, hostname="127.0.0.1", port=port)
        server.start()
        env = {
            **os.environ,
            "PORTAL_ENV": "testing",
            "SECRET_KEY": SECRET_KEY,
            "DATABASE_URL": url,
            "PORTAL_INSTANCE_PATH": folder,
            **{key: str(value) for key, value in settings.items()},
            "MAIL_USE_TLS": "false",
        }
        worker = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "portal", "worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        queued: dict[str, float] = {}
        try:
            time.sleep(2)  # let the worker start before the clock runs
            for n in range(count):
                with app.app_context():
                    notification_id = outbox.send(
                        "sign_in_code", f"bench:{uuid.uuid4()}", amira, {"code": f"{n:06d}"}
                    )
                    db.session.commit()
                    queued[outbox.message_id_for(notification_id)] = time.monotonic()
                time.sleep(0.02)
            deadline = time.monotonic() + 120
            while len(arrivals.at) < count and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
            server.stop()
        latencies = sorted(arrivals.at[key] - queued[key] for key in queued if key in arrivals.at)
        result = {
            "database": "postgresql" if url.startswith("postgresql") else "sqlite",
            "messages": count,
            "arrived": len(latencies),
            "p50_s": round(statistics.median(latencies), 3),
            "p95_s": round(latencies[int(len(latencies) * 0.95) - 1], 3),
            "worst_s": round(latencies[-1], 3),
            "worker_exit_on_sigterm": worker.returncode,
        }
        print(json.dumps(result, indent=2))
        return 0 if len(latencies) == count and result["p95_s"] <= 10 else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
