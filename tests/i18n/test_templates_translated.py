"""No bare English in templates: every word a person reads goes through gettext."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import Environment

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
TAG = re.compile(r"<[^>]*>", re.S)
WORD = re.compile(r"[A-Za-z]{2,}")
# Attributes people read or hear: their values must not be bare text.
READ_ATTRIBUTES = re.compile(r'\b(alt|title|placeholder|aria-label)="([^"{]*[A-Za-z][^"{]*)"')
ENTITY = re.compile(r"&[a-z]+;")


def template_files() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


TRANS_BLOCK = re.compile(r"{%-?\s*trans\b.*?{%-?\s*endtrans\s*-?%}", re.S)
JINJA = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.S)


def bare_text(source: str) -> list[str]:
    """Words left once Jinja code and HTML tags are taken out."""
    Environment(extensions=["jinja2.ext.i18n"]).parse(source)  # noqa: S701 - syntax check only
    text = JINJA.sub(" ", TRANS_BLOCK.sub(" ", source))
    found = [match.group(0) for match in READ_ATTRIBUTES.finditer(text)]
    found.extend(WORD.findall(ENTITY.sub(" ", TAG.sub(" ", text))))
    return found


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_has_no_untranslated_text(path):
    assert bare_text(path.read_text()) == []


def test_the_check_finds_bare_text():
    assert bare_text("<p>Hello there</p>") == ["Hello", "there"]
    assert bare_text('<img alt="A logo">') == ['alt="A logo"']
    assert bare_text("<p>{{ _('Hello there') }}</p>") == []
    assert bare_text('<a class="x" href="{{ url }}">{{ _("Go") }}</a>') == []
    assert bare_text("{% trans %}Hello{% endtrans %}") == []
