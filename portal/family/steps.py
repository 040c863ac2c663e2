"""The steps of "How the meeting will work for me", in order, and how answers read back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm

from portal.family import forms
from portal.widgets import option_labels


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[forms.StepForm]
    title: Any


STEPS = [
    Step("name", forms.NameForm, _l("What people should call you")),
    Step("language", forms.LanguageForm, _l("Language and interpreter")),
    Step("communication", forms.CommunicationForm, _l("What helps you take part")),
    Step("attendance", forms.AttendanceForm, _l("How you will join")),
    Step("seating", forms.SeatingForm, _l("Where you sit")),
    Step("upset", forms.UpsetForm, _l("If you get upset")),
    Step("support", forms.SupportForm, _l("Support for you")),
    Step("child", forms.ChildForm, _l("Your child and the meeting")),
    Step("times", forms.TimesForm, _l("Times that are hard for you")),
    Step("safety", forms.SafetyForm, _l("Feeling safe")),
]
BY_SLUG = {step.slug: step for step in STEPS}


def next_slug(slug: str) -> str | None:
    index = [s.slug for s in STEPS].index(slug)
    return STEPS[index + 1].slug if index + 1 < len(STEPS) else None


def read_back(form: FlaskForm, answers: dict[str, Any]) -> list[tuple[str, str]]:
    """Each question with the answer in words, for "check your answers"."""
    lines = []
    for name, field in form._fields.items():
        if name in {"csrf_token", "submit"}:
            continue
        value = answers.get(name)
        choices = option_labels(getattr(field, "choices", None))
        if isinstance(value, list):
            text = ", ".join(str(choices.get(v, v)) for v in value)
        elif value and choices:
            text = str(choices.get(value, value))
        else:
            text = str(value or "")
        lines.append((str(field.label.text), text or _("Not answered")))
    return lines
