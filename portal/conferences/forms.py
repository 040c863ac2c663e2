from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextArea
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length

from portal import messages
from portal.domain import limits
from portal.shared_forms import PortalForm, strip_whitespace


class RestrictionForm(PortalForm):
    """Keep something private from someone. Choices are filled in from the conference."""

    what = SelectField(
        _l("What to keep private"),
        widget=GovSelect(),
        validators=[InputRequired(messages.CHOOSE_WHAT)],
        validate_choice=True,
    )
    hidden_from = SelectField(
        _l("Who it is hidden from"),
        widget=GovSelect(),
        validators=[InputRequired(messages.CHOOSE_WHO)],
        validate_choice=True,
    )
    reason = StringField(
        _l("Why it is being kept private"),
        description=_l("This is recorded, and shown to the chair and social worker."),
        widget=GovTextArea(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(messages.ENTER_REASON),
            Length(max=limits.RESTRICTION_REASON, message=messages.TOO_LONG),
        ],
    )
    submit = SubmitField(_l("Keep it private"), widget=GovSubmitInput())
