from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextArea
from wtforms import HiddenField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length

from portal import messages
from portal.domain import limits
from portal.shared_forms import PortalForm, strip_whitespace
from portal.widgets import options


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


# --- Caseload: the professional's list of conferences ------------------------------------


class CaseloadForm(PortalForm):
    """How a professional narrows and orders their list. Sent by GET (a link can be kept and
    shared), so it has no CSRF token; a choice that is not on offer is simply ignored."""

    class Meta:
        csrf = False

    when = HiddenField()
    sort = SelectField(
        _l("Sort by"),
        choices=options(
            [
                ("date", _l("Date of the meeting")),
                ("family", _l("Family name")),
                ("deadline", _l("Next deadline (on this page)")),
            ]
        ),
        default="date",
        widget=GovSelect(),
    )
    status = SelectField(
        _l("Status"),
        choices=options(
            [
                ("", _l("Any status")),
                ("scheduled", _l("Booked")),
                ("postponed", _l("Postponed")),
                ("held", _l("Held")),
                ("cancelled", _l("Cancelled")),
            ]
        ),
        default="",
        widget=GovSelect(),
    )
    social_worker = SelectField(_l("Social worker"), choices=[], default="", widget=GovSelect())
    chair = SelectField(_l("Chair"), choices=[], default="", widget=GovSelect())
    submit = SubmitField(_l("Show conferences"), widget=GovSubmitInput())
