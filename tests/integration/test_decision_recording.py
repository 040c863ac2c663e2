"""After the meeting: Jo (chair) or Chris (organiser) records the Khan meeting held; Jo
records the decision for each child, checks it and marks it complete."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from portal.data.models import (
    Attendance,
    Child,
    Conference,
    ConferenceStatus,
    Decision,
    Participant,
    Restriction,
    RestrictionSubject,
    Role,
)
from portal.domain.clock import LONDON
from portal.domain.deadlines import add_months
from portal.extensions import db
from tests.pages import form_token


@pytest.fixture()
def evening(frozen):
    """Today at 17:00 in London: the Khan meeting could have been held this morning."""
    today = datetime.now(LONDON).date()
    frozen.now = datetime.combine(today, time(17), tzinfo=LONDON)
    return today


@pytest.fixture()
def khan(app, database, demo):
    with app.app_context():
        conference = db.session.get(Conference, demo["conferences"]["khan"])
        people = {
            p.person.email.split(".")[0]: str(p.id)
            for p in db.session.scalars(
                select(Participant).where(Participant.conference_id == conference.id)
            )
        }
        children = {c.first_name.lower(): c.id for c in conference.children}
    return {"id": demo["conferences"]["khan"], "people": people, "children": children}


def _held_data(khan, day, starts="10:00", ends="12:00", **overrides):
    data = {
        "day": [str(day.day), str(day.month), str(day.year)],
        "starts": starts,
        "ends": ends,
    }
    for participant in khan["people"].values():
        data[f"how_{participant}"] = "in_the_room"
        data[f"part_{participant}"] = "both"
    data[f"how_{khan['people']['daniel']}"] = "video"
    data[f"part_{khan['people']['daniel']}"] = "part_two"
    data[f"how_{khan['people']['maya']}"] = "not_there"
    data[f"in_writing_{khan['people']['maya']}"] = "y"
    data.update(overrides)
    return data


def record_held(client, khan, day, **overrides):
    path = f"/conferences/{khan['id']}/held"
    data = _held_data(khan, day, **overrides)
    data["csrf_token"] = form_token(client, path)
    return client.post(path, data=data)


def _decision_path(khan, child):
    return f"/conferences/{khan['id']}/decisions/child/{khan['children'][child]}"


def a_plan(day, **overrides):
    """A complete child protection plan for a meeting held on `day`."""
    soon = day + timedelta(days=7)
    review = day + timedelta(days=80)
    data = {
        "outcome": "child_protection_plan",
        "category": "emotional_abuse",
        "reasons": "The children have seen and heard fighting at home and are frightened.",
        "agency_0_agency": "Northfield Primary School",
        "agency_0_view": "Agrees with a plan.",
        "action_0_what": "Go to a course about keeping arguments away from the children.",
        "action_0_who": "Amira Khan",
        "action_0_by_when": [str(soon.day), str(soon.month), str(soon.year)],
        "action_0_how_we_will_know": "A letter from the course saying she went each week.",
        "contingency_plan": "If there is more fighting, the social worker visits the same day.",
        "visiting_frequency": "Every 10 working days",
        "core_group_others": "Northfield Primary School, safeguarding lead",
        "first_core_group_on": [str(soon.day), str(soon.month), str(soon.year)],
        "review_on": [str(review.day), str(review.month), str(review.year)],
        "family_summary": "Maya will have a child protection plan. This is because of the "
        "fighting at home. The plan says who will help and what will change. Your social "
        "worker will visit every two weeks and you will meet the core group next week.",
    }
    data.update(overrides)
    return data


def post_decision(client, khan, child, data, button="save"):
    path = _decision_path(khan, child)
    body = dict(data)
    body["csrf_token"] = form_token(client, path)
    body[button] = "y"
    return client.post(path, data=body)


# --- The meeting held ---------------------------------------------------------------------


def test_the_chair_records_the_meeting_held_with_who_took_part_and_how(
    client, sign_in, khan, evening, app
):
    sign_in("jo")
    response = record_held(client, khan, evening)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/conferences/{khan['id']}/decisions")
    with app.app_context():
        conference = db.session.get(Conference, khan["id"])
        assert conference.status == ConferenceStatus.HELD
        assert conference.started_at == datetime.combine(evening, time(10), tzinfo=LONDON)
        assert conference.ended_at == datetime.combine(evening, time(12), tzinfo=LONDON)
        rows = {
            str(row.participant_id): row
            for row in db.session.scalars(
                select(Attendance).where(Attendance.conference_id == khan["id"])
            )
        }
        daniel, maya = rows[khan["people"]["daniel"]], rows[khan["people"]["maya"]]
        assert (daniel.attended, daniel.part.value, daniel.joined_by.value) == (
            True,
            "part_two",
            "video",
        )
        assert (maya.attended, maya.sent_views_in_writing, maya.joined_by) == (False, True, None)


def test_the_deadlines_after_the_meeting_count_from_the_day_it_was_really_held(
    client, sign_in, khan, evening, app
):
    """Booked five working days ahead, held today: the decision is due 24 hours after today's
    end, and the first review three months from today, not from the booked day."""
    sign_in("jo")
    record_held(client, khan, evening)
    from portal.data.interfaces import deadlines

    with app.app_context():
        lines = deadlines.for_conference(db.session.get(Conference, khan["id"]))
        decision_due = lines.get("decision_to_family").deadline.due
        assert decision_due == datetime.combine(evening, time(12), tzinfo=LONDON) + timedelta(
            hours=24
        )
        review_due = lines.get("first_review").deadline.due
        # Three months from today (or the working day before), not from the booked day.
        assert add_months(evening, 3) - timedelta(days=4) <= review_due <= add_months(evening, 3)


def test_a_duty_after_a_meeting_held_early_may_be_done_from_the_day_it_was_held(
    client, sign_in, khan, evening
):
    sign_in("jo")
    record_held(client, khan, evening)
    path = f"/conferences/{khan['id']}/deadlines/plan_to_core_group/done"
    response = client.post(
        path,
        data={
            "csrf_token": form_token(client, path),
            "done_on": [str(evening.day), str(evening.month), str(evening.year)],
        },
    )
    assert response.status_code == 302


def test_the_organiser_may_record_it_and_returns_to_the_meeting(client, sign_in, khan, evening):
    sign_in("chris")
    response = record_held(client, khan, evening)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/conferences/{khan['id']}")


@pytest.mark.parametrize("who", ["priya", "tom", "amira", "maya"])
def test_nobody_else_may_record_it(client, sign_in, khan, who):
    sign_in(who)
    assert client.get(f"/conferences/{khan['id']}/held").status_code == 404


def test_another_conferences_id_is_not_found(client, sign_in, demo):
    sign_in("jo")
    # Jo chairs the Brown review too; Olivia's conference is hers. Chris is not in Brown.
    sign_in("chris")
    assert client.get(f"/conferences/{demo['conferences']['brown']}/held").status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"starts": "9am", "ends": "half ten"}, "ends", "Enter a real time, like 10:00"),
        ({"starts": "12:00", "ends": "11:00"}, "ends", "The end time must be after the start"),
        ({"starts": "18:00", "ends": "19:00"}, "starts", "The start time must be in the past"),
    ],
)
def test_impossible_times_are_refused_next_to_the_field_and_kept(
    client, sign_in, khan, evening, overrides, field, message
):
    sign_in("jo")
    response = record_held(client, khan, evening, **overrides)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert f'id="{field}-error"' in page
    assert f'value="{overrides["ends"]}"' in page


def test_a_day_in_the_future_is_refused(client, sign_in, khan, evening, app):
    sign_in("jo")
    page = record_held(client, khan, evening + timedelta(days=1)).get_data(as_text=True)
    assert "The date must be today or in the past" in page
    with app.app_context():
        assert db.session.get(Conference, khan["id"]).status == ConferenceStatus.SCHEDULED


def test_each_person_must_be_answered(client, sign_in, khan, evening):
    sign_in("jo")
    response = record_held(client, khan, evening, **{f"how_{khan['people']['tom']}": ""})
    assert "Choose how they took part, or that they did not" in response.get_data(as_text=True)


def test_a_cancelled_meeting_cannot_be_recorded_as_held(client, sign_in, khan, evening, app):
    with app.app_context():
        db.session.get(Conference, khan["id"]).status = ConferenceStatus.CANCELLED
        db.session.commit()
    sign_in("jo")
    page = client.get(f"/conferences/{khan['id']}/held").get_data(as_text=True)
    assert "cannot be recorded as held" in page
    assert '<form method="post" action="/conferences' not in page.split("govuk-main-wrapper")[1]


def test_the_page_shows_what_was_recorded_for_correcting(client, sign_in, khan, evening):
    sign_in("jo")
    record_held(client, khan, evening, starts="10:15", ends="11:45")
    page = client.get(f"/conferences/{khan['id']}/held").get_data(as_text=True)
    assert 'value="10:15"' in page and 'value="11:45"' in page
    assert "You can correct it here" in page


# --- The decisions ------------------------------------------------------------------------


def test_no_decision_before_the_meeting_is_recorded_held(client, sign_in, khan):
    sign_in("jo")
    response = client.get(_decision_path(khan, "maya"))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Record that the meeting was held before you record a decision" in page


@pytest.mark.parametrize("who", ["chris", "priya", "tom", "amira"])
def test_only_the_chair_records_decisions(client, sign_in, khan, who, evening):
    sign_in(who)
    assert client.get(f"/conferences/{khan['id']}/decisions").status_code == 404
    assert client.get(_decision_path(khan, "maya")).status_code == 404


def test_a_child_of_another_conference_is_not_found(client, sign_in, khan, evening, app):
    sign_in("jo")
    record_held(client, khan, evening)
    with app.app_context():
        ellie = db.session.scalars(select(Child).where(Child.first_name == "Ellie")).one()
    path = f"/conferences/{khan['id']}/decisions/child/{ellie.id}"
    assert client.get(path).status_code == 404


def test_each_save_keeps_a_draft_and_the_list_shows_it(client, sign_in, khan, evening, app):
    sign_in("jo")
    record_held(client, khan, evening)
    page = client.get(f"/conferences/{khan['id']}/decisions").get_data(as_text=True)
    assert page.count("Not started") == 2
    response = post_decision(
        client, khan, "maya", {"outcome": "early_help", "reasons": "Help from the family hub."}
    )
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.scalars(
            select(Decision).where(Decision.child_id == khan["children"]["maya"])
        ).one()
        assert (saved.outcome.value, saved.reasons, saved.completed_at) == (
            "early_help",
            "Help from the family hub.",
            None,
        )
    page = client.get(f"/conferences/{khan['id']}/decisions").get_data(as_text=True)
    assert "Draft" in page and page.count("Not started") == 1


def test_an_action_that_is_not_smart_is_refused_next_to_its_fields_and_kept(
    client, sign_in, khan, evening, app
):
    sign_in("jo")
    record_held(client, khan, evening)
    yesterday = evening - timedelta(days=1)
    data = a_plan(
        evening,
        action_0_who="everyone",
        action_0_by_when=[str(yesterday.day), str(yesterday.month), str(yesterday.year)],
        action_0_how_we_will_know="monitoring",
    )
    response = post_decision(client, khan, "maya", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="action_0_who-error"' in page and "Name one person or role" in page
    assert 'id="action_0_by_when-error"' in page and "must be in the future" in page
    assert 'id="action_0_how_we_will_know-error"' in page
    assert 'value="everyone"' in page
    assert "Your draft is saved, but some answers need changing" in page
    with app.app_context():
        saved = db.session.scalars(
            select(Decision).where(Decision.child_id == khan["children"]["maya"])
        ).one()
        assert saved.actions[0].who == "everyone"


def test_a_review_date_later_than_the_policy_allows_gives_the_latest_date(
    client, sign_in, khan, evening
):
    sign_in("jo")
    record_held(client, khan, evening)
    late = evening + timedelta(days=200)
    response = post_decision(
        client,
        khan,
        "maya",
        a_plan(evening, review_on=[str(late.day), str(late.month), str(late.year)]),
    )
    page = response.get_data(as_text=True)
    assert 'id="review_on-error"' in page
    assert "the review must be on or before" in page


def test_a_first_core_group_too_late_is_refused(client, sign_in, khan, evening):
    sign_in("jo")
    record_held(client, khan, evening)
    late = evening + timedelta(days=40)
    page = post_decision(
        client,
        khan,
        "maya",
        a_plan(evening, first_core_group_on=[str(late.day), str(late.month), str(late.year)]),
    ).get_data(as_text=True)
    assert "the first core group meeting must be on or before" in page


def test_rows_are_added_and_removed_without_javascript(client, sign_in, khan, evening):
    sign_in("jo")
    record_held(client, khan, evening)
    page = post_decision(client, khan, "maya", a_plan(evening), button="add_action").get_data(
        as_text=True
    )
    assert 'name="action_1_what"' in page
    data = a_plan(evening, action_1_what="Second", action_1_who="Priya Patel")
    data["remove_action"] = "0"
    page = post_decision(client, khan, "maya", data, button="noop").get_data(as_text=True)
    assert 'name="action_1_what"' not in page
    assert "Second" in page


def test_the_chair_checks_and_marks_complete_only_when_nothing_is_missing(
    client, sign_in, khan, evening, app
):
    sign_in("jo")
    record_held(client, khan, evening)
    response = post_decision(
        client, khan, "maya", a_plan(evening, family_summary=""), button="check"
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/check")
    check = response.headers["Location"]
    page = client.get(check).get_data(as_text=True)
    assert "Write what was decided for the family, in plain words" in page
    assert "Mark as complete" not in page

    post_decision(client, khan, "maya", a_plan(evening), button="check")
    page = client.get(check).get_data(as_text=True)
    assert "Mark as complete" in page
    response = client.post(check, data={"csrf_token": form_token(client, check)})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Complete" in page
    with app.app_context():
        saved = db.session.scalars(
            select(Decision).where(Decision.child_id == khan["children"]["maya"])
        ).one()
        assert saved.completed_at is not None
        assert [m for m in saved.core_group_members] == [
            "Northfield Primary School, safeguarding lead"
        ]


def test_a_version_for_the_child_is_needed_once_chosen(client, sign_in, khan, evening):
    sign_in("jo")
    record_held(client, khan, evening)
    post_decision(client, khan, "maya", a_plan(evening, child_version_wanted="y"), "check")
    page = client.get(_decision_path(khan, "maya") + "/check").get_data(as_text=True)
    assert "Write the version for the child" in page


def test_an_agency_that_disagrees_needs_the_dissent_and_the_route_is_shown(
    client, sign_in, khan, evening
):
    sign_in("jo")
    record_held(client, khan, evening)
    page = client.get(_decision_path(khan, "maya")).get_data(as_text=True)
    assert "this council's escalation route" in page
    post_decision(client, khan, "maya", a_plan(evening, agency_0_disagrees="y"), "check")
    page = client.get(_decision_path(khan, "maya") + "/check").get_data(as_text=True)
    assert "An agency disagrees: enter the dissent" in page


def test_no_further_action_needs_no_plan(client, sign_in, khan, evening):
    sign_in("jo")
    record_held(client, khan, evening)
    data = {
        "outcome": "no_plan",
        "reasons": "The worries were looked into and the children are safe.",
        "family_summary": "Leo does not need a plan.",
    }
    response = post_decision(client, khan, "leo", data, "check")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Mark as complete" in page


def test_a_plan_cannot_end_at_a_first_meeting(client, sign_in, khan, evening):
    sign_in("jo")
    record_held(client, khan, evening)
    page = client.get(_decision_path(khan, "leo")).get_data(as_text=True)
    assert 'value="plan_ended"' not in page


def test_people_who_must_not_receive_it_are_kept_as_restrictions(
    client, sign_in, khan, evening, app
):
    sign_in("jo")
    record_held(client, khan, evening)
    daniel = khan["people"]["daniel"]
    page = post_decision(
        client, khan, "leo", {"outcome": "early_help", "not_to_receive": daniel}
    ).get_data(as_text=True)
    assert "Enter why they must not receive the decision" in page
    post_decision(
        client,
        khan,
        "leo",
        {"outcome": "early_help", "not_to_receive": daniel, "exclusion_reason": "Court order"},
    )
    with app.app_context():
        decision = db.session.scalars(
            select(Decision).where(Decision.child_id == khan["children"]["leo"])
        ).one()
        rows = db.session.scalars(
            select(Restriction).where(
                Restriction.subject == RestrictionSubject.DECISION,
                Restriction.subject_id == decision.id,
            )
        ).all()
        assert [(str(r.hidden_from_participant_id), r.reason) for r in rows] == [
            (daniel, "Court order")
        ]
    post_decision(client, khan, "leo", {"outcome": "early_help"})
    with app.app_context():
        assert (
            db.session.scalars(
                select(Restriction).where(Restriction.subject_id == decision.id)
            ).all()
            == []
        )


def test_someone_left_out_of_every_decision_is_shown_read_only(client, sign_in, khan, evening, app):
    with app.app_context():
        db.session.add(
            Restriction(
                conference_id=khan["id"],
                subject=RestrictionSubject.DECISION,
                subject_id=khan["id"],
                hidden_from_participant_id=uuid.UUID(khan["people"]["daniel"]),
                reason="Court order",
            )
        )
        db.session.commit()
    sign_in("jo")
    record_held(client, khan, evening)
    page = client.get(_decision_path(khan, "leo")).get_data(as_text=True)
    assert "Already left out of every decision of this meeting" in page
    assert f'value="{khan["people"]["daniel"]}"' not in page.split("not_to_receive")[-1]


def test_a_review_starts_from_the_current_plan(client, sign_in, app, demo, evening):
    """A review after the Brown review: its form starts from Ellie's published actions."""
    from tests import factories

    with app.app_context():
        brown = db.session.get(Conference, demo["conferences"]["brown"])
        review = factories.conference(
            brown.authority,
            kind="review",
            family_name="Brown",
            previous_conference_id=brown.id,
            status=ConferenceStatus.HELD,
            starts_at=datetime.combine(evening, time(9), tzinfo=LONDON),
            ended_at=datetime.combine(evening, time(10), tzinfo=LONDON),
        )
        review.children.extend(brown.children)
        jo = db.session.scalars(
            select(Participant).where(
                Participant.conference_id == brown.id, Participant.role == Role.CHAIR
            )
        ).one()
        factories.participant(review, jo.person, role=Role.CHAIR)
        db.session.commit()
        path = f"/conferences/{review.id}/decisions/child/{brown.children[0].id}"
    sign_in("jo")
    page = client.get(path).get_data(as_text=True)
    assert "Take Ellie to nursery every weekday." in page
    assert 'value="plan_ended"' in page


