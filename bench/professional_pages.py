"""The pages professionals use to put a conference in: queries, size and time, as data grows.

Measures each page with the demo alone, then again after the Khan conference has grown
(30 more shared reports with two versions each and the family's reads, 20 more family
members and professionals) and the council has 40 more staff. A page's query count must
not grow with the data (exits 1 if it does); sizes and median times are reported (time on
a busy shared machine says little: compare the query counts and the sizes).

    .venv/bin/python bench/professional_pages.py          # SQLite, in process
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench_pages \\
        .venv/bin/python bench/professional_pages.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 7
STAFF = {
    "Priya": "priya.patel@northfield.example",
    "Jo": "jo.evans@northfield.example",
    "Chris": "chris.lee@northfield.example",
}


def pages(app) -> list[tuple[str, str, str]]:
    """(page, who, path)."""
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
        base = f"/conferences/{khan.id}"
        report_path = f"{base}/reports/{report.id}"
    return [
        ("book a conference (first question)", "Priya", "/book"),
        ("conference overview", "Priya", base),
        ("people and invitations", "Priya", f"{base}/people"),
        ("reports to write or share", "Priya", f"{base}/write"),
        ("a report, with the family's reads", "Priya", report_path),
        ("what the family and child sent", "Priya", f"{base}/what-the-family-said"),
        ("deadlines", "Priya", f"{base}/deadlines"),
        ("messages sent", "Priya", f"{base}/messages"),
        ("arrangements sheet", "Jo", f"{base}/arrangements"),
        ("the council's staff", "Chris", "/council/staff"),
        ("the council's timescales", "Chris", "/council/policy"),
    ]


def grow(app) -> None:
    """More of everything a professional's page lists."""
    from sqlalchemy import select

    from portal.data.models import (
        Conference,
        Participant,
        Person,
        Report,
        ReportAudience,
        ReportKind,
        ReportRead,
        ReportVersion,
        Role,
        StaffRole,
    )
    from portal.domain.clock import now
    from portal.extensions import db

    with app.app_context():
        khan = db.session.scalars(select(Conference).where(Conference.family_name == "Khan")).one()
        parents = [p for p in khan.participants if p.role is Role.PARENT]
        for n in range(30):
            report = Report(
                conference_id=khan.id,
                kind=ReportKind.OTHER,
                title=f"Bench report {n}",
                agency="Northfield Health",
                audience=ReportAudience.FAMILY_AND_PROFESSIONALS,
                shared_with_family_at=now(),
                shared_with_chair_at=now(),
            )
            report.versions.append(
                ReportVersion(number=1, sections=[{"heading": "What we saw", "text": "Words."}])
            )
            report.versions.append(
                ReportVersion(number=2, sections=[{"heading": "What we saw", "text": "More."}])
            )
            db.session.add(report)
            db.session.flush()
            for parent in parents:
                db.session.add(ReportRead(participant_id=parent.id, report_id=report.id))
        for n in range(20):
            professional = n % 2 == 0
            person = Person(
                authority_id=khan.authority_id,
                full_name=f"Bench Person {n}",
                email=f"bench.person.{n}@example.org",
                is_professional=professional,
                agency="Northfield Health" if professional else None,
            )
            db.session.add(person)
            db.session.flush()
            db.session.add(
                Participant(
                    conference_id=khan.id,
                    person_id=person.id,
                    role=Role.PROFESSIONAL if professional else Role.PARENT,
                    relationship_to_child=None if professional else "aunt",
                    agency="Northfield Health" if professional else None,
                )
            )
        for n in range(40):
            db.session.add(
                Person(
                    authority_id=khan.authority_id,
                    full_name=f"Bench Staff {n}",
                    email=f"bench.staff.{n}@northfield.example",
                    is_professional=True,
                    staff_role=StaffRole.SOCIAL_WORKER,
                )
            )
        db.session.commit()


def measure(app, client, path: str) -> tuple[int, int, float, int]:
    """(queries, bytes, median ms, status)."""
    from sqlalchemy import event

    from portal.extensions import db

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
    from bench.lists import signed_in_client
    from portal import create_app, demo
    from portal.domain.clock import today_in_london

    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database(folder)
        app = create_app(
            {
                "PORTAL_ENV": "testing",
                "TESTING": False,
                "SECRET_KEY": "pages-" + "k3Jq9Zr1Tw" * 4,
                "SQLALCHEMY_DATABASE_URI": url,
                "INSTANCE_PATH": folder,
                "MAIL_DIR": f"{folder}/mail",
            }
        )
        with app.app_context():
            upgrade(directory=str(ROOT / "portal" / "migrations"))
            demo.load(today_in_london())
        measured = pages(app)
        clients = {who: signed_in_client(app, email) for who, email in STAFF.items()}
        before = {name: measure(app, clients[who], path) for name, who, path in measured}
        grow(app)
        after = {name: measure(app, clients[who], path) for name, who, path in measured}
    where = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(f"Professional pages ({where}, in process): demo alone -> grown")
    grew = False
    for name, who, _path in measured:
        (q1, b1, t1, s1), (q2, b2, t2, s2) = before[name], after[name]
        bad = q2 > q1 or s1 != 200 or s2 != 200
        grew |= bad
        print(
            f"  {name} ({who}): {s1}/{s2}, queries {q1} -> {q2}, "
            f"{b1 / 1024:.1f} -> {b2 / 1024:.1f} KB, {t1:.0f} -> {t2:.0f} ms"
            + ("  GREW OR FAILED" if bad else "")
        )
    return 1 if grew else 0


if __name__ == "__main__":
    sys.exit(main())
