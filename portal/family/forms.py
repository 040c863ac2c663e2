"""The parent's forms before the meeting. Each step of "How the meeting will work for me"
is one form; its answers are saved as a draft as soon as it is sent."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, RadioField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from portal import messages
from portal.shared_forms import strip_whitespace
from portal.widgets import options

SHORT = 200
LONG = 2000


def short_text(label: Any, hint: Any = None, required: bool = False) -> StringField:
    checks = [DataRequired(messages.ENTER_TEXT)] if required else [Optional()]
    return StringField(
        label,
        description=hint,
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[*checks, Length(max=SHORT, message=messages.TOO_LONG)],
    )


def long_text(label: Any, hint: Any = None) -> StringField:
    return StringField(
        label,
        description=hint,
        widget=GovCharacterCount(),
        filters=[strip_whitespace],
        validators=[Optional(), Length(max=LONG, message=messages.TOO_LONG)],
    )


def choose_one(label: Any, choices: list[tuple[str, Any]], hint: Any = None) -> RadioField:
    return RadioField(
        label,
        description=hint,
        choices=options(choices),
        widget=GovRadioInput(),
        validators=[InputRequired(messages.CHOOSE_ONE)],
    )


def choose_any(label: Any, choices: list[tuple[str, Any]], hint: Any = None) -> SelectMultipleField:
    return SelectMultipleField(
        label,
        description=hint,
        choices=options(choices),
        widget=GovCheckboxesInput(),
        validators=[Optional()],
    )


YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


class StepForm(FlaskForm):
    submit = SubmitField(_l("Save and continue"), widget=GovSubmitInput())

    def answers(self) -> dict[str, Any]:
        return {
            name: field.data
            for name, field in self._fields.items()
            if name not in {"csrf_token", "submit"}
        }


class NameForm(StepForm):
    address_as = short_text(
        _l("What name should people use for you?"),
        _l("For example, Amira, or Mrs Khan"),
    )
    pronouns = short_text(_l("Your pronouns (optional)"), _l("For example, she and her"))


class LanguageForm(StepForm):
    language = short_text(_l("Which language do you want to use in the meeting?"), required=True)
    interpreter = choose_one(_l("Do you need an interpreter?"), YES_NO)
    interpreter_language = short_text(
        _l("If you need an interpreter, which language and dialect?"),
        _l("For example, Urdu, or Sylheti"),
    )

    def validate_interpreter_language(self, field: StringField) -> None:
        if self.interpreter.data == "yes" and not field.data:
            raise ValidationError(messages.ENTER_LANGUAGE)


COMMUNICATION = [
    ("bsl", _l("British Sign Language")),
    ("makaton", _l("Makaton")),
    ("easy_read", _l("Easy read papers")),
    ("large_print", _l("Large print")),
    ("reading_help", _l("Help with reading")),
    ("learning_disability", _l("I have a learning disability")),
    ("technology", _l("Special technology, such as a screen reader")),
    ("more_time", _l("More time to think before I answer")),
]


class CommunicationForm(StepForm):
    needs = choose_any(
        _l("What would help you follow and take part in the meeting?"),
        COMMUNICATION,
        _l("Choose all that help you. You can leave this blank."),
    )
    other = long_text(_l("Anything else that would help (optional)"))


ATTENDANCE = [
    ("in_person", _l("In person, in the meeting room")),
    ("video", _l("By video, from home or somewhere else")),
    ("local_office", _l("From a local office, by video")),
    ("not_attending", _l("I will not come")),
]


class AttendanceForm(StepForm):
    how = choose_one(_l("How will you join the meeting?"), ATTENDANCE)


class SeatingForm(StepForm):
    beside = choose_any(
        _l("Who would you like to sit beside?"),
        [],
        _l("People sit in a horseshoe shape. The chair sits at the top."),
    )
    not_near = choose_any(_l("Is there anyone who should not sit near you?"), [])

    def validate_not_near(self, field: SelectMultipleField) -> None:
        if set(field.data or []) & set(self.beside.data or []):
            raise ValidationError(messages.NOT_BOTH_SEATING)


UPSET_HELPS = [
    ("break", _l("A short break")),
    ("step_out", _l("Stepping out of the room and coming back")),
    ("supporter_speaks", _l("My supporter speaking for me for a while")),
    ("signal", _l("A signal I can give the chair")),
]


class UpsetForm(StepForm):
    helps = choose_any(
        _l("If you get upset or frustrated, what would help you stay in the meeting?"),
        UPSET_HELPS,
        _l("It is normal to feel upset. The chair wants to help you take part."),
    )
    signal = short_text(
        _l("If you want a signal, what will it be? (optional)"),
        _l("For example, I will put my hand flat on the table"),
    )
    other = long_text(_l("Anything else that helps you (optional)"))


SUPPORTERS = [
    ("none", _l("No, I will come on my own")),
    ("friend", _l("A friend")),
    ("relative", _l("Someone from my family")),
    ("solicitor", _l("A solicitor")),
]


class SupportForm(StepForm):
    supporter = choose_one(_l("Would you like someone to come with you?"), SUPPORTERS)
    supporter_name = short_text(_l("Their name (optional)"))
    advocate = choose_one(
        _l("Would you like an advocate?"),
        YES_NO,
        _l(
            "An advocate is someone who is not from the council. They help you say what you want to say."
        ),
    )


CHILD_ATTEND = [
    ("yes", _l("Yes")),
    ("no", _l("No")),
    ("not_sure", _l("I am not sure")),
]
CHILD_HOW = [
    ("whole", _l("Come to the whole meeting")),
    ("part", _l("Come to part of the meeting")),
    ("send_views", _l("Send their views, such as a letter or a drawing")),
    ("meet_chair", _l("Meet the chair on their own")),
]


class ChildForm(StepForm):
    attend = choose_one(
        _l("Do you think your child should take part in the meeting?"), CHILD_ATTEND
    )
    how = choose_any(_l("How could your child take part? (optional)"), CHILD_HOW)
    note = long_text(_l("Anything else about how your child could take part (optional)"))


class TimesForm(StepForm):
    hard_times = long_text(
        _l("Are there times that are hard for you? (optional)"),
        _l(
            "For example, work, the school run or childcare. We will try to avoid these times for later meetings."
        ),
    )


class SafetyForm(StepForm):
    unsafe = choose_one(
        _l("Is there someone you do not feel safe being in the same meeting with?"),
        YES_NO,
        _l("This is private. Only the chair and your social worker will see it."),
    )
    details = long_text(_l("Who is it, and what would help you feel safe? (optional)"))


class SendForm(FlaskForm):
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())


class AgreementForm(FlaskForm):
    agree = BooleanField(
        _l("I will keep the reports private. I will not share them or post them anywhere."),
        widget=GovCheckboxInput(),
        validators=[DataRequired(messages.AGREE_TO_CONTINUE)],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class ReadForm(FlaskForm):
    submit = SubmitField(_l("I have read this"), widget=GovSubmitInput())


class CommentForm(FlaskForm):
    text = StringField(
        _l("Tell us in your own words"),
        widget=GovCharacterCount(),
        filters=[strip_whitespace],
        validators=[DataRequired(messages.ENTER_TEXT), Length(max=LONG, message=messages.TOO_LONG)],
    )
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())


ABOUT_CHILD_QUESTIONS = [
    ("like", _l("What is your child like?")),
    ("enjoys", _l("What do they enjoy?")),
    ("dislikes", _l("What do they not like?")),
    ("doing", _l("How are they doing at home, at school and with friends?")),
    ("working_well", _l("What is going well for your child?")),
    ("worries", _l("What worries you?")),
    ("want", _l("What would you like to happen?")),
    ("help", _l("What help do you need from the people at the meeting?")),
    ("people", _l("Who in your family, or which friends, could help?")),
]


class AboutChildForm(FlaskForm):
    """Built with one long answer for each question."""

    save = SubmitField(_l("Save as a draft"), widget=GovSubmitInput())
    send = SubmitField(_l("Save and send"), widget=GovSubmitInput())

    def answers(self) -> dict[str, str]:
        return {key: getattr(self, key).data or "" for key, _label in ABOUT_CHILD_QUESTIONS}


for _key, _label in ABOUT_CHILD_QUESTIONS:
    setattr(AboutChildForm, _key, long_text(_label))
