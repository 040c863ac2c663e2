"""`make i18n-check` per catalogue: live ones (and Welsh) complete; drafts may be
incomplete, but never with placeholders that differ from the English."""

from __future__ import annotations

from pathlib import Path

from portal.i18n_check import catalogue_problems

ENTRIES = {"Yes": "", "Hello %(name)s": ""}
KEYS = {(msgid, "", None) for msgid in ENTRIES}


def catalogue(folder: Path, code: str, translations: dict[str, str], draft: bool) -> Path:
    path = folder / code / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    lines = ["# Status: draft"] if draft else []
    lines += ['msgid ""', 'msgstr ""', f'"Language: {code}\\n"', ""]
    for msgid in ENTRIES:
        if "%(" in msgid:
            lines.append("#, python-format")
        lines += [f'msgid "{msgid}"', f'msgstr "{translations.get(msgid, "")}"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_draft_may_be_incomplete(tmp_path):
    path = catalogue(tmp_path, "ur", {"Yes": "ہاں"}, draft=True)
    assert catalogue_problems(path, KEYS) == []


def test_a_draft_may_not_change_a_placeholder(tmp_path):
    path = catalogue(tmp_path, "ur", {"Hello %(name)s": "سلام %(naam)s"}, draft=True)
    assert catalogue_problems(path, KEYS) == [
        "ur: 'Hello %(name)s' has placeholders ['%(naam)s'], expected ['%(name)s']"
    ]


def test_a_live_catalogue_must_be_complete(tmp_path):
    path = catalogue(tmp_path, "ur", {"Yes": "ہاں"}, draft=False)
    assert catalogue_problems(path, KEYS) == ["ur: 'Hello %(name)s' is not translated"]


def test_welsh_must_be_complete_even_if_marked_draft(tmp_path):
    path = catalogue(tmp_path, "cy", {"Yes": "Ie"}, draft=True)
    assert catalogue_problems(path, KEYS) == ["cy: 'Hello %(name)s' is not translated"]


def test_a_catalogue_for_a_language_we_do_not_know_is_reported(tmp_path):
    path = catalogue(tmp_path, "xx", {"Yes": "Y", "Hello %(name)s": "H %(name)s"}, draft=False)
    assert catalogue_problems(path, KEYS) == ["xx: not a language of portal.domain.languages.KNOWN"]


def test_a_translation_may_name_a_placeholder_twice(tmp_path):
    path = catalogue(tmp_path, "ur", {"Hello %(name)s": "%(name)s، سلام %(name)s"}, draft=True)
    assert catalogue_problems(path, KEYS) == []


def test_a_percent_sign_that_is_no_placeholder_is_a_problem(tmp_path):
    path = catalogue(tmp_path, "pl", {"Hello %(name)s": "Cześć %(name)s, 100% gotowe"}, draft=True)
    assert catalogue_problems(path, KEYS) == [
        "pl: 'Hello %(name)s' has a % that is not a placeholder (write %% for a percent sign)"
    ]
    path = catalogue(
        tmp_path / "b", "pl", {"Hello %(name)s": "Cześć %(name)s, 100%% gotowe"}, draft=True
    )
    assert catalogue_problems(path, KEYS) == []
