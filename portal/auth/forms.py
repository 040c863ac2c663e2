from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import Email, InputRequired, Length, ValidationError

from portal import messages
from portal.data.interfaces import auth
from portal.domain import limits
from portal.shared_forms import PortalForm


class ContactForm(PortalForm):
    contact = StringField(
        _l("Email address or mobile phone number"),
        description=_l("Use the one your social worker has for you."),
        widget=GovTextInput(),
        validators=[InputRequired(messages.ENTER_CONTACT), Length(max=254)],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())

    def validate_contact(self, field: StringField) -> None:
        if not auth.looks_like_contact(field.data or ""):
            raise ValidationError(messages.CONTACT_FORMAT)


class CodeForm(PortalForm):
    code = StringField(
        _l("Code"),
        description=_l("It is 6 numbers, like 123456."),
        widget=GovTextInput(),
        validators=[InputRequired(messages.ENTER_CODE)],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())

    def validate_code(self, field: StringField) -> None:
        if len(auth.clean_code(field.data or "")) != auth.CODE_DIGITS:
            raise ValidationError(messages.CODE_FORMAT)


class ProfessionalForm(PortalForm):
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[
            InputRequired(messages.ENTER_EMAIL),
            Email(messages.EMAIL_FORMAT, check_deliverability=False),
            Length(max=254),
        ],
    )
    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[InputRequired(messages.ENTER_PASSWORD), Length(max=200)],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class AuthenticatorForm(PortalForm):
    code = StringField(
        _l("Code from your authenticator app"),
        widget=GovTextInput(),
        validators=[InputRequired(messages.ENTER_AUTHENTICATOR_CODE)],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


class SignOutForm(PortalForm):
    submit = SubmitField(_l("Sign out"), widget=GovSubmitInput())


class SetPasswordForm(PortalForm):
    """A professional's first password, chosen through their one-time set-up link."""

    password = PasswordField(
        _l("Choose a password"),
        description=_l(
            "Use %(min)d characters or more. Three random words together are easy to "
            "remember and hard to guess.",
            min=limits.PASSWORD_MIN,
        ),
        widget=GovPasswordInput(),
        validators=[
            InputRequired(messages.CHOOSE_PASSWORD),
            Length(min=limits.PASSWORD_MIN, message=messages.PASSWORD_TOO_SHORT),
            Length(max=limits.PASSWORD_MAX, message=messages.TOO_LONG),
        ],
    )
    confirm = PasswordField(
        _l("Enter the password again"),
        widget=GovPasswordInput(),
        validators=[InputRequired(messages.CONFIRM_PASSWORD)],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())

    def __init__(self, *args: object, email: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._email = email.strip().lower()

    def validate_password(self, field: PasswordField) -> None:
        if self._email and (field.data or "").strip().lower() == self._email:
            raise ValidationError(messages.PASSWORD_IS_EMAIL)

    def validate_confirm(self, field: PasswordField) -> None:
        if field.data and self.password.data and field.data != self.password.data:
            raise ValidationError(messages.PASSWORDS_DIFFER)


class SignInAgainForm(PortalForm):
    """Before publishing a decision: the password again, and the authenticator code when
    the person has one."""

    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[InputRequired(messages.ENTER_PASSWORD), Length(max=200)],
    )
    code = StringField(
        _l("Code from your authenticator app"),
        widget=GovTextInput(),
        validators=[Length(max=20)],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())