def test_a_published_decision_says_changes_are_not_seen_until_published(
    client, sign_in, app, demo, evening
):
    with app.app_context():
        decision = db.session.get(Decision, demo["decisions"][0])
        path = f"/conferences/{decision.conference_id}/decisions/child/{decision.child_id}"
    sign_in("jo")
    page = client.get(path).get_data(as_text=True)
    assert "nobody sees it until you publish it" in page


def test_held_date_is_used_for_the_first_core_group_limit(app, context, demo, evening):
    """A unit of the page's arithmetic: held today, the limit is 10 working days on."""
    from portal.data.interfaces import deadlines
    from portal.domain import decisions

    conference = db.session.get(Conference, demo["conferences"]["khan"])
    conference.status = ConferenceStatus.HELD
    conference.started_at = datetime.combine(evening, time(10), tzinfo=LONDON)
    conference.ended_at = datetime.combine(evening, time(12), tzinfo=LONDON)
    lines = deadlines.for_conference(conference)
    limits = decisions.date_limits(evening, {line.key: line.deadline for line in lines.lines})
    assert limits.first_core_group_by is not None
    assert evening < limits.first_core_group_by <= evening + timedelta(days=16)
    assert isinstance(limits.review_by, date)


def test_without_an_outcome_nothing_is_saved_and_what_was_typed_stays(
    client, sign_in, khan, evening, app
):
    sign_in("jo")
    record_held(client, khan, evening)
    response = post_decision(client, khan, "maya", {"reasons": "Typed before choosing"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="outcome-error"' in page and "Choose what the meeting decided" in page
    assert "Typed before choosing" in page
    assert "Your draft is saved" not in page
    with app.app_context():
        assert (
            db.session.scalars(select(Decision).where(Decision.conference_id == khan["id"])).all()
            == []
        )


@pytest.mark.parametrize("outcome", ["plan_ended", "made_up"])
def test_an_outcome_not_offered_is_refused_not_saved(client, sign_in, khan, evening, app, outcome):
    sign_in("jo")
    record_held(client, khan, evening)
    response = post_decision(client, khan, "leo", {"outcome": outcome, "category": "made_up"})
    assert response.status_code == 200
    assert 'id="outcome-error"' in response.get_data(as_text=True)
    with app.app_context():
        assert (
            db.session.scalars(select(Decision).where(Decision.conference_id == khan["id"])).all()
            == []
        )


def test_recording_a_cancelled_meeting_as_held_changes_nothing(client, sign_in, khan, evening, app):
    sign_in("jo")
    path = f"/conferences/{khan['id']}/held"
    token = form_token(client, path)
    with app.app_context():
        db.session.get(Conference, khan["id"]).status = ConferenceStatus.CANCELLED
        db.session.commit()
    data = _held_data(khan, evening)
    data["csrf_token"] = token
    assert client.post(path, data=data).status_code == 200
    with app.app_context():
        assert db.session.get(Conference, khan["id"]).status == ConferenceStatus.CANCELLED
        assert db.session.scalars(select(Attendance)).all() == []


def test_the_meeting_page_leads_the_chair_and_organiser_to_these_pages(client, sign_in, khan):
    sign_in("jo")
    page = client.get(f"/conferences/{khan['id']}").get_data(as_text=True)
    assert f"/conferences/{khan['id']}/held" in page
    assert f'/conferences/{khan["id"]}/decisions"' in page
    sign_in("chris")
    page = client.get(f"/conferences/{khan['id']}").get_data(as_text=True)
    assert f"/conferences/{khan['id']}/held" in page
    assert f'/conferences/{khan["id"]}/decisions"' not in page
    sign_in("priya")
    page = client.get(f"/conferences/{khan['id']}").get_data(as_text=True)
    assert f"/conferences/{khan['id']}/held" not in page


def test_the_words_for_the_family_and_the_child_get_reading_advice(client, sign_in, khan, evening):
    sign_in("jo")
    record_held(client, khan, evening)
    long_sentence = (
        "The meeting decided that you will have a plan, and your mum and dad and your "
        "social worker and your teacher will all meet again soon to see how things are."
    )
    page = post_decision(
        client,
        khan,
        "maya",
        a_plan(evening, child_version_wanted="y", child_summary=long_sentence),
        button="add_agency",
    ).get_data(as_text=True)
    assert "Families find 60 or more easy to read" in page
    assert "Children find 80 or more easy to read" in page
    assert "1 sentence has more than 15 words" in page
