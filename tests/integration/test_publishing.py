"""Publishing the decision (issue 11 item 4) and the 24-hour clock (item 5), through the
test client: Jo publishes the Khan decisions for Maya and Leo after signing in again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp
import pytest
from sqlalchemy import select

from portal.data.models import (
    Category,
    Conference,
    ConferenceStatus,
    Decision,
    DecisionDeliveryDone,
    DecisionRead,
    Notification,
    Outcome,
    Participant,
    Person,
    PlanAction,
    Restriction,
    RestrictionSubject,
    Role,
)
from portal.extensions import db
from tests import factories
from tests.pages import form_token

PASSWORD = "conference-demo-2026"


def khan_held(app: Any, demo: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The Khan meeting recorded as held an hour ago, with complete decisions for Maya
    (with a version written for her) and Leo; nothing published yet."""
    with app.app_context():
        conference = db.session.get(Conference, demo["conferences"]["khan"])
        conference.starts_at = now - timedelta(hours=3)
        conference.expected_end_at = now - timedelta(hours=1)
        conference.part_two_starts_at = now - timedelta(hours=2)
        conference.ended_at = now - timedelta(hours=1)
        conference.status = ConferenceStatus.HELD
        ids = {}
        for child in conference.children:
            decision = Decision(
                conference_id=conference.id,
                child_id=child.id,
                outcome=Outcome.CHILD_PROTECTION_PLAN,
                category=Category.EMOTIONAL_ABUSE,
                reasons="The children have seen and heard fighting at home.",
                family_summary="The children will have a plan to keep them safe at home.",
                child_summary=(
                    "Grown-ups will help your family stay calm." if child.person_id else ""
                ),
                review_on=(now + timedelta(days=90)).date(),
                completed_at=now,
            )
            decision.actions.append(
                PlanAction(
                    position=0,
                    what="Parents go to a course about arguments and children.",
                    who="Amira and Daniel",
                    by_when=(now + timedelta(days=42)).date(),
                    how_we_will_know="The course leader tells the social worker.",
                )
            )
            db.session.add(decision)
            db.session.flush()
            ids[child.first_name.lower()] = decision.id
        db.session.commit()
        return {"conference": conference.id, **ids}


@pytest.fixture()
def held(app, database, demo, frozen):
    frozen.now = datetime.now(UTC).replace(microsecond=0)
    return khan_held(app, demo, frozen.now)


def publish_path(held: dict[str, Any]) -> str:
    return f"/conferences/{held['conference']}/publish"


def publish(client, held, **data: str):
    path = publish_path(held)
    return client.post(path, data={"csrf_token": form_token(client, path), **data})


def decision_messages() -> list[Notification]:
    return list(
        db.session.scalars(
            select(Notification).where(Notification.idempotency_key.like("decision:%"))
        )
    )


def emails_of(messages: list[Notification]) -> set[str]:
    return {m.address for m in messages}


KHAN_TOLD = {
    "amira.khan@family.example",
    "daniel.khan@family.example",
    "maya.khan@family.example",
    "priya.patel@northfield.example",
    "chris.lee@northfield.example",
    "tom.green@school.example",
}


# --- Exclusion in one place ---------------------------------------------------------------


def test_the_demo_uncle_must_not_be_told_and_the_reason_is_recorded(context, demo):
    tariq = db.session.scalars(
        select(Participant).where(
            Participant.person_id == demo["people"]["tariq"],
            Participant.conference_id == demo["conferences"]["khan"],
        )
    ).one()
    assert tariq.role == Role.SUPPORTER and tariq.relationship_to_child == "uncle"
    rule = db.session.scalars(
        select(Restriction).where(Restriction.hidden_from_participant_id == tariq.id)
    ).one()
    assert rule.subject == RestrictionSubject.DECISION
    assert rule.subject_id == demo["conferences"]["khan"]
    assert rule.reason


