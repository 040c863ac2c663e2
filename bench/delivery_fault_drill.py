"""A fault drill for messages, from outside, as a family would meet it.

Runs the real web server and worker (`flask run`, `flask worker`) on the demo, with
MAIL_BACKEND=smtp pointing at a local SMTP server (aiosmtpd) that is down, then:

1. four family members ask for a code: each page must answer normally, at once;
2. the SMTP server comes up: the four codes must arrive;
3. the worker is killed without warning (SIGKILL) and the server goes down again;
   four more codes are asked for; the server comes up and a new worker delivers them all;
4. Maya asks with her mobile number: her code is written to SMS_DIR.

Uses PostgreSQL at BENCH_DATABASE_URL (a database whose name ends in "bench") when set,
else SQLite. Prints what it measured as JSON; exits 1 if anything was missed.

    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python bench/delivery_fault_drill.py
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "drill-" + "q8Zr2vLw9TnX4bKe" * 3
FAMILY = [
    "amira.khan@family.example",
    "daniel.khan@family.example",
    "maya.khan@family.example",
    "olivia.brown@family.example",
]


class Inbox:
    def __init__(self) -> None:
        self.received: list[Any] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.received.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 OK"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


def ask_for_code(base: str, contact: str) -> tuple[int, str, float]:
    """A fresh browser asks for a code: the status, where it goes next, and the time."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(f"{base}/sign-in", timeout=30).read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"contact": contact, "csrf_token": token}).encode()
    start = time.monotonic()
    try:
        response = opener.open(f"{base}/sign-in", data=data, timeout=30)
        status, location = response.status, ""
    except urllib.error.HTTPError as answer:
        status, location = answer.code, answer.headers.get("Location", "")
    return status, location, round((time.monotonic() - start) * 1000, 1)


def wait_for(condition: Any, seconds: float) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if condition():
            return round(time.monotonic() - start, 2)
        time.sleep(0.1)
    return None


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from aiosmtpd.controller import Controller
    from sqlalchemy import create_engine, text

    from bench.common import free_port, fresh_database

    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database(folder)
        smtp_port, web_port = free_port(), free_port()
        env = {
            **os.environ,
            "PORTAL_ENV": "development",
            "SECRET_KEY": SECRET_KEY,
            "DATABASE_URL": url,
            "PORTAL_INSTANCE_PATH": folder,
            "MAIL_BACKEND": "smtp",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": str(smtp_port),
            "MAIL_USE_TLS": "false",
            "SMS_BACKEND": "file",
            "SMS_DIR": f"{folder}/sms",
        }
        flask = [sys.executable, "-m", "flask", "--app", "portal"]
        for command in (["db", "upgrade"], ["demo"]):
            subprocess.run([*flask, *command], cwd=ROOT, env=env, check=True, capture_output=True)
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        web = subprocess.Popen([*flask, "run", "--port", str(web_port)], cwd=ROOT, env=env, **quiet)
        worker = subprocess.Popen([*flask, "worker"], cwd=ROOT, env=env, **quiet)
        inbox = Inbox()
        server = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
        base = f"http://127.0.0.1:{web_port}"
        result: dict[str, Any] = {"database": "postgresql" if "postgresql" in url else "sqlite"}
        try:
            wait_for(lambda: _answers(base), 30)
            # 1. The mail server is down.
            first = [ask_for_code(base, contact) for contact in FAMILY]
            result["asked_while_server_down"] = [
                {"status": s, "next": n, "ms": ms} for s, n, ms in first
            ]
            # 2. A moment later it comes up: the worker delivers.
            time.sleep(1)
            server.start()
            result["seconds_until_4_arrived"] = wait_for(lambda: len(inbox.received) >= 4, 90)
            # 3. The worker dies without warning; the server goes down; four more codes.
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=10)
            server.stop()
            second = [ask_for_code(base, contact) for contact in FAMILY]
            result["asked_with_no_worker_and_server_down"] = [
                {"status": s, "next": n, "ms": ms} for s, n, ms in second
            ]
            time.sleep(1)
            server = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
            server.start()
            worker = subprocess.Popen([*flask, "worker"], cwd=ROOT, env=env, **quiet)
            result["seconds_until_8_arrived_with_new_worker"] = wait_for(
                lambda: len(inbox.received) >= 8, 90
            )
            ids = [str(message["Message-ID"]) for message in inbox.received]
            result["messages_received"] = len(ids)
            result["distinct_message_ids"] = len(set(ids))
            # 4. Maya, with her mobile number.
            result["maya_by_mobile"] = ask_for_code(base, "07700900312")[:2]
            texts = Path(folder, "sms")
            result["seconds_until_text_written"] = wait_for(
                lambda: any(texts.glob("*.txt")) if texts.exists() else False, 60
            )
            if texts.exists():
                result["text_file"] = [p.read_text().splitlines()[0] for p in texts.glob("*.txt")]
        finally:
            worker.terminate()
            web.terminate()
            worker.wait(timeout=30)
            web.wait(timeout=30)
            server.stop()
        engine = create_engine(url)
        with engine.connect() as connection:
            result["rows"] = [
                f"{r[0]} {r[1]} attempts={r[2]} {r[3]}"
                for r in connection.execute(
                    text(
                        "select address, status, attempts, message_id from notification"
                        " order by created_at"
                    )
                )
            ]
        engine.dispose()
        arrived = {str(m["Message-ID"]) for m in inbox.received}
        result["emails_in_outbox"] = sum(1 for row in result["rows"] if "@" in row.split()[0])
        result["sent_but_not_arrived"] = [
            row
            for row in result["rows"]
            if "@" in row.split()[0] and row.split()[-1] not in arrived
        ]
        print(json.dumps(result, indent=2))
        good = (
            all(s == 302 and n.endswith("/sign-in/code") for s, n, _ms in first + second)
            and result["messages_received"] == result["distinct_message_ids"] == 8
            and result["emails_in_outbox"] == 8
            and not result["sent_but_not_arrived"]
            and result["seconds_until_text_written"] is not None
        )
        return 0 if good else 1


def _answers(base: str) -> bool:
    try:
        return urllib.request.urlopen(f"{base}/healthz", timeout=2).status == 200
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(main())
