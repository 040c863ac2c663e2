"""Forms for asking for an advocate and for the advocacy service's work."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, RadioField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from portal import messages
from portal.domain import limits
from portal.domain.vocabulary import AdvocateContactWay, AdvocateDeclineReason
from portal.labels import LABELS
from portal.shared_forms import PortalForm, strip_whitespace
from portal.widgets import DayMonthYearField, GovCheckboxesInput, GovRadioInput, options

SERVICE = "service"
NAMED = "named"


class AskForm(PortalForm):
    """For the child, a parent, or the social worker (who records the child's agreement).
    The route removes the questions that do not apply to the person asking."""

    child = RadioField(
        _l("Who is the advocate for?"),
        widget=GovRadioInput(),
        validators=[InputRequired(messages.CHOOSE_ONE)],
    )
    who = RadioField(
        _l("Who would you like?"),
        widget=GovRadioInput(),
        validators=[InputRequired(messages.CHOOSE_ONE)],
    )
    named_advocate = StringField(
        _l("If you know someone, what is their name? (optional)"),
        description=_l("For example, a youth worker you trust"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Length(max=limits.SHORT_ANSWER, message=messages.TOO_LONG)],
    )
    agreed = BooleanField(
        _l("The young person has told me they want an advocate"),
        widget=GovCheckboxInput(),
        validators=[DataRequired(messages.YOUNG_PERSON_MUST_AGREE)],
    )
    submit = SubmitField(_l("Ask for an advocate"), widget=GovSubmitInput())

    def validate_named_advocate(self, field: StringField) -> None:
        if self.who.data == NAMED and not field.data:
            raise ValidationError(str(messages.ENTER_ADVOCATE_NAME))


class AcceptForm(PortalForm):
    accept = SubmitField(_l("Accept this referral"), widget=GovSubmitInput())


DECLINE_REASONS = [
    (AdvocateDeclineReason.NO_ONE_FREE.value, _l("No advocate is free in time")),
    (AdvocateDeclineReason.TOO_SOON.value, _l("The meeting is too soon to prepare")),
    (AdvocateDeclineReason.NOT_OUR_AREA.value, _l("The young person lives outside our area")),
    (
        AdvocateDeclineReason.YOUNG_PERSON_SAID_NO.value,
        _l("The young person told us they do not want an advocate now"),
    ),
    (AdvocateDeclineReason.OTHER.value, _l("Another reason")),
]


class DeclineForm(PortalForm):
    reason = RadioField(
        _l("Why can you not take this referral?"),
        choices=options(DECLINE_REASONS),
        widget=GovRadioInput(),
        validators=[InputRequired(messages.CHOOSE_ONE)],
    )
    words = StringField(
        _l("What should the young person be told? (optional unless another reason)"),
        description=_l("The young person reads this. Use short, plain words."),
        widget=GovCharacterCount(),
        filters=[strip_whitespace],
        validators=[Length(max=limits.LONG_ANSWER, message=messages.TOO_LONG)],
    )
    decline = SubmitField(_l("Decline this referral"), widget=GovSubmitInput())

    def validate_words(self, field: StringField) -> None:
        if self.reason.data == AdvocateDeclineReason.OTHER.value and not field.data:
            raise ValidationError(str(messages.ENTER_DECLINE_WORDS))


class StatementForm(PortalForm):
    text = StringField(
        _l("What the young person wants the meeting to know"),
        description=_l("Write it as they would want it said. It will show that you wrote it."),
        widget=GovCharacterCount(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(messages.ENTER_TEXT),
            Length(max=limits.LONG_ANSWER, message=messages.TOO_LONG),
        ],
    )
    shared_with = SelectMultipleField(
        _l("Who else has the young person agreed can read it? (optional)"),
        description=_l("The chair and the social worker always can, and so can the young person."),
        widget=GovCheckboxesInput(),
        validators=[],
    )
    save = SubmitField(_l("Save as a draft"), widget=GovSubmitInput())
    send = SubmitField(_l("Send the statement"), widget=GovSubmitInput())


CONTACT_WAYS = [(way.value, LABELS[way]) for way in AdvocateContactWay]


class ContactForm(PortalForm):
    met_on = DayMonthYearField(
        _l("When did you meet or speak with the young person?"),
        description=_l("For example, 27 11 2026"),
        invalid_message=messages.ENTER_DATE,
        validators=[DataRequired(messages.ENTER_DATE)],
    )
    way = RadioField(
        _l("How?"),
        choices=options(CONTACT_WAYS),
        widget=GovRadioInput(),
        validators=[InputRequired(messages.CHOOSE_ONE)],
    )
    submit = SubmitField(_l("Record this meeting"), widget=GovSubmitInput())

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_met_on(self, field: DayMonthYearField) -> None:
        if field.data and self.today and field.data > self.today:
            raise ValidationError(str(messages.NOT_IN_THE_FUTURE))


SETTLE_OUTCOMES = [
    ("found", _l("An advocate has been found")),
    ("not_possible", _l("It is not possible to find one")),
]


class SettleForm(PortalForm):
    """The social worker records what became of a request they arranged themselves (a
    person the child named, or an advocate found another way)."""

    outcome = RadioField(
        _l("What happened?"),
        choices=options(SETTLE_OUTCOMES),
        widget=GovRadioInput(),
        validators=[InputRequired(messages.CHOOSE_ONE)],
    )
    words = StringField(
        _l("If it is not possible, why?"),
        description=_l("The young person reads this. Use short, plain words."),
        widget=GovCharacterCount(),
        filters=[strip_whitespace],
        validators=[Length(max=limits.LONG_ANSWER, message=messages.TOO_LONG)],
    )
    submit = SubmitField(_l("Save what happened"), widget=GovSubmitInput())

    def validate_words(self, field: StringField) -> None:
        if self.outcome.data == "not_possible" and not field.data:
            raise ValidationError(str(messages.ENTER_WHY_NOT_POSSIBLE))
