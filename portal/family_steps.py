"""The family's questions: one definition of each step of "How the meeting will work for
you" (its form, choices and title) and of "About my child", and the one read-back that
turns answers into labelled lines for the family's "check your answers" and for the
professionals' "What the family has told us".

What the answers mean (columns copied out, the advocate rule, which are safety requests)
is in `portal.domain.family_answers`; who may see them is in `portal.domain.visibility`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from flask_babel import gettext as _, lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovSubmitInput, GovTextInput
from markupsafe import Markup
from wtforms import Field, RadioField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from portal import messages
from portal.domain import family_answers, languages as registry, limits
from portal.domain.vocabulary import AttendanceMode
from portal.shared_forms import PortalForm, strip_whitespace
from portal.templating import and_list
from portal.widgets import GovCheckboxesInput, GovRadioInput, option_labels, options


def short_text(
    label: Any, hint: Any = None, required: bool = False, max_length: int = limits.SHORT_ANSWER
) -> StringField:
    # No Optional(): it would stop the checks on an empty answer, and a step's own check
    # (an interpreter needs a language) must still run. Length() lets empty through.
    checks = [DataRequired(messages.ENTER_TEXT)] if required else []
    return StringField(
        label,
        description=hint,
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[*checks, Length(max=max_length, message=messages.TOO_LONG)],
    )


def long_text(label: Any, hint: Any = None, required: bool = False) -> StringField:
    checks = [DataRequired(messages.ENTER_TEXT)] if required else []
    return StringField(
        label,
        description=hint,
        widget=GovCharacterCount(),
        filters=[strip_whitespace],
        validators=[*checks, Length(max=limits.LONG_ANSWER, message=messages.TOO_LONG)],
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
        validators=[],
    )


YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


class StepForm(PortalForm):
    submit = SubmitField(_l("Save and continue"), widget=GovSubmitInput())

    def answers(self) -> dict[str, Any]:
        return {name: field.data for name, field in self.questions()}

    def questions(self) -> list[tuple[str, Field]]:
        return [(n, f) for n, f in self._fields.items() if n not in {"csrf_token", "submit"}]


class NameForm(StepForm):
    address_as = short_text(
        _l("What name should people use for you?"),
        _l("For example, Amira, or Mrs Khan"),
    )
    pronouns = short_text(
        _l("Your pronouns (optional)"), _l("For example, she and her"), max_length=limits.PRONOUNS
    )


OTHER_LANGUAGE = "other"


def language_choices() -> list[tuple[str, Any]]:
    """The registry's languages, each in its own name and script (marked with its `lang`,
    so a screen reader says it right) and, when the page is in another language, in the
    reader's words too; then "Another language"."""
    from flask_babel import get_locale

    locale = get_locale()
    names = locale.languages if locale is not None else {}
    page = locale.language if locale is not None else "en"
    choices: list[tuple[str, Any]] = []
    for language in registry.KNOWN:
        own = Markup('<span lang="{}" dir="{}">{}</span>').format(
            language.code, language.direction, language.own_name
        )
        reader = language.english_name if page == "en" else names.get(language.code)
        if language.code != page and reader and reader != language.own_name:
            own = Markup("{} ({})").format(own, reader)
        choices.append((language.code, own))
    choices.append((OTHER_LANGUAGE, _("Another language")))
    return choices


class LanguageForm(StepForm):
    """The language of the meeting is a code from the portal's list (issue 13), or another
    language in the family's words; the interpreter's dialect is theirs to say."""

    language = choose_one(
        _l("Which language do you want to use in the meeting?"),
        [],
        _l("Pick the one you speak best. If yours is not here, pick the last one."),
    )
    language_other = short_text(
        _l("If your language is not on the list, which one is it?"),
        _l("For example, Tigrinya or Kurdish"),
        max_length=limits.LANGUAGE,
    )
    interpreter = choose_one(_l("Do you need an interpreter?"), YES_NO)
    dialect = short_text(
        _l("Which dialect do you speak? (optional)"),
        _l("For example, Sylheti or Mirpuri"),
        max_length=limits.DIALECT,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language.choices = options(language_choices())
        # Answers sent before the list existed hold a name ("Urdu"): shown as its code, or
        # as another language with the name kept.
        stored = self.language.data
        sent_now = bool(self.language.raw_data)
        if stored and not sent_now and stored not in {c.value for c in self.language.choices}:
            found = registry.find(stored)
            if found:
                self.language.data = found.code
            else:
                self.language.data = OTHER_LANGUAGE
                self.language_other.data = self.language_other.data or stored

    def validate_language_other(self, field: StringField) -> None:
        if self.language.data == OTHER_LANGUAGE and not field.data:
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
    (AttendanceMode.IN_PERSON.value, _l("In person, in the meeting room")),
    (AttendanceMode.VIDEO.value, _l("By video, from home or somewhere else")),
    (AttendanceMode.LOCAL_OFFICE.value, _l("From a local office, by video")),
    (AttendanceMode.NOT_ATTENDING.value, _l("I will not come")),
]


