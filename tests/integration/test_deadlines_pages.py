"""Deadlines where people see them: plain dates for families, every deadline for professionals."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from portal.data.models import ClosureDay, Role
from portal.extensions import db
from tests import factories

LONDON_10AM_THU = datetime(2027, 2, 11, 10, tzinfo=UTC)  # Thursday 11 February 2027, 10:00 GMT


@pytest.fixture()
def meeting(app, database, frozen):
    """A Thursday conference; the reports were shared on the Wednesday before, at noon."""
    frozen.now = datetime(2027, 2, 10, 12, tzinfo=UTC)
    with app.app_context():
        council = factories.authority(policy_key="england")
        conference = factories.conference(council, starts_at=LONDON_10AM_THU)
        parent = factories.participant(
            conference,
            role=Role.PARENT,
            privacy_notice_seen_at=frozen.now,
            agreed_to_keep_reports_private_at=frozen.now,
        )
        chair = factories.participant(conference, role=Role.CHAIR)
        report = factories.report(
            conference,
            title="Health report",
            shared_with_family_at=datetime(2027, 2, 10, 12, tzinfo=UTC),
            shared_with_chair_at=datetime(2027, 2, 8, 12, tzinfo=UTC),
        )
        db.session.commit()
        return {
            "conference": conference.id,
            "report": report.id,
            "parent": parent.person_id,
            "chair": chair.person_id,
            "council": council.id,
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


def test_the_family_sees_when_reports_should_reach_them(client, meeting):
    as_person(client, meeting["parent"])
    page = client.get(f"/conferences/{meeting['conference']}", follow_redirects=True).get_data(
        as_text=True
    )
    # England: 2 working days before a Thursday meeting is the Tuesday.
    assert "The reports should reach you by Tuesday 9 February 2027." in page


def test_a_report_shared_late_says_so_honestly_and_what_the_parent_can_ask_for(client, meeting):
    as_person(client, meeting["parent"])
    page = client.get(f"/conferences/{meeting['conference']}/reports/{meeting['report']}").get_data(
        as_text=True
    )
    assert "This report reached you later than it should have" in page
    assert "ask for the meeting to be moved" in page


def test_a_report_shared_in_time_says_so(app, client, meeting):
    from portal.data.models import Report

    with app.app_context():
        db.session.get(Report, meeting["report"]).shared_with_family_at = datetime(
            2027, 2, 8, 9, tzinfo=UTC
        )
        db.session.commit()
    as_person(client, meeting["parent"])
    page = client.get(f"/conferences/{meeting['conference']}/reports/{meeting['report']}").get_data(
        as_text=True
    )
    assert "It reached you in time to read before the meeting." in page


def test_the_chair_sees_every_deadline_its_rule_source_and_status(client, meeting):
    as_person(client, meeting["chair"])
    page = client.get(f"/conferences/{meeting['conference']}/deadlines").get_data(as_text=True)
    assert "Reports shared with the family" in page
    assert "2 working days before the meeting" in page
    assert "Source: Portal default (no national timescale)" in page
    # The family's reports were shared, but after their date: done late, not missed.
    assert "Done late" in page
    assert "Done in time" in page  # the chair had the reports on the Monday
    assert "Decision and plan sent to the family" in page
    assert "The family did not get every report in time" in page


def test_the_chair_is_prompted_on_the_meeting_page_too(client, meeting):
    as_person(client, meeting["chair"])
    page = client.get(f"/conferences/{meeting['conference']}", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Think about whether the meeting should be moved" in page


def test_middlesbrough_warns_the_meeting_may_be_stood_down(app, client, meeting):
    from portal.data.models import Authority, Report

    with app.app_context():
        db.session.get(Authority, meeting["council"]).policy_key = "middlesbrough"
        # With the chair at 14:30 on the Wednesday: after 2pm the working day before.
        db.session.get(Report, meeting["report"]).shared_with_chair_at = datetime(
            2027, 2, 10, 14, 30, tzinfo=UTC
        )
        db.session.commit()
    as_person(client, meeting["chair"])
    page = client.get(f"/conferences/{meeting['conference']}/deadlines").get_data(as_text=True)
    assert "the meeting may be stood down" in page


def test_a_closure_day_moves_the_family_deadline(app, client, meeting):
    with app.app_context():
        db.session.add(
            ClosureDay(authority_id=meeting["council"], day=date(2027, 2, 9), reason="Staff day")
        )
        db.session.commit()
    as_person(client, meeting["parent"])
    page = client.get(f"/conferences/{meeting['conference']}", follow_redirects=True).get_data(
        as_text=True
    )
    assert "The reports should reach you by Monday 8 February 2027." in page


def test_deadlines_are_shown_in_welsh_for_a_welsh_reader(client, meeting):
    client.get("/language/cy")
    as_person(client, meeting["parent"])
    page = client.get(f"/conferences/{meeting['conference']}", follow_redirects=True).get_data(
        as_text=True
    )
    # Inside a sentence Welsh writes "dydd Mawrth", not CLDR's "Dydd Mawrth".
    assert "dydd Mawrth 9 Chwefror 2027" in page


def use_policy(app, meeting, key):
    from portal.data.models import Authority

    with app.app_context():
        db.session.get(Authority, meeting["council"]).policy_key = key
        db.session.commit()


def test_dorsets_two_decision_rules_read_differently(app, client, meeting):
    use_policy(app, meeting, "dorset")
    as_person(client, meeting["chair"])
    page = client.get(f"/conferences/{meeting['conference']}/deadlines").get_data(as_text=True)
    assert "within 24 hours of the end of the meeting (parents who did not attend)" in page
    assert (
        "within 1 working day of the meeting (decision and plan to parents and professionals)"
        in page
    )


def test_a_council_without_dorsets_standard_is_not_told_it(client, meeting):
    as_person(client, meeting["chair"])
    page = client.get(f"/conferences/{meeting['conference']}/deadlines").get_data(as_text=True)
    assert "Think about whether the meeting should be moved" in page
    assert "Dorset" not in page


def test_dorsets_warning_cites_its_own_standard_in_welsh_too(app, client, meeting):
    use_policy(app, meeting, "dorset")
    client.get("/language/cy")
    as_person(client, meeting["chair"])
    page = client.get(f"/conferences/{meeting['conference']}/deadlines").get_data(as_text=True)
    assert "Meddyliwch a ddylai&#39;r cyfarfod gael ei symud" in page
    assert "Ffynhonnell: Safonau cadeirio Dorset 1.6" in page
    assert "yn dilyn amserlenni Cyngor Dorset." in page
    assert "(rhieni na ddaeth i&#39;r cyfarfod)" in page


@pytest.mark.parametrize(
    "key", ["bath-ne-somerset", "doncaster", "dorset", "england", "middlesbrough", "wakefield"]
)
def test_every_policys_deadlines_page_reads_in_welsh(app, client, meeting, key):
    # The checked client fails a Welsh page with runs of English left in it.
    use_policy(app, meeting, key)
    client.get("/language/cy")
    as_person(client, meeting["chair"])
    page = client.get(f"/conferences/{meeting['conference']}/deadlines").get_data(as_text=True)
    assert "Ffynhonnell:" in page
