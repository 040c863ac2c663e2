from __future__ import annotations

import pytest

from portal import config

STRONG = "q8Zr2vLw9TnX4bKe7HsY1mPc6FdJ0gVu3RaN5"
PRODUCTION = {
    "PORTAL_ENV": "production",
    "SECRET_KEY": STRONG,
    "DATABASE_URL": "postgresql+psycopg://portal@db/portal",
    "AUTHORITY_NAME": "Northfield Borough Council",
    "MAIL_SERVER": "smtp.northfield.example",
    "MAIL_FROM": "conferences@northfield.example",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "SMS_BACKEND": "off",
    "PUBLIC_BASE_URL": "https://conferences.northfield.example",
}


def test_complete_production_settings_are_accepted(tmp_path):
    settings = config.load({**PRODUCTION, "PORTAL_INSTANCE_PATH": str(tmp_path)})
    config.validate(settings)
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["DEMO_SKIP_SECOND_FACTOR"] is False


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY is too weak"),
        ({"SECRET_KEY": "a" * 64}, "SECRET_KEY is too weak"),
        ({"DATABASE_URL": ""}, "DATABASE_URL must point at PostgreSQL"),
        ({"AUTHORITY_NAME": ""}, "AUTHORITY_NAME must be set"),
        ({"MAIL_SERVER": ""}, "MAIL_SERVER must be set"),
        ({"PUBLIC_BASE_URL": ""}, "PUBLIC_BASE_URL must be set"),
        ({"PUBLIC_BASE_URL": "http://conferences.example"}, "https:// address"),
        ({"REDIS_URL": ""}, "REDIS_URL must be set in production"),
        ({"SECRET_KEY": "change-me-to-a-long-random-string-please"}, "looks like an example"),
        ({"SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789"}, "like an example"),
        ({"SECRET_KEY": "0123456789" * 4}, "looks like an example"),
        ({"SECRET_KEY": "z" * 40 + "qwxvbnmkjh"}, "SECRET_KEY is too weak"),
        ({"TRUSTED_PROXIES": "many"}, "TRUSTED_PROXIES must be a whole number"),
        ({"MAIL_BACKEND": "file"}, "MAIL_BACKEND must be smtp or notify"),
        ({"SMS_BACKEND": "file"}, "SMS_BACKEND must be notify"),
        ({"SMS_BACKEND": "notify"}, "NOTIFY_API_KEY and NOTIFY_SMS_TEMPLATE_ID must be set"),
    ],
)
def test_production_refuses_missing_or_weak_settings(tmp_path, change, message):
    settings = config.load({**PRODUCTION, **change, "PORTAL_INSTANCE_PATH": str(tmp_path)})
    with pytest.raises(config.ConfigError, match=message):
        config.validate(settings)


def test_create_app_exits_with_one_line_not_a_traceback(monkeypatch, tmp_path):
    from portal import create_app

    for key, value in {**PRODUCTION, "SECRET_KEY": ""}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(SystemExit) as exit_info:
        create_app()
    assert str(exit_info.value) == "portal: SECRET_KEY must be set in production"


def test_without_portal_env_the_portal_is_in_production(tmp_path):
    settings = config.load({"PORTAL_INSTANCE_PATH": str(tmp_path)})
    assert settings["PORTAL_ENV"] == "production"
    assert settings["DEMO_SKIP_SECOND_FACTOR"] is False
    assert settings["SESSION_COOKIE_SECURE"] is True
    with pytest.raises(config.ConfigError, match="SECRET_KEY must be set"):
        config.validate(settings)


def test_development_makes_a_secret_key_once_and_keeps_it(tmp_path):
    development = {"PORTAL_ENV": "development", "PORTAL_INSTANCE_PATH": str(tmp_path)}
    first = config.load(development)["SECRET_KEY"]
    second = config.load(development)["SECRET_KEY"]
    assert first == second
    assert len(first) >= config.MIN_SECRET_KEY_LENGTH


def test_unknown_environment_is_refused(tmp_path):
    with pytest.raises(config.ConfigError, match="PORTAL_ENV must be one of"):
        config.load({"PORTAL_ENV": "staging", "PORTAL_INSTANCE_PATH": str(tmp_path)})


def test_database_defaults_to_sqlite_in_the_instance_folder(tmp_path):
    settings = config.load({"PORTAL_ENV": "development", "PORTAL_INSTANCE_PATH": str(tmp_path)})
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'portal.db'}"


def test_proxies_are_trusted_only_when_configured(tmp_path):
    from werkzeug.middleware.proxy_fix import ProxyFix

    from tests.conftest import build_app

    plain = build_app(tmp_path / "plain", f"sqlite:///{tmp_path / 'plain.db'}")
    assert not isinstance(plain.wsgi_app, ProxyFix)
    forwarded = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    with plain.test_request_context("/", headers=forwarded):
        from flask import request

        assert request.remote_addr != "203.0.113.9"
        assert not request.is_secure


def test_behind_a_named_proxy_limits_key_on_the_real_client(tmp_path, monkeypatch):
    from flask import Flask, request
    from werkzeug.middleware.proxy_fix import ProxyFix

    from portal import create_app
    from tests.conftest import test_settings

    (tmp_path / "one").mkdir()
    settings = test_settings(tmp_path / "one", f"sqlite:///{tmp_path / 'one.db'}")
    app: Flask = create_app({**settings, "TRUSTED_PROXIES": "1"})
    assert isinstance(app.wsgi_app, ProxyFix)
    seen = {}

    @app.get("/_probe")
    def probe() -> str:
        seen["addr"], seen["secure"] = request.remote_addr, request.is_secure
        return ""

    app.test_client().get(
        "/_probe", headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    )
    assert seen == {"addr": "203.0.113.9", "secure": True}
