"""After the meeting (issue 11, item 6): the family home leads to each child's published
decision, the decision page records reading once, and a person the decision is hidden
from sees nothing of it; the young person's own version only when the chair wrote one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal.data.interfaces import deadlines as deadline_store, decision_versions
from portal.data.models import (
    AuditEvent,
    Conference,
    ConferenceStatus,
    Decision,
    DecisionRead,
    Outcome,
    Participant,
    Restriction,
    RestrictionSubject,
)
from portal.deadline_text import due_text
from portal.extensions import db
from tests.pages import form_token


def _conference(name: str) -> Conference:
    return db.session.scalars(select(Conference).where(Conference.family_name == name)).one()


def _brown_decision() -> Decision:
    return db.session.scalars(
        select(Decision).where(Decision.conference_id == _conference("Brown").id)
    ).one()


def _participant(demo: dict[str, Any], person: str, family: str) -> Participant:
    return db.session.scalars(
        select(Participant).where(
            Participant.person_id == demo["people"][person],
            Participant.conference_id == demo["conferences"][family],
        )
    ).one()


def _home(demo: dict[str, Any], family: str = "brown") -> str:
    return f"/conferences/{demo['conferences'][family]}/family"


def _decision_page(app: Flask, demo: dict[str, Any]) -> str:
    with app.app_context():
        decision = _brown_decision()
        return f"{_home(demo)}/decisions/{decision.child_id}"


def _reads(app: Flask) -> list[DecisionRead]:
    with app.app_context():
        return list(db.session.scalars(select(DecisionRead)))


def test_olivias_home_after_the_held_review_leads_to_her_decision(app, sign_in, demo):
    client = sign_in("olivia")
    home = client.get(_home(demo))
    assert home.status_code == 200
    text = home.get_data(as_text=True)
    assert "After the meeting" in text
    assert "Not started" not in text  # the before-the-meeting task list is gone
    assert "Ellie will have a child protection plan" in text
    assert "Not yet" in text  # she has not said she read it
    page = _decision_page(app, demo)
    assert f'href="{page}"' in text
    # What happens next, and how to disagree under Northfield's policy (the national default).
    assert "First core group meeting" in text and "Next review meeting" in text
    assert "If you do not agree" in text and "The chair is Jo Evans." in text

    decision = client.get(page)
    assert decision.status_code == 200
    body = decision.get_data(as_text=True)
    assert "Decision and plan for Ellie" in body
    assert "Take Ellie to nursery every weekday." in body  # the plan's actions
    assert "Nursery attendance records." in body
    assert "If Ellie misses nursery for two days in a row" in body  # the contingency plan
    assert "Every 2 weeks" in body and "Northfield Nursery, key worker" in body
    assert "Things are getting better" in body
    assert "Neglect" in body
    assert "What changed" not in body  # version 1
    assert "portal-no-print" in body  # the print stylesheet leaves out the buttons


def test_the_decision_page_shows_the_published_version_not_the_working_copy(app, sign_in, demo):
    with app.app_context():
        decision = _brown_decision()
        decision.reasons = "A correction the chair has not published yet."
        db.session.commit()
    body = sign_in("olivia").get(_decision_page(app, demo)).get_data(as_text=True)
    assert "A correction the chair has not published yet." not in body
    assert "Things are getting better" in body


def test_a_second_version_says_what_changed_in_words(app, sign_in, demo):
    with app.app_context():
        decision = _brown_decision()
        decision.visiting_frequency = "Every week"
        decision_versions.add_version(decision, None, what_changed="Visits are now weekly.")
        db.session.commit()
    body = sign_in("olivia").get(_decision_page(app, demo)).get_data(as_text=True)
    assert "What changed" in body
    assert "How often the social worker will visit" in body
    assert "Visits are now weekly." in body
    assert "Every week" in body


def test_opening_is_recorded_once_per_version_and_audited_each_time(app, sign_in, demo):
    client = sign_in("olivia")
    page = _decision_page(app, demo)
    client.get(page)
    first = _reads(app)
    client.get(page)
    second = _reads(app)
    assert len(first) == len(second) == 1
    assert first[0].opened_at == second[0].opened_at
    assert second[0].confirmed_at is None
    with app.app_context():
        views = db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.object_type == "decision", AuditEvent.action == "viewed")
        )
    assert views == 2


def test_i_have_read_this_is_kept_from_the_first_time(app, sign_in, demo):
    client = sign_in("olivia")
    page = _decision_page(app, demo)
    token = form_token(client, page)
    done = client.post(f"{page}/read", data={"csrf_token": token}, follow_redirects=True)
    assert done.status_code == 200
    assert "We have noted that you have read the decision and plan." in done.get_data(as_text=True)
    confirmed = _reads(app)[0].confirmed_at
    assert confirmed is not None
    again = client.post(f"{page}/read", data={"csrf_token": token})
    assert again.status_code == 302
    reads = _reads(app)
    assert len(reads) == 1 and reads[0].confirmed_at == confirmed
    assert "You said you have read it" in client.get(_home(demo)).get_data(as_text=True)


def test_i_have_read_this_needs_the_form_token(app, sign_in, demo):
    client = sign_in("olivia")
    page = _decision_page(app, demo)
    client.get(page)
    assert client.post(f"{page}/read", data={}).status_code == 400
    assert _reads(app)[0].confirmed_at is None


def test_a_held_meeting_without_a_published_decision_says_when_it_is_due(
    app, sign_in, demo, frozen
):
    with app.app_context():
        khan = _conference("Khan")
        khan.status = ConferenceStatus.HELD
        khan.starts_at = frozen.now - timedelta(hours=3)
        khan.ended_at = frozen.now - timedelta(hours=1)
        db.session.commit()
        due = deadline_store.for_conference(khan).get("decision_to_family").deadline.due
        with app.test_request_context():
            expected = due_text(due)
    text = sign_in("amira").get(_home(demo, "khan")).get_data(as_text=True)
    assert "The chair is writing the decision for Maya. You should get it by" in text
    assert expected in text
    assert "Not started" not in text

    frozen.tick(hours=30)
    late = sign_in("amira").get(_home(demo, "khan")).get_data(as_text=True)
    assert "should have reached you by" in late and "Please ask your social worker." in late


def test_a_person_the_decision_is_hidden_from_sees_nothing_of_it(app, sign_in, demo):
    client = sign_in("olivia")
    token = form_token(client, _decision_page(app, demo))
    with app.app_context():
        db.session.execute(DecisionRead.__table__.delete())
        decision = _brown_decision()
        olivia = _participant(demo, "olivia", "brown")
        db.session.add(
            Restriction(
                conference_id=decision.conference_id,
                subject=RestrictionSubject.DECISION,
                subject_id=decision.id,
                hidden_from_participant_id=olivia.id,
                reason="The plan says she must not be told.",
            )
        )
        db.session.commit()
        child_id = decision.child_id
    text = client.get(_home(demo)).get_data(as_text=True)
    page = f"{_home(demo)}/decisions/{child_id}"
    assert page not in text
    assert "Decision for Ellie" not in text
    assert "child protection plan" not in text
    assert "Next review meeting" not in text  # the plan's dates are not shown either
    # What she sees is what anyone waiting for a decision sees: nothing counted or named.
    assert "The decision for Ellie should have reached you by" in text
    assert client.get(page).status_code == 404
    assert client.post(page + "/read", data={"csrf_token": token}).status_code == 404
    assert _reads(app) == []


def test_another_familys_decision_is_not_found(app, sign_in, demo):
    with app.app_context():
        ellie = _brown_decision().child_id
        maya = _participant(demo, "maya", "khan").child_id
    # Amira is a parent in the Khan conference, not the Brown one.
    amira = sign_in("amira")
    assert amira.get(f"{_home(demo)}/decisions/{ellie}").status_code == 404
    # Olivia's own conference with another family's child.
    olivia = sign_in("olivia")
    assert olivia.get(f"{_home(demo)}/decisions/{maya}").status_code == 404
    # Professionals read decisions on their own pages, not the family's.
    priya = sign_in("priya")
    assert priya.get(f"{_home(demo)}/decisions/{ellie}").status_code == 404


def _publish_for_maya(app: Flask, demo: dict[str, Any], child_summary: str) -> None:
    with app.app_context():
        maya = _participant(demo, "maya", "khan")
        conference = db.session.get(Conference, maya.conference_id)
        conference.status = ConferenceStatus.HELD
        conference.starts_at = datetime.now(UTC) - timedelta(hours=3)
        conference.ended_at = datetime.now(UTC) - timedelta(hours=1)
        decision = Decision(
            conference_id=maya.conference_id,
            child_id=maya.child_id,
            outcome=Outcome.CHILD_IN_NEED_PLAN,
            reasons="Maya's family will get help at home.",
            family_summary="Maya will have a child in need plan.",
            child_summary=child_summary,
            review_on=datetime.now(UTC).date() + timedelta(days=90),
        )
        db.session.add(decision)
        db.session.flush()
        decision_versions.add_version(decision, None)
        db.session.commit()


def test_the_young_persons_version_only_when_the_chair_wrote_one(app, sign_in, demo):
    base = f"/conferences/{demo['conferences']['khan']}/young-person"
    client = sign_in("maya")
    assert client.get(f"{base}/decision").status_code == 404
    _publish_for_maya(app, demo, child_summary="")
    assert client.get(f"{base}/decision").status_code == 404
    home = client.get(base).get_data(as_text=True)
    assert "Your social worker or advocate will tell you about it." in home
    assert f"{base}/decision" not in home


def test_the_young_person_reads_their_version_and_says_so(app, sign_in, demo):
    base = f"/conferences/{demo['conferences']['khan']}/young-person"
    _publish_for_maya(app, demo, child_summary="You will get help at home. You are safe.")
    client = sign_in("maya")
    home = client.get(base).get_data(as_text=True)
    assert f'href="{base}/decision"' in home
    page = client.get(f"{base}/decision")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "You will get help at home. You are safe." in body
    assert "Priya Patel, your social worker" in body
    assert "Maya's family will get help at home." not in body  # the parents' words stay theirs
    token = form_token(client, f"{base}/decision")
    client.post(f"{base}/decision/read", data={"csrf_token": token})
    client.post(f"{base}/decision/read", data={"csrf_token": token})
    reads = _reads(app)
    assert len(reads) == 1 and reads[0].confirmed_at is not None
    # Her parent may not open the young person's page.
    assert sign_in("amira").get(f"{base}/decision").status_code == 404


@pytest.mark.parametrize("language", ["cy"])
def test_a_reader_in_another_language_is_told_they_can_ask_for_a_translation(
    app, sign_in, demo, language
):
    client = sign_in("olivia")
    client.set_cookie("portal_language", language)
    body = client.get(_decision_page(app, demo)).get_data(as_text=True)
    assert 'lang="en"' in body  # the chair's words stay in English, marked as such
    assert "Cymraeg" in body or "Welsh" in body


def test_the_after_meeting_pages_read_easily(app, sign_in, demo):
    """Flesch reading ease of 60 or more on a parent's pages (issue 14), measured on the
    page's main content as Olivia sees it, the chair's words included."""
    import textstat

    from tests.integration.test_young_person_reading_age import blocks_of, sentences

    client = sign_in("olivia")
    for url in (_home(demo), _decision_page(app, demo)):
        found = sentences(blocks_of(client.get(url).get_data(as_text=True)))
        text = " ".join(s if s[-1] in ".?!" else s + "." for s in found)
        score = textstat.flesch_reading_ease(text)
        print(url, round(score, 1))
        assert score >= 60, url


def test_a_parent_who_was_not_at_the_meeting_sees_the_same(app, sign_in, demo):
    """Daniel joins only part two; whether or not he came, his home and Maya's decision
    are the same as Amira's (Dorset 4.1: parents who did not attend get it too)."""
    _publish_for_maya(app, demo, child_summary="")
    with app.app_context():
        maya_id = _participant(demo, "maya", "khan").child_id
    page = f"{_home(demo, 'khan')}/decisions/{maya_id}"
    seen = {}
    for parent in ("amira", "daniel"):
        client = sign_in(parent)
        home = client.get(_home(demo, "khan")).get_data(as_text=True)
        assert f'href="{page}"' in home
        assert "The chair is writing the decision for Leo." in home
        seen[parent] = client.get(page).get_data(as_text=True)
        assert "Maya will have a child in need plan." in seen[parent]
    assert len(_reads(app)) == 2  # one each
    # Amira prefers Urdu: the chair wrote in English, so she is told she can ask for help.
    assert "a copy in Urdu" in seen["amira"]
    assert "a copy in" not in seen["daniel"]