def test_the_uncle_cannot_open_a_published_decision_that_amira_can(client, sign_in, held):
    sign_in("jo")
    assert publish(client, held).status_code == 302
    path = f"/conferences/{held['conference']}/decisions/{held['maya']}"
    with client.application.app_context():
        child_id = db.session.get(Decision, held["maya"]).child_id
    own_page = f"/conferences/{held['conference']}/family/decisions/{child_id}"
    sign_in("tariq")
    assert client.get(path).status_code == 404
    assert client.get(own_page).status_code == 404
    sign_in("amira")
    # A parent reads it on her own page, where "I have read this" is recorded.
    assert client.get(path).headers["Location"] == own_page
    assert client.get(own_page).status_code == 200


# --- Signing in again ---------------------------------------------------------------------


def test_publishing_asks_for_the_password_again_after_15_minutes(client, sign_in, held, frozen):
    sign_in("jo")
    frozen.tick(minutes=16)
    answer = client.get(publish_path(held))
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/sign-in/again")
    again = answer.headers["Location"]
    wrong = client.post(again, data={"csrf_token": form_token(client, again), "password": "not-it"})
    assert wrong.status_code == 200
    assert "The password is not right" in wrong.get_data(as_text=True)
    right = client.post(again, data={"csrf_token": form_token(client, again), "password": PASSWORD})
    assert right.status_code == 302
    assert right.headers["Location"] == publish_path(held)
    token = form_token(client, publish_path(held))
    # A posted publish after the window also goes to sign in again, and publishes nothing.
    frozen.tick(minutes=16)
    answer = client.post(publish_path(held), data={"csrf_token": token})
    assert answer.headers["Location"].startswith("/sign-in/again")
    with client.application.app_context():
        assert db.session.get(Decision, held["maya"]).published is None


def test_signing_in_again_needs_the_authenticator_code_when_jo_has_one(
    client, sign_in, held, frozen, demo
):
    secret = pyotp.random_base32()
    with client.application.app_context():
        jo = db.session.get(Person, demo["people"]["jo"])
        jo.totp_secret = secret
        db.session.commit()
    sign_in("jo")
    frozen.tick(minutes=20)
    again = client.get(publish_path(held)).headers["Location"]
    page = client.get(again).get_data(as_text=True)
    assert "Code from your authenticator app" in page
    no_code = client.post(
        again, data={"csrf_token": form_token(client, again), "password": PASSWORD}
    )
    assert no_code.status_code == 200
    assert "Enter the 6-digit code" in no_code.get_data(as_text=True)
    code = pyotp.TOTP(secret).at(frozen.now)
    done = client.post(
        again,
        data={"csrf_token": form_token(client, again), "password": PASSWORD, "code": code},
    )
    assert done.status_code == 302 and done.headers["Location"] == publish_path(held)
    assert client.get(publish_path(held)).status_code == 200


# --- Who may publish, and when ------------------------------------------------------------


def test_only_the_chair_of_that_conference_may_publish(client, sign_in, held):
    sign_in("priya")
    assert client.get(publish_path(held)).status_code == 404
    sign_in("amira")
    assert client.get(publish_path(held)).status_code == 404
    sign_in("jo")
    with client.application.app_context():
        other = factories.conference()
        db.session.commit()
        other_id = other.id
    assert client.get(f"/conferences/{other_id}/publish").status_code == 404


def test_the_page_shows_each_child_and_who_will_receive_it(client, sign_in, held):
    sign_in("jo")
    page = client.get(publish_path(held)).get_data(as_text=True)
    assert "Maya" in page and "Leo" in page and "Ready to publish" in page
    for name in ("Amira Khan", "Daniel Khan", "Maya Khan", "Tom Green", "Priya Patel"):
        assert name in page
    assert "Tariq Khan" in page and "Will not be told" in page
    assert "tariq.khan@family.example" not in page
    assert "the version written for the child" in page


