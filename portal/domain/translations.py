"""Translated copies of reports (issue 13, ADR 0022).

What professionals write stays in the language it was written in (English). A professional
who may revise a report can add a copy in one of the registry's other languages; once that
copy is shared, a family member whose language it is reads it first, with the original one
link away. These are the rules for which copy comes first, who is told of a new copy, and
when a copy has fallen behind its original; who may see a copy at all is in
`portal.domain.visibility`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from portal.domain import languages
from portal.domain.vocabulary import ReportAudience

# The languages a copy may be in: every language the portal knows of except English, the
# language professionals write in. A copy need not wait for the portal's pages to be live
# in its language: a family reading Lithuanian pages in English still reads the copy.
COPY_LANGUAGES: tuple[languages.Language, ...] = tuple(
    language for language in languages.KNOWN if language.code != languages.SOURCE
)


class ReportLike(Protocol):
    id: uuid.UUID
    audience: ReportAudience
    translation_of_id: uuid.UUID | None
    language: str | None


R = TypeVar("R", bound=ReportLike)


def may_translate(report: ReportLike) -> bool:
    """A copy is of a report the family reads, never of another copy (nor of a report for
    professionals only, which never reaches the family, nor of a version written for a
    child, which is already written for its reader)."""
    return (
        report.translation_of_id is None
        and report.audience == ReportAudience.FAMILY_AND_PROFESSIONALS
    )


def copy_language(code: str | None) -> languages.Language | None:
    """The registry language a copy may be in, for this code; None for English or unknown."""
    found = languages.find(code)
    return found if found is not None and found.code != languages.SOURCE else None


def reader_languages(page: str | None, stored: str | None) -> list[str]:
    """The languages a family member reads, best first: the page's (chosen now) and their
    stored one; English left out, since the originals are in English. Someone who chose
    English pages reads the English original first (their copies are listed under it);
    with no page (a message, a list for staff) their stored language counts."""
    if page is not None and copy_language(page) is None:
        return []
    found: list[str] = []
    for code in (page, stored):
        language = copy_language(code)
        if language is not None and language.code not in found:
            found.append(language.code)
    return found


def first_copy(copies: Iterable[R], readers: Sequence[str]) -> R | None:
    """The copy this reader sees first: the one in the first of their languages that has one."""
    by_language = {found.language: found for found in copies}
    return next((by_language[code] for code in readers if code in by_language), None)


def tells(reader_stored_language: str | None, copy_language_code: str | None) -> bool:
    """Whether a family member is told that a copy is ready: only if it is in their stored
    language (the one their messages are written in); the others still find it under the
    report."""
    mine = copy_language(reader_stored_language)
    return mine is not None and mine.code == copy_language_code


def behind_original(original_changed_at: datetime | None, copy_changed_at: datetime | None) -> bool:
    """True when the original has a version newer than the copy's: the family is told the
    copy may not say what the report now says."""
    return (
        original_changed_at is not None
        and copy_changed_at is not None
        and original_changed_at > copy_changed_at
    )


@dataclass(frozen=True)
class Entry(Generic[R]):
    """One report in a reader's list: the original, the copy in their language shown first
    (if any), and the other copies they may open."""

    original: R
    first: R | None = None
    others: list[R] = field(default_factory=list)

    @property
    def shown(self) -> R:
        """What the list links to first."""
        return self.first if self.first is not None else self.original

    def read(self, read_ids: Iterable[uuid.UUID]) -> bool:
        """Read when they said so of the original or of any copy."""
        ids = set(read_ids)
        return any(r.id in ids for r in (self.original, *self.copies))

    @property
    def copies(self) -> list[R]:
        return ([self.first] if self.first is not None else []) + list(self.others)


def arrange(reports: Iterable[R], readers: Sequence[str] = ()) -> list[Entry[R]]:
    """The reports one may see as a list of originals, in their order, each with its copies
    (a copy whose original one may not see is left out: see `visibility`)."""
    everything = list(reports)
    copies: dict[uuid.UUID, list[R]] = {}
    for report in everything:
        if report.translation_of_id is not None:
            copies.setdefault(report.translation_of_id, []).append(report)
    entries = []
    for report in everything:
        if report.translation_of_id is not None:
            continue
        its_copies = copies.get(report.id, [])
        first = first_copy(its_copies, readers)
        entries.append(Entry(report, first, [c for c in its_copies if c is not first]))
    return entries
