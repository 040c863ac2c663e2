"""A report as plain text, for download: the words as written, never HTML-escaped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def report_as_text(title: str, agency: str, sections: Iterable[Mapping[str, str]]) -> str:
    parts = [title, agency]
    for section in sections:
        parts += ["", section.get("heading", "")]
        if section.get("score"):  # a written report's safety scale (portal.domain.report_writing)
            parts += ["", f"Safety scale: {section['score']} out of 10"]
        parts += ["", section.get("text", "")]
    return "\n".join(parts).rstrip() + "\n"
