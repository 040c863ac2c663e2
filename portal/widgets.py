"""GOV.UK widgets whose built-in English we translate."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput as _GovCheckboxesInput,
    GovDateInput,
    GovRadioInput as _GovRadioInput,
)
from wtforms import DateField
from wtforms.fields.choices import SelectChoice


def _with_question(params: dict[str, Any], field: Any) -> dict[str, Any]:
    """The fieldset's legend keeps the question when a template styles it: the library
    only adds the label when no "fieldset" is passed, so {"legend": {"classes": ...}}
    left radios with no question at all."""
    legend = params.setdefault("fieldset", {}).setdefault("legend", {})
    if not legend.get("text") and not legend.get("html"):
        legend["text"] = field.label.text
    return params


class GovRadioInput(_GovRadioInput):
    """GOV.UK radios whose legend is always the question."""

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        return _with_question(super().map_gov_params(field, **kwargs), field)


class GovCheckboxesInput(_GovCheckboxesInput):
    """GOV.UK checkboxes whose legend is always the question."""

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        return _with_question(super().map_gov_params(field, **kwargs), field)


class DateInput(GovDateInput):
    """GOV.UK date input with "Day", "Month" and "Year" in the reader's language."""

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        # A form sent without the three boxes (a crafted request) shows them empty rather
        # than failing: the widget expects exactly day, month and year.
        if field.raw_data is not None and len(field.raw_data) != 3:
            field.raw_data = None
        params: dict[str, Any] = super().map_gov_params(field, **kwargs)
        for item, text in zip(
            params.get("items", []), (_("Day"), _("Month"), _("Year")), strict=False
        ):
            item["label"] = text
        return params


class DayMonthYearField(DateField):
    """A date typed as day, month and year, with our own message when it is not a real date."""

    def __init__(self, *args: Any, invalid_message: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("widget", DateInput())
        kwargs.setdefault("format", "%d %m %Y")
        super().__init__(*args, **kwargs)
        self.invalid_message = invalid_message

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not any(part.strip() for part in valuelist):
            self.data = None
            return
        try:
            super().process_formdata([part.strip() for part in valuelist])
        except ValueError as error:
            self.data = None
            raise ValueError(str(self.invalid_message)) from error


def options(pairs: list[tuple[str, Any]]) -> list[SelectChoice]:
    """Choices for radios, checkboxes and selects, as WTForms 3.3 wants them."""
    return [SelectChoice(value, label) for value, label in pairs]


def option_labels(choices: Any) -> dict[str, Any]:
    """Value to label, for reading answers back."""
    return {choice.value: choice.label for choice in (choices or [])}
