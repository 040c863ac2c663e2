"""Dates and lists in the reader's language, through Babel (issue 13), against CLDR's own
values: Urdu writes the Arabic comma and "اور"; Welsh "ac" before a vowel."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask_babel import force_locale

from portal.templating import and_list, isolated, long_date, time_of_day


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Wednesday 2 December 2026"),
        ("cy", "dydd Mercher 2 Rhagfyr 2026"),
        ("ur", "بدھ، 2 دسمبر، 2026"),
        ("ar", "الأربعاء، 2 ديسمبر 2026"),
        ("pl", "środa, 2 grudnia 2026"),
    ],
)
def test_a_long_date_in_each_language(context, language, expected):
    with context.test_request_context(), force_locale(language):
        assert long_date(date(2026, 12, 2)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Maya, Leo and Amira"),
        ("cy", "Maya, Leo, ac Amira"),
        ("ur", "Maya، Leo، اور Amira"),
        ("pl", "Maya, Leo i Amira"),
    ],
)
def test_a_list_in_each_language(context, language, expected):
    with context.test_request_context(), force_locale(language):
        assert and_list(["Maya", "Leo", "Amira"]) == expected


def test_a_date_on_a_right_to_left_page_is_isolated_and_plain_elsewhere(context):
    ten = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    with context.test_request_context():
        with force_locale("ur"):
            assert str(isolated(long_date(ten))) == "<bdi>بدھ، 2 دسمبر، 2026</bdi>"
            assert str(isolated(time_of_day(ten))).startswith("<bdi>")
        with force_locale("en"):
            assert isolated(long_date(ten)) == "Wednesday 2 December 2026"
