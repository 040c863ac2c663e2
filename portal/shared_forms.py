"""The base of every form, and small forms and filters that several journeys use."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import Field, SubmitField
from wtforms.widgets import TextArea

from portal import messages

# Control characters (C0, DEL and C1). PostgreSQL refuses NUL in text, and none of them
# belongs in what a person writes; a text area keeps tab and line breaks.
ONE_LINE_REFUSED = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MULTI_LINE_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
REPLACEMENT = "\ufffd"  # shown where a refused character was, so the rest is kept


def strip_whitespace(value: Any) -> Any:
    """Leading and trailing spaces never count as an answer."""
    return value.strip() if isinstance(value, str) else value


def _refused(field: Field) -> re.Pattern[str]:
    return MULTI_LINE_REFUSED if isinstance(field.widget, TextArea) else ONE_LINE_REFUSED


def _clean(value: Any, refused: re.Pattern[str]) -> tuple[Any, bool]:
    """The value with refused characters marked, and whether there were any."""
    if isinstance(value, str):
        cleaned = refused.sub(REPLACEMENT, value)
        return cleaned, cleaned != value
    if isinstance(value, list | tuple):
        parts = [_clean(part, refused) for part in value]
        return [part for part, _found in parts], any(found for _part, found in parts)
    return value, False


class PortalForm(FlaskForm):
    """Every form of the portal. A control character in any answer gives that field an
    error, never a server error, and what the person typed is kept with the character
    marked; no validator or query ever sees it."""

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        refused = []
        for field in self._fields.values():
            pattern = _refused(field)
            field.data, in_data = _clean(field.data, pattern)
            raw, in_raw = _clean(field.raw_data, pattern)
            if in_data or in_raw:
                field.raw_data = raw
                refused.append(field)
        valid = super().validate(extra_validators)
        for field in refused:
            field.errors = [messages.CONTROL_CHARACTER]
        return valid and not refused


class ContinueForm(PortalForm):
    """A lone "Continue" button: what it confirms is in the route that receives it."""

    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class RemoveForm(PortalForm):
    submit = SubmitField(_l("Remove"), widget=GovSubmitInput())


class ReadForm(PortalForm):
    """ "I have read this", under a report the family reads."""

    submit = SubmitField(_l("I have read this"), widget=GovSubmitInput())


class NewVersionForm(PortalForm):
    """ "Write a new version", under a report its author or the social worker may revise."""

    submit = SubmitField(_l("Write a new version"), widget=GovSubmitInput())
