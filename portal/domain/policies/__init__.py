"""Timescale policy files, one per authority (see portal/domain/deadlines.py).

The text in them that people read (the policy's name, each rule's note and source, each
``when_late`` source) is English here and translated through the catalogues like any
other text: babel.cfg runs ``extract_policy_text`` on these files.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any


def _shown_text(raw: Mapping[str, Any]) -> Iterator[str]:
    if isinstance(raw.get("name"), str):
        yield raw["name"]
    for rules in raw.get("duties", {}).values():
        for rule in rules:
            for field in ("note", "source"):
                if isinstance(rule.get(field), str) and rule[field].strip():
                    yield rule[field]
    for rule in [*raw.get("invitations", []), *raw.get("plan_update", [])]:
        for field in ("note", "source"):
            if isinstance(rule.get(field), str) and rule[field].strip():
                yield rule[field]
    dissent = raw.get("dissent", {})
    for field in ("escalation", "source"):
        if isinstance(dissent.get(field), str) and dissent[field].strip():
            # The loader joins the lines of a long text; so does the lookup on the page.
            yield " ".join(dissent[field].split())
    disagree = raw.get("disagree", {})
    for field in ("words", "source"):
        if isinstance(disagree.get(field), str) and disagree[field].strip():
            yield disagree[field]
    for late in raw.get("when_late", {}).values():
        if isinstance(late.get("source"), str) and late["source"].strip():
            yield late["source"]


def extract_policy_text(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, None, str, list[str]]]:
    """A Babel extraction method: every piece of text a policy file shows to people."""
    text = fileobj.read().decode("utf-8")
    lines = text.splitlines()
    for message in _shown_text(tomllib.loads(text)):
        # The loader strips the text; so does the lookup on the page.
        shown = message.strip()
        lineno = next((n for n, line in enumerate(lines, 1) if message in line), 0)
        yield lineno, None, shown, []
