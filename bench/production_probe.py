"""The Procfile's `web`, in production mode on PostgreSQL and Redis, probed from outside.

Loads the demo and N extra conferences (default 2,000) into BENCH_DATABASE_URL, starts
the Procfile's web command with honcho (gunicorn, PORTAL_ENV=production), and checks over
HTTP, as a proxy or a phone would see it:
- /healthz answers 200;
- every asset a page names is hashed, `public, max-age=31536000, immutable`, without
  Set-Cookie or Vary: Cookie, and comes as Brotli or gzip when asked, even with the
  session cookie;
- a signed-in page does not send the session cookie again when nothing changed;
- each list page is at most 100 KB and answers within 100 ms (median of 5);
- the server's log is one JSON line per request, with no path, id or email in it.
Exits 1 if any check fails.

    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench_production \\
        .venv/bin/python bench/production_probe.py [--conferences 2000]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')
MAX_BYTES = 100 * 1024
MAX_MS = 100.0


class WebDidNotStart(Exception):
    pass


def fetch(port: int, path: str, headers: dict[str, str] | None = None, timeout: float = 30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    started = time.perf_counter()
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    return response, body, elapsed


def professional_cookie(app, email: str) -> str:
    from bench.lists import signed_in_client

    client = signed_in_client(app, email)
    client.get("/conferences")
    return f"session={client.get_cookie('session').value}"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from bench.common import free_port
    from bench.load import SECRET_KEY, server_environment

    parser = argparse.ArgumentParser()
    parser.add_argument("--conferences", type=int, default=2000)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        print(
            "production_probe: set BENCH_DATABASE_URL to a PostgreSQL database named *bench or bench_*"
        )
        return 0
    import logging

    logging.disable(logging.INFO)
    from bench.common import fresh_database
    from bench.load import prepare
    from portal import create_app
    from portal.data.interfaces import demo_conferences
    from portal.domain.clock import now

    problems: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        fresh_database(folder)
        amira_cookie, pages = prepare(url, folder)
        app = create_app(
            {
                "PORTAL_ENV": "testing",
                "SECRET_KEY": SECRET_KEY,
                "SQLALCHEMY_DATABASE_URI": url,
                "INSTANCE_PATH": folder,
            }
        )
        with app.app_context():
            from sqlalchemy import text

            from portal.extensions import db

            demo_conferences.add_conferences("northfield", args.conferences, now())
            db.session.execute(text("ANALYZE"))
            db.session.commit()
        cookies = {
            "Jo (chair)": professional_cookie(app, "jo.evans@northfield.example"),
            "Chris (administrator)": professional_cookie(app, "chris.lee@northfield.example"),
            "Morgan (manager)": professional_cookie(app, "morgan.hughes@northfield.example"),
        }
        with app.app_context():
            db.engine.dispose()
        port = free_port()
        env = server_environment(url, folder, port)
        env["LOG_LEVEL"] = "info"
        log = Path(folder) / "web.log"
        server = subprocess.Popen(
            [str(ROOT / ".venv/bin/honcho"), "start", "-f", "Procfile", "-p", str(port), "web"],
            cwd=ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        try:
            # A minute at most: a worker that cannot start (a missing setting) is a failure
            # to report, not a wait (gunicorn's master accepts connections without workers).
            deadline = time.monotonic() + 60
            while True:
                try:
                    if fetch(port, "/healthz", timeout=2)[0].status == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    problems.append(
                        "the web process never answered /healthz: "
                        + log.read_text(errors="replace")[-600:]
                    )
                    raise WebDidNotStart
                time.sleep(0.2)
            print(
                f"Procfile web (gunicorn, production, PostgreSQL, Redis) with +{args.conferences} conferences:"
            )
            # The first view may note the time and a form token in the cookie; the next not.
            response, page, _ms = fetch(port, pages["family home"], {"Cookie": amira_cookie})
            renewed = response.getheader("Set-Cookie")
            if renewed:
                amira_cookie = renewed.split(";", 1)[0]
            response, page, _ms = fetch(port, pages["family home"], {"Cookie": amira_cookie})
            print(f"  family home: {response.status}, {len(page) / 1024:.1f} KB")
            if response.status != 200:
                problems.append(f"family home: {response.status}")
            if response.getheader("Set-Cookie"):
                problems.append("the family home sent the session cookie again unchanged")
            for asset in sorted(set(ASSET.findall(page.decode()))):
                answer, body, _ms = fetch(
                    port, asset, {"Cookie": amira_cookie, "Accept-Encoding": "br, gzip"}
                )
                line = (
                    f"  {asset}: {answer.status}, {answer.getheader('Content-Encoding')}, "
                    f"{len(body)} bytes, Cache-Control: {answer.getheader('Cache-Control')}, "
                    f"Vary: {answer.getheader('Vary')}, Set-Cookie: {bool(answer.getheader('Set-Cookie'))}"
                )
                print(line)
                if not re.search(r"\.[0-9a-f]{12}\.", asset):
                    problems.append(f"{asset} has no content hash")
                if answer.getheader("Cache-Control") != "public, max-age=31536000, immutable":
                    problems.append(f"{asset} is not cached a year")
                if (
                    answer.getheader("Set-Cookie")
                    or "cookie" in (answer.getheader("Vary") or "").lower()
                ):
                    problems.append(f"{asset} sets or varies on cookies")
                if answer.getheader("Content-Encoding") not in {"br", "gzip"}:
                    problems.append(f"{asset} is not compressed")
            for who, cookie in cookies.items():
                sizes, times = [], []
                for _ in range(5):
                    answer, body, ms = fetch(port, "/conferences", {"Cookie": cookie})
                    sizes.append(len(body))
                    times.append(ms)
                median = statistics.median(times)
                print(
                    f"  /conferences as {who}: {answer.status}, {sizes[-1] / 1024:.1f} KB, {median:.0f} ms"
                )
                if answer.status != 200 or sizes[-1] > MAX_BYTES or median > MAX_MS:
                    problems.append(f"/conferences as {who}: over budget or not 200")
        except WebDidNotStart:
            pass  # reported below with the other problems, and the probe exits 1
        finally:
            server.terminate()
            server.wait(timeout=30)
        lines = [line for line in log.read_text().splitlines() if '"portal.request"' in line]
        for line in lines:
            text_after = line.split("|", 1)[-1].strip()
            record = json.loads(text_after[text_after.index("{") :])
            if re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-|@|\?", record.get("route") or ""):
                problems.append(f"a log line holds a path or personal data: {record}")
        print(
            f"  {len(lines)} JSON request lines in the log, e.g. {lines[-1].split('|', 1)[-1].strip() if lines else 'none'}"
        )
    for problem in problems:
        print(f"  FAILED: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
