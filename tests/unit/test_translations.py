"""Translated copies of reports: which copy a reader sees first, who is told of one, and
when a copy has fallen behind its original (ADR 0022), without a request or a database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from portal.domain import translations
from portal.domain.vocabulary import ReportAudience


@dataclass
class Report:
    audience: ReportAudience = ReportAudience.FAMILY_AND_PROFESSIONALS
    translation_of_id: uuid.UUID | None = None
    language: str | None = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)


def copy_of(original: Report, language: str) -> Report:
    return Report(original.audience, original.id, language)


def test_copies_are_of_family_reports_and_never_of_a_copy():
    social_work = Report()
    assert translations.may_translate(social_work)
    assert not translations.may_translate(copy_of(social_work, "ur"))
    assert not translations.may_translate(Report(ReportAudience.PROFESSIONALS_ONLY))
    assert not translations.may_translate(Report(ReportAudience.CHILD))


def test_a_copy_may_be_in_any_language_of_the_registry_but_english():
    codes = [language.code for language in translations.COPY_LANGUAGES]
    assert len(codes) == 11 and "en" not in codes
    assert {"cy", "ur", "ar", "pl", "lt"} <= set(codes)
    assert translations.copy_language("ur_PK").code == "ur"
    assert translations.copy_language("Urdu").code == "ur"  # older records hold the name
    assert translations.copy_language("en") is None
    assert translations.copy_language("fr") is None
    assert translations.copy_language(None) is None


@pytest.mark.parametrize(
    ("page", "stored", "expected"),
    [
        ("ur", "ur", ["ur"]),
        ("en", "ur", []),  # English pages chosen: the original first, the copy under it
        (None, "ur", ["ur"]),  # no page (a list for staff): the stored language
        ("ar", "ur", ["ar", "ur"]),  # chosen now first, then the stored one
        ("cy", None, ["cy"]),
        ("en", "en", []),
        ("en", None, []),
    ],
)
def test_a_readers_languages_are_the_pages_then_their_stored_one(page, stored, expected):
    assert translations.reader_languages(page, stored) == expected


def test_the_copy_in_the_readers_language_comes_first():
    original = Report()
    urdu, arabic = copy_of(original, "ur"), copy_of(original, "ar")
    assert translations.first_copy([arabic, urdu], ["ur"]) is urdu
    assert translations.first_copy([arabic, urdu], ["pl", "ar", "ur"]) is arabic
    assert translations.first_copy([arabic, urdu], ["pl"]) is None
    assert translations.first_copy([], ["ur"]) is None


def test_a_list_shows_each_original_once_with_the_readers_copy_first():
    social_work, school = Report(), Report()
    urdu, polish = copy_of(social_work, "ur"), copy_of(social_work, "pl")
    entries = translations.arrange([social_work, urdu, school, polish], ["ur"])
    assert [entry.original for entry in entries] == [social_work, school]
    first, second = entries
    assert first.first is urdu and first.shown is urdu
    assert first.others == [polish] and first.copies == [urdu, polish]
    assert second.first is None and second.shown is school and second.copies == []
    # Reading the original or any copy counts as reading the report.
    assert first.read({urdu.id}) and first.read({social_work.id}) and first.read({polish.id})
    assert not first.read({school.id})
    # For a reader of English only, the copies follow the original.
    english = translations.arrange([social_work, urdu, polish], [])
    assert english[0].first is None and english[0].others == [urdu, polish]


def test_a_copy_whose_original_is_not_in_the_list_is_left_out():
    hidden = Report()
    assert translations.arrange([copy_of(hidden, "ur")], ["ur"]) == []


def test_only_readers_whose_stored_language_it_is_are_told_of_a_copy():
    assert translations.tells("ur", "ur")
    assert translations.tells("Urdu", "ur")
    assert not translations.tells("en", "ur")
    assert not translations.tells(None, "ur")
    assert not translations.tells("ar", "ur")


def test_a_copy_is_behind_when_the_original_has_a_newer_version():
    earlier = datetime(2027, 2, 8, 12, tzinfo=UTC)
    later = datetime(2027, 2, 9, 12, tzinfo=UTC)
    assert translations.behind_original(later, earlier)
    assert not translations.behind_original(earlier, later)
    assert not translations.behind_original(earlier, earlier)
    assert not translations.behind_original(None, earlier)
