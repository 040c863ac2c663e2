"""Page weight on a first visit: the HTML and everything it loads, raw and gzipped.

Run with `make bench`. Prints one line a page and fails (exit 1) over the budget.
Usage: python bench/page_weight.py [PATH ...]
(default: the start page, and Amira Khan's "Your meeting" page signed in)
"""

from __future__ import annotations

import gzip
import re
import sys
import tempfile
from pathlib import Path

BUDGET = 75 * 1024
ASSET = re.compile(r'(?:src|href)="(/static/[^"]+)"')


def weigh(client, path: str) -> tuple[int, int, list[str]]:
    """Bytes the portal itself sends (it compresses assets, not pages), and the raw size."""
    headers = {"Accept-Encoding": "gzip"}
    response = client.get(path, headers=headers)
    html = response.get_data()
    urls = sorted(set(ASSET.findall(html.decode())))
    sent, raw = len(html), len(html)
    for url in urls:
        asset = client.get(url, headers=headers)
        body = asset.get_data()
        asset.close()
        sent += len(body)
        compressed = asset.headers.get("Content-Encoding") == "gzip"
        raw += len(gzip.decompress(body)) if compressed else len(body)
    return raw, sent, urls


def sign_in_as_amira(app, client) -> str:
    """Sign the client in as the demo's mother; return her "Your meeting" page."""
    from datetime import UTC, datetime

    from sqlalchemy import select

    from portal.auth.session import session_keys
    from portal.data.interfaces import auth
    from portal.data.models import Participant, Person
    from portal.extensions import db

    with app.app_context():
        amira = db.session.scalars(
            select(Person).where(Person.email == "amira.khan@family.example")
        ).one()
        place = db.session.scalars(
            select(Participant).where(Participant.person_id == amira.id)
        ).one()
        place.privacy_notice_seen_at = datetime.now(UTC)
        db.session.commit()
        keys = session_keys(auth.start_session(amira), amira)
        path = f"/conferences/{place.conference_id}/family"
    with client.session_transaction() as session:
        session.update(keys)
    return path


def main(paths: list[str]) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from flask_migrate import upgrade

    from portal import create_app, demo
    from portal.domain.clock import today_in_london

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
            upgrade(directory=str(Path(__file__).resolve().parent.parent / "portal" / "migrations"))
            demo.load(today_in_london())
        client = app.test_client()
        if not paths:
            paths = ["/", sign_in_as_amira(app, client)]
        over = False
        for path in paths:
            raw, packed, urls = weigh(client, path)
            over |= packed > BUDGET
            print(
                f"{path}: {packed / 1024:.1f} KB transferred ({raw / 1024:.1f} KB uncompressed), "
                f"{len(urls) + 1} requests, budget {BUDGET // 1024} KB"
            )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
