"""The advocate pages in plain words: a young person's at reading ease 80 or more with
sentences of 15 words or fewer (issue 12: a reading age of about 9), a parent's at 60 or
more (the family pages' bar). Every state of the request is read: asked, found, in touch,
and not possible with its reason."""

from __future__ import annotations

import re

import pytest
import textstat
from sqlalchemy import select

from portal.data.models import AdvocateContactWay, AdvocateDeclineReason, AdvocateRequest
from portal.extensions import db
from tests.i18n.test_plain_words import readable_text, reading_problems, unexplained_acronyms

CHILD_EASE = 80.0
LONGEST_SENTENCE = 15


def _state(app, demo, state: str) -> None:
    from portal.data.interfaces import advocacy
    from portal.data.models import Person

    if state == "asked":
        return
    with app.app_context():
        request = db.session.scalars(
            select(AdvocateRequest).where(AdvocateRequest.for_child_id.is_not(None))
        ).one()
        sam = db.session.get(Person, demo["people"]["sam"])
        if state == "not_possible":
            advocacy.decline(request, sam, AdvocateDeclineReason.NO_ONE_FREE, "")
        else:
            advocacy.accept(request, sam, "Northfield Children's Advocacy")
            if state == "in_touch":
                from portal.domain.clock import today_in_london

                advocacy.record_contact(request, sam, today_in_london(), AdvocateContactWay.PHONE)
        db.session.commit()


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!:])\s+", text) if s]


@pytest.mark.parametrize("state", ["asked", "found", "in_touch", "not_possible"])
def test_mayas_advocate_page_reads_at_80_or_more(app, client, sign_in, demo, state):
    _state(app, demo, state)
    sign_in("maya")
    html = client.get(f"/conferences/{demo['conferences']['khan']}/advocate").get_data(as_text=True)
    text = readable_text(html)
    ease = textstat.flesch_reading_ease(text)
    assert ease >= CHILD_EASE, f"{state}: reading ease {ease:.1f}: {text}"
    long = [s for s in _sentences(text) if textstat.lexicon_count(s) > LONGEST_SENTENCE]
    assert long == [], f"{state}: sentences longer than {LONGEST_SENTENCE} words: {long}"
    assert unexplained_acronyms(text) == []


@pytest.mark.parametrize("state", ["asked", "found", "in_touch", "not_possible"])
def test_a_parents_advocate_page_reads_at_60_or_more(app, client, sign_in, demo, state):
    _state(app, demo, state)
    sign_in("amira")
    path = f"/conferences/{demo['conferences']['khan']}/advocate"
    text = readable_text(client.get(path).get_data(as_text=True))
    problems = reading_problems(path, text)
    assert problems == [], "\n".join(problems)
