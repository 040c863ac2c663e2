from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField
from wtforms.validators import InputRequired

from portal import messages
from portal.shared_forms import PortalForm
from portal.widgets import DayMonthYearField


class DutyDoneForm(PortalForm):
    done_on = DayMonthYearField(
        _l("Date"),
        description=_l("For example, 27 3 2027"),
        invalid_message=messages.ENTER_DATE,
        validators=[InputRequired(messages.ENTER_DATE)],
    )
    submit = SubmitField(_l("Record as done"), widget=GovSubmitInput())
