"""Core group meetings, plan updates after them, and progress at a review (Wakefield: the
first core group within 10 working days, then every 4 weeks; the plan updated within 2
working days of each meeting)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from portal.data.interfaces import decision_versions
from portal.data.models import (
    ConferenceKind,
    ConferenceStatus,
    Decision,
    DecisionVersion,
    DutyDone,
    Notification,
    Outcome,
    PlanAction,
    Restriction,
    RestrictionSubject,
    Role,
)
from portal.extensions import db
from tests import factories
from tests.integration.test_duties_done import as_person
from tests.pages import form_token

THURSDAY_10AM = datetime(2027, 2, 11, 10, tzinfo=UTC)


def _published_decision(conference: Any, child: Any, by: Any) -> Decision:
    decision = Decision(
        conference_id=conference.id,
        child_id=child.id,
        outcome=Outcome.CHILD_PROTECTION_PLAN,
        reasons="Reasons.",
        core_group_members=["Pat Green, mother", "Sol Reed, social worker"],
    )
    decision.actions.append(
        PlanAction(
            position=0,
            what="Go to every health visit.",
            who="Pat Green",
            by_when=date(2027, 4, 1),
            how_we_will_know="The health visitor's notes.",
        )
    )
    db.session.add(decision)
    db.session.flush()
    decision_versions.add_version(decision, by.person_id, at=datetime(2027, 2, 11, 14, tzinfo=UTC))
    return decision


@pytest.fixture()
def meeting(app, database, frozen):
    """A Wakefield initial conference held on Thursday 11 February 2027; now it is the 26th."""
    frozen.now = datetime(2027, 2, 26, 12, tzinfo=UTC)
    with app.app_context():
        council = factories.authority(policy_key="wakefield")
        conference = factories.conference(
            council,
            starts_at=THURSDAY_10AM,
            ended_at=datetime(2027, 2, 11, 12, tzinfo=UTC),
            status=ConferenceStatus.HELD,
        )
        child = factories.child(council, first_name="Rosie")
        conference.children.append(child)
        chair = factories.participant(conference, role=Role.CHAIR)
        worker = factories.participant(conference, role=Role.SOCIAL_WORKER)
        admin = factories.participant(conference, role=Role.ADMINISTRATOR)
        school = factories.participant(conference, role=Role.PROFESSIONAL)
        parent = factories.participant(conference, role=Role.PARENT)
        kept = factories.participant(conference, role=Role.PARENT)
        decision = _published_decision(conference, child, chair)
        db.session.add(
            Restriction(
                conference_id=conference.id,
                subject=RestrictionSubject.DECISION,
                subject_id=decision.id,
                hidden_from_participant_id=kept.id,
                reason="Not to be informed",
            )
        )
        db.session.commit()
        return {
            "conference": conference.id,
            "council": council.id,
            "chair": chair.person_id,
            "worker": worker.person_id,
            "admin": admin.person_id,
            "school": school.person_id,
            "parent": parent.person_id,
            "kept": kept.person_id,
            "decision": decision.id,
        }


def _page(meeting: dict[str, Any]) -> str:
    return f"/conferences/{meeting['conference']}/core-group"


def _add(client: Any, meeting: dict[str, Any], day: date, members: str = "Pat Green") -> Any:
    path = _page(meeting)
    return client.post(
        path,
        data={
            "csrf_token": form_token(client, path),
            "meets_on": [str(day.day), str(day.month), str(day.year)],
            "members": members,
        },
    )


def _held(client: Any, app: Any, meeting: dict[str, Any]) -> Any:
    from portal.data.models import CoreGroupMeeting

    with app.app_context():
        found = db.session.scalars(select(CoreGroupMeeting)).first()
    path = _page(meeting)
    return client.post(
        f"{path}/{found.id}/held", data={"csrf_token": form_token(client, path)}
    ), found.id


def test_members_start_from_the_published_decision(client, meeting):
    as_person(client, meeting["admin"])
    page = client.get(_page(meeting)).get_data(as_text=True)
    assert "Pat Green, mother\nSol Reed, social worker" in page
    assert "The first core group meets by Thursday 25 February 2027." in page
    assert "every 4 weeks" in page


def test_a_first_meeting_after_the_policys_date_is_refused_with_the_latest_date(client, meeting):
    as_person(client, meeting["admin"])
    response = _add(client, meeting, date(2027, 2, 26), members="Pat Green\nSol Reed")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "The first core group must meet by Thursday 25 February 2027" in page
    assert 'value="26"' in page and "Pat Green\nSol Reed" in page  # what was typed is kept


def test_holding_the_first_meeting_records_the_duty_and_the_plan_update_is_due(
    client, meeting, app
):
    as_person(client, meeting["admin"])
    assert _add(client, meeting, date(2027, 2, 24)).status_code == 302
    response, _meeting_id = _held(client, app, meeting)
    assert response.status_code == 302
    with app.app_context():
        duty = db.session.scalars(select(DutyDone)).one()
        assert (duty.duty, duty.done_on) == ("first_core_group", date(2027, 2, 24))
    page = client.get(_page(meeting)).get_data(as_text=True)
    # Two working days after Wednesday 24 February.
    assert "Not yet. Due by Friday 26 February 2027." in page
    assert "The next one is due by Wednesday 24 March 2027." in page
    deadlines = client.get(f"/conferences/{meeting['conference']}/deadlines").get_data(as_text=True)
    start = deadlines.index("First core group meeting")
    assert "Done in time" in deadlines[start : start + 400]


def test_the_plan_update_is_smart_needs_what_changed_and_tells_the_family(client, meeting, app):
    as_person(client, meeting["admin"])
    _add(client, meeting, date(2027, 2, 24))
    _response, meeting_id = _held(client, app, meeting)
    as_person(client, meeting["worker"])
    path = f"{_page(meeting)}/{meeting_id}/plan-update"
    page = client.get(path).get_data(as_text=True)
    assert "Go to every health visit." in page and "Due by Friday 26 February 2027" in page
    data = {
        "csrf_token": form_token(client, path),
        "d0_s0_what": "Go to every health visit.",
        "d0_s0_who": "Pat Green",
        "d0_s0_by_when": ["1", "4", "2027"],
        "d0_s0_how": "The health visitor's notes.",
        "d0_s1_what": "Start a parenting course.",
        "d0_s1_who": "",
        "d0_s1_by_when": ["", "", ""],
        "d0_s1_how": "",
        "what_changed": "",
    }
    response = client.post(path, data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Enter who will do it" in page
    assert "Enter how we will know it is done" in page
    assert "Say in one sentence what changed" in page
    assert "Start a parenting course." in page
    data.update(
        {
            "d0_s1_who": "Pat Green",
            "d0_s1_by_when": ["30", "4", "2027"],
            "d0_s1_how": "A certificate.",
            "what_changed": "A parenting course is added.",
        }
    )
    assert client.post(path, data=data).status_code == 302
    with app.app_context():
        versions = db.session.scalars(
            select(DecisionVersion)
            .where(DecisionVersion.decision_id == meeting["decision"])
            .order_by(DecisionVersion.number)
        ).all()
        assert [v.number for v in versions] == [1, 2]
        assert versions[1].what_changed == "A parenting course is added."
        plan = decision_versions.plan_published(versions[1])
        assert [step.what for step in plan.actions][-1] == "Start a parenting course."
        told = {
            n.recipient_id
            for n in db.session.scalars(
                select(Notification).where(Notification.template == "plan_updated")
            )
        }
        assert told == {meeting["parent"]}  # not the parent kept from the decision
        body = db.session.scalars(
            select(Notification.body).where(Notification.template == "plan_updated")
        ).one()
        assert "parenting" not in body


def test_the_family_reads_the_dates_but_cannot_arrange(client, meeting):
    as_person(client, meeting["parent"])
    page = client.get(_page(meeting)).get_data(as_text=True)
    assert "Arrange a meeting" not in page
    assert _add_without_form(client, meeting).status_code in (400, 403)
    as_person(client, meeting["school"])
    assert client.get(_page(meeting)).status_code == 404


def _add_without_form(client: Any, meeting: dict[str, Any]) -> Any:
    return client.post(_page(meeting), data={"meets_on": ["24", "2", "2027"], "members": "X"})


def test_another_conference_gives_404(client, meeting, app):
    with app.app_context():
        other = factories.conference(factories.authority())
        db.session.commit()
        other_id = other.id
    as_person(client, meeting["admin"])
    assert client.get(f"/conferences/{other_id}/core-group").status_code == 404
    assert client.get(f"/conferences/{other_id}/plan-progress").status_code == 404


@pytest.fixture()
def review(app, meeting):
    with app.app_context():
        from portal.data.models import Conference, Participant

        first = db.session.get(Conference, meeting["conference"])
        conference = factories.conference(
            first.authority,
            kind=ConferenceKind.REVIEW,
            previous_conference_id=first.id,
            starts_at=datetime(2027, 5, 6, 10, tzinfo=UTC),
        )
        for person_key, role in (("worker", Role.SOCIAL_WORKER), ("chair", Role.CHAIR)):
            db.session.add(
                Participant(conference_id=conference.id, person_id=meeting[person_key], role=role)
            )
        db.session.add(
            Participant(conference_id=conference.id, person_id=meeting["parent"], role=Role.PARENT)
        )
        db.session.commit()
        return conference.id


def test_progress_is_a_draft_until_sent_then_the_family_reads_it(client, meeting, review, app):
    path = f"/conferences/{review}/plan-progress"
    as_person(client, meeting["worker"])
    page = client.get(path).get_data(as_text=True)
    assert "Go to every health visit." in page
    key = f"p_{meeting['decision'].hex}_0"
    token = form_token(client, path)
    response = client.post(
        path, data={"csrf_token": token, f"{key}_note": "Two of three.", "save": "Save"}
    )
    assert response.status_code == 302
    as_person(client, meeting["parent"])
    assert "has not sent this yet" in client.get(path).get_data(as_text=True)

    as_person(client, meeting["worker"])
    response = client.post(
        path,
        data={
            "csrf_token": form_token(client, path),
            f"{key}_note": "Two of three.",
            "send": "Send",
        },
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Choose one option" in page and "Two of three." in page
    response = client.post(
        path,
        data={
            "csrf_token": form_token(client, path),
            f"{key}_status": "partly_done",
            f"{key}_note": "Two of three.",
            "send": "Send",
        },
    )
    assert response.status_code == 302
    as_person(client, meeting["parent"])
    page = client.get(path).get_data(as_text=True)
    assert "Partly done" in page and "Two of three." in page


def test_progress_is_only_for_a_review_that_follows_a_conference(client, meeting):
    as_person(client, meeting["worker"])
    assert client.get(f"/conferences/{meeting['conference']}/plan-progress").status_code == 404