class AttendanceForm(StepForm):
    how = choose_one(_l("How will you join the meeting?"), ATTENDANCE)


class SeatingForm(StepForm):
    """The people to choose from are the conference's: see `with_people`."""

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


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[StepForm]
    title: Any


_FORMS: dict[str, tuple[type[StepForm], Any]] = {
    "name": (NameForm, _l("What people should call you")),
    "language": (LanguageForm, _l("Language and interpreter")),
    "communication": (CommunicationForm, _l("What helps you take part")),
    "attendance": (AttendanceForm, _l("How you will join")),
    "seating": (SeatingForm, _l("Where you sit")),
    "upset": (UpsetForm, _l("If you get upset")),
    "support": (SupportForm, _l("Support for you")),
    "child": (ChildForm, _l("Your child and the meeting")),
    "times": (TimesForm, _l("Times that are hard for you")),
    "safety": (SafetyForm, _l("Feeling safe")),
}
# In the order the domain gives (a step without a form fails here, at import).
STEPS = [Step(slug, *_FORMS[slug]) for slug in family_answers.STEP_SLUGS]
BY_SLUG = {step.slug: step for step in STEPS}


def next_slug(slug: str) -> str | None:
    index = family_answers.STEP_SLUGS.index(slug)
    following = family_answers.STEP_SLUGS[index + 1 : index + 2]
    return following[0] if following else None


def with_people(form: StepForm, people: Mapping[str, str]) -> StepForm:
    """Fill the seating choices with the people this person may choose (id to name)."""
    if isinstance(form, SeatingForm):
        choices = options(list(people.items()))
        form.beside.choices = choices
        form.not_near.choices = choices
    return form


class Line(NamedTuple):
    question: str
    answer: str


def _words(value: Any, labels: Mapping[str, Any]) -> str:
    if isinstance(value, list):
        return and_list(labels.get(v, v) for v in value)
    if value and labels:
        return str(labels.get(value, value))
    return str(value or "")


def read_back(
    slug: str,
    answers: Mapping[str, Any],
    people: Mapping[str, str] | None = None,
    shown: Callable[[str, str], bool] | None = None,
) -> list[Line]:
    """Each question of one step with its answer in words. `people` names the ids a seating
    answer holds (someone since removed reads as such, never as an id); `shown(slug, field)`
    says which answers this reader may see (the visibility policy decides)."""
    form = with_people(BY_SLUG[slug].form(meta={"csrf": False}, formdata=None), people or {})
    lines = []
    for name, field in form.questions():
        if shown is not None and not shown(slug, name):
            continue
        labels = option_labels(getattr(field, "choices", None))
        value = answers.get(name)
        if name in family_answers.PEOPLE_FIELDS.get(slug, ()) and isinstance(value, list):
            labels = {
                **labels,
                **{v: _("Someone no longer invited") for v in value if v not in labels},
            }
        lines.append(Line(str(field.label.text), _words(value, labels) or _("Not answered")))
    return lines


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


class AboutChildForm(PortalForm):
    """Built with one long answer for each question."""

    save = SubmitField(_l("Save as a draft"), widget=GovSubmitInput())
    send = SubmitField(_l("Save and send"), widget=GovSubmitInput())

    def answers(self) -> dict[str, str]:
        return {key: getattr(self, key).data or "" for key, _label in ABOUT_CHILD_QUESTIONS}


for _key, _label in ABOUT_CHILD_QUESTIONS:
    setattr(AboutChildForm, _key, long_text(_label))


def about_child_lines(answers: Mapping[str, str]) -> list[Line]:
    """What a parent said about a child, question by question, leaving out the blanks."""
    return [
        Line(str(question), answers[key])
        for key, question in ABOUT_CHILD_QUESTIONS
        if answers.get(key)
    ]
