"""What the family and young people sent, and the arrangements sheet for the room (issue 10,
items 5 and 7): sent answers only, named, with the safety request kept to the chair and
social worker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, select

from portal.data.models import (
    AdvocateRequest,
    AuditEvent,
    ChildView,
    ChildViewFormat,
    Conference,
    Participant,
    Preferences,
    ReportRead,
    Role,
    SubmissionStatus,
)
from portal.domain import family_answers
from portal.extensions import db
from tests import factories


def participant_id(app, demo, who, role=None):
    with app.app_context():
        statement = select(Participant.id).where(
            Participant.person_id == demo["people"][who],
            Participant.conference_id == demo["conferences"]["khan"],
        )
        if role is not None:
            statement = statement.where(Participant.role == role)
        return db.session.scalars(statement).one()


def send(app, participant, answers, draft=None):
    """What a family member sent (and, optionally, a later draft they have not sent)."""
    with app.app_context():
        record = db.session.scalars(
            select(Preferences).where(Preferences.participant_id == participant)
        ).one_or_none()
        if record is None:
            record = Preferences(participant_id=participant)
            db.session.add(record)
        record.answers = draft or answers
        record.sent_answers = answers
        record.status = SubmissionStatus.SENT
        record.sent_at = datetime.now(UTC) - timedelta(hours=3)
        for name, value in family_answers.columns(answers).items():
            setattr(record, name, value)
        db.session.commit()


@pytest.fixture()
def amira_sent(app, demo):
    amira = participant_id(app, demo, "amira")
    priya = participant_id(app, demo, "priya")
    daniel = participant_id(app, demo, "daniel")
    send(
        app,
        amira,
        {
            "name": {"address_as": "Mrs Khan", "pronouns": "she and her"},
            "language": {"language": "ur", "interpreter": "yes", "dialect": ""},
            "communication": {"needs": ["more_time"], "other": ""},
            "attendance": {"how": "in_person"},
            "seating": {"beside": [str(priya)], "not_near": [str(daniel)]},
            "upset": {"helps": ["break"], "signal": "Hand flat on the table", "other": ""},
            "support": {"supporter": "friend", "supporter_name": "Ruth", "advocate": "no"},
            "child": {"attend": "yes", "how": ["send_views"], "note": ""},
            "safety": {"unsafe": "yes", "details": "SAFETY-CANARY"},
        },
        draft={"name": {"address_as": "DRAFT-CANARY"}},
    )
    return amira


@pytest.fixture()
def maya_shared(app, demo):
    """Maya sends a letter for the chair and social worker too."""
    with app.app_context():
        khan = db.session.get(Conference, demo["conferences"]["khan"])
        maya = next(c for c in khan.children if c.first_name == "Maya")
        db.session.add(
            ChildView(
                conference_id=khan.id,
                child_id=maya.id,
                written_by_id=demo["people"]["maya"],
                format=ChildViewFormat.LETTER,
                content={"letter": "I want the shouting to stop."},
                sent_content={"letter": "I want the shouting to stop."},
                sent_share={"with": "chair_and_social_worker", "people": []},
                # Sent to people, not roles (issue 12): the meeting's chair and social worker.
                audience=[
                    str(p.id)
                    for p in khan.participants
                    if p.role in {Role.CHAIR, Role.SOCIAL_WORKER}
                ],
                status=SubmissionStatus.SENT,
                sent_at=datetime.now(UTC) - timedelta(hours=1),
            )
        )
        db.session.commit()


def page(client, demo, path):
    response = client.get(f"/conferences/{demo['conferences']['khan']}/{path}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_jo_sees_what_amira_sent_labelled_and_never_her_draft(
    client, sign_in, demo, amira_sent, maya_shared
):
    sign_in("jo")
    text = page(client, demo, "what-the-family-said")
    assert "Amira Khan" in text and "Mrs Khan" in text
    assert "Priya Patel" in text  # a seating wish names people, never ids
    assert str(participant_id(client.application, demo, "priya")) not in text
    assert "DRAFT-CANARY" not in text
    assert "SAFETY-CANARY" in text  # the chair sees the safety request
    assert "Daniel Khan has not sent how the meeting will work for them." in text
    assert "Letter" in text  # Maya's letter, shared with the chair


def test_the_organiser_sees_the_answers_but_not_the_safety_request(
    client, sign_in, demo, amira_sent
):
    sign_in("chris")
    text = page(client, demo, "what-the-family-said")
    assert "Mrs Khan" in text
    assert "SAFETY-CANARY" not in text
    assert "Daniel Khan" in text  # named, as a person who has not sent yet
    assert "Who should not sit near you" not in text


def test_who_opened_which_report_and_said_they_read_it(app, client, sign_in, demo):
    amira = participant_id(app, demo, "amira")
    report = demo["reports"]["Social work report"]
    opened = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    with app.app_context():
        db.session.add(
            AuditEvent(
                occurred_at=opened,
                actor_id=demo["people"]["amira"],
                conference_id=demo["conferences"]["khan"],
                action="viewed",
                object_type="report",
                object_id=report,
            )
        )
        db.session.add(ReportRead(participant_id=amira, report_id=report, read_at=opened))
        db.session.commit()
    sign_in("priya")
    text = page(client, demo, "what-the-family-said")
    assert "2 March 2026" in text
    # Daniel has opened nothing; the police report is for professionals only, so not listed.
    assert "Daniel Khan has not opened: Social work report and School report" in text
    assert "Maya Khan has not opened: Your social worker" in text
    assert "Police information" not in text


def test_advocate_requests_are_shown_with_what_is_still_to_come(
    app, client, sign_in, demo, sam_accepted
):
    daniel = participant_id(app, demo, "daniel")
    with app.app_context():
        db.session.add(
            AdvocateRequest(conference_id=demo["conferences"]["khan"], requested_by_id=daniel)
        )
        db.session.commit()
    sign_in("jo")
    text = page(client, demo, "what-the-family-said")
    assert "Daniel Khan asked for an advocate. It is not arranged yet." in text
    assert "Asked for an advocate for Maya" in text  # Maya's own, arranged with Sam
    assert "Sam Taylor" in text


def test_the_arrangements_sheet_combines_everyones_wishes(
    client, sign_in, demo, amira_sent, maya_shared, sam_accepted
):
    sign_in("jo")
    text = page(client, demo, "arrangements")
    assert "Mrs Khan" in text and "she and her" in text
    assert "Amira Khan needs an interpreter: Urdu" in text
    assert "Hand flat on the table" in text
    assert "Advocate: Sam Taylor" in text
    assert "Their views: Letter" in text
    assert "Part one" in text and "Part two" in text
    assert "@media print" not in text  # the print rules are in the stylesheet


def test_two_people_asking_for_the_same_seat_are_flagged_for_the_chair_and_organiser(
    app, client, sign_in, demo, amira_sent
):
    # Tom asks to sit beside Priya too: in part one they both asked for her.
    tom = participant_id(app, demo, "tom")
    priya = participant_id(app, demo, "priya")
    send(app, tom, {"seating": {"beside": [str(priya)], "not_near": []}})
    for who in ("jo", "chris"):
        sign_in(who)
        text = page(client, demo, "arrangements")
        assert "Tom Green and Amira Khan each asked to sit beside Priya Patel." in text


def test_a_request_to_keep_apart_is_flagged_only_to_the_chair(app, client, sign_in, demo):
    # A conference in one part: Daniel asks to sit beside Amira, who asked he does not.
    with app.app_context():
        db.session.execute(
            Participant.__table__.update()
            .where(Participant.conference_id == demo["conferences"]["khan"])
            .values(part="both")
        )
        db.session.get(Conference, demo["conferences"]["khan"]).in_two_parts = False
        db.session.commit()
    amira = participant_id(app, demo, "amira")
    daniel = participant_id(app, demo, "daniel")
    send(app, amira, {"seating": {"beside": [], "not_near": [str(daniel)]}})
    send(app, daniel, {"seating": {"beside": [str(amira)], "not_near": []}})
    sign_in("jo")
    chair_text = page(client, demo, "arrangements")
    assert (
        "Daniel Khan asked to sit beside Amira Khan, who asked that they do not sit near them"
        in (chair_text)
    )
    sign_in("chris")
    organiser_text = page(client, demo, "arrangements")
    assert "who asked that they do not sit near them" not in organiser_text
    assert "Some seating requests are private to the chair and social worker" in organiser_text


@pytest.fixture()
def count_queries(app):
    statements: list[str] = []

    def listener(*args):
        statements.append(args[2])

    def counted(client, path):
        with app.app_context():
            engine = db.engines[None]
        event.listen(engine, "before_cursor_execute", listener)
        try:
            statements.clear()
            assert client.get(path).status_code == 200
            return len(statements)
        finally:
            event.remove(engine, "before_cursor_execute", listener)

    return counted


@pytest.mark.parametrize("path", ["what-the-family-said", "arrangements"])
def test_the_queries_do_not_grow_with_the_family(app, client, sign_in, demo, count_queries, path):
    khan = demo["conferences"]["khan"]
    sign_in("jo")
    few = count_queries(client, f"/conferences/{khan}/{path}")
    with app.app_context():
        conference = db.session.get(Conference, khan)
        for _ in range(12):
            parent = factories.participant(conference, role=Role.PARENT)
            factories.report(conference, shared_with_family_at=datetime.now(UTC))
            db.session.add(
                Preferences(
                    participant_id=parent.id,
                    answers={"name": {"address_as": "X"}},
                    sent_answers={"name": {"address_as": "X"}},
                    status=SubmissionStatus.SENT,
                    sent_at=datetime.now(UTC),
                )
            )
        db.session.commit()
    many = count_queries(client, f"/conferences/{khan}/{path}")
    assert 0 < many == few


def test_what_a_parent_said_about_a_report_is_counted_for_the_chair_not_the_organiser(
    app, client, sign_in, demo
):
    from portal.data.models import CommentKind, ReportComment

    amira = participant_id(app, demo, "amira")
    report = demo["reports"]["School report"]  # written by Tom, not by the organiser
    with app.app_context():
        for kind in (
            CommentKind.NOT_UNDERSTOOD,
            CommentKind.NOT_UNDERSTOOD,
            CommentKind.THINK_WRONG,
        ):
            db.session.add(
                ReportComment(
                    participant_id=amira, report_id=report, section=0, kind=kind, text="x"
                )
            )
        db.session.commit()
    sign_in("jo")
    text = page(client, demo, "what-the-family-said")
    assert "2 parts they do not understand; 1 part they think is wrong" in text
    sign_in("chris")
    text = page(client, demo, "what-the-family-said")
    assert "they do not understand" not in text
