"""Family pages are written in plain words: easy to read, and no jargon letters.

Dorset 2.9 asks for clear language with no jargon or acronyms; Doncaster chapter 4
asks for records the family and young person can follow. The bar here is a reading
age of about 9 to 11: Flesch reading ease at least 60 and Flesch-Kincaid grade at
most 6, measured on the words inside <main> only (the header, footer, menus and
hidden helper text are the same on every page and are not what a parent reads).

A failure names the page and its scores: shorten the sentences or use shorter words.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urlsplit

import html5lib
import pytest
import textstat

from portal.domain.family_answers import STEP_SLUGS

EASE_AT_LEAST = 60.0
GRADE_AT_MOST = 6.0
# Fewer words than this gives scores that swing on one long word; such pages are skipped.
FEWEST_WORDS = 40

# Pages anyone can open that a parent may read. Extend this as family pages are added.
FAMILY_PAGES = ["/", "/privacy", "/glossary", "/accessibility", "/cookies"]

# The letters professionals use that a family should never have to decode.
ACRONYMS = [
    "ICPC",
    "RCPC",
    "CP",
    "CPP",
    "CIN",
    "S47",
    "IRO",
    "QARO",
    "LADO",
    "MARAC",
    "MAPPA",
    "MACE",
    "FGC",
    "PLO",
]

GLOSSARY = "/glossary"

BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "dt", "dd", "td", "th", "legend", "label"})
# Containers that also end a run of text, so words either side never join up.
BREAKS = BLOCKS | frozenset(
    {"div", "section", "ul", "ol", "dl", "table", "tr", "form", "fieldset", "details", "br"}
)
DROPPED_TAGS = frozenset({"nav", "script", "style", "template", "noscript"})
DROPPED_CLASSES = frozenset({"govuk-visually-hidden", "govuk-back-link", "govuk-error-summary"})
ENDS_A_SENTENCE = (".", "?", "!", ":")

# Links a reading check should not follow: files, switches and actions, not pages.
SKIPPED_LINKS = ("/static/", "/language/", "/sign-out", "/session/")


def _dropped(element) -> bool:
    if not isinstance(element.tag, str) or element.tag in DROPPED_TAGS:
        return True
    # Words in another language (a language's own name, "Polski") are not English to score.
    if (element.get("lang") or "en").split("-")[0] != "en":
        return True
    return bool(DROPPED_CLASSES & set((element.get("class") or "").split()))


def _flush(buffer: list[str], out: list[str]) -> None:
    sentence = " ".join("".join(buffer).split())
    buffer.clear()
    if sentence:
        out.append(sentence if sentence.endswith(ENDS_A_SENTENCE) else f"{sentence}.")


def _sentences(element, buffer: list[str], out: list[str]) -> None:
    if element.text:
        buffer.append(element.text)
    for child in element:
        if not _dropped(child):
            breaks = child.tag in BREAKS
            if breaks:
                _flush(buffer, out)
            _sentences(child, buffer, out)
            if breaks:
                _flush(buffer, out)
        if child.tail:
            buffer.append(child.tail)


def readable_text(html: str) -> str:
    """The words a person reads in <main>, one sentence per block.

    Leaves out menus, the back link, the error summary and visually hidden text, and
    ends every paragraph, list item, heading, label and table or summary list cell
    with a full stop unless it already ends a sentence, so a list is scored as the
    short lines it is rather than as one endless sentence.
    """
    document = html5lib.parse(html, namespaceHTMLElements=False)
    main = document.find(".//main")
    if main is None:
        return ""
    out: list[str] = []
    buffer: list[str] = []
    _sentences(main, buffer, out)
    _flush(buffer, out)
    return " ".join(out)


def score(text: str) -> tuple[float, float]:
    """(Flesch reading ease, Flesch-Kincaid grade) for English text."""
    return textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text)


def word_count(text: str) -> int:
    return textstat.lexicon_count(text)


_ACRONYM = re.compile(r"\b(" + "|".join(map(re.escape, ACRONYMS)) + r")\b")


def unexplained_acronyms(text: str) -> list[str]:
    """Jargon letters in `text`, each once, in the order they first appear.

    Upper case only, as whole words: "CP" counts, "cp" and "CPS" do not. A family page
    says the words instead; only the glossary names the letters, to explain them.
    """
    return list(dict.fromkeys(match.group(1) for match in _ACRONYM.finditer(text)))


def reading_problems(path: str, text: str, fewest_words: int = 0) -> list[str]:
    """Why `text` is too hard to read, with its scores; empty when it is fine."""
    words = word_count(text)
    if words < fewest_words:
        return []
    ease, grade = score(text)
    measured = f"{path}: reading ease {ease:.1f}, grade {grade:.1f}, {words} words"
    problems = []
    if ease < EASE_AT_LEAST:
        problems.append(f"{measured} (reading ease must be at least {EASE_AT_LEAST:.0f})")
    if grade > GRADE_AT_MOST:
        problems.append(f"{measured} (grade must be at most {GRADE_AT_MOST:.0f})")
    return problems


def page_problems(path: str, html: str) -> list[str]:
    """Reading and jargon problems of one family page (the glossary may name the letters)."""
    text = readable_text(html)
    problems = reading_problems(path, text, fewest_words=FEWEST_WORDS)
    found = [] if path == GLOSSARY else unexplained_acronyms(text)
    if found:
        problems.append(f"{path}: uses {', '.join(found)}; say it in words instead")
    return problems


def _page_text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, f"{path} gave {response.status_code}"
    return readable_text(response.get_data(as_text=True))


def _links(html: str) -> list[str]:
    document = html5lib.parse(html, namespaceHTMLElements=False)
    found = []
    for anchor in document.iter("a"):
        href = anchor.get("href") or ""
        if not href.startswith("/") or href.startswith("//"):
            continue
        if href.startswith(SKIPPED_LINKS) or "/download" in href:
            continue
        path = urlsplit(href).path
        if path:
            found.append(path)
    return found


# The checks check themselves: they must be able to fail.


def test_a_hard_sentence_fails_the_reading_check():
    hard = (
        "Notwithstanding the multi-agency safeguarding considerations articulated "
        "previously, the conference determined that the threshold for significant harm "
        "was satisfied and consequently instituted a child protection plan under the "
        "category of emotional abuse, with contingency arrangements to be formulated "
        "by the core group within ten working days."
    )
    assert reading_problems("/hard", hard)
    ease, grade = score(hard)
    assert ease < EASE_AT_LEAST
    assert grade > GRADE_AT_MOST


def test_an_easy_passage_passes_the_reading_check():
    easy = (
        "The meeting is about your child. We want to keep them safe and well. "
        "You can say what you think. You can bring a friend with you. "
        "We will tell you what was decided the next day."
    )
    assert reading_problems("/easy", easy) == []


def test_the_acronym_check_finds_jargon_letters():
    assert unexplained_acronyms("The ICPC is on Monday") == ["ICPC"]
    assert unexplained_acronyms("Ask the IRO. The IRO and the LADO will be there.") == [
        "IRO",
        "LADO",
    ]
    assert unexplained_acronyms("The first meeting is on Monday") == []
    assert unexplained_acronyms("CPS, mace and a CPPx are not the jargon letters") == []


def test_readable_text_keeps_what_a_parent_reads_in_main_only():
    html = """<!DOCTYPE html><html lang="en"><head><title>T</title></head><body>
      <nav><a href="/">Menu words</a></nav>
      <a class="govuk-back-link" href="/x">Back</a>
      <main>
        <div class="govuk-error-summary"><h2>There is a problem</h2></div>
        <h1>Your meeting</h1>
        <p>Read the reports<span class="govuk-visually-hidden"> hidden words</span> first</p>
        <ul><li>one thing</li><li>Is it two?</li></ul>
        <dl><dt>Date</dt><dd>Monday</dd></dl>
        <p>You can:</p>
      </main>
      <footer><p>Footer words</p></footer>
    </body></html>"""
    assert readable_text(html) == (
        "Your meeting. Read the reports first. one thing. Is it two? Date. Monday. You can:"
    )


# The glossary: every term explained, and the explanations easy to read.


def test_glossary_is_easy_to_read_as_a_whole(client):
    text = _page_text(client, GLOSSARY)
    problems = reading_problems(GLOSSARY, text)
    assert problems == [], "\n".join(problems)


def test_glossary_spells_out_every_acronym(client):
    text = _page_text(client, GLOSSARY)
    missing = [code for code in ACRONYMS if not re.search(rf"\b{re.escape(code)} \([^)]+\)", text)]
    assert missing == [], f"{GLOSSARY} does not spell out: {', '.join(missing)}"


def test_every_glossary_explanation_is_short_and_plain():
    from portal.glossary import TERMS

    codes = [code for code, _term, _explanation in TERMS]
    assert len(codes) == len(set(codes)), "a glossary code is used twice"
    for code, term, explanation in TERMS:
        sentences = textstat.sentence_count(str(explanation))
        assert 1 <= sentences <= 3, f"{code}: {sentences} sentences"
        assert str(term).strip() and str(explanation).strip()


# Public pages and every page a parent reaches once signed in.


@pytest.mark.parametrize("path", ["/", "/privacy"])
def test_start_and_privacy_pages_are_easy_to_read(client, path):
    problems = reading_problems(path, _page_text(client, path))
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("path", FAMILY_PAGES)
def test_family_page_is_in_plain_words(client, path):
    response = client.get(path)
    assert response.status_code == 200, f"{path} gave {response.status_code}"
    problems = page_problems(path, response.get_data(as_text=True))
    assert problems == [], "\n".join(problems)


def _press_continue_on_the_welcome_notice(client, html: str) -> str:
    """A parent's first visit shows a one-time notice with a Continue button (a POST form).

    Press it, as the parent would, so the crawl reaches the pages behind it; any other
    button is left alone, because pressing it would change what the parent has sent.
    """
    document = html5lib.parse(html, namespaceHTMLElements=False)
    for form in document.iter("form"):
        action = form.get("action") or ""
        if form.get("method", "").lower() == "post" and action.endswith("/welcome"):
            token = form.find(".//input[@name='csrf_token']")
            data = {"csrf_token": token.get("value")} if token is not None else {}
            response = client.post(action, data=data, follow_redirects=True)
            assert response.status_code == 200, f"{action} gave {response.status_code}"
            return response.get_data(as_text=True)
    return html


PARENTS = {"amira": "khan", "daniel": "khan", "olivia": "brown"}


@pytest.mark.parametrize("who", sorted(PARENTS))
def test_your_meetings_and_the_family_home_are_easy_to_read(sign_in, demo, who):
    """However few their words: these are the first two pages a parent reads (issue 14:
    "Your meetings" read at 41.3 and needed a grade of 9.4)."""
    client = sign_in(who)
    home = f"/conferences/{demo['conferences'][PARENTS[who]]}/family"
    problems = [
        problem
        for path in ("/conferences", home)
        for problem in reading_problems(path, _page_text(client, path))
    ]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("who", sorted(PARENTS))
def test_every_page_a_parent_can_reach_is_in_plain_words(sign_in, who):
    client = sign_in(who)
    queue, queued, checked = deque(["/conferences"]), {"/conferences"}, set()
    problems: list[str] = []
    while queue:
        response = client.get(queue.popleft(), follow_redirects=True)
        path = response.request.path  # where any redirect led: the page the parent sees
        assert response.status_code == 200, f"{path} gave {response.status_code}"
        if path in checked:
            continue
        checked.add(path)
        html = response.get_data(as_text=True)
        problems.extend(page_problems(path, html))
        behind = _press_continue_on_the_welcome_notice(client, html)
        if behind is not html:
            html = behind
            problems.extend(page_problems(path, html))
        for link in _links(html):
            if link not in queued:
                queued.add(link)
                queue.append(link)
    assert len(checked) > 1, "found no links to follow from /conferences"
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("slug", STEP_SLUGS)
def test_each_step_of_how_the_meeting_will_work_is_in_plain_words(sign_in, demo, slug):
    """The steps are reached by sending the one before, so the link crawl above misses them."""
    client = sign_in("amira")
    path = f"/conferences/{demo['conferences']['khan']}/family/meeting/{slug}"
    assert reading_problems(path, _page_text(client, path)) == []