def test_publishing_is_refused_until_the_meeting_is_recorded_held(client, sign_in, held):
    with client.application.app_context():
        db.session.get(Conference, held["conference"]).status = ConferenceStatus.SCHEDULED
        db.session.commit()
    sign_in("jo")
    page = client.get(publish_path(held)).get_data(as_text=True)
    assert "Record that the meeting was held before you publish." in page
    assert "Publish and send" not in page
    path = publish_path(held)
    assert client.post(path, data={"csrf_token": form_token(client, path)}).status_code == 409
    with client.application.app_context():
        assert db.session.get(Decision, held["maya"]).published is None
        assert decision_messages() == []


def test_publishing_is_refused_while_a_decision_is_not_finished(client, sign_in, held):
    with client.application.app_context():
        db.session.get(Decision, held["leo"]).family_summary = ""
        db.session.commit()
    sign_in("jo")
    assert "Not finished" in client.get(publish_path(held)).get_data(as_text=True)
    assert publish(client, held).status_code == 409
    with client.application.app_context():
        assert db.session.get(Decision, held["maya"]).published is None


# --- Publishing ---------------------------------------------------------------------------


def test_one_publish_versions_each_decision_and_queues_one_message_per_person(
    client, sign_in, held
):
    sign_in("jo")
    answer = publish(client, held)
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith("/publish/done")
    done = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "The decision is published" in done
    with client.application.app_context():
        for key in ("maya", "leo"):
            assert db.session.get(Decision, held[key]).published.number == 1
        messages = decision_messages()
        assert emails_of(messages) == KHAN_TOLD
        assert len(messages) == len(KHAN_TOLD)
        by_address = {m.address: m for m in messages}
        # Never the decision's words, only that it is ready and where to read it.
        for message in messages:
            assert "fighting" not in message.body and "plan to keep them safe" not in message.body
        assert (
            f"/conferences/{held['conference']}/family"
            in by_address["amira.khan@family.example"].body
        )
        assert (
            f"/conferences/{held['conference']}/young-person"
            in by_address["maya.khan@family.example"].body
        )
        assert by_address["amira.khan@family.example"].template == "decision_published"
        assert by_address["tom.green@school.example"].template == (
            "decision_published_professional"
        )
        # Amira prefers Urdu, and her message is written in Urdu.
        assert by_address["amira.khan@family.example"].language == "ur"
        assert by_address["tom.green@school.example"].language == "en"


def test_publishing_twice_or_a_double_click_adds_nothing(client, sign_in, held):
    sign_in("jo")
    publish(client, held)
    path = publish_path(held)
    token = form_token(client, path)
    again = client.post(path, data={"csrf_token": token})
    twice = client.post(path, data={"csrf_token": token})
    assert again.status_code == twice.status_code == 302
    assert again.headers["Location"].endswith("/publish/done")
    with client.application.app_context():
        assert len(decision_messages()) == len(KHAN_TOLD)
        assert db.session.get(Decision, held["maya"]).published.number == 1


def test_the_plan_to_the_core_group_is_met_when_the_decision_is_published(client, sign_in, held):
    from portal.data.interfaces import deadlines

    def statuses() -> dict[str, str]:
        with client.application.app_context():
            found = deadlines.for_conference(db.session.get(Conference, held["conference"]))
            return {
                key: found.get(key).status for key in ("plan_to_core_group", "decision_to_family")
            }

    assert "met" not in statuses().values()
    sign_in("jo")
    publish(client, held)
    assert statuses() == {"plan_to_core_group": "met", "decision_to_family": "met"}
    page = client.get(f"/conferences/{held['conference']}/deadlines").get_data(as_text=True)
    card = page[page.index("Plan sent to the core group") :][:200]
    assert "Done in time" in card


