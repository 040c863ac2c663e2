"""Pages anyone can open: the start page, the service's own information, health."""

from __future__ import annotations

from flask import current_app, jsonify, redirect, render_template, request
from werkzeug.wrappers import Response

from portal import i18n
from portal.access import public
from portal.data.interfaces import health
from portal.public import bp
from portal.security import TRUSTED_BROWSER_COOKIE, safe_next


@bp.get("/")
@public
def start() -> str:
    return render_template("public/start.html")


@bp.get("/accessibility")
@public
def accessibility() -> str:
    return render_template("public/accessibility.html")


@bp.get("/privacy")
@public
def privacy() -> str:
    return render_template("public/privacy.html")


@bp.get("/cookies")
@public
def cookies() -> str:
    return render_template(
        "public/cookies.html",
        cookie_name=i18n.LANGUAGE_COOKIE,
        session_cookie_name=current_app.config["SESSION_COOKIE_NAME"],
        trusted_browser_cookie_name=TRUSTED_BROWSER_COOKIE,
    )


@bp.get("/languages")
@public
def languages() -> str:
    """Each language of the registry with its status in words (issue 13)."""
    from flask_babel import get_locale

    from portal.domain import languages as registry

    found = i18n.statuses()
    # Each language's name in the reader's language, from CLDR ("Wrdw" for a Welsh reader).
    # English readers get the registry's own English names ("Panjabi", "Bengali").
    locale = get_locale()
    names = locale.languages if locale and locale.language != "en" else {}
    return render_template(
        "public/languages.html",
        rows=[
            (language, names.get(language.code, language.english_name), found[language.code])
            for language in registry.KNOWN
        ],
        Status=registry.Status,
    )


@bp.get("/language/<code>")
@public
def change_language(code: str) -> Response:
    chosen = i18n.supported(code)
    response = redirect(safe_next(request.args.get("next")))
    if chosen:
        response.set_cookie(
            i18n.LANGUAGE_COOKIE,
            chosen,
            max_age=i18n.LANGUAGE_COOKIE_MAX_AGE,
            # Behind a TLS-terminating proxy request.is_secure can be false: follow the
            # session cookie, which production always marks Secure.
            secure=request.is_secure or current_app.config["SESSION_COOKIE_SECURE"],
            httponly=True,
            samesite="Lax",
        )
    return response


@bp.get("/healthz")
@public
def healthz() -> tuple[Response, int]:
    if health.database_answers():
        return jsonify(status="ok", database="ok"), 200
    return jsonify(status="error", database="unavailable"), 503
