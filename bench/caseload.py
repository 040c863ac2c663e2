"""The caseload list and the submissions page with 10,000 extra conferences.

For Priya (social worker), Jo (chair) and Morgan (manager: every conference of the council):
"Your meetings" upcoming, its second page, the past tab, sorted by family, and Morgan's list
narrowed to one social worker; and the Khan family's submissions page and arrangements sheet
as Jo. Each is measured with the demo alone and again with the extra conferences: queries per
page (goal: the same count), median time per request (goal: <= 50 ms) and HTML size (goal:
<= 100 KB).

    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench_caseload \\
        .venv/bin/python bench/caseload.py [--conferences 10000] [--runs 20]

Without BENCH_DATABASE_URL it runs on SQLite in a temporary folder. "cpu ms" is the web
side's own processor time per request: on a busy shared machine it says more than the wall
time, which also waits for the database and for other processes. Exits 1 when a page's
query count grows with the data or a list is over 100 KB; timings are reported, not failed
(they depend on the machine).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIME_GOAL_MS = 50
SIZE_GOAL_KB = 100


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conferences", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    arguments = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    from flask_migrate import upgrade
    from sqlalchemy import event, select

    from bench.common import fresh_database
    from portal import create_app, demo
    from portal.auth.session import session_keys
    from portal.data.interfaces import auth, demo_conferences
    from portal.data.models import Conference, Participant, Person, Role
    from portal.domain.clock import now, today_in_london
    from portal.extensions import db

    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database(folder)
        app = create_app(
            {
                "PORTAL_ENV": "testing",
                "SECRET_KEY": "bench-" + "x1y2z3" * 8,
                "SQLALCHEMY_DATABASE_URI": url,
                "INSTANCE_PATH": folder,
                "MAIL_DIR": f"{folder}/mail",
                "RATELIMIT_STORAGE_URI": "memory://",
            }
        )
        with app.app_context():
            upgrade(directory=str(ROOT / "portal" / "migrations"))
            demo.load(today_in_london())
            khan = db.session.scalars(
                select(Conference.id).where(Conference.family_name == "Khan")
            ).one()
            priya = db.session.scalars(
                select(Person.id).where(Person.email == "priya.patel@northfield.example")
            ).one()
            jo = db.session.scalars(
                select(Person.id).where(Person.email == "jo.evans@northfield.example")
            ).one()

        clients = {}
        for name in ("priya", "jo", "morgan"):
            client = app.test_client()
            with app.app_context():
                person = db.session.scalars(
                    select(Person).where(Person.email.like(f"{name}.%@northfield.example"))
                ).one()
                keys = session_keys(auth.start_session(person), person)
            with client.session_transaction() as session:
                session.update(keys)
            clients[name] = client

        statements: list[str] = []

        def listener(*args: object) -> None:
            statements.append(str(args[2]))

        def measure(client: object, path: str) -> tuple[int, float, float, int, str]:
            """Queries, median wall and CPU milliseconds (this process: the web side,
            less affected by other work on a shared machine) and bytes of one page."""
            with app.app_context():
                engine = db.engine
            event.listen(engine, "before_cursor_execute", listener)
            statements.clear()
            response = client.get(path)  # type: ignore[attr-defined]
            event.remove(engine, "before_cursor_execute", listener)
            if response.status_code != 200:
                raise SystemExit(f"{path}: status {response.status_code}")
            body = response.get_data()
            queries = len(statements)
            timings, cpu = [], []
            for _ in range(arguments.runs):
                started, started_cpu = time.perf_counter(), time.process_time()
                client.get(path).close()  # type: ignore[attr-defined]
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            return (
                queries,
                statistics.median(timings),
                statistics.median(cpu),
                len(body),
                body.decode(),
            )

        def second_page(client: object) -> str:
            body = client.get("/conferences").get_data(as_text=True)  # type: ignore[attr-defined]
            found = re.search(r'href="(/conferences\?[^"]*after=[^"]+)"', body)
            return found.group(1).replace("&amp;", "&") if found else "/conferences"

        def pages() -> dict[str, tuple[object, str]]:
            return {
                "Priya: upcoming": (clients["priya"], "/conferences"),
                "Priya: page 2": (clients["priya"], second_page(clients["priya"])),
                "Priya: past": (clients["priya"], "/conferences?when=past"),
                "Jo: upcoming": (clients["jo"], "/conferences"),
                "Jo: by next deadline": (clients["jo"], "/conferences?sort=deadline"),
                "Morgan: upcoming": (clients["morgan"], "/conferences"),
                "Morgan: page 2": (clients["morgan"], second_page(clients["morgan"])),
                "Morgan: past, by family": (
                    clients["morgan"],
                    "/conferences?when=past&sort=family",
                ),
                "Morgan: Priya's only": (clients["morgan"], f"/conferences?social_worker={priya}"),
                "Jo: submissions (Khan)": (
                    clients["jo"],
                    f"/conferences/{khan}/what-the-family-said",
                ),
                "Jo: arrangements (Khan)": (clients["jo"], f"/conferences/{khan}/arrangements"),
            } | (
                {
                    "Jo: submissions (generated)": (
                        clients["jo"],
                        f"/conferences/{generated}/what-the-family-said",
                    )
                }
                if generated
                else {}
            )

        generated = None
        before = {name: measure(*page)[0] for name, page in pages().items()}
        with app.app_context():
            started = time.perf_counter()
            total = demo_conferences.add_conferences("northfield", arguments.conferences, now())
            loading = time.perf_counter() - started
            # One of Jo's generated conferences with a family that has sent and opened things.
            generated = db.session.scalars(
                select(Participant.conference_id)
                .join(Conference, Conference.id == Participant.conference_id)
                .where(
                    Participant.person_id == jo,
                    Participant.role == Role.CHAIR,
                    Conference.family_name != "Khan",
                    Conference.family_name != "Brown",
                )
                .limit(1)
            ).first()
        if generated:
            # Its count before is Khan's: the same page, whatever the conference.
            before["Jo: submissions (generated)"] = before["Jo: submissions (Khan)"]
        database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        print(
            f"{database}: added {arguments.conferences} conferences in {loading:.1f} s "
            f"({total} in the council); median of {arguments.runs} requests each"
        )
        failed = False
        print(f"{'page':32} {'queries':>13} {'ms':>7} {'cpu ms':>7} {'KB':>7}  rows")
        for name, (client, path) in pages().items():
            queries, milliseconds, cpu, size, body = measure(client, path)
            rows = len(re.findall(r'class="portal-caseload__item"', body))
            grew = queries > before[name]
            big = size > SIZE_GOAL_KB * 1024
            failed |= grew or big
            flags = " ".join(
                flag
                for flag, bad in (
                    ("QUERIES GREW", grew),
                    ("OVER 100 KB", big),
                    (f"over {TIME_GOAL_MS} ms", milliseconds > TIME_GOAL_MS),
                )
                if bad
            )
            print(
                f"{name:32} {before[name]:>5} -> {queries:<5} {milliseconds:>7.1f} {cpu:>7.1f} "
                f"{size / 1024:>7.1f}  {rows:>4} {flags}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
