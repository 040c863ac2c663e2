"""Languages: which we offer, how one is chosen, and which way the text runs."""

from __future__ import annotations

from babel import Locale
from flask import Flask, Request, current_app, g, request
from flask_login import current_user

LANGUAGE_COOKIE = "portal_language"
# The locale lives in its own cookie, not the session: it must outlive a
# session that times out while a parent reads.
LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60

# Code -> name of the language in itself. English and Welsh are complete;
# further languages are added with `make i18n-init LANG=xx` (see README).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "cy": "Cymraeg",
}


def text_direction(code: str) -> str:
    """'rtl' for languages such as Urdu and Arabic, else 'ltr' (from CLDR, via Babel)."""
    try:
        return str(Locale.parse(code).text_direction)
    except (ValueError, TypeError):
        return "ltr"


def supported(code: str | None) -> str | None:
    if code and code in LANGUAGES:
        return code
    return None


def select_locale(req: Request | None = None) -> str:
    req = req or request
    chosen = supported(req.cookies.get(LANGUAGE_COOKIE))
    if chosen:
        return chosen
    if current_user and getattr(current_user, "is_authenticated", False):
        chosen = supported(getattr(current_user, "preferred_language", None))
        if chosen:
            return chosen
    best = req.accept_languages.best_match(list(LANGUAGES))
    return best or current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    @app.context_processor
    def language_context() -> dict[str, object]:
        from flask_babel import get_locale

        code = str(get_locale() or "en")
        g.language = code
        return {
            "html_lang": code,
            "html_dir": text_direction(code),
            "languages": LANGUAGES,
        }
