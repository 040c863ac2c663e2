"""Throughput under load: wrk against gunicorn, as the Procfile runs it in production.

Three targets with the same gunicorn settings (gunicorn.conf.py, WEB_CONCURRENCY=2):
a bare Flask "hello", Amira Khan's family home and a report page as Amira (each view
writes an audit row). Prints requests per second, the share of hello, and errors
(non-2xx answers and socket errors); exits 1 on any error.

On SQLite by default (the portal in development mode, since production refuses SQLite);
with BENCH_DATABASE_URL=postgresql+psycopg://…/bench_x on PostgreSQL in production mode
(Redis at BENCH_REDIS_URL, default redis://127.0.0.1:6379/15). Needs `wrk` (Debian:
apt-get install wrk).

    .venv/bin/python bench/load.py [--seconds 10] [--connections 8]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "load-" + "R7kQ2mWz9XbT4vLp" * 3


def prepare(database_url: str, folder: str) -> tuple[str, dict[str, str]]:
    """Migrate and load the demo in process; Amira's session cookie and her pages."""
    sys.path.insert(0, str(ROOT))
    from flask_migrate import upgrade

    from bench.cpu_per_request import amira_pages
    from portal import create_app, demo
    from portal.domain.clock import today_in_london

    app = create_app(
        {
            "PORTAL_ENV": "testing",
            "SECRET_KEY": SECRET_KEY,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": folder,
            "MAIL_DIR": f"{folder}/mail",
        }
    )
    with app.app_context():
        upgrade(directory=str(ROOT / "portal" / "migrations"))
        demo.load(today_in_london())
    client = app.test_client()
    pages = amira_pages(app, client)
    cookie = client.get_cookie("session")
    assert cookie is not None
    with app.app_context():
        from portal.extensions import db

        db.engine.dispose()
    return f"session={cookie.value}", pages


def server_environment(database_url: str, folder: str, port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PORT=str(port),
        WEB_CONCURRENCY=env.get("WEB_CONCURRENCY", "2"),
        SECRET_KEY=SECRET_KEY,
        DATABASE_URL=database_url,
        PORTAL_INSTANCE_PATH=folder,
        AUTHORITY_NAME="Northfield Borough Council",
        LOG_LEVEL="warning",
    )
    if database_url.startswith("postgresql"):
        env.update(
            PORTAL_ENV="production",
            REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
            MAIL_BACKEND="smtp",
            MAIL_SERVER="127.0.0.1",
            MAIL_FROM="portal@northfield.example",
            SMS_BACKEND="off",
            PUBLIC_BASE_URL=f"https://127.0.0.1:{port}",
        )
    else:
        env.update(PORTAL_ENV="development", MAIL_DIR=f"{folder}/mail")
    return env


def start(app: str, env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), app],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
            return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not start: see {log}\n{log.read_text()[-2000:]}")


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


def wrk(url: str, seconds: int, connections: int, cookie: str | None) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if sockets:
        errors += sum(int(n) for n in sockets.groups())
    return {"rate": rate, "requests": total, "errors": errors}


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from bench.common import free_port, fresh_database

    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk (skipping the load benchmark)")
        return 0
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        database_url = fresh_database(folder)
        where = "PostgreSQL, production mode" if database_url.startswith("postgresql") else "SQLite"
        cookie, pages = prepare(database_url, folder)
        port = free_port()
        env = server_environment(database_url, folder, port)
        results: dict[str, dict[str, float]] = {}
        server = start("bench.hello_app:app", env, port, Path(folder) / "hello.log")
        try:
            results["bare Flask hello"] = wrk(
                f"http://127.0.0.1:{port}/", args.seconds, args.connections, None
            )
        finally:
            stop(server)
        log = Path(folder) / "portal.log"
        server = start("portal:create_app()", env, port, log)
        try:
            for name in ("family home", "report page"):
                results[name] = wrk(
                    f"http://127.0.0.1:{port}{pages[name]}", args.seconds, args.connections, cookie
                )
        finally:
            stop(server)
        hello = results["bare Flask hello"]["rate"]
        print(
            f"wrk, {args.connections} connections, {args.seconds} s each, gunicorn 2 workers, {where}:"
        )
        for name, result in results.items():
            failed |= result["errors"] > 0
            print(
                f"  {name}: {result['rate']:.0f} requests/s ({result['rate'] / hello:.1%} of hello), "
                f"{result['errors']:.0f} errors in {result['requests']:.0f} requests"
            )
        if failed:
            errors = [line for line in log.read_text().splitlines() if "error" in line.lower()]
            print("  server errors:", *errors[-5:], sep="\n    ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
