"""Nothing a person typed reaches the logs, even when a request fails."""

from __future__ import annotations

import logging

from sqlalchemy import text

from tests.pages import form_token

MARKER = "marker-7f3c-amira-typed-this"


def test_a_failed_request_logs_no_form_values_or_sql_parameters(app, client, caplog, monkeypatch):
    from portal.data.interfaces import auth
    from portal.extensions import db

    def failing_add_code(contact=None, **_ignored):
        # A database error whose statement carries what was typed as a parameter.
        db.session.execute(
            text("INSERT INTO no_such_table (value) VALUES (:value)"), {"value": contact}
        )

    monkeypatch.setattr(auth, "add_code", failing_add_code)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    caplog.set_level(logging.DEBUG)
    token = form_token(client, "/sign-in")
    response = client.post(
        "/sign-in", data={"contact": f"{MARKER}@family.example", "csrf_token": token}
    )
    assert response.status_code == 500
    # The failure is logged, with where it happened…
    assert "Exception on POST /sign-in" in caplog.text
    assert "in failing_add_code" in caplog.text
    assert MARKER not in caplog.text  # …but not what Amira typed
    assert MARKER not in response.get_data(as_text=True)
