"""Server CPU per request, in process: the family home, check answers and a report page.

Run with `make bench` or `.venv/bin/python bench/cpu_per_request.py [--profile PAGE]`.
Each page is requested through the WSGI app (no network, no server) as Amira Khan, on
SQLite, after a warm-up; the figure is process CPU time per request, beside a bare Flask
"hello" for scale. Goal (issue 15): at most 4 ms each. Prints one line a page and exits 1
over the goal. `--profile PAGE` prints the top of a cProfile run of that page instead.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 4.0
ROUNDS = 200
WARM_UP = 20


def per_request_ms(client, path: str, rounds: int = ROUNDS, batches: int = 5) -> float:
    """CPU per request: the quickest of a few batches (the machine is shared; others'
    work only ever adds to a batch, so the minimum is the page's own cost)."""
    for _ in range(WARM_UP):
        assert client.get(path).status_code == 200, path
    per_batch = max(1, rounds // batches)
    best = float("inf")
    for _ in range(batches):
        started = time.process_time()
        for _ in range(per_batch):
            client.get(path)
        best = min(best, (time.process_time() - started) / per_batch * 1000)
    return best


def amira_pages(app, client) -> dict[str, str]:
    from sqlalchemy import select

    from bench.page_weight import sign_in_as_amira
    from portal.data.models import Report
    from portal.extensions import db

    home = sign_in_as_amira(app, client)
    conference = home.split("/")[2]
    with app.app_context():
        report = db.session.scalars(
            select(Report).where(
                Report.title == "Social work report", Report.translation_of_id.is_(None)
            )
        ).one()
    # Promise to keep the reports private first, as any visit after the first has.
    with app.app_context():
        from portal.data.models import Participant, Person

        amira = db.session.scalars(
            select(Person).where(Person.email == "amira.khan@family.example")
        ).one()
        place = db.session.scalars(
            select(Participant).where(Participant.person_id == amira.id)
        ).one()
        place.agreed_to_keep_reports_private_at = place.privacy_notice_seen_at
        db.session.commit()
    return {
        "family home": home,
        "check answers": f"{home}/meeting/check",
        "report page": f"/conferences/{conference}/reports/{report.id}",
    }


def build(folder: str):
    sys.path.insert(0, str(ROOT))
    from flask_migrate import upgrade

    from portal import create_app, demo
    from portal.domain.clock import today_in_london

    app = create_app(
        {
            "PORTAL_ENV": "testing",
            "TESTING": False,
            "SECRET_KEY": "bench-" + "x1y2z3" * 8,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
            "INSTANCE_PATH": folder,
            "MAIL_DIR": f"{folder}/mail",
        }
    )
    with app.app_context():
        upgrade(directory=str(ROOT / "portal" / "migrations"))
        demo.load(today_in_london())
    return app


def hello_ms() -> float:
    from flask import Flask

    hello = Flask("hello")
    hello.add_url_rule("/", "hello", lambda: "Hello")
    return per_request_ms(hello.test_client(), "/", rounds=2000)


def main(argv: list[str]) -> int:
    import logging

    logging.disable(logging.INFO)
    with tempfile.TemporaryDirectory() as folder:
        app = build(folder)
        client = app.test_client()
        pages = amira_pages(app, client)
        if argv[:1] == ["--profile"]:
            import cProfile
            import pstats

            path = pages[" ".join(argv[1:]) or "family home"]
            per_request_ms(client, path, rounds=5)
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(100):
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
            return 0
        hello = hello_ms()
        print(f"bare Flask hello: {hello:.2f} ms CPU per request")
        over = False
        for name, path in pages.items():
            cost = per_request_ms(client, path)
            over |= cost > GOAL_MS
            print(
                f"{name}: {cost:.2f} ms CPU per request ({cost / hello:.0f}x hello), goal {GOAL_MS} ms"
            )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
