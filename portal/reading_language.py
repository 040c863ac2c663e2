"""The language a family member reads in, for what professionals wrote in English: which
translated copy of a report they see first, and the line offering an interpreter or a
translated copy (issue 13). Shared by the family's pages and the report page."""

from __future__ import annotations

from typing import Any

from babel import Locale
from flask_babel import get_locale, gettext as _

from portal.domain import languages, translations


def page_language() -> str:
    return str(get_locale() or languages.SOURCE)


def language_name(code: str | None, reader: str | None = None) -> str:
    """A language's name in the reader's language, from CLDR ("Urdu", "Wrdw", "اردو")."""
    if not code:
        return ""
    known = languages.find(code)
    key = known.code if known else code
    try:
        name = Locale.parse(key).get_display_name(Locale.parse(reader or page_language()))
    except (ValueError, TypeError):
        name = None
    return str(name or (known.english_name if known else code))


def report_name(report: Any) -> str:
    """A report's name as plain text (a page's title, a list to choose from): its title, and
    for a translated copy the language it is in, "Social work report (Urdu translation)"."""
    if getattr(report, "translation_of_id", None) is None:
        return str(report.title)
    return _(
        "%(title)s (%(language)s translation)",
        title=report.title,
        language=language_name(report.language),
    )


def reader_languages(person: Any) -> list[str]:
    """The languages this family member reads other than English, best first: the page's,
    then their stored one."""
    return translations.reader_languages(
        page_language(), getattr(person, "preferred_language", None)
    )


def interpreter_line(person: Any) -> str:
    """A line in the reader's language, when it is not the language professionals wrote in
    (the council's, English): they can ask for an interpreter or a translated copy."""
    reader = page_language()
    language = _code(getattr(person, "preferred_language", None)) or _code(reader)
    if language is None:
        return ""
    return _(
        "This was written in English. You can ask for an interpreter, or for a copy in "
        "%(language)s. Ask your social worker.",
        language=language_name(language, reader),
    )


def _code(stored: str | None) -> str | None:
    """A language code other than English: the registry's, or any CLDR knows ("fr")."""
    known = languages.find(stored) or languages.from_cldr(stored)
    return known.code if known and known.code != languages.SOURCE else None
