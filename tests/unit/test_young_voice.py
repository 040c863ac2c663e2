"""Who a young person's view goes to, from their choice: people, never roles."""

from __future__ import annotations

import uuid

from portal.domain.letter import letter_to_html
from portal.domain.vocabulary import Role
from portal.domain.young_voice import Invited, ShareWith, audience, has_words

MAYA_CHILD = uuid.uuid4()
ME = Invited(uuid.uuid4(), Role.YOUNG_PERSON, MAYA_CHILD)
MUM = Invited(uuid.uuid4(), Role.PARENT)
DAD = Invited(uuid.uuid4(), Role.PARENT)
CHAIR = Invited(uuid.uuid4(), Role.CHAIR)
SOCIAL_WORKER = Invited(uuid.uuid4(), Role.SOCIAL_WORKER)
SCHOOL = Invited(uuid.uuid4(), Role.PROFESSIONAL)
MY_ADVOCATE = Invited(uuid.uuid4(), Role.ADVOCATE, MAYA_CHILD)
BROTHERS_ADVOCATE = Invited(uuid.uuid4(), Role.ADVOCATE, uuid.uuid4())
INVITED = [ME, MUM, DAD, CHAIR, SOCIAL_WORKER, SCHOOL, MY_ADVOCATE, BROTHERS_ADVOCATE]


def ids(*people):
    return [p.participant_id for p in people]


def test_everyone_means_everyone_invited_but_the_child():
    got = audience(ShareWith.EVERYONE, [], INVITED, MAYA_CHILD, ME.participant_id)
    assert got == ids(MUM, DAD, CHAIR, SOCIAL_WORKER, SCHOOL, MY_ADVOCATE, BROTHERS_ADVOCATE)


def test_chosen_people_means_mum_but_not_dad():
    got = audience(ShareWith.CHOSEN, [MUM.participant_id], INVITED, MAYA_CHILD, ME.participant_id)
    assert got == ids(MUM)


def test_someone_not_invited_cannot_be_chosen():
    stranger = uuid.uuid4()
    got = audience(ShareWith.CHOSEN, [stranger], INVITED, MAYA_CHILD, ME.participant_id)
    assert got == []


def test_chair_and_social_worker_only():
    got = audience(ShareWith.CHAIR_AND_SOCIAL_WORKER, [], INVITED, MAYA_CHILD, ME.participant_id)
    assert got == ids(CHAIR, SOCIAL_WORKER)


def test_only_my_advocate_not_my_brothers():
    got = audience(ShareWith.ADVOCATE, [], INVITED, MAYA_CHILD, ME.participant_id)
    assert got == ids(MY_ADVOCATE)


def test_an_empty_view_has_no_words():
    assert not has_words({})
    assert not has_words({"letter": "  ", "pictures": []})
    assert has_words({"home": 3})
    assert has_words({"pictures": [{"id": "x"}]})


def test_a_letter_keeps_paragraphs_bold_and_lists_and_escapes_the_rest():
    html = letter_to_html("Dear chair,\n\nI am *sad*.\n- one\n- two\n\n<script>alert(1)</script>")
    assert html == (
        "<p>Dear chair,</p><p>I am <strong>sad</strong>.</p><ul><li>one</li><li>two</li></ul>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
