from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from portal import messages
from portal.domain import limits
from portal.shared_forms import PortalForm, strip_whitespace
from portal.widgets import DayMonthYearField


class ClosureDayForm(PortalForm):
    day = DayMonthYearField(
        _l("Date the council is closed"),
        description=_l("For example, 29 12 2027"),
        invalid_message=messages.ENTER_DATE,
        validators=[DataRequired(messages.ENTER_DATE)],
    )
    reason = StringField(
        _l("Why it is closed"),
        description=_l("For example, closed between Christmas and New Year"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(messages.ENTER_CLOSURE_REASON),
            Length(max=limits.CLOSURE_REASON, message=messages.TOO_LONG),
        ],
    )
    submit = SubmitField(_l("Add closure day"), widget=GovSubmitInput())
