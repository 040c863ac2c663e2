"""Deadlines in the reader's language: names of duties and their rules."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import get_translations, gettext as _, lazy_gettext as _l

from portal.domain import duties
from portal.domain.deadlines import LateWarning, Rule, WhenLate, describe_rule
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
    "done_late": _l("Done late"),
}
STATUS_COLOURS = {
    "met": "green",
    "missed": "red",
    "due_soon": "yellow",
    "upcoming": "grey",
    "done_late": "orange",
}


def describe(rule: Rule | None) -> str:
    """The rule, its note included, in the reader's language (one describer: the domain's)."""
    if rule is None:
        return ""
    return describe_rule(rule, get_translations())


def policy_text(text: str) -> str:
    """Text from a policy file (a name, note or source), in the reader's language.

    babel.cfg extracts it from the files, so the catalogues and `make i18n-check` cover it.
    """
    return _(text) if text else ""


# What the chair is told when a duty is late, by (duty, action) from the policy's
# ``when_late``; the policy file supplies the source, so no council is named here.
LATE_WARNINGS = {
    ("reports_to_family", "consider_postponing"): _l(
        "The family did not get every report in time (%(rule)s). Think about whether the "
        "meeting should be moved so they can read and answer them."
    ),
    ("reports_to_family", "stand_down"): _l(
        "The family did not get every report in time (%(rule)s). Under this council's "
        "standards the meeting may be stood down."
    ),
    ("reports_to_chair", "consider_postponing"): _l(
        "Reports did not reach the chair in time (%(rule)s). Think about whether the meeting "
        "should be moved."
    ),
    ("reports_to_chair", "stand_down"): _l(
        "Reports did not reach the chair in time (%(rule)s). Under this council's standards "
        "the meeting may be stood down."
    ),
}


def late_warning(warning: LateWarning) -> str:
    text = LATE_WARNINGS[(warning.when_late.duty, warning.when_late.action)]
    return str(text) % {"rule": describe(warning.deadline.spec)}


# The same, for one report shared late (on the conference page and in the chair's message).
LATE_CONSEQUENCES = {
    "consider_postponing": _l(
        "Under this council's standards, think about whether the meeting should be moved."
    ),
    "stand_down": _l("Under this council's standards, the meeting may be stood down."),
}


def late_consequence(when_late: WhenLate) -> str:
    text = LATE_CONSEQUENCES.get(when_late.action)
    source = policy_text(when_late.source)
    if text is None:
        return ""
    return _("%(consequence)s (Source: %(source)s)", consequence=str(text), source=source)


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
        policy_text=policy_text,
        late_warning=late_warning,
        due_text=due_text,
        duty_recorded=duties.is_recorded,
        late_consequence=late_consequence,
    )
