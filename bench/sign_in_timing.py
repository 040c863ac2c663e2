"""Does sign-in take the same time for a known and an unknown address?

Runs the real routes in-process against a fresh database (SQLite, or PostgreSQL when
BENCH_DATABASE_URL is set to a database whose name ends in "bench" or "test"), with the
real argon2 parameters and mail written to files. Alternates known and unknown
addresses in fresh browsers and prints the median and 90th percentile of each, in ms.

    .venv/bin/python bench/sign_in_timing.py [rounds]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def timed(send: Any) -> float:
    start = time.perf_counter()
    send()
    return (time.perf_counter() - start) * 1000


def token(client: Any, path: str) -> str:
    import re

    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p90_ms": round(ordered[int(len(ordered) * 0.9) - 1], 2),
    }


def main(rounds: int) -> int:
    sys.path.insert(0, str(ROOT))
    from flask_migrate import upgrade

    from bench.common import fresh_database
    from portal import create_app, demo
    from portal.domain.clock import today_in_london
    from portal.extensions import limiter

    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database(folder)
        app = create_app(
            {
                "PORTAL_ENV": "testing",
                "SECRET_KEY": "bench-" + "x1y2z3" * 8,
                "SQLALCHEMY_DATABASE_URI": url,
                "INSTANCE_PATH": folder,
                "MAIL_BACKEND": "file",
                "MAIL_DIR": f"{folder}/mail",
                "RATELIMIT_STORAGE_URI": "memory://",
                "DEMO_SKIP_SECOND_FACTOR": False,
            }
        )
        limiter.enabled = False  # what is measured is the route, not the limiter
        with app.app_context():
            upgrade(directory=str(ROOT / "portal" / "migrations"))
            demo.load(today_in_london())
        samples: dict[str, list[float]] = {k: [] for k in ("family_known", "family_unknown")}
        samples.update({"professional_known": [], "professional_unknown": []})
        for n in range(rounds):
            families = [
                ("family_known", "amira.khan@family.example"),
                ("family_unknown", "nobody@family.example"),
            ]
            # Alternate which goes first, so neither pays for warming the other's caches.
            for kind, contact in families if n % 2 else families[::-1]:
                client = app.test_client()
                form = {"contact": contact, "csrf_token": token(client, "/sign-in")}
                samples[kind].append(timed(lambda c=client, f=form: c.post("/sign-in", data=f)))
            for kind, email in (
                ("professional_known", "jo.evans@northfield.example"),
                ("professional_unknown", f"nobody{n}@northfield.example"),
            ):
                client = app.test_client()
                path = "/sign-in/professional"
                form = {"email": email, "password": "wrong", "csrf_token": token(client, path)}
                samples[kind].append(timed(lambda c=client, f=form, p=path: c.post(p, data=f)))
            if n % 4 == 3:
                # Keep clear of the per-address limits: this measures time, not limits.
                with app.app_context():
                    from portal.data.models import SignInThrottle
                    from portal.extensions import db

                    db.session.query(SignInThrottle).delete()
                    db.session.commit()
        database = "postgresql" if url.startswith("postgresql") else "sqlite"
        result = {"database": database, "rounds": rounds}
        result.update({kind: summary(values) for kind, values in samples.items()})
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 60))
