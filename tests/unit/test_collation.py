"""Alphabetical order as each language has it (issue 13): ICU with CLDR's tailorings."""

from __future__ import annotations

import pytest

from portal.domain import collation


@pytest.mark.parametrize(
    ("code", "in_order"),
    [
        # Welsh: "ch" is a letter after "c", "dd" after "d", "ll" after "l".
        ("cy", ["cyfarfod", "chwarae", "dyn", "ddoe", "lolfa", "llys"]),
        # Polish: "ą" after "a", "ł" after "l", "ś" after "s".
        ("pl", ["azyl", "ąkla", "lato", "łąka", "szkoła", "środa"]),
        # Spanish: "ñ" after "n".
        ("es", ["nube", "ñandú", "oso"]),
        # Lithuanian: "y" sorts with "i", before "j".
        ("lt", ["ilgas", "yra", "jis"]),
        # Romanian: "ă" and "â" after "a", "ș" after "s".
        ("ro", ["apă", "ăsta", "âmbe", "sat", "școală"]),
    ],
)
def test_each_language_has_its_own_order(code, in_order):
    shuffled = sorted(in_order, reverse=True)
    assert collation.sorted_for(code, shuffled, str) == in_order
    # Python's own order gets each of these wrong, so the test proves the tailoring.
    assert sorted(in_order) != in_order


def test_case_does_not_split_the_list():
    assert collation.sorted_for("en", ["banana", "Apple", "cherry"], str) == [
        "Apple",
        "banana",
        "cherry",
    ]


def test_the_key_sorts_other_objects_by_their_text():
    terms = [("b", "Łódź"), ("a", "Lublin"), ("c", "Mława")]
    assert [code for code, _ in collation.sorted_for("pl", terms, lambda t: t[1])] == [
        "a",
        "b",
        "c",
    ]
