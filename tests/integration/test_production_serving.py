"""Running it for real (issue 15): the error page after a failed write, SQLite's journal,
one JSON log line per request, and static files served for a year without cookies."""

from __future__ import annotations

import json
import logging
import re
import uuid

import pytest
from sqlalchemy import text

from portal.logs import JsonFormatter


@pytest.fixture()
def failing_audit(app, monkeypatch):
    """Recording a view fails as a real commit fails (here a broken reference; under load
    on SQLite, "database is locked"), leaving the session's transaction broken."""
    from portal.data.interfaces import audit
    from portal.data.models import AuditEvent
    from portal.domain import clock
    from portal.extensions import db

    def broken_record(actor_id, conference_id, action, object_type, object_id):
        db.session.add(
            AuditEvent(
                occurred_at=clock.now(),
                actor_id=uuid.uuid4(),  # nobody: the foreign key refuses it
                conference_id=conference_id,
                action=action,
                object_type=object_type,
                object_id=object_id,
            )
        )
        db.session.commit()

    monkeypatch.setattr(audit, "record", broken_record)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)


def test_when_saving_fails_the_reader_still_gets_the_error_page(
    sign_in, demo, failing_audit, caplog
):
    client = sign_in("amira")
    conference = demo["conferences"]["khan"]
    report = demo["reports"]["Social work report"]
    response = client.get(f"/conferences/{conference}/reports/{report}")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in page
    # The page was drawn after the broken transaction was rolled back, not instead of it.
    assert "PendingRollbackError" not in caplog.text
    # …and the next page works.
    assert client.get("/conferences").status_code == 200


def test_sqlite_lets_pages_read_while_another_process_writes(app, context):
    from portal.extensions import db

    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL has its own concurrency")
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    # A second writer waits its turn rather than failing at once with "database is locked".
    assert db.session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def request_lines(caplog) -> list[dict[str, object]]:
    formatter = JsonFormatter()
    return [
        json.loads(formatter.format(record))
        for record in caplog.records
        if record.name == "portal.request"
    ]


def test_each_request_is_one_json_line_without_personal_data(sign_in, demo, caplog):
    caplog.set_level(logging.INFO, logger="portal.request")
    client = sign_in("amira")
    conference = demo["conferences"]["khan"]
    response = client.get(
        f"/conferences/{conference}/family?email=amira.khan@family.example",
        headers={"X-Request-Id": "proxy-id-0042"},
    )
    assert response.status_code == 200
    assert response.headers["X-Request-Id"] == "proxy-id-0042"
    (line,) = request_lines(caplog)
    assert line["method"] == "GET"
    assert line["route"] == "/conferences/<uuid:conference_id>/family"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["request_id"] == "proxy-id-0042"
    written = json.dumps(line)
    for personal in (
        str(conference),
        "amira",
        "Amira",
        "family.example",
        str(demo["people"]["amira"]),
    ):
        assert personal not in written


def test_a_request_without_a_usable_id_gets_a_new_one(client, caplog):
    caplog.set_level(logging.INFO, logger="portal.request")
    forged = 'x"} {"level": "error", "message": "forged'
    response = client.get("/", headers={"X-Request-Id": forged})
    (line,) = request_lines(caplog)
    assert re.fullmatch(r"[0-9a-f]{32}", line["request_id"])
    assert response.headers["X-Request-Id"] == line["request_id"]
    assert line["route"] == "/"
    missing = client.get("/no-such-page")
    assert missing.status_code == 404
    assert request_lines(caplog)[-1]["route"] is None
    assert request_lines(caplog)[-1]["status"] == 404


HASHED_ASSET = re.compile(r'(?:href|src)="(/static/build/[^"]+\.[0-9a-f]{12}\.(?:css|js|svg))"')


def asset_urls(client) -> list[str]:
    return HASHED_ASSET.findall(client.get("/").get_data(as_text=True))


def test_pages_name_their_assets_by_content_hash(client):
    urls = asset_urls(client)
    kinds = {url.rsplit(".", 1)[1] for url in urls}
    # The stylesheet, the scripts and the icon: all hashed, none by a bare name.
    assert kinds == {"css", "js", "svg"}
    page = client.get("/").get_data(as_text=True)
    assert "/static/build/portal.css" not in page
    assert "/static/js/portal.js" not in page


def test_static_files_are_kept_a_year_without_cookies_or_anyone_looked_up(sign_in, database):
    from sqlalchemy import event

    client = sign_in("amira")  # a signed-in browser sends its session cookie with each file
    urls = asset_urls(client)
    queries = []

    def record(*args):
        queries.append(args[2])

    event.listen(database, "before_cursor_execute", record)
    try:
        responses = [client.get(url) for url in urls]
    finally:
        event.remove(database, "before_cursor_execute", record)
    for url, response in zip(urls, responses, strict=True):
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "Set-Cookie" not in response.headers
        assert "cookie" not in response.headers.get("Vary", "").lower()
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert queries == []  # nobody is looked up for a stylesheet


@pytest.mark.parametrize(
    ("accepts", "encoding"), [("br, gzip", "br"), ("gzip", "gzip"), ("", None)]
)
def test_static_files_are_sent_precompressed_when_the_browser_accepts_it(client, accepts, encoding):
    import gzip

    from portal.assets import BUILD

    (css,) = [url for url in asset_urls(client) if url.endswith(".css")]
    on_disk = BUILD / css.removeprefix("/static/build/")
    response = client.get(css, headers={"Accept-Encoding": accepts})
    assert response.headers.get("Content-Encoding") == encoding
    body = response.get_data()
    if encoding == "br":
        assert body == on_disk.with_name(on_disk.name + ".br").read_bytes()
    elif encoding == "gzip":
        assert gzip.decompress(body) == on_disk.read_bytes()
    else:
        assert body == on_disk.read_bytes()
    assert "Accept-Encoding" in response.headers.get("Vary", "")


def test_a_signed_in_page_does_not_send_the_session_cookie_again_unchanged(sign_in, demo):
    client = sign_in("amira")
    home = f"/conferences/{demo['conferences']['khan']}/family"
    client.get(home)  # the first page may note the time (and the form token) in the cookie
    again = client.get(home)
    assert again.status_code == 200
    assert "Set-Cookie" not in again.headers


def test_an_active_session_is_renewed_about_once_a_minute(sign_in, demo, frozen):
    client = sign_in("amira")
    home = f"/conferences/{demo['conferences']['khan']}/family"
    client.get(home)
    frozen.tick(seconds=30)
    assert "Set-Cookie" not in client.get(home).headers
    frozen.tick(seconds=31)
    assert "Set-Cookie" in client.get(home).headers
