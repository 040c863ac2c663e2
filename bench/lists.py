"""Lists stay bounded as a council's caseload grows: queries, bytes and time per page.

Loads the demo, measures each page, adds N realistic conferences to the demo council
(`flask demo --conferences N`'s generator), and measures again. Every page must keep its
query count; every list page must stay within 100 KB of HTML and 100 ms (median, in
process). Prints a table; exits 1 when a check fails.

    .venv/bin/python bench/lists.py [--conferences 2000 [10000 ...]]
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench_x .venv/bin/python bench/lists.py
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_BYTES = 100 * 1024
MAX_MS = 100.0
ROUNDS = 7


def signed_in_client(app, email: str):
    from sqlalchemy import select, update

    from portal.auth.session import session_keys
    from portal.data.interfaces import auth
    from portal.data.models import Participant, Person
    from portal.domain.clock import now
    from portal.extensions import db

    client = app.test_client()
    with app.app_context():
        person = db.session.scalars(select(Person).where(Person.email == email)).one()
        db.session.execute(
            update(Participant)
            .where(Participant.person_id == person.id)
            .values(privacy_notice_seen_at=now(), agreed_to_keep_reports_private_at=now())
        )
        db.session.commit()
        keys = session_keys(auth.start_session(person), person)
    with client.session_transaction() as session:
        session.update(keys)
    return client


def pages(app) -> list[tuple[str, str, str, bool]]:
    """(name, who, path, is a list) for the pages measured."""
    from sqlalchemy import select

    from portal.data.models import Conference, Report
    from portal.extensions import db

    with app.app_context():
        khan = db.session.scalars(select(Conference).where(Conference.family_name == "Khan")).one()
        report = db.session.scalars(
            select(Report).where(
                Report.conference_id == khan.id,
                Report.title == "Social work report",
                Report.translation_of_id.is_(None),
            )
        ).one()
        khan_id, report_id = khan.id, report.id
    return [
        ("Your meetings (Jo, chair)", "jo.evans@northfield.example", "/conferences", True),
        (
            "Your meetings (Priya, social worker)",
            "priya.patel@northfield.example",
            "/conferences",
            True,
        ),
        (
            "Your meetings (Chris, administrator)",
            "chris.lee@northfield.example",
            "/conferences",
            True,
        ),
        (
            "Your meetings (Morgan, manager)",
            "morgan.hughes@northfield.example",
            "/conferences",
            True,
        ),
        (
            "Access history (Jo)",
            "jo.evans@northfield.example",
            f"/conferences/{khan_id}/access-history",
            True,
        ),
        (
            "Family home (Amira)",
            "amira.khan@family.example",
            f"/conferences/{khan_id}/family",
            False,
        ),
        (
            "Report page (Amira)",
            "amira.khan@family.example",
            f"/conferences/{khan_id}/reports/{report_id}",
            False,
        ),
    ]


def measure(app, clients, page) -> tuple[int, int, float, int]:
    """(queries, bytes, median ms, status)."""
    from sqlalchemy import event

    from portal.extensions import db

    _name, who, path, _is_list = page
    client = clients[who]
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    client.get(path)  # warm
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return len(statements), len(response.get_data()), statistics.median(times), response.status_code


def main() -> int:
    sys.path.insert(0, str(ROOT))
    import logging

    logging.disable(logging.INFO)
    from flask_migrate import upgrade

    from bench.common import fresh_database
    from portal import create_app, demo
    from portal.data.interfaces import demo_conferences
    from portal.domain.clock import now, today_in_london

    parser = argparse.ArgumentParser()
    parser.add_argument("--conferences", type=int, nargs="+", default=[2000])
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database(folder)
        app = create_app(
            {
                "PORTAL_ENV": "testing",
                "TESTING": False,
                "SECRET_KEY": "lists-" + "k3Jq9Zr1Tw" * 4,
                "SQLALCHEMY_DATABASE_URI": url,
                "INSTANCE_PATH": folder,
                "MAIL_DIR": f"{folder}/mail",
            }
        )
        with app.app_context():
            upgrade(directory=str(ROOT / "portal" / "migrations"))
            demo.load(today_in_london())
        measured = pages(app)
        clients = {who: signed_in_client(app, who) for _n, who, _p, _l in measured}
        baseline = {page[0]: measure(app, clients, page) for page in measured}
        where = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        print(f"Lists with the demo only, then with extra conferences ({where}, in process):")
        for name, (queries, size, ms, status) in baseline.items():
            print(
                f"  demo only   {name}: {status}, {queries} queries, {size / 1024:.1f} KB, {ms:.1f} ms"
            )
        added = 0
        for target in sorted(args.conferences):
            started = time.perf_counter()
            with app.app_context():
                demo_conferences.add_conferences("northfield", target - added, now())
                if url.startswith("postgresql"):
                    # As autovacuum would soon after: plans for the new table sizes.
                    from sqlalchemy import text

                    from portal.extensions import db

                    db.session.execute(text("ANALYZE"))
                    db.session.commit()
            added = target
            print(f"  (+{target} conferences loaded in {time.perf_counter() - started:.0f} s)")
            for page in measured:
                name, _who, _path, is_list = page
                queries, size, ms, status = measure(app, clients, page)
                problems = []
                if status != 200:
                    problems.append(f"status {status}")
                if queries != baseline[name][0]:
                    problems.append(f"queries {baseline[name][0]} -> {queries}")
                if is_list and size > MAX_BYTES:
                    problems.append(f"over {MAX_BYTES // 1024} KB")
                if is_list and ms > MAX_MS:
                    problems.append(f"over {MAX_MS:.0f} ms")
                failed |= bool(problems)
                verdict = "; ".join(problems) or "ok"
                print(
                    f"  +{target:<6}    {name}: {queries} queries, {size / 1024:.1f} KB, "
                    f"{ms:.1f} ms — {verdict}"
                )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
