from __future__ import annotations

import pytest

from portal import config

STRONG = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789"
PRODUCTION = {
    "PORTAL_ENV": "production",
    "SECRET_KEY": STRONG,
    "DATABASE_URL": "postgresql+psycopg://portal@db/portal",
    "PUBLIC_BASE_URL": "https://conferences.northfield.example",
    "AUTHORITY_NAME": "Northfield Borough Council",
    "MAIL_SERVER": "smtp.northfield.example",
    "MAIL_FROM": "conferences@northfield.example",
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
        ({"PUBLIC_BASE_URL": "http://x.example"}, "PUBLIC_BASE_URL must start with https://"),
        ({"AUTHORITY_NAME": ""}, "AUTHORITY_NAME must be set"),
        ({"MAIL_SERVER": ""}, "MAIL_SERVER must be set"),
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


def test_development_makes_a_secret_key_once_and_keeps_it(tmp_path):
    first = config.load({"PORTAL_INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"]
    second = config.load({"PORTAL_INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"]
    assert first == second
    assert len(first) >= config.MIN_SECRET_KEY_LENGTH


def test_unknown_environment_is_refused(tmp_path):
    with pytest.raises(config.ConfigError, match="PORTAL_ENV must be one of"):
        config.load({"PORTAL_ENV": "staging", "PORTAL_INSTANCE_PATH": str(tmp_path)})


def test_database_defaults_to_sqlite_in_the_instance_folder(tmp_path):
    settings = config.load({"PORTAL_INSTANCE_PATH": str(tmp_path)})
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'portal.db'}"
