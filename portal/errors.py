"""Error pages in the reader's language, without stack traces."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

TITLES = {
    400: _l("Sorry, there is a problem with the page"),
    403: _l("You cannot see this page"),
    404: _l("Page not found"),
    405: _l("Sorry, there is a problem with the page"),
    413: _l("The file is too big"),
    429: _l("You have tried too many times"),
    500: _l("Sorry, there is a problem with the service"),
}


def render_error(code: int, extra: dict[str, object] | None = None) -> tuple[str, int]:
    return render_template(
        "errors/error.html", code=code, title=TITLES[code], **(extra or {})
    ), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_failed(_error: CSRFError) -> tuple[str, int]:
        return render_error(400, {"csrf": True})

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
        code = error.code or 500
        if code not in TITLES:
            return error
        return render_error(code)

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError) -> tuple[str, int]:
        # Log the kind of failure only: no request data, which may hold personal details.
        original = getattr(error, "original_exception", None)
        log.error("unhandled error: %s", type(original).__name__ if original else "unknown")
        return render_error(500)
