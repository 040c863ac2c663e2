"""Reports in the reader's language: the Signs of Safety headings, the safety scale, and
the plain-language helper's advice, for every page that shows or writes a report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l

from portal.domain import report_writing
from portal.glossary import advise

HEADINGS = {
    report_writing.WORRIES: _l("What are we worried about?"),
    report_writing.WORKING_WELL: _l("What's working well?"),
    report_writing.NEEDS_TO_HAPPEN: _l("What needs to happen?"),
    report_writing.SCALE: _l("Safety scale"),
    report_writing.PDF: _l("The report"),
}
HEADING_HINTS = {
    report_writing.WORRIES: _l(
        "What has happened, and what you fear could happen if nothing changes."
    ),
    report_writing.WORKING_WELL: _l(
        "What the family does well, and who helps keep the child safe."
    ),
    report_writing.NEEDS_TO_HAPPEN: _l("What needs to change, and what the family can do."),
}
WITH_CHILD = _l("%(name)s: %(heading)s")
SCALE_MEANING = _l(
    "0 means the child is not safe at home. 10 means everyone agrees the child is safe "
    "enough for us to stop being involved."
)
SCORE = _l("%(score)s out of 10")
BANDS = {
    "easy": _l("Easy to read"),
    "fairly_hard": _l("Fairly hard to read"),
    "hard": _l("Hard to read"),
}


def section_heading(section: Mapping[str, Any]) -> str:
    """A section's heading: translated for a written report's parts (`part`), as written
    otherwise (the page marks those as English: see `reports/_sections.html`)."""
    part = section.get("part")
    if part in HEADINGS:
        heading = str(HEADINGS[part])
        child = section.get("child")
        return str(WITH_CHILD % {"name": child, "heading": heading}) if child else heading
    return str(section.get("heading", ""))


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        section_heading=section_heading,
        scale_meaning=lambda: str(SCALE_MEANING),
        score_text=lambda score: str(SCORE % {"score": score}),
        plain_words=advise,
        reading_band=lambda band: str(BANDS.get(band, "")),
    )
