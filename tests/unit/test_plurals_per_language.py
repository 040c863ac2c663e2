"""Plurals in every catalogue against CLDR's own example numbers (issue 13).

Each catalogue's ``Plural-Forms`` line is what gettext uses to pick a form at run time. For
every language we check it with the integer samples CLDR publishes for each plural
category: numbers of one category get the same form, numbers of different categories
different forms. Welsh and Arabic have six categories; Polish, Romanian and Lithuanian
three for whole numbers. The samples are CLDR's (plurals.xml, @integer); the test first
checks them against Babel's copy of CLDR's rules, so a mistyped sample fails too.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import polib
import pytest
from babel import Locale

from portal.domain import languages as registry

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"

# CLDR's @integer samples per category (the "~" ranges written out, a few of each).
SAMPLES: dict[str, dict[str, list[int]]] = {
    "en": {"one": [1], "other": [0, 2, 3, 16, 100, 1000]},
    "cy": {
        "zero": [0],
        "one": [1],
        "two": [2],
        "few": [3],
        "many": [6],
        "other": [4, 5, 7, 8, 20, 100, 1000],
    },
    "pl": {
        "one": [1],
        "few": [2, 3, 4, 22, 23, 24, 32, 102, 1002],
        "many": [0, 5, 6, 11, 12, 14, 19, 21, 25, 100, 1000],
    },
    "ro": {"one": [1], "few": [0, 2, 3, 16, 19, 101, 1001], "other": [20, 21, 35, 100, 1000]},
    "pa": {"one": [0, 1], "other": [2, 3, 17, 100, 1000]},
    "ur": {"one": [1], "other": [0, 2, 3, 16, 100, 1000]},
    # We write European Portuguese: CLDR's pt_PT (0 takes the plural, as in "0 dias").
    "pt_PT": {"one": [1], "other": [0, 2, 3, 16, 100, 1000]},
    "es": {"one": [1], "other": [0, 2, 3, 16, 100, 1000]},
    "ar": {
        "zero": [0],
        "one": [1],
        "two": [2],
        "few": [3, 4, 10, 103, 110, 1003],
        "many": [11, 12, 26, 99, 111, 1011],
        "other": [100, 101, 102, 200, 202, 1000, 10000],
    },
    "bn": {"one": [0, 1], "other": [2, 3, 17, 100, 1000]},
    "gu": {"one": [0, 1], "other": [2, 3, 17, 100, 1000]},
    "lt": {
        "one": [1, 21, 31, 101, 1001],
        "few": [2, 3, 9, 22, 29, 102, 1002],
        "other": [0, 10, 11, 12, 19, 20, 30, 100, 1000],
    },
}
CLDR_LOCALE = {"pt": "pt_PT"}


def cldr(code: str) -> str:
    return CLDR_LOCALE.get(code, code)


def catalogues() -> list[str]:
    return sorted(path.parts[-3] for path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


def test_every_language_has_samples():
    assert {cldr(x.code) for x in registry.KNOWN} == set(SAMPLES)


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_the_samples_are_cldrs(code):
    locale = Locale.parse(code)
    for category, numbers in SAMPLES[code].items():
        for number in numbers:
            assert locale.plural_form(number) == category, (code, number)
    # Every category a whole number below 2,000 falls into has samples (fractions and
    # millions, which no count on the portal reaches, have categories of their own).
    reachable = {locale.plural_form(number) for number in range(2000)}
    assert reachable == set(SAMPLES[code]), code


def plural_function(po_path: Path):
    header = polib.pofile(str(po_path)).metadata["Plural-Forms"]
    nplurals = int(re.search(r"nplurals\s*=\s*(\d+)", header).group(1))
    expression = re.search(r"plural\s*=\s*(.+?);?\s*$", header).group(1)
    return nplurals, gettext.c2py(expression)


@pytest.mark.parametrize("code", catalogues())
def test_each_catalogue_picks_one_form_per_cldr_category(code):
    nplurals, form_of = plural_function(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po")
    forms_by_category: dict[str, set[int]] = {}
    for category, numbers in SAMPLES[cldr(code)].items():
        forms_by_category[category] = {form_of(n) for n in numbers}
    for category, forms in forms_by_category.items():
        assert len(forms) == 1, f"{code}: {category} numbers take different forms {forms}"
    chosen = [next(iter(forms)) for forms in forms_by_category.values()]
    assert len(set(chosen)) == len(chosen), f"{code}: two categories share a form"
    assert nplurals == len(chosen), f"{code}: {nplurals} forms for {len(chosen)} categories"
    assert all(0 <= form < nplurals for form in chosen)


@pytest.mark.parametrize("code", catalogues())
def test_every_plural_entry_has_each_form(code):
    po = polib.pofile(str(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po"))
    nplurals, _form_of = plural_function(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po")
    for entry in po:
        if entry.msgid_plural and not entry.obsolete:
            assert sorted(entry.msgstr_plural) == list(range(nplurals)), entry.msgid
