"""A young person's forms: each kind of view, a picture, who sees it, taking part, and
whether they felt heard. Words are short and plain (reading age about 9)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovFileInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import Field, RadioField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import AnyOf, InputRequired, Length, Optional

from portal import messages
from portal.domain import limits
from portal.domain.vocabulary import ChildViewFormat
from portal.domain.young_voice import Coming, Heard, Joining, MeetChair, ShareWith, SpokenBy
from portal.shared_forms import PortalForm, strip_whitespace
from portal.widgets import GovCheckboxesInput, GovRadioInput, options


def words(label: Any, hint: Any = None, max_length: int = limits.LONG_ANSWER) -> StringField:
    return StringField(
        label,
        description=hint,
        widget=GovCharacterCount(),
        filters=[strip_whitespace],
        validators=[Length(max=max_length, message=messages.TOO_LONG)],
    )


def pick_one(label: Any, choices: list[tuple[str, Any]], hint: Any = None) -> RadioField:
    return RadioField(
        label,
        description=hint,
        choices=options(choices),
        widget=GovRadioInput(),
        validators=[InputRequired(messages.CHOOSE_ONE)],
    )


FORMAT_CHOICES = [
    (ChildViewFormat.LETTER.value, _l("A letter")),
    (ChildViewFormat.WORDS_AND_PICTURES.value, _l("Words and pictures")),
    (ChildViewFormat.THREE_HOUSES.value, _l("The three houses")),
    (ChildViewFormat.FEELINGS_SCALE.value, _l("How I feel")),
    (ChildViewFormat.KNOW_AND_DECIDE.value, _l("What I want the meeting to know and decide")),
]


class StartForm(PortalForm):
    format = pick_one(_l("How do you want to say it?"), FORMAT_CHOICES)
    submit = SubmitField(_l("Start"), widget=GovSubmitInput())


class ViewForm(PortalForm):
    """The buttons every kind of view shares: keep the draft, or go on to who sees it."""

    save = SubmitField(_l("Save my draft"), widget=GovSubmitInput())
    next = SubmitField(_l("Next: who sees it"), widget=GovSubmitInput())

    def answers(self) -> dict[str, Any]:
        # Not "words": a field of that name (words and pictures) would hide it.
        return {
            name: field.data
            for name, field in self._fields.items()
            if name not in {"csrf_token", "save", "next"} and field.data not in (None, "")
        }


class LetterForm(ViewForm):
    letter = words(
        _l("Your letter"),
        _l(
            "Leave an empty line to start a new part. Put stars round words to make them bold, "
            "like *this*. Start a line with a dash and a space for a list."
        ),
        max_length=limits.LETTER,
    )


class WordsForm(ViewForm):
    words = words(_l("Your words"), _l("You can add pictures below."))


class HousesForm(ViewForm):
    worries = words(_l("House of worries"), _l("What worries you?"))
    good_things = words(_l("House of good things"), _l("What is good in your life?"))
    dreams = words(_l("House of dreams"), _l("What do you wish for?"))


FACE_CHOICES = [
    ("1", _l("Very sad")),
    ("2", _l("Sad")),
    ("3", _l("OK")),
    ("4", _l("Happy")),
    ("5", _l("Very happy")),
]


def face(label: Any) -> RadioField:
    # Optional: a child may leave one out; anything but a face is refused.
    return RadioField(
        label,
        choices=options(FACE_CHOICES),
        widget=GovRadioInput(),
        validate_choice=False,
        validators=[
            Optional(),
            AnyOf([value for value, _label in FACE_CHOICES], message=messages.CHOOSE_ONE),
        ],
    )


class FeelingsForm(ViewForm):
    home = face(_l("At home I feel"))
    school = face(_l("At school I feel"))
    family = face(_l("With my family I feel"))
    friends = face(_l("With my friends I feel"))
    better = words(_l("What would make it better?"))

    def answers(self) -> dict[str, Any]:
        found = super().answers()
        return {
            key: int(value) if key in {"home", "school", "family", "friends"} else value
            for key, value in found.items()
        }


class KnowAndDecideForm(ViewForm):
    know = words(_l("What I want the meeting to know"))
    decide = words(_l("What I want the meeting to decide"))


VIEW_FORMS: dict[ChildViewFormat, type[ViewForm]] = {
    ChildViewFormat.LETTER: LetterForm,
    ChildViewFormat.WORDS_AND_PICTURES: WordsForm,
    ChildViewFormat.THREE_HOUSES: HousesForm,
    ChildViewFormat.FEELINGS_SCALE: FeelingsForm,
    ChildViewFormat.KNOW_AND_DECIDE: KnowAndDecideForm,
}

HOUSE_CHOICES = [
    ("worries", _l("House of worries")),
    ("good_things", _l("House of good things")),
    ("dreams", _l("House of dreams")),
]


class PictureForm(PortalForm):
    picture = FileField(
        _l("Choose a picture"),
        description=_l("A photo of your drawing, or a picture you made. JPEG or PNG."),
        widget=GovFileInput(),
    )
    caption = StringField(
        _l("Say what it shows (optional)"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Length(max=limits.CAPTION, message=messages.TOO_LONG)],
    )
    place = RadioField(
        _l("Which house is it for?"),
        choices=options(HOUSE_CHOICES),
        widget=GovRadioInput(),
        # Checked by the page: only the three houses ask it.
        validate_choice=False,
    )
    upload = SubmitField(_l("Add this picture"), widget=GovSubmitInput())


SHARE_CHOICES = [
    (ShareWith.EVERYONE.value, _l("Everyone at the meeting")),
    (ShareWith.CHOSEN.value, _l("Only the people I pick")),
    (ShareWith.CHAIR_AND_SOCIAL_WORKER.value, _l("Only the chair and my social worker")),
    (ShareWith.ADVOCATE.value, _l("Only my advocate")),
]
SPOKEN_CHOICES = [
    (SpokenBy.MYSELF.value, _l("I will say it myself")),
    (SpokenBy.ADVOCATE.value, _l("My advocate will say it")),
    (SpokenBy.CHAIR_READS_OUT.value, _l("The chair will read it out")),
    (SpokenBy.CHAIR_READS_QUIETLY.value, _l("The chair will read it, but not out loud")),
]


class ShareForm(PortalForm):
    share_with = pick_one(_l("Who can see it?"), SHARE_CHOICES)
    people = SelectMultipleField(
        _l("If you pick people, tick them here"),
        choices=[],
        widget=GovCheckboxesInput(),
        validate_choice=True,
    )
    spoken_by = pick_one(_l("What happens at the meeting?"), SPOKEN_CHOICES)
    submit = SubmitField(_l("Next: check it"), widget=GovSubmitInput())


class SendForm(PortalForm):
    submit = SubmitField(_l("Send it"), widget=GovSubmitInput())


COMING_CHOICES = [
    (Coming.ALL.value, _l("Yes, all of it")),
    (Coming.PART.value, _l("Yes, for part of it")),
    (Coming.NOT_AT_ALL.value, _l("No, I will not come")),
]
JOINING_CHOICES = [
    (Joining.IN_THE_ROOM.value, _l("In the room")),
    (Joining.VIDEO.value, _l("On a video call")),
    (Joining.PHONE.value, _l("On the phone")),
    (Joining.MY_VIEWS_ONLY.value, _l("I will not join. My views can speak for me.")),
]
MEET_CHAIR_CHOICES = [
    (MeetChair.BEFORE.value, _l("Yes, before the meeting")),
    (MeetChair.AFTER.value, _l("Yes, after the meeting")),
    (MeetChair.BOTH.value, _l("Yes, before and after")),
    (MeetChair.NO.value, _l("No, thank you")),
]


class TakingPartForm(PortalForm):
    coming = pick_one(_l("Will you come to the meeting?"), COMING_CHOICES)
    joining = pick_one(_l("How do you want to join?"), JOINING_CHOICES)
    meet_chair = pick_one(
        _l("Do you want to meet the chair?"),
        MEET_CHAIR_CHOICES,
        _l("The chair runs the meeting. You can meet them on your own or with your advocate."),
    )
    upset = words(_l("What helps you if you get upset?"), _l("For example, a break or a drink."))
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())

    def answers(self) -> dict[str, Any]:
        return {name: self[name].data for name in ("coming", "joining", "meet_chair", "upset")}


HEARD_CHOICES = [
    (Heard.YES.value, _l("Yes")),
    (Heard.A_BIT.value, _l("A bit")),
    (Heard.NO.value, _l("No")),
]


class HeardForm(PortalForm):
    explained = pick_one(_l("Was it explained so you understood?"), HEARD_CHOICES)
    agree = pick_one(_l("Do you agree with the plan?"), HEARD_CHOICES)
    helped = pick_one(_l("Did this help you say what you wanted?"), HEARD_CHOICES)
    more = words(_l("Is there anything else you want to say? (optional)"))
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())

    def answers(self) -> dict[str, Any]:
        return {name: self[name].data for name in ("explained", "agree", "helped", "more")}


def question_fields(form: PortalForm) -> list[Field]:
    return [
        field
        for name, field in form._fields.items()
        if name not in {"csrf_token", "save", "next", "submit"}
    ]
