"""The access history a page at a time (issue 15): a conference open for years has
thousands of lines, and the chair's page must stay the same size and cost."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import unescape

from sqlalchemy import event

from portal.data.interfaces.audit import PAGE_SIZE
from portal.data.models import AuditEvent
from portal.extensions import db

OLDER = re.compile(r'href="([^"]*access-history\?before=[^"]+)"[^>]*rel="next"')
LINE = re.compile(r"<li>\s*<strong>")


def add_history(app, demo, count: int) -> None:
    """`count` report openings by Amira, a minute apart, the last two at the same moment."""
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    with app.app_context():
        for n in range(count):
            moment = start + timedelta(minutes=min(n, count - 2))
            db.session.add(
                AuditEvent(
                    occurred_at=moment,
                    actor_id=demo["people"]["amira"],
                    conference_id=demo["conferences"]["khan"],
                    action="viewed",
                    object_type="report",
                    object_id=demo["reports"]["Social work report"],
                )
            )
        db.session.commit()


def lines_of(page: str) -> int:
    return len(LINE.findall(page))


def older_link(page: str) -> str | None:
    found = OLDER.search(page)
    return unescape(found.group(1)) if found else None


def test_the_access_history_comes_a_page_at_a_time_without_gaps_or_repeats(
    app, sign_in, demo, database
):
    total = 2 * PAGE_SIZE + 7
    add_history(app, demo, total)
    client = sign_in("jo")
    url = f"/conferences/{demo['conferences']['khan']}/access-history"
    queries: list[int] = []
    seen: list[str] = []
    pages = 0
    while url:
        statements = []

        def count(*args, statements=statements):
            statements.append(args[2])

        event.listen(database, "before_cursor_execute", count)
        try:
            response = client.get(url)
        finally:
            event.remove(database, "before_cursor_execute", count)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        pages += 1
        assert lines_of(page) <= PAGE_SIZE
        seen.extend(re.findall(r"<li>\s*<strong>([^<]+)</strong>", page))
        queries.append(len(statements))
        if pages > 1:
            assert "Most recent entries" in page
        url = older_link(page)
    assert pages == 3
    assert len(seen) == total  # every line once: none lost at a page break, none twice
    assert len(set(queries)) == 1, f"queries per page: {queries}"


def test_a_short_history_has_no_page_links(sign_in, demo):
    client = sign_in("jo")
    page = client.get(f"/conferences/{demo['conferences']['khan']}/access-history")
    assert "Older entries" not in page.get_data(as_text=True)


def test_a_made_up_page_link_is_not_found(sign_in, demo):
    client = sign_in("jo")
    base = f"/conferences/{demo['conferences']['khan']}/access-history"
    for token in ("yesterday", "2026-01-05T09:00:00_zz", "2026-01-05T09:00:00_" + "a" * 32):
        assert client.get(f"{base}?before={token}").status_code == 404
