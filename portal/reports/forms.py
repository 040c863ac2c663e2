"""The forms of report writing: what the report is, its words under the Signs of Safety
headings for each child, a PDF to upload, sharing, and a reply to the family."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovFileInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import Field, RadioField, StringField, SubmitField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length

from portal import messages
from portal.domain import limits, report_writing
from portal.domain.vocabulary import ReportAudience, ReportKind
from portal.report_words import HEADING_HINTS, HEADINGS, SCALE_MEANING
from portal.shared_forms import PortalForm, strip_whitespace
from portal.widgets import GovRadioInput, options

KINDS = [
    (ReportKind.SOCIAL_WORK.value, _l("Social work")),
    (ReportKind.SCHOOL.value, _l("School")),
    (ReportKind.HEALTH.value, _l("Health")),
    (ReportKind.POLICE.value, _l("Police")),
    (ReportKind.OTHER.value, _l("Another agency")),
]
AUDIENCES = [
    (ReportAudience.FAMILY_AND_PROFESSIONALS.value, _l("The family and professionals")),
    (ReportAudience.PROFESSIONALS_ONLY.value, _l("Professionals only")),
    (ReportAudience.CHILD.value, _l("A version written for one child")),
]
WAYS = [("write", _l("Write it here")), ("upload", _l("Upload a PDF"))]


def _long(label: Any, hint: Any = None, required: Any = None, most: int = 0) -> StringField:
    return StringField(
        label,
        description=hint,
        widget=GovCharacterCount(),
        filters=[strip_whitespace],
        validators=[
            *([DataRequired(required)] if required else []),
            Length(max=most or limits.REPORT_SECTION, message=messages.TOO_LONG),
        ],
    )


class StartForm(PortalForm):
    title = StringField(
        _l("Title"),
        description=_l("For example: Social work report"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(messages.ENTER_TITLE),
            Length(max=limits.REPORT_TITLE, message=messages.TOO_LONG),
        ],
    )
    agency = StringField(
        _l("Agency"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(messages.ENTER_AGENCY),
            Length(max=limits.AGENCY, message=messages.TOO_LONG),
        ],
    )
    kind = RadioField(
        _l("Kind of report"),
        choices=options(KINDS),
        widget=GovRadioInput(),
        validators=[InputRequired(messages.CHOOSE_ONE)],
    )
    audience = RadioField(
        _l("Who may read it"),
        description=_l("A report for professionals only never reaches the family."),
        choices=options(AUDIENCES),
        widget=GovRadioInput(),
        validators=[InputRequired(messages.CHOOSE_ONE)],
    )
    for_child = RadioField(
        _l("If it is written for one child, which child"),
        description=_l("Only when you chose a version written for one child."),
        widget=GovRadioInput(),
        validate_choice=False,  # checked below, and only for a version for one child
    )
    way = RadioField(
        _l("How will you give the report"),
        choices=options(WAYS),
        widget=GovRadioInput(),
        validators=[InputRequired(messages.CHOOSE_ONE)],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())

    def validate_for_child(self, field: Field) -> None:
        children = {choice.value for choice in field.choices or []}
        if self.audience.data == ReportAudience.CHILD.value and field.data not in children:
            raise ValidationError(str(messages.CHOOSE_CHILD))


def _check_score(_form: Any, field: Field) -> None:
    if (field.data or "").strip() and report_writing.parse_score(field.data) is None:
        raise ValidationError(str(messages.SCALE_NUMBER))


class _Buttons(PortalForm):
    save = SubmitField(_l("Save draft"), widget=GovSubmitInput())
    check = SubmitField(_l("Check my words"), widget=GovSubmitInput())
    preview = SubmitField(_l("Preview and share"), widget=GovSubmitInput())


def field_name(index: int, part: str) -> str:
    return f"child{index}_{part}"


def writing_form(children: Sequence[report_writing.ChildRef], **kwargs: Any) -> PortalForm:
    """The Signs of Safety headings and the safety scale, for each child of the conference."""

    class WritingForm(_Buttons):
        pass

    for index, _child in enumerate(children):
        for part in report_writing.HEADINGS:
            setattr(
                WritingForm,
                field_name(index, part),
                _long(HEADINGS[part], HEADING_HINTS.get(part)),
            )
        setattr(
            WritingForm,
            field_name(index, report_writing.SCALE_FIELD),
            StringField(
                _l("Safety scale, from 0 to 10"),
                description=SCALE_MEANING,
                widget=GovTextInput(),
                filters=[strip_whitespace],
                validators=[Length(max=2, message=messages.SCALE_NUMBER), _check_score],
            ),
        )
        setattr(
            WritingForm,
            field_name(index, report_writing.SCALE_REASON),
            _long(_l("Why you chose this number"), most=limits.LONG_ANSWER),
        )
    return WritingForm(**kwargs)


def answers_from(
    form: PortalForm, children: Sequence[report_writing.ChildRef]
) -> dict[str, dict[str, str]]:
    parts = (*report_writing.HEADINGS, report_writing.SCALE_FIELD, report_writing.SCALE_REASON)
    return {
        str(child.id): {part: form[field_name(index, part)].data or "" for part in parts}
        for index, child in enumerate(children)
    }


def answers_into(
    form: PortalForm,
    children: Sequence[report_writing.ChildRef],
    answers: dict[str, dict[str, str]],
) -> None:
    parts = (*report_writing.HEADINGS, report_writing.SCALE_FIELD, report_writing.SCALE_REASON)
    for index, child in enumerate(children):
        typed = answers.get(str(child.id)) or {}
        for part in parts:
            form[field_name(index, part)].data = typed.get(part, "")


class UploadForm(PortalForm):
    file = FileField(
        _l("Upload the report as a PDF"),
        description=_l(
            "A PDF of 20 MB or smaller. The file is kept as it is, with its own properties "
            "(such as its author): check them before you share it."
        ),
        widget=GovFileInput(),
    )
    upload = SubmitField(_l("Upload"), widget=GovSubmitInput())


class TranslateForm(PortalForm):
    """Which language a translated copy is in (ADR 0022); the PDF is uploaded next."""

    language = RadioField(
        _l("Which language is the copy in?"),
        widget=GovRadioInput(),
        validate_choice=False,  # checked below, with our own message
        validators=[InputRequired(messages.CHOOSE_ONE)],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())

    def validate_language(self, field: Field) -> None:
        if field.data not in {choice.value for choice in field.choices or []}:
            raise ValidationError(str(messages.CHOOSE_ONE))


class ShareForm(PortalForm):
    change_note = _long(
        _l("What changed since the last version"),
        _l("In plain words: the family will read this with the new version."),
        most=limits.CHANGE_NOTE,
    )
    submit = SubmitField(_l("Share the report"), widget=GovSubmitInput())


class ReplyForm(PortalForm):
    text = _long(_l("Your reply"), required=messages.ENTER_REPLY, most=limits.REPLY)
    submit = SubmitField(_l("Send reply"), widget=GovSubmitInput())


class DeleteDraftForm(PortalForm):
    submit = SubmitField(_l("Delete this draft"), widget=GovSubmitInput())


class CheckWordsForm(PortalForm):
    """The words of one answer, sent by the editor's script for live advice."""

    text = StringField(
        filters=[strip_whitespace],
        validators=[Length(max=limits.REPORT_SECTION, message=messages.TOO_LONG)],
    )
