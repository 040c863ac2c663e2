"""Template helpers: GOV.UK macro defaults and dates shown in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from flask import Flask, current_app, request
from flask_babel import format_date, format_datetime, format_time


def with_defaults(params: Mapping[str, Any] | None, defaults: Mapping[str, Any]) -> dict[str, Any]:
    """Fill in macro params the caller left out (used to translate GOV.UK's built-in text)."""
    merged = dict(defaults)
    merged.update(params or {})
    return merged


def long_date(value: date | datetime | None) -> str:
    """'Tuesday 22 December 2026', in the reader's language and Europe/London."""
    if value is None:
        return ""
    return (
        format_date(value, "EEEE d MMMM yyyy")
        if not isinstance(value, datetime)
        else (format_datetime(value, "EEEE d MMMM yyyy"))
    )


def time_of_day(value: datetime | None) -> str:
    """'10:00am' style times follow the locale; Babel shifts them to Europe/London."""
    if value is None:
        return ""
    return format_time(value, "h:mm a")


def init_app(app: Flask) -> None:
    app.add_template_filter(with_defaults)
    app.add_template_filter(long_date)
    app.add_template_filter(time_of_day)

    @app.context_processor
    def service_context() -> dict[str, Any]:
        return {
            "authority_name": current_app.config["AUTHORITY_NAME"],
            "authority_logo_url": current_app.config["AUTHORITY_LOGO_URL"],
            "demo_mode": current_app.config["PORTAL_ENV"] == "development"
            and current_app.config["DEMO_SKIP_SECOND_FACTOR"],
            "current_path": request.full_path.rstrip("?") if request else "/",
        }
