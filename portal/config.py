"""Settings read from the environment.

Development and testing get safe defaults so the portal runs from `make run`;
production refuses to start with a missing or weak setting (see `validate`).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENTS = ("development", "testing", "production")
MIN_SECRET_KEY_LENGTH = 32


class ConfigError(Exception):
    """A setting is missing or unsafe; the message is one line for the operator."""


def _flag(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _development_secret_key(instance: Path) -> str:
    """Make a key once and keep it, so sessions survive a restart of `make run`."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


def load(environ: os._Environ[str] | dict[str, str] | None = None) -> dict[str, Any]:
    env = dict(os.environ if environ is None else environ)
    portal_env = env.get("PORTAL_ENV", "development").strip() or "development"
    if portal_env not in ENVIRONMENTS:
        raise ConfigError(
            f"PORTAL_ENV must be one of {', '.join(ENVIRONMENTS)}, not {portal_env!r}"
        )
    production = portal_env == "production"
    instance = Path(env.get("PORTAL_INSTANCE_PATH", ROOT / "instance")).resolve()

    secret_key = env.get("SECRET_KEY", "")
    if not secret_key and not production:
        secret_key = _development_secret_key(instance)

    settings: dict[str, Any] = {
        "PORTAL_ENV": portal_env,
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": env.get("DATABASE_URL") or f"sqlite:///{instance / 'portal.db'}",
        "UPLOAD_DIR": env.get("UPLOAD_DIR") or str(instance / "uploads"),
        "PUBLIC_BASE_URL": (env.get("PUBLIC_BASE_URL") or "http://127.0.0.1:5000").rstrip("/"),
        "REDIS_URL": env.get("REDIS_URL", ""),
        "AUTHORITY_NAME": env.get(
            "AUTHORITY_NAME", "" if production else "Northfield Borough Council"
        ),
        "AUTHORITY_LOGO_URL": env.get("AUTHORITY_LOGO_URL", ""),
        "SERVICE_NAME": env.get("SERVICE_NAME", ""),
        # Mail: development writes each message to instance/mail/ as an .eml file.
        "MAIL_BACKEND": env.get("MAIL_BACKEND", "smtp" if production else "file"),
        "MAIL_DIR": env.get("MAIL_DIR") or str(instance / "mail"),
        "MAIL_SERVER": env.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(env.get("MAIL_PORT", "587") or 587),
        "MAIL_USERNAME": env.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _flag(env.get("MAIL_USE_TLS"), default=True),
        "MAIL_FROM": env.get("MAIL_FROM", "" if production else "portal@northfield.example"),
        # Demo only: professionals sign in without the second factor in development.
        "DEMO_SKIP_SECOND_FACTOR": (not production)
        and _flag(env.get("DEMO_SKIP_SECOND_FACTOR"), True),
        "TESTING": portal_env == "testing",
        "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
        "SESSION_COOKIE_SECURE": production or _flag(env.get("SESSION_COOKIE_SECURE")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_DURATION": 0,
        "WTF_CSRF_TIME_LIMIT": None,  # the session's own limits apply; a slow reader keeps their work
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "Europe/London",
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
        "RATELIMIT_STORAGE_URI": env.get("REDIS_URL") or "memory://",
        "RATELIMIT_HEADERS_ENABLED": False,
        # Compress the stylesheet and scripts, which are most of a first visit. Pages are
        # not compressed: they carry form tokens next to what people type (BREACH).
        "COMPRESS_MIMETYPES": [
            "text/css",
            "text/javascript",
            "application/javascript",
            "image/svg+xml",
        ],
        "COMPRESS_ALGORITHM": "gzip",
        "COMPRESS_ALGORITHM_STREAMING": "gzip",
    }
    return settings


def validate(settings: dict[str, Any]) -> None:
    """Production must be explicit and strong; say exactly which setting is wrong."""
    if settings["PORTAL_ENV"] != "production":
        return
    key = settings["SECRET_KEY"]
    if not key:
        raise ConfigError("SECRET_KEY must be set in production")
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 10:
        raise ConfigError(
            f"SECRET_KEY is too weak: use at least {MIN_SECRET_KEY_LENGTH} random characters"
        )
    if not settings["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        raise ConfigError("DATABASE_URL must point at PostgreSQL in production")
    if not settings["PUBLIC_BASE_URL"].startswith("https://"):
        raise ConfigError("PUBLIC_BASE_URL must start with https:// in production")
    if not settings["AUTHORITY_NAME"]:
        raise ConfigError("AUTHORITY_NAME must be set in production")
    if settings["MAIL_BACKEND"] != "smtp" or not settings["MAIL_SERVER"]:
        raise ConfigError("MAIL_SERVER must be set (MAIL_BACKEND=smtp) in production")
    if not settings["MAIL_FROM"]:
        raise ConfigError("MAIL_FROM must be set in production")
