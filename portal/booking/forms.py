"""The booking questions and the arrangements forms. Choices that depend on the council or
the conference (chairs, staff, children, earlier conferences) are filled in by the route."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, RadioField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal import messages
from portal.booking import errors
from portal.data.interfaces.auth import EMAIL, normalise_mobile
from portal.domain import clock, limits
from portal.domain.booking import NEEDS_DETAILS, STATUS_REASONS, parse_time
from portal.domain.vocabulary import ConferenceKind, ConferencePart
from portal.labels import STATUS_REASONS as REASON_LABELS, label
from portal.shared_forms import PortalForm
from portal.widgets import DayMonthYearField, GovRadioInput, options


def strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def text(
    name: Any, hint: Any = None, *, required: Any = None, max_length: int = limits.SHORT_ANSWER
) -> StringField:
    checks: list[Any] = [DataRequired(required)] if required else [Optional()]
    return StringField(
        name,
        description=hint,
        widget=GovTextInput(),
        filters=[strip],
        validators=[*checks, Length(max=max_length, message=messages.TOO_LONG)],
    )


def date_field(name: Any, hint: Any = None, required: bool = True) -> DayMonthYearField:
    return DayMonthYearField(
        name,
        description=hint or _l("For example, 27 3 2027"),
        invalid_message=messages.ENTER_DATE,
        validators=[DataRequired(messages.ENTER_DATE)] if required else [Optional()],
    )


def radios(
    name: Any, choices: list[tuple[str, Any]], required: Any = messages.CHOOSE_ONE
) -> RadioField:
    return RadioField(
        name,
        choices=options(choices),
        widget=GovRadioInput(),
        validators=[InputRequired(required)],
    )


def choose(name: Any, required: Any, hint: Any = None) -> SelectField:
    # Choices are checked by the route against the council's own records, with our message.
    return SelectField(
        name,
        description=hint,
        widget=GovSelect(),
        validators=[InputRequired(required)],
        validate_choice=False,
    )


class StepForm(PortalForm):
    submit = SubmitField(_l("Save and continue"), widget=GovSubmitInput())


class KindForm(StepForm):
    kind = radios(
        _l("What kind of conference is it?"),
        [(kind.value, label(kind)) for kind in ConferenceKind],
    )


class PreviousForm(StepForm):
    previous = choose(
        _l("Which conference does this review follow?"),
        errors.CHOOSE_PREVIOUS,
        _l("The review is about the same children, and follows on from that conference's plan."),
    )


class MovedForm(StepForm):
    moved_on = date_field(_l("When did the family move into the area?"))


class ChildForm(PortalForm):
    first_name = text(_l("First name"), required=errors.ENTER_FIRST_NAME, max_length=100)
    last_name = text(_l("Last name"), required=errors.ENTER_LAST_NAME, max_length=100)
    born = date_field(
        _l("Date of birth"),
        _l("For a baby not yet born, leave this empty and give the expected date below"),
        required=False,
    )
    expected = date_field(_l("Expected date of birth (for a baby not yet born)"), required=False)
    submit = SubmitField(_l("Add child"), widget=GovSubmitInput())

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not self.born.data and not self.expected.data:
            self.born.errors = [errors.ENTER_BIRTH]
            return False
        if valid and self.born.data and self.expected.data:
            self.expected.errors = [errors.BORN_OR_EXPECTED]
            return False
        if valid and self.born.data and self.born.data > clock.today_in_london():
            self.born.errors = [errors.BORN_IN_THE_FUTURE]
            return False
        return valid


def check_times(form: Any, valid: bool) -> bool:
    """Each time field holds a time of day as people write it."""
    for field in (form.starts, form.ends, form.part_two):
        if field.data and parse_time(field.data) is None:
            field.errors = [*field.errors, errors.TIME_FORMAT]
            valid = False
    return valid


class TimeForm(StepForm):
    strategy_on = date_field(
        _l("Date of the strategy discussion"),
        _l("The first conference is due within 15 working days of it, under most councils' rules"),
        required=False,
    )
    day = date_field(_l("Date of the conference"))
    starts = text(
        _l("Start time"), _l("For example, 10:00 or 2pm"), required=errors.ENTER_TIME, max_length=10
    )
    ends = text(
        _l("Expected end time"), _l("For example, 12:00"), required=errors.ENTER_TIME, max_length=10
    )
    two_parts = radios(
        _l("Is it in two parts?"),
        [("no", _l("No")), ("yes", _l("Yes, in two parts"))],
    )
    part_two = text(
        _l("If in two parts: when does part two start?"),
        _l("Some people join only one part, for example where there is domestic abuse"),
        max_length=10,
    )

    def validate(self, extra_validators: Any = None) -> bool:
        return check_times(self, super().validate(extra_validators))


class PlaceForm(StepForm):
    venue = text(
        _l("Venue (optional)"), _l("For example, Room 2, Northfield Civic Centre"), max_length=300
    )
    video = text(
        _l("Video link (optional)"),
        _l("People who join by video get it before the meeting"),
        max_length=500,
    )
    local_office = text(
        _l("Local office people can join from (optional)"),
        _l("For families who cannot travel to the venue"),
        max_length=300,
    )

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not (self.venue.data or self.video.data):
            self.venue.errors = [errors.VENUE_OR_VIDEO]
            return False
        if self.video.data and not self.video.data.startswith("https://"):
            self.video.errors = [errors.VIDEO_LINK]
            return False
        return valid


class ChairForm(StepForm):
    chair = choose(_l("Who will chair it?"), errors.CHOOSE_CHAIR)


class BookForm(PortalForm):
    submit = SubmitField(_l("Book the conference"), widget=GovSubmitInput())


class StartForm(PortalForm):
    submit = SubmitField(_l("Start a booking"), widget=GovSubmitInput())


# --- Who comes ----------------------------------------------------------------------------

# Languages a family member may read; the messages use it when we offer it (else English).
LANGUAGE_CODES = (
    "en",
    "cy",
    "ur",
    "pa",
    "bn",
    "gu",
    "pl",
    "ro",
    "ar",
    "so",
    "ps",
    "fa",
    "ku",
    "ti",
    "pt",
    "es",
    "lt",
    "tr",
    "zh",
)


class ContactForm(PortalForm):
    email = text(_l("Email address"), max_length=254)
    mobile = text(_l("Mobile phone number"), _l("For example, 07700 900 982"), max_length=40)
    language = choose(_l("Language they read best"), messages.CHOOSE_ONE)
    needs_interpreter = BooleanField(
        _l("They need an interpreter at the meeting"), widget=GovCheckboxInput()
    )
    part = radios(
        _l("Which part will they join?"),
        [(part.value, label(part)) for part in ConferencePart],
    )

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.email.data:
            if EMAIL.match(self.email.data):
                self.email.data = self.email.data.lower()
            else:
                self.email.errors = [*self.email.errors, errors.NOT_AN_EMAIL]
                valid = False
        if self.mobile.data:
            normalised = normalise_mobile(self.mobile.data)
            if normalised is None:
                self.mobile.errors = [*self.mobile.errors, errors.NOT_A_PHONE]
                valid = False
            else:
                self.normalised_mobile = normalised
        if not self.email.data and not self.mobile.data and not self.email.errors:
            self.email.errors = [errors.ENTER_A_CONTACT]
            valid = False
        return valid

    def mobile_number(self) -> str | None:
        return getattr(self, "normalised_mobile", None)


class FamilyMemberForm(ContactForm):
    full_name = text(_l("Full name"), required=errors.ENTER_NAME)
    relationship = text(
        _l("Relationship to the children"),
        _l("For example, mother, father or grandmother"),
        required=errors.ENTER_RELATIONSHIP,
        max_length=100,
    )
    submit = SubmitField(_l("Add family member"), widget=GovSubmitInput())


class YoungPersonForm(ContactForm):
    child = choose(_l("Which young person?"), errors.CHOOSE_CHILD)
    submit = SubmitField(_l("Add young person"), widget=GovSubmitInput())


class StaffMemberForm(PortalForm):
    staff_member = choose(_l("Member of the council's staff"), errors.CHOOSE_STAFF)
    staff_part = radios(
        _l("Which part will they join?"),
        [(part.value, label(part)) for part in ConferencePart],
    )
    add_staff = SubmitField(_l("Add member of staff"), widget=GovSubmitInput())


class PartnerForm(PortalForm):
    full_name = text(_l("Full name"), required=errors.ENTER_NAME)
    agency = text(
        _l("Agency"),
        _l("For example, Northfield Primary School, or the health visiting team"),
        required=errors.ENTER_AGENCY,
    )
    email = text(_l("Work email address"), required=errors.ENTER_EMAIL, max_length=254)
    role = radios(
        _l("Their part in the conference"),
        [
            ("professional", _l("Professional (for example school, health or police)")),
            ("advocate", _l("Advocate")),
        ],
    )
    part = radios(
        _l("Which part will they join?"),
        [(part.value, label(part)) for part in ConferencePart],
    )
    submit = SubmitField(_l("Add professional"), widget=GovSubmitInput())

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.email.data and not EMAIL.match(self.email.data):
            self.email.errors = [*self.email.errors, errors.NOT_AN_EMAIL]
            return False
        if self.email.data:
            self.email.data = self.email.data.lower()
        return valid


class PartForm(PortalForm):
    part = radios(
        _l("Which part will they join?"),
        [(part.value, label(part)) for part in ConferencePart],
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class InviteForm(PortalForm):
    submit = SubmitField(_l("Send the invitations"), widget=GovSubmitInput())


class MoveForm(PortalForm):
    day = date_field(_l("New date"))
    starts = text(
        _l("Start time"), _l("For example, 10:00 or 2pm"), required=errors.ENTER_TIME, max_length=10
    )
    ends = text(
        _l("Expected end time"), _l("For example, 12:00"), required=errors.ENTER_TIME, max_length=10
    )
    part_two = text(_l("If in two parts: when does part two start?"), max_length=10)
    submit = SubmitField(_l("Change the date and tell everyone"), widget=GovSubmitInput())

    def validate(self, extra_validators: Any = None) -> bool:
        return check_times(self, super().validate(extra_validators))


class CallOffForm(PortalForm):
    action = radios(
        _l("What is happening to the conference?"),
        [
            ("postpone", _l("Postpone it: it will be held on a new date")),
            ("cancel", _l("Cancel it: it will not be held")),
        ],
    )
    reason = radios(_l("Why?"), [(code, REASON_LABELS[code]) for code in STATUS_REASONS])
    details = StringField(
        _l("Details"),
        description=_l(
            "For example, the reports were not with the chair by 2pm the day before. "
            "Professionals see this; the family is told in plain words."
        ),
        widget=GovTextArea(),
        filters=[strip],
        validators=[Length(max=limits.LONG_ANSWER, message=messages.TOO_LONG)],
    )
    submit = SubmitField(_l("Confirm and tell everyone"), widget=GovSubmitInput())

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.reason.data in NEEDS_DETAILS and not self.details.data:
            self.details.errors = [errors.ENTER_DETAILS]
            return False
        return valid
