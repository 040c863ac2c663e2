"""The parent's own forms before the meeting: the promise to keep reports private, a
comment on a report, and sending their answers. The questions themselves are defined once
in `portal.family_steps`."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovSubmitInput
from wtforms import BooleanField, SubmitField
from wtforms.validators import DataRequired

from portal import messages
from portal.family_steps import long_text
from portal.shared_forms import PortalForm


class SendForm(PortalForm):
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())


class AgreementForm(PortalForm):
    agree = BooleanField(
        _l("I will keep the reports private. I will not share them or post them anywhere."),
        widget=GovCheckboxInput(),
        validators=[DataRequired(messages.AGREE_TO_CONTINUE)],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class CommentForm(PortalForm):
    text = long_text(_l("Tell us in your own words"), required=True)
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())
