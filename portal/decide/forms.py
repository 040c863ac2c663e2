"""The forms after the meeting. Their fields depend on the conference (who was invited,
whether it was in two parts) and on how many rows of actions and agency views the chair
has, so each form class is built for the request, as report writing builds its own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, RadioField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, Optional

from portal import messages
from portal.decide import errors
from portal.domain import limits
from portal.domain.vocabulary import Category, ConferencePart, JoinedBy, Outcome
from portal.labels import label
from portal.shared_forms import PortalForm, strip_whitespace
from portal.widgets import DayMonthYearField, GovCheckboxesInput, GovRadioInput, options

NOT_THERE = "not_there"
PARTS = (ConferencePart.BOTH, ConferencePart.PART_ONE, ConferencePart.PART_TWO)
# Rows of the plan and of the agencies' views: enough for any real plan, bounded for safety.
MOST_ROWS = 40


def _text(name: Any, hint: Any = None, most: int = limits.SHORT_ANSWER) -> StringField:
    return StringField(
        name,
        description=hint,
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Optional(), Length(max=most, message=messages.TOO_LONG)],
    )


def _long(name: Any, hint: Any = None, most: int = limits.LONG_ANSWER) -> StringField:
    return StringField(
        name,
        description=hint,
        widget=GovCharacterCount(),
        filters=[strip_whitespace],
        validators=[Length(max=most, message=messages.TOO_LONG)],
    )


def _date(name: Any, hint: Any = None) -> DayMonthYearField:
    return DayMonthYearField(
        name,
        description=hint or _l("For example, 27 3 2027"),
        invalid_message=messages.ENTER_DATE,
        validators=[Optional()],
    )


# --- The meeting held ---------------------------------------------------------------------


def how_field(participant_id: str) -> str:
    return f"how_{participant_id}"


def part_field(participant_id: str) -> str:
    return f"part_{participant_id}"


def writing_field(participant_id: str) -> str:
    return f"in_writing_{participant_id}"


def held_form(participant_ids: Sequence[str], in_two_parts: bool, **kwargs: Any) -> PortalForm:
    """The day and times it took place, and for each participant how they took part."""

    class HeldForm(PortalForm):
        day = DayMonthYearField(
            _l("Date it took place"),
            description=_l("If the meeting moved, give the day it really took place"),
            invalid_message=messages.ENTER_DATE,
            validators=[InputRequired(messages.ENTER_DATE)],
        )
        starts = StringField(
            _l("Start time"),
            description=_l("For example, 10:00 or 2pm"),
            widget=GovTextInput(),
            filters=[strip_whitespace],
            validators=[Optional(), Length(max=10, message=messages.TOO_LONG)],
        )
        ends = StringField(
            _l("End time"),
            description=_l("For example, 12:00"),
            widget=GovTextInput(),
            filters=[strip_whitespace],
            validators=[Optional(), Length(max=10, message=messages.TOO_LONG)],
        )
        submit = SubmitField(_l("Save"), widget=GovSubmitInput())

    ways = [(way.value, label(way)) for way in JoinedBy]
    for participant_id in participant_ids:
        setattr(
            HeldForm,
            how_field(participant_id),
            RadioField(
                _l("How did they take part?"),
                choices=options([*ways, (NOT_THERE, _l("They did not take part"))]),
                widget=GovRadioInput(),
                validators=[InputRequired(errors.CHOOSE_HOW)],
            ),
        )
        if in_two_parts:
            setattr(
                HeldForm,
                part_field(participant_id),
                RadioField(
                    _l("Which part were they at?"),
                    choices=options([(part.value, label(part)) for part in PARTS]),
                    widget=GovRadioInput(),
                    validators=[Optional()],
                ),
            )
        setattr(
            HeldForm,
            writing_field(participant_id),
            BooleanField(_l("They sent their views in writing"), widget=GovCheckboxInput()),
        )
    return HeldForm(**kwargs)


# --- The decision ---------------------------------------------------------------------------


def action_field(index: int, part: str) -> str:
    return f"action_{index}_{part}"


def agency_field(index: int, part: str) -> str:
    return f"agency_{index}_{part}"


ACTION_PARTS = ("what", "who", "by_when", "how_we_will_know")
AGENCY_PARTS = ("agency", "view", "disagrees")


def decision_form(
    outcomes: Sequence[Outcome],
    action_rows: int,
    agency_rows: int,
    core_group_choices: Sequence[tuple[str, str]],
    family_choices: Sequence[tuple[str, str]],
    child_name: str,
    **kwargs: Any,
) -> PortalForm:
    """The chair's decision for one child, with `action_rows` actions and `agency_rows`
    agencies' views; core group and "must not receive" choices are participants' ids."""

    class DecisionForm(PortalForm):
        outcome = RadioField(
            _l("What did the meeting decide?"),
            choices=options([(outcome.value, label(outcome)) for outcome in outcomes]),
            widget=GovRadioInput(),
            validators=[InputRequired(errors.CHOOSE_OUTCOME)],
        )
        category = RadioField(
            _l("If a child protection plan: under which category?"),
            choices=options([(category.value, label(category)) for category in Category]),
            widget=GovRadioInput(),
            validators=[Optional()],
        )
        plan_ended_reason = _long(_l("If the plan ends: why?"))
        reasons = _long(
            _l("The reasons for the decision"),
            _l("What the meeting heard and weighed, in words the family can follow"),
            most=limits.REPORT_SECTION,
        )
        dissent = _long(
            _l("Dissent (if any)"),
            _l("Anyone who disagrees with the decision, and what they asked to be recorded"),
        )
        contingency_plan = _long(
            _l("Contingency plan"), _l("What will happen if the plan is not working")
        )
        visiting_frequency = _text(
            _l("How often the social worker will visit"), _l("For example, every 10 working days")
        )
        core_group = SelectMultipleField(
            _l("Core group members from the meeting"),
            choices=options(list(core_group_choices)),
            widget=GovCheckboxesInput(),
            validators=[Optional()],
            validate_choice=False,
        )
        core_group_others = _long(
            _l("Other core group members (optional)"),
            _l("One on each line, with their role. For example: Northfield Nursery, key worker"),
        )
        first_core_group_on = _date(_l("Date of the first core group meeting"))
        review_on = _date(_l("Date of the review meeting"))
        not_to_receive = SelectMultipleField(
            _l("Who must not receive this decision?"),
            choices=options(list(family_choices)),
            widget=GovCheckboxesInput(),
            validators=[Optional()],
            validate_choice=False,
        )
        exclusion_reason = _long(_l("Why they must not receive it"))
        family_summary = _long(
            _l("What was decided, for the family"),
            _l(
                "Plain words a parent can read on a phone: what was decided, why, and what happens next"
            ),
            most=limits.REPORT_SECTION,
        )
        child_version_wanted = BooleanField(
            _l("Write a version for %(name)s", name=child_name), widget=GovCheckboxInput()
        )
        child_summary = _long(
            _l("What was decided, for %(name)s", name=child_name),
            _l("Short sentences a child can read: 15 words or fewer each"),
        )
        add_action = SubmitField(_l("Add another action"), widget=GovSubmitInput())
        add_agency = SubmitField(_l("Add another agency"), widget=GovSubmitInput())
        save = SubmitField(_l("Save as a draft"), widget=GovSubmitInput())
        check = SubmitField(_l("Save and check"), widget=GovSubmitInput())

    for index in range(action_rows):
        setattr(
            DecisionForm,
            action_field(index, "what"),
            _long(_l("What will be done"), most=limits.LONG_ANSWER),
        )
        setattr(
            DecisionForm,
            action_field(index, "who"),
            _text(_l("Who will do it"), _l("A named person or a role")),
        )
        setattr(DecisionForm, action_field(index, "by_when"), _date(_l("By when")))
        setattr(
            DecisionForm,
            action_field(index, "how_we_will_know"),
            _long(_l("How we will know it is done"), _l("Something people will see or be shown")),
        )
    for index in range(agency_rows):
        setattr(DecisionForm, agency_field(index, "agency"), _text(_l("Agency")))
        setattr(DecisionForm, agency_field(index, "view"), _long(_l("Its view")))
        setattr(
            DecisionForm,
            agency_field(index, "disagrees"),
            BooleanField(_l("This agency disagrees with the decision"), widget=GovCheckboxInput()),
        )
    return DecisionForm(**kwargs)


class CompleteForm(PortalForm):
    submit = SubmitField(_l("Mark as complete"), widget=GovSubmitInput())
