"""Every live language, on every page a parent, a young person and a visitor reach (issue
13): the crawl of tests/i18n/crawl.py in each language, with each form sent empty so the
error messages show. Each page must be in that language and run its way (right to left
for Urdu and Arabic), with no server error; the checked client also fails a page with
English words left unmarked, invalid HTML or a title that does not match its heading.
"""

from __future__ import annotations

import html5lib
import pytest

from portal.config import ROOT
from portal.domain import languages as registry
from portal.i18n import LANGUAGE_COOKIE
from tests.i18n.crawl import crawl
from tests.i18n.test_pseudo_locale import seeds

LIVE = [
    language.code
    for language in registry.live(registry.statuses(ROOT / "translations"))
    if language.code != registry.SOURCE
]


def in_language(code: str):
    direction = registry.BY_CODE[code].direction

    def check(body: str) -> list[str]:
        root = html5lib.parse(body, namespaceHTMLElements=False)
        if (root.get("lang"), root.get("dir")) != (code, direction):
            return [f"lang={root.get('lang')!r} dir={root.get('dir')!r}"]
        return []

    return check


@pytest.mark.parametrize("person", [None, "amira", "olivia", "maya"])
@pytest.mark.parametrize("code", LIVE)
def test_every_page_in_every_language(sign_in, client, demo, code, person):
    browser = sign_in(person, language=code) if person else client
    browser.set_cookie(LANGUAGE_COOKIE, code)
    problems, pages = crawl(browser, seeds(person, demo), in_language(code), limit=80)
    assert pages >= 8
    assert not problems, "\n".join(f"{url}: {found}" for url, found in problems.items())
