"""The stylesheet holds only the GOV.UK components the pages use (issue 15), so a page that
starts using another one must add it to static/scss/portal.scss: these tests say which."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal.assets import BUILD, load_manifest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
# A GOV.UK class named in a template: in class="…" or a macro's "classes": "…".
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"|"classes":\s*"([^"]*)"')
MACRO = re.compile(r"govuk_frontend_jinja/components/([a-z-]+)/macro\.html")


def stylesheet() -> str:
    built = load_manifest().get("build/portal.css")
    if built is None:
        pytest.skip("the stylesheet is not built (make assets)")
    return (BUILD.parent / built).read_text("utf-8")


def template_texts() -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(ROOT)), path.read_text("utf-8"))
        for path in sorted(TEMPLATES.rglob("*.html"))
    ]


def govuk_classes(text: str) -> set[str]:
    found = set()
    for match in CLASS_ATTRIBUTE.finditer(text):
        value = match.group(1) or match.group(2) or ""
        for word in re.sub(r"\{[{%].*?[%}]\}", " ", value).split():
            if word.startswith("govuk-") and not word.endswith("-"):
                found.add(word)
    return found


def selector(word: str) -> str:
    return "." + word.replace("!", "\\!")


def whole_library() -> str:
    # GOV.UK's own build of every component: a class it does not style (such as
    # govuk-table__row) needs nothing from us either.
    path = ROOT / "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css"
    if not path.exists():
        pytest.skip("GOV.UK Frontend is not installed (make assets)")
    return path.read_text("utf-8")


def test_every_govuk_class_a_template_names_is_in_the_stylesheet():
    css, library = stylesheet(), whole_library()
    missing = sorted(
        f"{name}: {word}"
        for name, text in template_texts()
        for word in govuk_classes(text)
        if selector(word) in library and selector(word) not in css
    )
    assert missing == [], "add the component (or override) to static/scss/portal.scss"


def test_every_govuk_macro_a_template_calls_has_its_styles():
    css = stylesheet()
    missing = sorted(
        f"{name}: {component}"
        for name, text in template_texts()
        for component in MACRO.findall(text)
        if f".govuk-{component}" not in css
    )
    assert missing == [], "add the component to static/scss/portal.scss"


def test_the_check_reads_classes_from_markup_and_macro_params():
    markup = '<nav class="govuk-breadcrumbs {{ extra }} portal-x">{{ f({"classes": "govuk-!-margin-top-2"}) }}'
    assert govuk_classes(markup) == {"govuk-breadcrumbs", "govuk-!-margin-top-2"}
    assert selector("govuk-!-margin-top-2") in whole_library()