def test_a_correction_needs_what_changed_and_reaches_the_same_people(client, sign_in, held):
    sign_in("jo")
    publish(client, held)
    with client.application.app_context():
        decision = db.session.get(Decision, held["maya"])
        decision.reasons = "The children have seen and heard fighting at home twice."
        decision.family_summary = "Maya and Leo will have a plan to keep them safe at home."
        db.session.commit()
    page = client.get(publish_path(held)).get_data(as_text=True)
    assert "Publish a correction" in page and "Changed since version 1" in page
    missing = publish(client, held)
    assert missing.status_code == 400
    assert "Say in a sentence what changed" in missing.get_data(as_text=True)
    done = publish(client, held, what_changed="The reasons now say it happened twice.")
    assert done.status_code == 302
    with client.application.app_context():
        maya = db.session.get(Decision, held["maya"])
        assert [v.number for v in maya.versions] == [1, 2]
        assert maya.versions[1].what_changed == "The reasons now say it happened twice."
        assert db.session.get(Decision, held["leo"]).published.number == 1
        corrected = [m for m in decision_messages() if m.template == "decision_corrected"]
        assert emails_of(corrected) == KHAN_TOLD
        assert "tariq.khan@family.example" not in emails_of(decision_messages())


def test_someone_excluded_after_publishing_gets_no_correction(client, sign_in, held, demo):
    sign_in("jo")
    publish(client, held)
    with client.application.app_context():
        daniel = db.session.scalars(
            select(Participant).where(
                Participant.person_id == demo["people"]["daniel"],
                Participant.conference_id == held["conference"],
            )
        ).one()
        db.session.add(
            Restriction(
                conference_id=held["conference"],
                subject=RestrictionSubject.DECISION,
                subject_id=held["conference"],
                hidden_from_participant_id=daniel.id,
                reason="A court order since the meeting.",
            )
        )
        db.session.get(Decision, held["leo"]).reasons = "Corrected reasons for Leo."
        db.session.commit()
    publish(client, held, what_changed="Leo's reasons corrected.")
    with client.application.app_context():
        corrected = [m for m in decision_messages() if m.template == "decision_corrected"]
        assert "daniel.khan@family.example" not in emails_of(corrected)
        assert "amira.khan@family.example" in emails_of(corrected)


def test_a_resend_reaches_someone_added_since_but_never_an_excluded_newcomer(client, sign_in, held):
    sign_in("jo")
    publish(client, held)
    with client.application.app_context():
        conference = db.session.get(Conference, held["conference"])
        gran = factories.participant(
            conference,
            factories.person(full_name="Grace Khan", email="grace@family.example"),
            Role.SUPPORTER,
        )
        cousin = factories.participant(
            conference,
            factories.person(full_name="Omar Khan", email="omar@family.example"),
            Role.SUPPORTER,
        )
        db.session.add(
            Restriction(
                conference_id=conference.id,
                subject=RestrictionSubject.DECISION,
                subject_id=conference.id,
                hidden_from_participant_id=cousin.id,
                reason="Must not be told.",
            )
        )
        assert gran.id
        db.session.commit()
    page = client.get(publish_path(held)).get_data(as_text=True)
    assert "Send to anyone who has not had it" in page
    publish(client, held)
    with client.application.app_context():
        told = emails_of(decision_messages())
        assert "grace@family.example" in told
        assert "omar@family.example" not in told
        assert len(decision_messages()) == len(KHAN_TOLD) + 1


# --- The 24-hour clock --------------------------------------------------------------------


