"""The languages the portal knows of, and which of them a person can use today (issue 13).

Twelve languages: English, Welsh, and the most common main languages in England and Wales
(Census 2021) with those most needed by recently arrived families. A language is *live*
(offered in the switcher, used for pages and messages) only when its catalogue exists
under ``translations/<code>/LC_MESSAGES/messages.po`` and its header does not say
``Status: draft``. A catalogue being filled in carries that line; whoever completes it
removes the line, and ``make i18n-check`` then holds it to 100%.

English is the language the portal is written in: always live, with no catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from babel import Locale, UnknownLocaleError

SOURCE = "en"
# A header field ("Status: draft\n") or, as committed, a header comment ("# Status: draft"):
# `pybabel update` keeps the comment and drops header fields it does not know.
DRAFT_HEADER = re.compile(r"^\s*(?:#\s*)?Status:\s*draft\s*$", re.IGNORECASE | re.MULTILINE)


class Status(StrEnum):
    LIVE = "live"  # complete; offered everywhere
    DRAFT = "draft"  # a catalogue exists and is being translated
    MISSING = "missing"  # no catalogue yet: the person needs an interpreter


@dataclass(frozen=True)
class Language:
    code: str
    own_name: str  # the name in the language itself, as the switcher shows it
    english_name: str
    direction: str  # "ltr" or "rtl"

    @property
    def right_to_left(self) -> bool:
        return self.direction == "rtl"


# The order of issue 13.
KNOWN: tuple[Language, ...] = (
    Language("en", "English", "English", "ltr"),
    Language("cy", "Cymraeg", "Welsh", "ltr"),
    Language("pl", "Polski", "Polish", "ltr"),
    Language("ro", "Română", "Romanian", "ltr"),
    Language("pa", "ਪੰਜਾਬੀ", "Panjabi (Gurmukhi)", "ltr"),
    Language("ur", "اردو", "Urdu", "rtl"),
    Language("pt", "Português", "Portuguese", "ltr"),
    Language("es", "Español", "Spanish", "ltr"),
    Language("ar", "العربية", "Arabic", "rtl"),
    Language("bn", "বাংলা", "Bengali", "ltr"),
    Language("gu", "ગુજરાતી", "Gujarati", "ltr"),
    Language("lt", "Lietuvių", "Lithuanian", "ltr"),
)
BY_CODE: dict[str, Language] = {language.code: language for language in KNOWN}


def find(code: str | None) -> Language | None:
    """The language with this code (``"ur"``, a region's ``"ur_PK"``), if we know it."""
    if not code:
        return None
    found = BY_CODE.get(code) or BY_CODE.get(code.replace("-", "_").split("_")[0].lower())
    if found is None:
        # Older records (and the demo's bulk families) hold the English name: "Urdu".
        found = next((x for x in KNOWN if x.english_name.lower() == code.strip().lower()), None)
    return found


def status_of_header(header: str | None) -> Status:
    """A catalogue's status from the header of its ``.po`` (None: no catalogue)."""
    if header is None:
        return Status.MISSING
    return Status.DRAFT if DRAFT_HEADER.search(header) else Status.LIVE


def read_header(po_path: Path) -> str | None:
    """The header entry of a ``.po`` file (its lines up to the first real message), or
    None when there is no such file."""
    try:
        text = po_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    header, _sep, _rest = text.partition("\n\n")
    return header.replace('"\n"', "").replace("\\n", "\n")


def catalogue_path(translations: Path, code: str) -> Path:
    return translations / code / "LC_MESSAGES" / "messages.po"


def statuses(translations: Path, known: Iterable[Language] = KNOWN) -> dict[str, Status]:
    """Each known language's status from the catalogues in ``translations``."""
    found: dict[str, Status] = {}
    for language in known:
        if language.code == SOURCE:
            found[language.code] = Status.LIVE
        else:
            found[language.code] = status_of_header(
                read_header(catalogue_path(translations, language.code))
            )
    return found


def live(found: Mapping[str, Status]) -> list[Language]:
    """The live languages, in the registry's order."""
    return [language for language in KNOWN if found.get(language.code) is Status.LIVE]


def usable(code: str | None, found: Mapping[str, Status]) -> str | None:
    """``code`` when it names a live language, else None."""
    language = find(code)
    if language and found.get(language.code) is Status.LIVE:
        return language.code
    return None


def needs_interpreter(code: str | None, found: Mapping[str, Status]) -> Language | None:
    """The stored language of someone whose pages cannot be in it yet (a known language
    with no live catalogue), else None."""
    language = find(code) or from_cldr(code)
    if language and found.get(language.code) is not Status.LIVE:
        return language
    return None


def from_cldr(code: str | None) -> Language | None:
    """A language outside the twelve (Somali, Tigrinya, Pashto: a family member's record
    may hold any), named and directed as CLDR has it; None for a code CLDR does not know."""
    if not code:
        return None
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    english = Locale("en").languages.get(locale.language)
    if not english:
        return None
    own = locale.languages.get(locale.language) or english
    return Language(locale.language, own, english, locale.text_direction)
