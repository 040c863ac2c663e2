"""The glossary lists its words in the reader's alphabetical order (issue 13)."""

from __future__ import annotations

import html5lib
import pytest

from portal.domain import collation
from portal.i18n import LANGUAGE_COOKIE


def terms_on_page(client, language: str) -> list[str]:
    client.set_cookie(LANGUAGE_COOKIE, language)
    page = client.get("/glossary")
    document = html5lib.parse(page.get_data(as_text=True), namespaceHTMLElements=False)
    assert document.get("lang") == language
    return [" ".join("".join(term.itertext()).split()) for term in document.iter("dt")]


@pytest.mark.parametrize("language", ["en", "cy", "ur", "ar"])
def test_the_glossary_is_in_the_readers_order(client, language):
    terms = terms_on_page(client, language)
    assert len(terms) >= 25
    assert terms == collation.sorted_for(language, terms, str)


def test_welsh_order_is_not_english_order():
    # "Ch" is a letter of its own in Welsh, after "C": the same words sort differently.
    words = ["Cynllun", "Chwarae", "Cadeirydd"]
    assert collation.sorted_for("cy", words, str) == ["Cadeirydd", "Cynllun", "Chwarae"]
    assert collation.sorted_for("en", words, str) == ["Cadeirydd", "Chwarae", "Cynllun"]
