"""Settings read from the environment.

Development and testing get safe defaults so the portal runs from `make run`;
production refuses to start with a missing or weak setting (see `validate`).
"""

from __future__ import annotations

import math
import os
import secrets
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENTS = ("development", "testing", "production")
MIN_SECRET_KEY_LENGTH = 32
# About 128 bits: what 32 random hex characters carry.
MIN_SECRET_KEY_BITS = 120
# Words found in example, default and copied keys: a key containing one was not random.
PREDICTABLE_KEY_PARTS = (
    "secret",
    "change",
    "password",
    "example",
    "default",
    "develop",
    "test",
    "flask",
    "portal",
    "conference",
    "1234",
    "abcd",
    "qwerty",
)


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
    # Fail safe: without PORTAL_ENV the portal is in production, with every check on.
    portal_env = env.get("PORTAL_ENV", "production").strip() or "production"
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
        "REDIS_URL": env.get("REDIS_URL", ""),
        # How many proxies in front of the portal set X-Forwarded-For and -Proto; 0 trusts
        # none, so a client cannot choose the address its rate limits are counted under.
        "TRUSTED_PROXIES": env.get("TRUSTED_PROXIES", "0"),
        "AUTHORITY_NAME": env.get(
            "AUTHORITY_NAME", "" if production else "Northfield Borough Council"
        ),
        "AUTHORITY_LOGO_URL": env.get("AUTHORITY_LOGO_URL", ""),
        # Where people reach the portal, for the links in messages (set-up links): a message
        # is written outside any request, so the portal cannot tell its own address.
        "PUBLIC_BASE_URL": (
            env.get("PUBLIC_BASE_URL")
            or ("" if production else f"http://127.0.0.1:{env.get('PORT') or '5000'}")
        ).rstrip("/"),
        # Mail: development writes each message to instance/mail/ as an .eml file.
        "MAIL_BACKEND": env.get("MAIL_BACKEND", "smtp" if production else "file"),
        "MAIL_DIR": env.get("MAIL_DIR") or str(instance / "mail"),
        "MAIL_SERVER": env.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(env.get("MAIL_PORT", "587") or 587),
        "MAIL_USERNAME": env.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _flag(env.get("MAIL_USE_TLS"), default=True),
        "MAIL_FROM": env.get("MAIL_FROM", "" if production else "portal@northfield.example"),
        # SMS: development writes each text to instance/sms/ as a file.
        "SMS_BACKEND": env.get("SMS_BACKEND", "notify" if production else "file"),
        "SMS_DIR": env.get("SMS_DIR") or str(instance / "sms"),
        # GOV.UK Notify, for MAIL_BACKEND=notify and SMS_BACKEND=notify: one email and one
        # text template, each with ((body)) (and ((subject)) for email) as its content.
        "NOTIFY_API_KEY": env.get("NOTIFY_API_KEY", ""),
        "NOTIFY_BASE_URL": env.get("NOTIFY_BASE_URL") or "https://api.notifications.service.gov.uk",
        "NOTIFY_EMAIL_TEMPLATE_ID": env.get("NOTIFY_EMAIL_TEMPLATE_ID", ""),
        "NOTIFY_SMS_TEMPLATE_ID": env.get("NOTIFY_SMS_TEMPLATE_ID", ""),
        # Codes a family address may be sent in 15 minutes (docs/adr/0006).
        "SIGN_IN_CODES_PER_15_MINUTES": int(env.get("SIGN_IN_CODES_PER_15_MINUTES", "5") or 5),
        # A worker's claim on a message; after it, another worker may try (a resend).
        "DELIVERY_LEASE_SECONDS": env.get("DELIVERY_LEASE_SECONDS", "120"),
        # Demo only: professionals sign in without the second factor in development.
        "DEMO_SKIP_SECOND_FACTOR": (not production)
        and _flag(env.get("DEMO_SKIP_SECOND_FACTOR"), True),
        # One JSON line per request on stderr (portal/logs.py); `text` for reading by eye.
        "LOG_FORMAT": env.get("LOG_FORMAT", "json" if production else "text"),
        "TESTING": portal_env == "testing",
        "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
        "SESSION_COOKIE_SECURE": production or _flag(env.get("SESSION_COOKIE_SECURE")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_DURATION": 0,
        "WTF_CSRF_TIME_LIMIT": None,  # the session's own limits apply; a slow reader keeps their work
        # Errors never carry the values of a statement: they are what people typed.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
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


def key_bits(key: str) -> float:
    """An estimate of the randomness in a key: its length times each character's entropy."""
    counts = Counter(key)
    per_character = -sum(n / len(key) * math.log2(n / len(key)) for n in counts.values())
    return per_character * len(key)


def predictable_key(key: str) -> bool:
    lowered = key.lower()
    return any(part in lowered for part in PREDICTABLE_KEY_PARTS)


def trusted_proxies(value: object) -> int:
    try:
        count = int(str(value))
    except ValueError:
        raise ConfigError("TRUSTED_PROXIES must be a whole number from 0 to 5") from None
    if not 0 <= count <= 5:
        raise ConfigError("TRUSTED_PROXIES must be a whole number from 0 to 5")
    return count


def validate(settings: dict[str, Any]) -> None:
    """Production must be explicit and strong; say exactly which setting is wrong."""
    settings["TRUSTED_PROXIES"] = trusted_proxies(settings.get("TRUSTED_PROXIES", 0))
    if settings.get("LOG_FORMAT", "text") not in {"json", "text"}:
        raise ConfigError("LOG_FORMAT must be json or text")
    if settings["PORTAL_ENV"] != "production":
        return
    key = settings["SECRET_KEY"]
    if not key:
        raise ConfigError("SECRET_KEY must be set in production")
    if (
        len(key) < MIN_SECRET_KEY_LENGTH
        or len(set(key)) < 10
        or key_bits(key) < MIN_SECRET_KEY_BITS
    ):
        raise ConfigError(
            f"SECRET_KEY is too weak: use at least {MIN_SECRET_KEY_LENGTH} random characters"
        )
    if predictable_key(key):
        raise ConfigError(
            "SECRET_KEY looks like an example or default: use random characters, "
            "for example from `python3 -c 'import secrets; print(secrets.token_hex(32))'`"
        )
    if not settings["REDIS_URL"]:
        raise ConfigError(
            "REDIS_URL must be set in production, so rate limits hold across processes"
        )
    if not settings["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        raise ConfigError("DATABASE_URL must point at PostgreSQL in production")
    if not settings["AUTHORITY_NAME"]:
        raise ConfigError("AUTHORITY_NAME must be set in production")
    if not settings["PUBLIC_BASE_URL"].startswith("https://"):
        raise ConfigError(
            "PUBLIC_BASE_URL must be set in production to the portal's https:// address, "
            "for example https://conferences.example.gov.uk"
        )
    if settings["MAIL_BACKEND"] not in {"smtp", "notify"}:
        raise ConfigError("MAIL_BACKEND must be smtp or notify in production")
    if settings["MAIL_BACKEND"] == "smtp" and not settings["MAIL_SERVER"]:
        raise ConfigError("MAIL_SERVER must be set (MAIL_BACKEND=smtp) in production")
    if settings["SMS_BACKEND"] not in {"notify", "off"}:
        raise ConfigError("SMS_BACKEND must be notify (or off, to send no texts) in production")
    for channel in ("MAIL", "SMS"):
        if settings[f"{channel}_BACKEND"] == "notify":
            template = "NOTIFY_EMAIL_TEMPLATE_ID" if channel == "MAIL" else "NOTIFY_SMS_TEMPLATE_ID"
            if not settings["NOTIFY_API_KEY"] or not settings[template]:
                raise ConfigError(
                    f"NOTIFY_API_KEY and {template} must be set for {channel}_BACKEND=notify"
                )
    if not settings["MAIL_FROM"]:
        raise ConfigError("MAIL_FROM must be set in production")
