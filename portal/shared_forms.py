"""Small forms and filters that several journeys use."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField


def strip_whitespace(value: Any) -> Any:
    """Leading and trailing spaces never count as an answer."""
    return value.strip() if isinstance(value, str) else value


class ContinueForm(FlaskForm):
    """A lone "Continue" button: what it confirms is in the route that receives it."""

    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class RemoveForm(FlaskForm):
    submit = SubmitField(_l("Remove"), widget=GovSubmitInput())
