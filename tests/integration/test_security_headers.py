from __future__ import annotations

import re


def test_every_response_carries_a_nonce_csp_without_unsafe_inline_scripts(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert re.search(r"script-src 'self' 'nonce-[\w-]+'", policy)
    assert "unsafe-inline" not in policy
    for directive in ("frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"):
        assert directive in policy


def test_the_nonce_changes_with_every_request(client):
    first = client.get("/").headers["Content-Security-Policy"]
    second = client.get("/").headers["Content-Security-Policy"]
    assert first != second


def test_baseline_headers(client):
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Cache-Control"] == "no-store"


def test_no_hsts_outside_production(client):
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_session_cookie_is_http_only_and_same_site(app):
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_an_unexpected_failure_gives_a_translated_page_without_a_stack_trace(tmp_path):
    from portal import create_app
    from portal.access import public
    from tests.conftest import test_settings

    app = create_app(test_settings(tmp_path, f"sqlite:///{tmp_path / 'x.db'}"))
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/explode")
    @public
    def explode():
        raise RuntimeError("secret detail: 14 Elm Road")

    client = app.test_client()
    client.get("/language/cy")
    response = client.get("/explode")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Traceback" not in page
    assert "Elm Road" not in page
    assert 'lang="cy"' in page
