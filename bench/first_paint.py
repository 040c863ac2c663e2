"""Lighthouse on a bad phone: the start page and Amira's family home, served by gunicorn.

The "bad phone" of issue 15: 300 ms round trips, 700 kbit/s, a CPU 6 times slower than
this machine (Lighthouse's simulated throttling, mobile form factor). Prints the
performance score, First and Largest Contentful Paint, the bytes sent and the
render-blocking resources of each page; exits 1 below the goal (LCP <= 2.0 s, score >= 95).

Needs Debian's Chromium (/usr/bin/chromium) and Node; installs Lighthouse 12.2.3 (the last
that runs on Node 20) into .cache/lighthouse on first use. On SQLite by default, or on
PostgreSQL in production mode with BENCH_DATABASE_URL (see bench/load.py).

    .venv/bin/python bench/first_paint.py
    KEEP_LIGHTHOUSE_REPORT=/tmp/lh .venv/bin/python bench/first_paint.py   # keep each JSON report
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.2.3"
TOOLS = ROOT / ".cache" / "lighthouse"
CLI = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
GOAL_LCP_MS = 2000
GOAL_SCORE = 95


def install_lighthouse() -> None:
    if CLI.exists():
        return
    TOOLS.mkdir(parents=True, exist_ok=True)
    # Its own package.json, so npm installs here and never into the portal's own.
    (TOOLS / "package.json").write_text('{"name": "portal-bench-lighthouse", "private": true}\n')
    subprocess.run(
        [
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            "--save-exact",
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ],
        cwd=TOOLS,
        check=True,
    )


def lighthouse(url: str, cookie: str | None, report: Path) -> dict[str, object]:
    command = [
        "node",
        str(CLI),
        url,
        "--quiet",
        "--only-categories=performance",
        "--form-factor=mobile",
        "--screenEmulation.mobile",
        "--throttling-method=simulate",
        "--throttling.rttMs=300",
        "--throttling.throughputKbps=700",
        "--throttling.cpuSlowdownMultiplier=6",
        f"--chrome-path={CHROMIUM}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        "--output=json",
        f"--output-path={report}",
    ]
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    subprocess.run(command, check=True, capture_output=True, timeout=240)
    result = json.loads(report.read_text())
    if os.environ.get("KEEP_LIGHTHOUSE_REPORT"):
        shutil.copy(
            report,
            os.environ["KEEP_LIGHTHOUSE_REPORT"] + "-" + str(abs(hash(url)) % 1000) + ".json",
        )
    audits = result["audits"]
    blocking = audits.get("render-blocking-resources", {}).get("details", {}).get("items", [])
    return {
        "score": round(result["categories"]["performance"]["score"] * 100),
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "blocking": [
            (item["url"].rsplit("/", 1)[-1], item.get("wastedMs", 0)) for item in blocking
        ],
    }


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from bench.common import free_port, fresh_database
    from bench.load import prepare, server_environment, start, stop

    if not Path(CHROMIUM).exists() or not shutil.which("node"):
        print("Lighthouse needs Debian's chromium and node: skipping (apt-get install chromium)")
        return 0
    install_lighthouse()
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        database_url = fresh_database(folder)
        cookie, pages = prepare(database_url, folder)
        port = free_port()
        server = start(
            "portal:create_app()",
            server_environment(database_url, folder, port),
            port,
            Path(folder) / "portal.log",
        )
        try:
            print(f"Lighthouse {LIGHTHOUSE_VERSION}, mobile, 300 ms RTT, 700 kbit/s, 6x CPU:")
            for name, path, with_cookie in (
                ("start page /", "/", False),
                ("family home (Amira)", pages["family home"], True),
            ):
                found = lighthouse(
                    f"http://127.0.0.1:{port}{path}",
                    cookie if with_cookie else None,
                    Path(folder) / "report.json",
                )
                failed |= found["lcp"] > GOAL_LCP_MS or found["score"] < GOAL_SCORE
                blocking = (
                    ", ".join(f"{url} ({ms:.0f} ms)" for url, ms in found["blocking"]) or "none"
                )
                print(
                    f"  {name}: score {found['score']}, FCP {found['fcp'] / 1000:.2f} s, "
                    f"LCP {found['lcp'] / 1000:.2f} s, {found['bytes'] / 1024:.1f} KB; "
                    f"render-blocking: {blocking}"
                )
        finally:
            stop(server)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
