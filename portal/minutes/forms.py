"""The forms of the minutes: the record as text, a PDF, approving, sharing, and the
family's "something is wrong" with the staff's reply."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovFileInput, GovSubmitInput
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from portal import messages
from portal.shared_forms import PortalForm, strip_whitespace

MOST_TEXT = 60000  # a long meeting's record
MOST_COMMENT = 2000

ENTER_WHAT = _l("Say what you think is wrong")
ENTER_WHY = _l("Say why you think it is wrong, or what it should say")
ENTER_CHANGE = _l("Say in plain words what changed, so readers know")
NOT_APPROVED = _l("The chair must approve the minutes before they are shared")
EMPTY = _l("Write the minutes or upload a PDF first")


def _long(label: Any, hint: Any = None, required: Any = None, most: int = MOST_COMMENT) -> Any:
    return StringField(
        label,
        description=hint,
        widget=GovCharacterCount(),
        filters=[strip_whitespace],
        validators=[
            *([DataRequired(required)] if required else []),
            Length(max=most, message=messages.TOO_LONG),
        ],
    )


class MinutesTextForm(PortalForm):
    text = _long(
        _l("The record of the meeting"),
        _l(
            "Write in plain words, without acronyms: the family will read it. Leave a blank "
            "line between paragraphs."
        ),
        most=MOST_TEXT,
    )
    save = SubmitField(_l("Save the draft"), widget=GovSubmitInput())


class MinutesUploadForm(PortalForm):
    file = FileField(
        _l("Or upload the minutes as a PDF"),
        description=_l("A PDF of 20 MB or smaller. Readers download it as it is."),
        widget=GovFileInput(),
    )
    upload = SubmitField(_l("Upload"), widget=GovSubmitInput())


class RemovePdfForm(PortalForm):
    remove = SubmitField(_l("Remove the PDF"), widget=GovSubmitInput())


class ApproveForm(PortalForm):
    approve = SubmitField(_l("Approve the minutes"), widget=GovSubmitInput())


class ShareForm(PortalForm):
    what_changed = _long(
        _l("What changed since the minutes were last shared"),
        _l("In plain words: readers see this with the corrected minutes."),
        most=1000,
    )
    share = SubmitField(_l("Share the minutes"), widget=GovSubmitInput())


class SomethingWrongForm(PortalForm):
    what = _long(_l("What is wrong?"), _l("Say which part, in your own words."), ENTER_WHAT)
    why = _long(_l("Why is it wrong, or what should it say?"), None, ENTER_WHY)
    send = SubmitField(_l("Send"), widget=GovSubmitInput())


class ReplyForm(PortalForm):
    text = _long(_l("Your reply"), required=messages.ENTER_REPLY)
    send = SubmitField(_l("Send the reply"), widget=GovSubmitInput())
