"""`make i18n-check`: the catalogues are complete and match the code.

Fails when translations/messages.pot is stale (the code has strings it lacks, or
it has strings the code no longer uses), or when a live catalogue has an empty or
fuzzy entry, or any catalogue has a translation whose placeholders differ from the
English. A draft catalogue (header says `Status: draft`, see portal.domain.languages)
may be incomplete; Welsh is always held to 100%, draft or not (a legal duty in Wales).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

from portal.config import ROOT
from portal.domain import languages as registry

ALWAYS_COMPLETE = frozenset({"cy"})

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


# What Python's % operator reads in a python-format message: a placeholder or "%%".
FORMAT_DIRECTIVE = re.compile(r"%\(\w+\)[sd]|%[sd%]")


def stray_percent(text: str) -> bool:
    """A "%" that is no placeholder and no "%%": formatting the message would raise (a
    page in that language would fail), so it is a problem in any catalogue."""
    return "%" in FORMAT_DIRECTIVE.sub("", text)


def placeholders(text: str) -> list[str]:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


def same_placeholders(got: list[str], expected: list[str]) -> bool:
    """The same names (a translation may name one twice: "%(name)s ... %(name)s"), and
    exactly the same unnamed ones (their order and number are the arguments')."""
    if any(not p.startswith("%(") for p in got + expected):
        return got == expected
    return set(got) == set(expected)


def extract(target: Path) -> None:
    subprocess.run(  # noqa: S603 - fixed arguments
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--sort-output",
            "--omit-header",
            "-o",
            str(target),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def entry_key(entry: polib.POEntry) -> tuple[str, str, str | None]:
    return (entry.msgid, entry.msgid_plural or "", entry.msgctxt)


def problems() -> list[str]:
    found: list[str] = []
    template_path = ROOT / "translations" / "messages.pot"
    with tempfile.TemporaryDirectory() as folder:
        fresh_path = Path(folder) / "messages.pot"
        extract(fresh_path)
        fresh = {entry_key(e) for e in polib.pofile(str(fresh_path))}
    committed = {entry_key(e) for e in polib.pofile(str(template_path))}
    if fresh != committed:
        missing = len(fresh - committed)
        extra = len(committed - fresh)
        found.append(
            f"translations/messages.pot is stale ({missing} new, {extra} unused): run make i18n-update"
        )

    for po_path in sorted((ROOT / "translations").glob("*/LC_MESSAGES/messages.po")):
        found.extend(catalogue_problems(po_path, committed))
    return found


def catalogue_problems(po_path: Path, committed: set[tuple[str, str, str | None]]) -> list[str]:
    """One catalogue's problems: live ones (and Welsh) complete, every one's placeholders
    those of the English."""
    found: list[str] = []
    language = po_path.parts[-3]
    catalogue = polib.pofile(str(po_path))
    header = registry.read_header(po_path)
    complete = (
        registry.status_of_header(header) is registry.Status.LIVE or language in ALWAYS_COMPLETE
    )
    if registry.find(language) is None:
        found.append(f"{language}: not a language of portal.domain.languages.KNOWN")
    keys = {entry_key(e) for e in catalogue if not e.obsolete}
    if keys != committed:
        found.append(f"{language}: catalogue does not match messages.pot: run make i18n-update")
    for entry in catalogue:
        if entry.obsolete:
            continue
        label = f"{language}: {entry.msgid[:60]!r}"
        if "fuzzy" in entry.flags and complete:
            found.append(f"{label} is fuzzy")
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not translations or any(not text.strip() for text in translations):
            if complete:
                found.append(f"{label} is not translated")
            continue
        expected = placeholders(entry.msgid)
        if "python-format" in entry.flags and any(stray_percent(t) for t in translations):
            found.append(f"{label} has a % that is not a placeholder (write %% for a percent sign)")
        for text in translations:
            # Plural forms may leave out the count (Welsh "un" for one) but never add names.
            got = placeholders(text)
            if entry.msgid_plural:
                if not set(got) <= set(expected) | set(placeholders(entry.msgid_plural)):
                    found.append(f"{label} has placeholders {got}, expected {expected}")
            elif not same_placeholders(got, expected):
                found.append(f"{label} has placeholders {got}, expected {expected}")
    return found


def main() -> int:
    found = problems()
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(f"i18n-check: {len(found)} problem(s)", file=sys.stderr)
        return 1
    print("i18n-check: catalogues complete and up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
