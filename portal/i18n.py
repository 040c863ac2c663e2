"""Languages: which we offer, how one is chosen, and which way the text runs.

The registry of languages and the rule for which are live are in
`portal.domain.languages`; this module reads the catalogues once per app and applies the
rule to requests (the switcher, the cookie, the signed-in person's stored language).
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale
from flask import Flask, Request, current_app, g, has_app_context, request
from flask_login import current_user

from portal.domain import languages as registry

LANGUAGE_COOKIE = "portal_language"
# The locale lives in its own cookie, not the session: it must outlive a
# session that times out while a parent reads.
LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60
EXTENSION = "portal_languages"


def translations_folder(app: Flask) -> Path:
    return Path(str(app.config["BABEL_TRANSLATION_DIRECTORIES"]).split(";")[0])


def refresh(app: Flask) -> dict[str, registry.Status]:
    """Read each catalogue's status again (at start-up; tests that add a catalogue)."""
    found = registry.statuses(translations_folder(app))
    app.extensions[EXTENSION] = found
    return found


def statuses() -> dict[str, registry.Status]:
    if not has_app_context():
        return {registry.SOURCE: registry.Status.LIVE}
    found = current_app.extensions.get(EXTENSION)
    if found is None:
        found = refresh(current_app._get_current_object())  # type: ignore[attr-defined]
    return found


def live_languages() -> list[registry.Language]:
    return registry.live(statuses())


def text_direction(code: str) -> str:
    """'rtl' for languages such as Urdu and Arabic, else 'ltr' (the registry, else CLDR)."""
    known = registry.find(code)
    if known:
        return known.direction
    try:
        return str(Locale.parse(code).text_direction)
    except (ValueError, TypeError):
        return "ltr"


def supported(code: str | None) -> str | None:
    """`code` when it names a live language (one we can show pages and send messages in)."""
    return registry.usable(code, statuses())


def select_locale(req: Request | None = None) -> str:
    req = req or request
    chosen = supported(req.cookies.get(LANGUAGE_COOKIE))
    if chosen:
        return chosen
    if current_user and getattr(current_user, "is_authenticated", False):
        chosen = supported(getattr(current_user, "preferred_language", None))
        if chosen:
            return chosen
    best = req.accept_languages.best_match([x.code for x in live_languages()])
    return best or current_app.config["BABEL_DEFAULT_LOCALE"]


def waiting_language() -> registry.Language | None:
    """The signed-in person's stored language when we cannot show pages in it yet."""
    if not (current_user and getattr(current_user, "is_authenticated", False)):
        return None
    if getattr(current_user, "is_professional", False):
        return None
    stored = getattr(current_user, "preferred_language", None)
    return registry.needs_interpreter(stored, statuses())


def init_app(app: Flask) -> None:
    refresh(app)

    @app.context_processor
    def language_context() -> dict[str, object]:
        from flask_babel import get_locale

        locale = get_locale()
        code = str(locale or "en")
        g.language = code
        waiting = waiting_language()
        return {
            "html_lang": code,
            "html_dir": text_direction(code),
            "languages": {x.code: x.own_name for x in live_languages()},
            "live_languages": live_languages(),
            "waiting_language": waiting,
            # Its name in the page's language, from CLDR ("Urdu", "Wrdw").
            "waiting_language_name": (
                (locale.languages.get(waiting.code) if locale else None) or waiting.english_name
            )
            if waiting
            else None,
        }
