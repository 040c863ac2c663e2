"""Pages anyone can open: the start page, the service's own information, health."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, jsonify, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from portal import i18n
from portal.access import public
from portal.data.interfaces import health
from portal.public import bp


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
    )


def safe_next(target: str | None) -> str:
    """Only a path on this site: never another host, never a scheme-relative URL."""
    if not target:
        return url_for("public.start")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("public.start")
    if "\\" in target:
        return url_for("public.start")
    return target


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
            secure=request.is_secure,
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
