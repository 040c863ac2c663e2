"""The language registry (portal.domain.languages): which languages are live, from the
catalogues' headers."""

from __future__ import annotations

from pathlib import Path

from portal.domain import languages
from portal.domain.languages import Status

HEADER = 'msgid ""\nmsgstr ""\n"Language: ur\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n'


def write(folder: Path, code: str, text: str) -> None:
    path = languages.catalogue_path(folder, code)
    path.parent.mkdir(parents=True)
    path.write_text(text + '\nmsgid "Yes"\nmsgstr ""\n', encoding="utf-8")


def test_the_twelve_languages_of_issue_13_each_named_in_itself():
    codes = [language.code for language in languages.KNOWN]
    assert codes == ["en", "cy", "pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu", "lt"]
    assert languages.BY_CODE["ur"].own_name == "اردو"
    assert languages.BY_CODE["cy"].own_name == "Cymraeg"
    assert {x.code for x in languages.KNOWN if x.right_to_left} == {"ur", "ar"}


def test_a_catalogue_is_live_unless_its_header_says_draft(tmp_path):
    write(tmp_path, "ur", "# Status: draft\n" + HEADER)
    write(tmp_path, "cy", HEADER)
    write(
        tmp_path, "pl", HEADER.replace('"Language: ur\\n"', '"Language: pl\\n"\n"Status: draft\\n"')
    )
    found = languages.statuses(tmp_path)
    assert found["en"] is Status.LIVE  # the source language needs no catalogue
    assert found["cy"] is Status.LIVE
    assert found["ur"] is Status.DRAFT  # as a comment (kept by pybabel update)
    assert found["pl"] is Status.DRAFT  # as a header field
    assert found["ar"] is Status.MISSING
    assert [x.code for x in languages.live(found)] == ["en", "cy"]


def test_a_message_that_mentions_status_draft_does_not_make_a_catalogue_draft(tmp_path):
    path = languages.catalogue_path(tmp_path, "ur")
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + '\nmsgid "Status: draft"\nmsgstr ""\n', encoding="utf-8")
    assert languages.statuses(tmp_path)["ur"] is Status.LIVE


def test_only_a_live_language_is_usable_and_others_need_an_interpreter():
    found = {"en": Status.LIVE, "cy": Status.LIVE, "ur": Status.DRAFT}
    assert languages.usable("cy", found) == "cy"
    assert languages.usable("ur", found) is None
    assert languages.usable("xx", found) is None
    assert languages.usable(None, found) is None
    assert languages.needs_interpreter("ur", found) == languages.BY_CODE["ur"]
    assert languages.needs_interpreter("Urdu", found) == languages.BY_CODE["ur"]
    assert languages.needs_interpreter("ar", found) == languages.BY_CODE["ar"]
    assert languages.needs_interpreter("cy", found) is None
    assert languages.needs_interpreter(None, found) is None
    found["ur"] = Status.LIVE
    assert languages.usable("ur_PK", found) == "ur"
    assert languages.needs_interpreter("ur", found) is None


def test_a_language_outside_the_twelve_needs_an_interpreter_named_as_cldr_has_it():
    found = {"en": Status.LIVE}
    somali = languages.needs_interpreter("so", found)
    assert somali == languages.Language("so", "Soomaali", "Somali", "ltr")
    assert languages.needs_interpreter("ps", found).right_to_left  # Pashto
    assert languages.needs_interpreter("ti", found).own_name == "ትግርኛ"  # Tigrinya
    assert languages.needs_interpreter("not-a-language", found) is None
    assert languages.usable("so", found) is None
