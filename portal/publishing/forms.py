from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length

from portal import messages
from portal.shared_forms import PortalForm
from portal.widgets import GovRadioInput, options

NOTE_LENGTH = 2000


class PublishForm(PortalForm):
    # Asked only for a correction: the route checks it then (see routes.publish).
    what_changed = TextAreaField(
        _l("What changed"),
        description=_l("Everyone who had the decision is told it was corrected and can read this."),
        widget=GovTextArea(),
        validators=[Length(max=NOTE_LENGTH)],
    )
    submit = SubmitField(_l("Publish and send"), widget=GovSubmitInput())


class DoneAnotherWayForm(PortalForm):
    way = RadioField(
        _l("How did the decision reach them?"),
        choices=options(
            [
                ("phone", _l("Phone call")),
                ("post", _l("Printed and posted")),
                ("hand", _l("Delivered by hand")),
            ]
        ),
        widget=GovRadioInput(),
        validators=[InputRequired(messages.CHOOSE_ALTERNATIVE)],
    )
    note = TextAreaField(
        _l("What was done"),
        description=_l("For example, who you spoke to, or where you left it."),
        widget=GovTextArea(),
        validators=[
            InputRequired(messages.ENTER_ALTERNATIVE_NOTE),
            Length(max=NOTE_LENGTH),
        ],
    )
    submit = SubmitField(_l("Record as done"), widget=GovSubmitInput())
