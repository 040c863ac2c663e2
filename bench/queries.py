"""Queries per page must not grow with the data: count them with 5 and with 100 reports.

Run with `.venv/bin/python bench/queries.py`. Exits 1 when a page's count grows.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from flask_migrate import upgrade
    from sqlalchemy import event, select

    from bench.page_weight import sign_in_as_amira
    from portal import create_app, demo
    from portal.data.models import Conference, Report, ReportAudience, ReportKind, ReportVersion
    from portal.domain.clock import now, today_in_london
    from portal.extensions import db

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "PORTAL_ENV": "testing",
                "SECRET_KEY": "bench-" + "x1y2z3" * 8,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
                "INSTANCE_PATH": folder,
                "MAIL_DIR": f"{folder}/mail",
            }
        )
        with app.app_context():
            upgrade(directory=str(ROOT / "portal" / "migrations"))
            demo.load(today_in_london())
        client = app.test_client()
        home = sign_in_as_amira(app, client)
        pages = {"Your meeting (Amira)": home}
        counts: dict[str, list[int]] = {name: [] for name in pages}
        statements: list[str] = []

        def listener(*args: object) -> None:
            statements.append(str(args[2]))

        for extra in (0, 95):
            with app.app_context():
                conference = db.session.scalars(
                    select(Conference).where(Conference.family_name == "Khan")
                ).one()
                for n in range(extra):
                    report = Report(
                        conference_id=conference.id,
                        kind=ReportKind.OTHER,
                        title=f"Extra report {n}",
                        agency="Agency",
                        audience=ReportAudience.FAMILY_AND_PROFESSIONALS,
                        shared_with_family_at=now(),
                        shared_with_chair_at=now(),
                    )
                    report.versions.append(ReportVersion(number=1, sections=[]))
                    db.session.add(report)
                db.session.commit()
                event.listen(db.engine, "before_cursor_execute", listener)
            for name, path in pages.items():
                statements.clear()
                client.get(path)
                counts[name].append(len(statements))
            with app.app_context():
                event.remove(db.engine, "before_cursor_execute", listener)
        grew = False
        for name, (few, many) in counts.items():
            grew |= many > few
            print(f"{name}: {few} queries with 5 reports, {many} with 100")
    return 1 if grew else 0


if __name__ == "__main__":
    sys.exit(main())
