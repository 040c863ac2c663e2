"""Error pages in the reader's language, without stack traces."""

from __future__ import annotations

import logging
import traceback
from types import TracebackType

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from portal.data.interfaces import transactions

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


ExcInfo = tuple[type[BaseException], BaseException, TracebackType] | tuple[None, None, None]


def describe_without_data(error: BaseException) -> str:
    """Where it failed and what kind of error, with no message: messages carry values
    (SQL parameters, what a form held), and those are what people typed."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__)
        lines.extend(f"  {f.filename}:{f.lineno} in {f.name}" for f in frames)
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        current = current.__cause__ or current.__context__
    return "\n".join(lines)


def init_app(app: Flask) -> None:
    def log_exception(exc_info: ExcInfo) -> None:
        error = exc_info[1]
        if error is None:
            return
        # The route, not the path (which holds ids): the method and route say which page failed.
        where = request.url_rule.rule if request.url_rule is not None else request.path
        app.logger.error(
            "Exception on %s %s\n%s", request.method, where, describe_without_data(error)
        )

    app.log_exception = log_exception  # type: ignore[method-assign]

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
        # A failed write leaves the session's transaction broken; the page below reads.
        transactions.abandon()
        # Log the kind of failure only: no request data, which may hold personal details.
        original = getattr(error, "original_exception", None)
        log.error("unhandled error: %s", type(original).__name__ if original else "unknown")
        return render_error(500)
