"""Council-specific wording lives in the policy files, not in shared templates or code."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from portal.domain.deadlines import load_policy, policy_keys
from portal.domain.policies import extract_policy_text

ROOT = Path(__file__).resolve().parents[2]
# Names that only a council's own policy file should put in front of people.
COUNCILS = re.compile(r"Dorset|Middlesbrough|Wakefield|Doncaster|B&NES|Bath|Somerset")
JINJA_COMMENT = re.compile(r"{#.*?#}", re.S)


def policy_text() -> set[str]:
    folder = ROOT / "portal" / "domain" / "policies"
    found: set[str] = set()
    for key in policy_keys():
        with (folder / f"{key}.toml").open("rb") as file:
            found.update(message for _, _, message, _ in extract_policy_text(file, (), (), {}))
    return found


def test_no_shared_template_names_a_council():
    # Comments may cite a standard (STYLE.md habit 7); what is shown may not.
    named = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "templates").rglob("*.html"))
        if COUNCILS.search(JINJA_COMMENT.sub("", path.read_text("utf-8")))
    ]
    assert named == []


def test_only_policy_files_put_a_council_in_the_catalogue():
    catalogue = polib.pofile(str(ROOT / "translations" / "messages.pot"))
    from_code = [entry.msgid for entry in catalogue if entry.msgid not in policy_text()]
    assert [text for text in from_code if COUNCILS.search(text)] == []


def test_the_check_sees_council_names_in_policy_text():
    assert any(COUNCILS.search(text) for text in policy_text())
    assert load_policy("dorset").name in policy_text()
