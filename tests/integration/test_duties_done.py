"""Duties after the meeting recorded as done from the deadlines page: Done, not Late."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from portal.data.models import Role
from portal.extensions import db
from tests import factories
from tests.pages import form_token

THURSDAY_10AM = datetime(2027, 2, 11, 10, tzinfo=UTC)


@pytest.fixture()
def meeting(app, database, frozen):
    """A Wakefield initial conference held on Thursday 11 February 2027; now it is March."""
    frozen.now = datetime(2027, 3, 15, 12, tzinfo=UTC)
    with app.app_context():
        council = factories.authority(policy_key="wakefield")
        conference = factories.conference(
            council, starts_at=THURSDAY_10AM, ended_at=datetime(2027, 2, 11, 12, tzinfo=UTC)
        )
        chair = factories.participant(
            conference, factories.person(professional=True, full_name="Cai Ford"), role=Role.CHAIR
        )
        admin = factories.participant(conference, role=Role.ADMINISTRATOR)
        school = factories.participant(conference, role=Role.PROFESSIONAL)
        parent = factories.participant(conference, role=Role.PARENT)
        db.session.commit()
        return {
            "conference": conference.id,
            "chair": chair.person_id,
            "admin": admin.person_id,
            "school": school.person_id,
            "parent": parent.person_id,
        }


def as_person(client, person_id):
    from portal.auth.session import session_keys
    from portal.data.interfaces import auth
    from portal.data.models import Person

    with client.application.app_context():
        person = db.session.get(Person, person_id)
        keys = session_keys(auth.start_session(person), person)
    with client.session_transaction() as session:
        session.clear()
        session.update(keys)


def record(client, meeting, duty, day):
    path = f"/conferences/{meeting['conference']}/deadlines/{duty}/done"
    return client.post(
        path,
        data={
            "csrf_token": form_token(client, path),
            "done_on": [str(day.day), str(day.month), str(day.year)],
        },
    )


def card(page, name):
    start = page.index(name)
    end = page.find("govuk-summary-card__title", start + 1)
    return page[start : end if end != -1 else len(page)]


def test_before_anything_is_recorded_the_duties_after_the_meeting_are_late(client, meeting):
    as_person(client, meeting["chair"])
    page = client.get(f"/conferences/{meeting['conference']}/deadlines").get_data(as_text=True)
    assert "Late" in card(page, "Record of the meeting sent out")
    assert "Record as done" in page


def test_the_chair_records_the_minutes_sent_in_time_and_they_show_done(client, meeting):
    as_person(client, meeting["chair"])
    response = record(client, meeting, "minutes", date(2027, 2, 25))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    minutes = card(page, "Record of the meeting sent out")
    assert "Done in time" in minutes and "Late" not in minutes
    assert "Thursday 25 February 2027" in minutes
    assert "Recorded by Cai Ford on Monday 15 March 2027" in minutes


def test_a_duty_done_after_its_date_shows_done_late(client, meeting):
    as_person(client, meeting["admin"])
    assert record(client, meeting, "plan_to_core_group", date(2027, 3, 1)).status_code == 302
    page = client.get(f"/conferences/{meeting['conference']}/deadlines").get_data(as_text=True)
    assert "Done late" in card(page, "Plan sent to the core group")


def test_the_first_core_group_held_and_the_review_booked(client, meeting):
    as_person(client, meeting["chair"])
    path = f"/conferences/{meeting['conference']}/deadlines/first_core_group/done"
    assert "When was it held?" in client.get(path).get_data(as_text=True)
    record(client, meeting, "first_core_group", date(2027, 2, 22))
    review = f"/conferences/{meeting['conference']}/deadlines/first_review/done"
    assert "When was it booked?" in client.get(review).get_data(as_text=True)
    record(client, meeting, "first_review", date(2027, 2, 11))
    page = client.get(f"/conferences/{meeting['conference']}/deadlines").get_data(as_text=True)
    assert "Done in time" in card(page, "First core group meeting")
    assert "Done in time" in card(page, "First review meeting")


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(2027, 3, 16), "The date must be today or in the past"),
        (date(2027, 2, 10), "The date must be on or after the day of the meeting"),
    ],
)
def test_an_impossible_date_is_refused_next_to_the_field(client, meeting, day, message):
    as_person(client, meeting["chair"])
    response = record(client, meeting, "minutes", day)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert f'value="{day.day}"' in page  # what was typed is kept
    page = client.get(f"/conferences/{meeting['conference']}/deadlines").get_data(as_text=True)
    assert "Late" in card(page, "Record of the meeting sent out")


def test_a_not_a_date_is_refused(client, meeting):
    as_person(client, meeting["chair"])
    path = f"/conferences/{meeting['conference']}/deadlines/minutes/done"
    page = client.post(
        path,
        data={
            "csrf_token": form_token(client, path),
            "done_on": ["31", "2", "2027"],
        },
    ).get_data(as_text=True)
    assert "Enter a real date, like 29 12 2027" in page


def test_only_duties_that_are_recorded_have_the_page(client, meeting):
    as_person(client, meeting["chair"])
    base = f"/conferences/{meeting['conference']}/deadlines"
    assert client.get(f"{base}/reports_to_family/done").status_code == 404
    assert client.get(f"{base}/no_such_duty/done").status_code == 404


def test_others_in_the_meeting_cannot_record_a_duty(client, meeting):
    for who in ("school", "parent"):
        as_person(client, meeting[who])
        path = f"/conferences/{meeting['conference']}/deadlines/minutes/done"
        assert client.get(path).status_code == 404
