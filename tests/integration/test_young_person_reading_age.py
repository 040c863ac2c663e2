"""Every page a young person sees reads at about age 9: Flesch reading ease of 80 or more,
and no sentence longer than 15 words (issue 12). Measured on the page's main content, as
Maya sees it, with textstat 0.7.8."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import html5lib
import pytest
import textstat
from sqlalchemy import select

from portal.data.interfaces import decision_versions
from portal.data.models import Decision, Outcome, Participant
from portal.extensions import db
from tests.pages import form_token

NS = "{http://www.w3.org/1999/xhtml}"
BLOCKS = {"p", "li", "h1", "h2", "h3", "legend", "label", "button", "dt", "dd", "figcaption"}
MIN_EASE = 80
MAX_WORDS = 15


def blocks_of(html: str) -> list[str]:
    """The main content's text, one entry per block (a paragraph, a label, a list item)."""
    root = html5lib.parse(html)
    main = next(el for el in root.iter(f"{NS}main"))
    found: list[str] = []

    def walk(element):
        tag = element.tag.replace(NS, "") if isinstance(element.tag, str) else ""
        classes = element.get("class") or ""
        if tag in {"script", "style", "template", "textarea"}:
            return
        inner = any(
            isinstance(d.tag, str) and d.tag.replace(NS, "") in BLOCKS
            for d in element.iter()
            if d is not element
        )
        if (tag in BLOCKS or "govuk-hint" in classes) and not inner:
            text = " ".join("".join(element.itertext()).split())
            if text:
                found.append(text)
            return
        for child in element:
            walk(child)

    walk(main)
    return found


def sentences(blocks: list[str]) -> list[str]:
    return [
        part.strip()
        for block in blocks
        for part in re.split(r"(?<=[.?!:])\s+", block)
        if part.strip()
    ]


def _pages(client, demo) -> dict[str, str]:
    base = f"/conferences/{demo['conferences']['khan']}/young-person"
    pages = {
        "home": base,
        "about": f"{base}/about",
        "views": f"{base}/views",
        "taking part": f"{base}/taking-part",
        "was I heard (before the decision)": f"{base}/was-i-heard",
    }
    for kind in (
        "letter",
        "words_and_pictures",
        "three_houses",
        "feelings_scale",
        "know_and_decide",
    ):
        token = form_token(client, f"{base}/views")
        edit = client.post(f"{base}/views", data={"csrf_token": token, "format": kind}).headers[
            "Location"
        ]
        pages[f"edit: {kind}"] = edit
    letter = pages["edit: letter"]
    token = form_token(client, letter)
    client.post(letter, data={"csrf_token": token, "letter": "I love my mum.", "save": "Save"})
    pages["who sees it"] = f"{letter}/who-sees-it"
    token = form_token(client, f"{letter}/who-sees-it")
    client.post(
        f"{letter}/who-sees-it",
        data={"csrf_token": token, "share_with": "everyone", "spoken_by": "myself"},
    )
    pages["check and send"] = f"{letter}/check"
    return pages


def _publish_a_decision(app, demo) -> None:
    with app.app_context():
        maya = db.session.scalars(
            select(Participant).where(
                Participant.person_id == demo["people"]["maya"],
                Participant.conference_id == demo["conferences"]["khan"],
            )
        ).one()
        decision = Decision(
            conference_id=maya.conference_id,
            child_id=maya.child_id,
            outcome=Outcome.CHILD_IN_NEED_PLAN,
            published_at=datetime.now(UTC),
            # The chair's version for her, so her own decision page is measured too.
            child_summary="You will get some help at home. Mum will get help too.",
            first_core_group_on=datetime.now(UTC).date(),
            review_on=datetime.now(UTC).date(),
        )
        db.session.add(decision)
        db.session.flush()
        decision_versions.add_version(decision, None)
        db.session.commit()


@pytest.fixture()
def young_pages(app, client, sign_in, demo):
    sign_in("maya")
    pages = _pages(client, demo)
    texts = {name: client.get(url).get_data(as_text=True) for name, url in pages.items()}
    _publish_a_decision(app, demo)
    base = f"/conferences/{demo['conferences']['khan']}/young-person"
    texts["was I heard (after the decision)"] = client.get(f"{base}/was-i-heard").get_data(
        as_text=True
    )
    texts["home (after the decision)"] = client.get(base).get_data(as_text=True)
    texts["the decision, written for her"] = client.get(f"{base}/decision").get_data(as_text=True)
    return texts


def test_every_young_person_page_reads_at_about_age_9(young_pages):
    scores = {}
    long_sentences = []
    for name, html in young_pages.items():
        found = sentences(blocks_of(html))
        assert found, name
        text = " ".join(s if s[-1] in ".?!" else s + "." for s in found)
        scores[name] = textstat.flesch_reading_ease(text)
        long_sentences += [f"{name}: {s}" for s in found if len(s.split()) > MAX_WORDS]
    low = {name: score for name, score in scores.items() if score < MIN_EASE}
    assert low == {}, f"pages below Flesch {MIN_EASE}: {low}"
    assert long_sentences == []
    print("\n".join(f"{name}: {score:.1f}" for name, score in sorted(scores.items())))


def test_the_check_cannot_pass_hard_words():
    # The measure would fail a page written for professionals.
    hard = (
        "The multi-agency safeguarding arrangements necessitate comprehensive "
        "information-sharing protocols between participating organisations."
    )
    assert textstat.flesch_reading_ease(hard) < MIN_EASE
    long_one = " ".join(["word"] * 16) + "."
    assert len(sentences([long_one])[0].split()) > MAX_WORDS