def test_the_delivery_page_follows_each_message_until_it_is_read(
    client, sign_in, held, demo, frozen
):
    sign_in("jo")
    publish(client, held)
    path = f"/conferences/{held['conference']}/decision-delivery"
    sign_in("priya")
    page = client.get(path).get_data(as_text=True)
    assert "Queued" in page and "hours" in page and "Tariq" not in page
    with client.application.app_context():
        from portal.delivery import outbox

        outbox.drain(50)
        amira = db.session.scalars(
            select(Participant).where(
                Participant.person_id == demo["people"]["amira"],
                Participant.conference_id == held["conference"],
            )
        ).one()
        for key in ("maya", "leo"):
            version = db.session.get(Decision, held[key]).published
            db.session.add(DecisionRead(participant_id=amira.id, version_id=version.id))
        db.session.commit()
    page = client.get(path).get_data(as_text=True)
    assert "Sent" in page and "Read" in page and "Queued" not in page
    sign_in("tom")
    assert client.get(path).status_code == 404
    sign_in("chris")
    assert client.get(path).status_code == 200


def test_another_way_is_recorded_with_who_when_and_a_note(client, sign_in, held, demo):
    sign_in("jo")
    publish(client, held)
    with client.application.app_context():
        daniel = db.session.scalars(
            select(Participant).where(
                Participant.person_id == demo["people"]["daniel"],
                Participant.conference_id == held["conference"],
            )
        ).one()
        tariq = db.session.scalars(
            select(Participant).where(
                Participant.person_id == demo["people"]["tariq"],
                Participant.conference_id == held["conference"],
            )
        ).one()
    base = f"/conferences/{held['conference']}/decision-delivery"
    path = f"{base}/{daniel.id}/another-way"
    sign_in("priya")
    empty = client.post(path, data={"csrf_token": form_token(client, path), "note": "typed"})
    assert empty.status_code == 400
    text = empty.get_data(as_text=True)
    assert "Choose how the decision reached them" in text and "typed" in text
    done = client.post(
        path,
        data={
            "csrf_token": form_token(client, path),
            "way": "phone",
            "note": "Spoke to Daniel and read it to him.",
        },
    )
    assert done.status_code == 302
    with client.application.app_context():
        row = db.session.scalars(select(DecisionDeliveryDone)).one()
        assert row.way == "phone" and row.done_by_id == demo["people"]["priya"]
    assert "Spoke to Daniel" in client.get(base).get_data(as_text=True)
    # Never for someone not to be told, nor in another conference.
    assert client.get(f"{base}/{tariq.id}/another-way").status_code == 404


def escalations() -> list[Notification]:
    return list(
        db.session.scalars(
            select(Notification).where(Notification.template == "decision_not_delivered")
        )
    )


def test_escalation_fires_at_four_hours_before_the_deadline_once(
    client, sign_in, held, frozen, app
):
    from portal.delivery import decision_clock

    sign_in("jo")
    publish(client, held)
    due = frozen.now - timedelta(hours=1) + timedelta(hours=24)
    with app.app_context():
        frozen.now = due - timedelta(hours=4, minutes=1)
        assert decision_clock.escalate() == 0
        assert escalations() == []
        frozen.now = due - timedelta(hours=4)
        assert decision_clock.escalate() == 1
        sent = escalations()
        assert {m.address for m in sent} == {
            "jo.evans@northfield.example",
            "priya.patel@northfield.example",
            "chris.lee@northfield.example",
        }
        for message in sent:
            assert "Khan" not in message.body and "Maya" not in message.body
            assert f"/conferences/{held['conference']}/decision-delivery" in message.body
        frozen.tick(minutes=30)
        decision_clock.escalate()
        assert len(escalations()) == 3


def test_no_escalation_when_everything_was_delivered(client, sign_in, held, frozen, app):
    from portal.delivery import decision_clock, outbox

    sign_in("jo")
    publish(client, held)
    with app.app_context():
        outbox.drain(50)
        frozen.now = frozen.now + timedelta(hours=20)
        assert decision_clock.escalate() == 0
        assert escalations() == []


def test_an_unpublished_decision_is_escalated(client, held, frozen, app):
    from portal.delivery import decision_clock

    with app.app_context():
        frozen.now = frozen.now + timedelta(hours=20)
        assert decision_clock.escalate() == 1
        assert "not published yet" in escalations()[0].body
