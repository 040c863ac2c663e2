"""Every setting the portal offers is used: a setting nothing reads promises what the
portal does not do (the README lists them for councils)."""

from __future__ import annotations

import re
from pathlib import Path

from portal import config

ROOT = Path(__file__).resolve().parents[2]
# Read by Flask or an extension under their own names.
FRAMEWORK = re.compile(
    r"(SQLALCHEMY|SESSION|REMEMBER|WTF|BABEL|RATELIMIT|COMPRESS)_\w+|TESTING|MAX_CONTENT_LENGTH"
)
# Read inside config.py itself: the rate limiter's storage is REDIS_URL.
READ_BY_CONFIG = {"REDIS_URL"}


def settings() -> list[str]:
    return sorted(config.load({"PORTAL_ENV": "testing", "SECRET_KEY": "x" * 40}))


def unused_settings() -> list[str]:
    code = [
        path.read_text("utf-8")
        for folder, pattern in (("portal", "*.py"), ("templates", "*.html"))
        for path in (ROOT / folder).rglob(pattern)
        if path.name != "config.py"
    ]
    return [
        name
        for name in settings()
        if not FRAMEWORK.fullmatch(name)
        and name not in READ_BY_CONFIG
        and not any(name in text for text in code)
    ]


def test_every_setting_is_used_by_the_portal():
    assert unused_settings() == []


def test_the_readme_lists_only_variables_the_portal_reads():
    readme = (ROOT / "README.md").read_text("utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    listed = {name for row in rows for name in re.findall(r"`([A-Z_]+)`", row)}
    source = (ROOT / "portal" / "config.py").read_text("utf-8")
    read = set(re.findall(r'env\.get\(\s*"([A-Z_]+)"', source)) | {"PORT"}  # PORT: make run's
    assert listed - read == set()
