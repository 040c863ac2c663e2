from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import RadioField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, InputRequired, Length, ValidationError

from portal import messages
from portal.domain import limits
from portal.domain.council import PHONE_LENGTH, phone_number_ok
from portal.domain.vocabulary import StaffRole
from portal.labels import label
from portal.shared_forms import PortalForm, strip_whitespace
from portal.widgets import DayMonthYearField, GovRadioInput, options


class ClosureDayForm(PortalForm):
    day = DayMonthYearField(
        _l("Date the council is closed"),
        description=_l("For example, 29 12 2027"),
        invalid_message=messages.ENTER_DATE,
        validators=[DataRequired(messages.ENTER_DATE)],
    )
    reason = StringField(
        _l("Why it is closed"),
        description=_l("For example, closed between Christmas and New Year"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(messages.ENTER_CLOSURE_REASON),
            Length(max=limits.CLOSURE_REASON, message=messages.TOO_LONG),
        ],
    )
    submit = SubmitField(_l("Add closure day"), widget=GovSubmitInput())


# What each role may do, shown under its name so the administrator chooses knowingly.
STAFF_ROLE_HINTS = {
    StaffRole.SOCIAL_WORKER: _l("Books conferences for their families and shares reports."),
    StaffRole.CHAIR: _l("Chairs conferences: prepares, decides and publishes the plan."),
    StaffRole.CONFERENCE_ADMINISTRATOR: _l(
        "Books and arranges conferences, sends invitations and minutes."
    ),
    StaffRole.MANAGER: _l("Sees every conference of the council."),
    StaffRole.ADMINISTRATOR: _l(
        "Keeps the council's settings and its staff accounts, and arranges conferences."
    ),
}


ROLE_ORDER = [
    StaffRole.SOCIAL_WORKER,
    StaffRole.CHAIR,
    StaffRole.CONFERENCE_ADMINISTRATOR,
    StaffRole.MANAGER,
    StaffRole.ADMINISTRATOR,
]


def _role_choices(field: RadioField) -> list[dict[str, Any]]:
    """Fill in the roles; return each one's hint, merged into the radios one by one."""
    field.choices = options([(role.value, label(role)) for role in ROLE_ORDER])
    return [{"hint": {"text": STAFF_ROLE_HINTS[role]}} for role in ROLE_ORDER]


def _lower_email(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


class _NameAndWorkEmail(PortalForm):
    """Who is invited: the questions a staff invitation and an advocate's share."""

    full_name = StringField(
        _l("Full name"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(messages.ENTER_FULL_NAME),
            Length(max=limits.FULL_NAME, message=messages.TOO_LONG),
        ],
    )
    email = StringField(
        _l("Work email address"),
        description=_l("We will send the set-up link here. They will sign in with it."),
        widget=GovTextInput(),
        filters=[_lower_email],
        validators=[
            DataRequired(messages.ENTER_STAFF_EMAIL),
            Length(max=limits.EMAIL, message=messages.TOO_LONG),
            Email(messages.EMAIL_FORMAT, check_deliverability=False),
        ],
    )


class InviteStaffForm(_NameAndWorkEmail):
    role = RadioField(
        _l("What they do for the council"),
        widget=GovRadioInput(),
        validators=[InputRequired(messages.CHOOSE_STAFF_ROLE)],
    )
    submit = SubmitField(_l("Send invitation"), widget=GovSubmitInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.role_items = _role_choices(self.role)


class PolicyForm(PortalForm):
    policy = RadioField(
        _l("Which timescales does the council follow?"),
        description=_l(
            "The deadlines of every conference are worked out again from the timescales "
            "you choose, as soon as you save. Deadlines already met stay met."
        ),
        widget=GovRadioInput(),
        validators=[InputRequired(messages.CHOOSE_POLICY)],
    )
    submit = SubmitField(_l("Save timescales"), widget=GovSubmitInput())


class ChangeRoleForm(PortalForm):
    role = RadioField(
        _l("What they do for the council"),
        widget=GovRadioInput(),
        validators=[InputRequired(messages.CHOOSE_STAFF_ROLE)],
    )
    submit = SubmitField(_l("Change role"), widget=GovSubmitInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.role_items = _role_choices(self.role)


class ResendLinkForm(PortalForm):
    submit = SubmitField(_l("Send a new set-up link"), widget=GovSubmitInput())


class DeactivateForm(PortalForm):
    submit = SubmitField(_l("Deactivate account"), widget=GovSubmitInput())


class ReactivateForm(PortalForm):
    submit = SubmitField(_l("Reactivate account"), widget=GovSubmitInput())


# --- The advocacy service that takes the council's referrals -------------------------------


class AdvocacyServiceForm(PortalForm):
    name = StringField(
        _l("Name of the advocacy service"),
        description=_l("The name families and children know it by"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(messages.ENTER_SERVICE_NAME),
            Length(max=limits.SHORT_ANSWER, message=messages.TOO_LONG),
        ],
    )
    email = StringField(
        _l("Email address for referrals"),
        description=_l("Where the service takes referrals, for people who need to write to it."),
        widget=GovTextInput(),
        filters=[_lower_email],
        validators=[
            DataRequired(messages.ENTER_SERVICE_EMAIL),
            Length(max=limits.EMAIL, message=messages.TOO_LONG),
            Email(messages.EMAIL_FORMAT, check_deliverability=False),
        ],
    )
    phone = StringField(
        _l("Phone number"),
        description=_l("For example, 01632 960 123"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(messages.ENTER_SERVICE_PHONE),
            Length(max=PHONE_LENGTH, message=messages.TOO_LONG),
        ],
    )
    submit = SubmitField(_l("Save the advocacy service"), widget=GovSubmitInput())

    def validate_phone(self, field: StringField) -> None:
        if field.data and len(field.data) <= PHONE_LENGTH and not phone_number_ok(field.data):
            raise ValidationError(str(messages.SERVICE_PHONE_FORMAT))


class InviteAdvocateForm(_NameAndWorkEmail):
    submit = SubmitField(_l("Send invitation"), widget=GovSubmitInput())
