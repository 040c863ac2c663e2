"""A young person's letter: plain text with a tiny markup a child can type on any phone,
without JavaScript. A blank line starts a new paragraph; a line starting "- " is a point
in a list; *stars* around words make them bold. Everything else is text.

The HTML made here is escaped as it is built, and then goes through the one sanitising
function (`portal.security.sanitise_html`) before any page shows it.
"""

from __future__ import annotations

import html
import re

_BOLD = re.compile(r"\*([^*\n]+)\*")


def _inline(text: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", html.escape(text, quote=False))


def letter_to_html(text: str) -> str:
    """Paragraphs, bold and lists from the letter's text."""
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        paragraph: list[str] = []
        points: list[str] = []
        for line in lines:
            if line.startswith(("- ", "* ")):
                if paragraph:
                    blocks.append("<p>" + "<br>".join(paragraph) + "</p>")
                    paragraph = []
                points.append("<li>" + _inline(line[2:].strip()) + "</li>")
            else:
                if points:
                    blocks.append("<ul>" + "".join(points) + "</ul>")
                    points = []
                paragraph.append(_inline(line))
        if paragraph:
            blocks.append("<p>" + "<br>".join(paragraph) + "</p>")
        if points:
            blocks.append("<ul>" + "".join(points) + "</ul>")
    return "".join(blocks)
