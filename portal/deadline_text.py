"""Deadlines in the reader's language: names of duties and their rules."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import gettext as _, lazy_gettext as _l, ngettext

from portal.domain.deadlines import Rule
from portal.templating import long_date, time_of_day

DUTY_NAMES = {
    "icpc_by": _l("First meeting held"),
    "reports_to_family": _l("Reports shared with the family"),
    "reports_to_chair": _l("Reports sent to the chair"),
    "decision_to_family": _l("Decision and plan sent to the family"),
    "plan_to_core_group": _l("Plan sent to the core group"),
    "first_core_group": _l("First core group meeting"),
    "minutes": _l("Record of the meeting sent out"),
    "first_review": _l("First review meeting"),
    "next_review": _l("Next review meeting"),
}

STATUS_NAMES = {
    "met": _l("Done in time"),
    "missed": _l("Late"),
    "due_soon": _l("Due soon"),
    "upcoming": _l("To do"),
}
STATUS_COLOURS = {"met": "green", "missed": "red", "due_soon": "yellow", "upcoming": "grey"}


def describe(rule: Rule | None) -> str:
    if rule is None:
        return ""
    count = rule.count or 0
    from_strategy = rule.anchor == "strategy_discussion"
    if rule.kind == "working_days_before":
        return ngettext(
            "%(num)d working day before the meeting",
            "%(num)d working days before the meeting",
            count,
        )
    if rule.kind == "calendar_days_before":
        return ngettext("%(num)d day before the meeting", "%(num)d days before the meeting", count)
    if rule.kind == "hours_before":
        return ngettext(
            "%(num)d hour before the meeting starts",
            "%(num)d hours before the meeting starts",
            count,
        )
    if rule.kind == "working_days_after" and from_strategy:
        return ngettext(
            "within %(num)d working day of the strategy discussion",
            "within %(num)d working days of the strategy discussion",
            count,
        )
    if rule.kind == "working_days_after":
        return ngettext(
            "within %(num)d working day of the meeting",
            "within %(num)d working days of the meeting",
            count,
        )
    if rule.kind == "calendar_days_after":
        return ngettext(
            "within %(num)d day of the meeting", "within %(num)d days of the meeting", count
        )
    if rule.kind == "hours_after":
        return ngettext(
            "within %(num)d hour of the end of the meeting",
            "within %(num)d hours of the end of the meeting",
            count,
        )
    if rule.kind == "months_after":
        return ngettext(
            "within %(num)d month of the meeting", "within %(num)d months of the meeting", count
        )
    at = rule.at.strftime("%H:%M") if rule.at else ""
    return _("by %(time)s on the working day before the meeting", time=at)


def due_text(due: date | datetime) -> str:
    if isinstance(due, datetime):
        return _("%(date)s at %(time)s", date=long_date(due), time=time_of_day(due))
    return long_date(due)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        duty_name=lambda key: str(DUTY_NAMES.get(key, key)),
        status_name=lambda status: str(STATUS_NAMES[status]),
        status_colour=STATUS_COLOURS.get,
        describe_rule=describe,
        due_text=due_text,
    )
