"""Logs as JSON, one line per request: method, route, status, duration and a request id.

The route is the rule (`/conferences/<uuid:conference_id>/family`), never the path or
its query: those hold ids, codes and what people typed. Nothing about a person is
logged: no name, address, user id, IP address or cookie.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, request

REQUEST_ID_HEADER = "X-Request-Id"
# What a proxy may hand us as a request id: short, plain characters only, so a client
# cannot write a fake log line or a long string into the log through it.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
# Fields a record may carry into its JSON line (from `extra=`).
FIELDS = ("request_id", "method", "route", "status", "duration_ms")
request_log = logging.getLogger("portal.request")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and the request fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in FIELDS:
            if hasattr(record, field):
                line[field] = getattr(record, field)
        if line.get("request_id") is None:
            request_id = _current_request_id()
            if request_id:
                line["request_id"] = request_id
        if record.exc_info:
            # The kind of error and where: portal.errors logs failures without their values.
            line["error"] = record.exc_info[0].__name__ if record.exc_info[0] else None
        return json.dumps(line, ensure_ascii=False)


def _current_request_id() -> str | None:
    try:
        return g.get("request_id")
    except RuntimeError:  # outside a request
        return None


def request_id() -> str:
    """The proxy's X-Request-Id when it is a plain id, or a new one."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def configure(app: Flask) -> None:
    """JSON lines on stderr when LOG_FORMAT is json (production's default)."""
    if app.config.get("LOG_FORMAT") != "json":
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    for logger in (logging.getLogger("portal"), app.logger):
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False


def init_app(app: Flask) -> None:
    configure(app)

    @app.before_request
    def start_clock() -> None:
        g.request_id = request_id()
        g.request_started = time.perf_counter()

    @app.after_request
    def log_request(response: Response) -> Response:
        started = g.get("request_started")
        response.headers[REQUEST_ID_HEADER] = g.get("request_id") or request_id()
        if started is None:
            return response
        rule = request.url_rule
        request_log.info(
            "request",
            extra={
                "request_id": g.get("request_id"),
                "method": request.method,
                "route": rule.rule if rule is not None else None,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response
