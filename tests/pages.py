"""Checks every HTML page a test loads, in the manner of GOV.UK Notify's test client.

A page fails when it is not valid HTML5, has other than one <h1>, a <title> that
does not start with the <h1>, duplicate ids, no `lang` or `dir`, a script without
this response's CSP nonce, a group of radios or checkboxes with no question (legend), or a
form without an action and method; when it shows a
stray "None" (a missing value printed as Python's None); or, in a page in another
language, English that people wrote (a report, a decision, a note) without `lang="en"`
around it (WCAG 3.1.2), so a screen reader would read it with the wrong voice.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import html5lib
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

NONCE = re.compile(r"'nonce-([^']+)'")


class PageProblem(AssertionError):
    pass


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


# Words common in English and never Welsh words: two of them in one run of text that
# is not marked lang="en" mean English written into a page in another language.
ENGLISH_ONLY_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "with",
        "what",
        "that",
        "this",
        "was",
        "were",
        "been",
        "for",
        "from",
        "have",
        "has",
        "had",
        "will",
        "not",
        "they",
        "she",
        "he",
        "we",
        "their",
        "about",
        "after",
        "when",
        "there",
        "are",
        "in",
    ]
)
# Whole words in any script ("puțin" is one word, not "pu" and "in").
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
SKIPPED_TEXT = frozenset({"script", "style", "template"})


def _direct_text(element: Any) -> list[str]:
    """The text an element holds itself, and the text after each child."""
    parts = [element.text or ""]
    parts.extend(child.tail or "" for child in element)
    return [part for part in parts if part.strip()]


def stray_none(root: Any) -> list[str]:
    """Text that is only "None": a missing value printed instead of left out."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in SKIPPED_TEXT:
            continue
        for part in _direct_text(element):
            if part.strip().rstrip(".") == "None":
                found.append(f"<{element.tag} id={element.get('id')!r}>")
    return found


def unmarked_english(root: Any) -> list[str]:
    """Runs of English text, in a page whose language is not English, with no lang="en"."""
    found: list[str] = []

    def walk(element: Any, language: str) -> None:
        if not isinstance(element.tag, str) or element.tag in SKIPPED_TEXT:
            return
        language = (element.get("lang") or language).split("-")[0]
        if language != "en":
            for part in _direct_text(element):
                words = set(WORD.findall(part.lower()))
                if len(words & ENGLISH_ONLY_WORDS) >= 2:
                    found.append(" ".join(part.split())[:80])
        for child in element:
            walk(child, language)

    walk(root, root.get("lang") or "en")
    return found


def check_page(response: TestResponse) -> None:
    body = response.get_data(as_text=True)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        document = parser.parse(body)
    except html5lib.html5parser.ParseError as error:
        line, col = parser.errors[0][0] if parser.errors else ("?", "?")
        raise PageProblem(f"invalid HTML5 at line {line}, column {col}: {error}") from error

    root = document
    if not root.get("lang"):
        raise PageProblem("<html> has no lang")
    if root.get("dir") not in {"ltr", "rtl"}:
        raise PageProblem("<html> has no dir")

    body_element = root.find(".//body")
    nones = stray_none(body_element) if body_element is not None else []
    if nones:
        raise PageProblem(f'the page shows a stray "None" in {", ".join(nones)}')
    english = unmarked_english(root)
    if english:
        raise PageProblem(f'English without lang="en" in a {root.get("lang")} page: {english[:3]}')

    headings = root.findall(".//h1")
    if len(headings) != 1:
        raise PageProblem(f"expected one <h1>, found {len(headings)}")
    title = root.find(".//title")
    heading = _text(headings[0])
    title_text = _text(title) if title is not None else ""
    # A page with errors starts its title with "Error: " in the page's language.
    has_errors = any("govuk-error-summary" in (el.get("class") or "") for el in root.iter())
    if has_errors and ": " in title_text and not title_text.startswith(heading):
        title_text = title_text.split(": ", 1)[1]
    if not title_text.startswith(heading):
        raise PageProblem(f"<title> {title_text!r} does not start with the <h1> {heading!r}")

    ids = Counter(el.get("id") for el in root.iter() if el.get("id"))
    duplicates = [key for key, count in ids.items() if count > 1]
    if duplicates:
        raise PageProblem(f"duplicate ids: {duplicates}")

    match = NONCE.search(response.headers.get("Content-Security-Policy", ""))
    nonce = match.group(1) if match else None
    for script in root.iter("script"):
        if nonce is None or script.get("nonce") != nonce:
            raise PageProblem("a <script> lacks this response's CSP nonce")

    for fieldset in root.iter("fieldset"):
        choices = [i for i in fieldset.iter("input") if i.get("type") in {"radio", "checkbox"}]
        legend = fieldset.find("legend")
        if len(choices) > 1 and (legend is None or not _text(legend)):
            raise PageProblem(f"a group of choices ({choices[0].get('name')}) has no question")

    for form in root.iter("form"):
        if form.get("action") is None or form.get("method") is None:
            raise PageProblem("a <form> lacks an action or method")
        if (
            form.get("method", "").lower() == "post"
            and form.find(".//input[@name='csrf_token']") is None
        ):
            raise PageProblem("a POST form lacks its CSRF token")


class CheckedClient(FlaskClient):
    """A test client that checks every HTML page it receives."""

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:  # type: ignore[override]
        # Buffered, so the response is closed as a WSGI server closes it: work queued to
        # run after the response (message delivery) runs before the test reads the outbox.
        kwargs.setdefault("buffered", True)
        response = super().open(*args, **kwargs)
        fragment = response.headers.get("X-Portal-Fragment") == "1"
        if (
            response.mimetype == "text/html"
            and not fragment
            and not 300 <= response.status_code < 400
        ):
            check_page(response)
        return response


def form_token(client: FlaskClient, path: str) -> str:
    """The CSRF token from the form on `path`, as a person's browser would send it."""
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page
    )
    if match is None:
        raise PageProblem(f"no form token on {path}")
    return match.group(1)
