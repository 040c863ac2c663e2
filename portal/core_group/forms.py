"""The forms of the core group pages: a meeting, a plan update, progress at a review."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal import messages
from portal.domain import core_group as rules
from portal.shared_forms import PortalForm, strip_whitespace
from portal.widgets import DayMonthYearField, GovRadioInput, options

ENTER_MEMBERS = _l("Enter at least one member of the core group")
TOO_MANY_MEMBERS = _l("Enter 30 members or fewer")
ENTER_WHAT_CHANGED = _l("Say in one sentence what changed, for the family")
ENTER_WHO = _l("Enter who will do it")
ENTER_BY_WHEN = _l("Enter the date it will be done by, like 29 12 2027")
ENTER_HOW = _l("Enter how we will know it is done")
CHOOSE_PROGRESS = _l("Choose how far this has got")
BEFORE_CONFERENCE = _l("The date must be on or after the day of the conference")

PROGRESS_LABELS = {
    "done": _l("Done"),
    "partly_done": _l("Partly done"),
    "not_done": _l("Not done"),
    "no_longer_needed": _l("No longer needed"),
}


class MeetingForm(PortalForm):
    meets_on = DayMonthYearField(
        _l("Date of the meeting"),
        description=_l("For example, 27 3 2027"),
        invalid_message=messages.ENTER_DATE,
        validators=[InputRequired(messages.ENTER_DATE)],
    )
    members = StringField(
        _l("Members"),
        description=_l("One on each line: name and role, such as Olivia Brown, mother."),
        widget=GovTextArea(),
        filters=[strip_whitespace],
        validators=[DataRequired(ENTER_MEMBERS), Length(max=6000, message=messages.TOO_LONG)],
    )
    add = SubmitField(_l("Add the meeting"), widget=GovSubmitInput())


class HeldForm(PortalForm):
    held = SubmitField(_l("Record as held"), widget=GovSubmitInput())


def step_name(decision_index: int, step_index: int, part: str) -> str:
    return f"d{decision_index}_s{step_index}_{part}"


class _PlanUpdateBase(PortalForm):
    what_changed = StringField(
        _l("What changed"),
        description=_l("One sentence in plain words. The family reads it with the new plan."),
        widget=GovCharacterCount(),
        filters=[strip_whitespace],
        validators=[DataRequired(ENTER_WHAT_CHANGED), Length(max=1000, message=messages.TOO_LONG)],
    )
    publish = SubmitField(_l("Publish the updated plan"), widget=GovSubmitInput())


def _text(label: Any, most: int, area: bool = False) -> StringField:
    return StringField(
        label,
        widget=GovTextArea() if area else GovTextInput(),
        filters=[strip_whitespace],
        validators=[Optional(), Length(max=most, message=messages.TOO_LONG)],
    )


def plan_update_form(step_counts: Sequence[int], **kwargs: Any) -> _PlanUpdateBase:
    """A fieldset for each action of each child's plan, plus one empty one to add an action.
    An action left with nothing in "what" is taken out of the plan."""

    class PlanUpdateForm(_PlanUpdateBase):
        pass

    for d, count in enumerate(step_counts):
        for s in range(count + 1):
            setattr(
                PlanUpdateForm, step_name(d, s, "what"), _text(_l("What will happen"), 2000, True)
            )
            setattr(PlanUpdateForm, step_name(d, s, "who"), _text(_l("Who will do it"), 200))
            setattr(
                PlanUpdateForm,
                step_name(d, s, "by_when"),
                DayMonthYearField(
                    _l("By when"),
                    description=_l("For example, 27 3 2027"),
                    invalid_message=messages.ENTER_DATE,
                    validators=[Optional()],
                ),
            )
            setattr(
                PlanUpdateForm,
                step_name(d, s, "how"),
                _text(_l("How we will know it is done"), 2000, True),
            )
    return PlanUpdateForm(**kwargs)


def progress_name(key: str, part: str) -> str:
    return f"p_{key}_{part}"


class _ProgressBase(PortalForm):
    save = SubmitField(_l("Save the draft"), widget=GovSubmitInput())
    send = SubmitField(_l("Send to the chair and family"), widget=GovSubmitInput())


def progress_form(keys: Sequence[str], **kwargs: Any) -> _ProgressBase:
    class ProgressForm(_ProgressBase):
        pass

    for key in keys:
        setattr(
            ProgressForm,
            progress_name(key, "status"),
            RadioField(
                _l("How far has this got?"),
                choices=options([(value, PROGRESS_LABELS[value]) for value in rules.PROGRESS]),
                widget=GovRadioInput(),
                validators=[Optional()],
                validate_choice=False,
            ),
        )
        setattr(ProgressForm, progress_name(key, "note"), _text(_l("Note"), 2000, True))
    return ProgressForm(**kwargs)
