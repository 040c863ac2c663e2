"""Amira before the meeting: her home, the reports, her child, and how the meeting will work."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.data.models import (
    AdvocateRequest,
    Preferences,
    PreferencesVersion,
    ReportComment,
    ReportRead,
    SubmissionStatus,
)
from portal.extensions import db
from tests.pages import form_token


@pytest.fixture()
def khan(demo):
    return demo["conferences"]["khan"]


def amira_place(demo):
    """Amira's participant id in the Khan conference: queries are scoped to her."""
    from portal.data.models import Participant

    return db.session.scalars(
        select(Participant.id).where(
            Participant.person_id == demo["people"]["amira"],
            Participant.conference_id == demo["conferences"]["khan"],
        )
    ).one()


def home(khan):
    return f"/conferences/{khan}/family"


def post(client, path, data):
    return client.post(path, data={**data, "csrf_token": form_token(client, path)})


def test_first_visit_explains_how_information_is_used_then_the_home_page(client, sign_in, khan):
    sign_in("amira", settled=False)
    page = client.get(home(khan)).get_data(as_text=True)
    assert "Before you start" in page
    assert "Other family members cannot see what you write here." in page
    response = client.post(
        f"/conferences/{khan}/family/welcome", data={"csrf_token": form_token(client, home(khan))}
    )
    assert response.status_code == 302
    page = client.get(home(khan)).get_data(as_text=True)
    assert "<h1" in page and "Your meeting" in page
    assert "govuk-task-list" in page
    assert "Tell us about Maya" in page and "Tell us about Leo" in page
    assert "Northfield Civic Centre" in page
    assert "You are invited to the first part." in page
    assert "Chair: runs the meeting" in page


def test_the_first_report_asks_for_the_promise_to_keep_reports_private(
    app, client, sign_in, khan, demo
):
    sign_in("amira", settled=False)
    report = f"/conferences/{khan}/reports/{demo['reports']['Social work report']}"
    response = client.get(report)
    assert response.status_code == 302
    agreement = response.headers["Location"]
    assert "keep-reports-private" in agreement
    page = post(client, agreement, {}).get_data(as_text=True)
    assert "Tick the box to say you will keep the reports private" in page
    response = post(client, agreement, {"agree": "y"})
    assert response.headers["Location"] == report
    assert client.get(report).status_code == 200


def test_marking_a_report_as_read_and_commenting_on_a_section(app, client, sign_in, khan, demo):
    sign_in("amira")
    report_id = demo["reports"]["Social work report"]
    report = f"/conferences/{khan}/reports/{report_id}"
    page = client.get(report).get_data(as_text=True)
    assert "I don't understand this" in page
    assert (
        post(client, f"/conferences/{khan}/family/reports/{report_id}/read", {}).status_code == 302
    )
    comment = f"/conferences/{khan}/family/reports/{report_id}/sections/2/think_wrong"
    assert post(client, comment, {"text": ""}).status_code == 200  # an error, not a 500
    assert post(client, comment, {"text": "We were not shouting that night."}).status_code == 302
    page = client.get(report).get_data(as_text=True)
    assert "You said:" in page and "We were not shouting that night." in page
    assert "You have said you have read this report." in page
    with app.app_context():
        amira = amira_place(demo)
        assert db.session.scalars(
            select(ReportRead).where(
                ReportRead.participant_id == amira, ReportRead.report_id == report_id
            )
        ).one()
        assert (
            db.session.scalars(select(ReportComment).where(ReportComment.participant_id == amira))
            .one()
            .section
            == 2
        )
    # The author and the chair see it; the other parent does not.
    sign_in("priya")
    assert "We were not shouting that night." in client.get(report).get_data(as_text=True)
    sign_in("jo")
    assert "We were not shouting that night." in client.get(report).get_data(as_text=True)
    sign_in("daniel")
    assert "We were not shouting that night." not in client.get(report).get_data(as_text=True)
    sign_in("tom")
    assert "We were not shouting that night." not in client.get(report).get_data(as_text=True)


def test_a_comment_on_a_section_that_does_not_exist_is_not_found(client, sign_in, khan, demo):
    sign_in("amira")
    report_id = demo["reports"]["Social work report"]
    assert (
        client.get(
            f"/conferences/{khan}/family/reports/{report_id}/sections/99/think_wrong"
        ).status_code
        == 404
    )
    assert (
        client.get(
            f"/conferences/{khan}/family/reports/{report_id}/sections/0/nonsense"
        ).status_code
        == 404
    )


def test_about_my_child_saves_a_draft_then_sends(app, client, sign_in, khan, demo):
    from portal.data.models import AboutChild, Child

    with app.app_context():
        maya = db.session.scalars(select(Child).where(Child.first_name == "Maya")).one()
    sign_in("amira")
    path = f"/conferences/{khan}/family/children/{maya.id}"
    assert post(client, path, {"enjoys": "Drawing and football", "save": "y"}).status_code == 302
    page = client.get(path).get_data(as_text=True)
    assert "Drawing and football" in page
    assert (
        post(
            client,
            path,
            {"enjoys": "Drawing and football", "worries": "She cannot sleep", "send": "y"},
        ).status_code
        == 302
    )
    with app.app_context():
        record = db.session.scalars(
            select(AboutChild).where(AboutChild.participant_id == amira_place(demo))
        ).one()
        assert record.status == SubmissionStatus.SENT
        assert record.child_id == maya.id
    sign_in("priya")
    page = client.get(f"/conferences/{khan}/what-the-family-said").get_data(as_text=True)
    assert "She cannot sleep" in page


STEP_ANSWERS = {
    "name": {"address_as": "Amira", "pronouns": "she/her"},
    "language": {
        "language": "ur",
        "language_other": "",
        "interpreter": "yes",
        "dialect": "Mirpuri",
    },
    "communication": {"needs": ["more_time"], "other": ""},
    "attendance": {"how": "in_person"},
    "seating": {},
    "upset": {"helps": ["break", "signal"], "signal": "I will raise my pen"},
    "support": {"supporter": "friend", "supporter_name": "Sara", "advocate": "yes"},
    "child": {"attend": "not_sure", "how": ["send_views"]},
    "times": {"hard_times": "School run at 3pm"},
    "safety": {"unsafe": "yes", "details": "Please keep us apart"},
}


def walk_the_steps(client, khan, seating):
    for slug, answers in STEP_ANSWERS.items():
        path = f"/conferences/{khan}/family/meeting/{slug}"
        data = seating if slug == "seating" else answers
        response = post(client, path, data)
        assert response.status_code == 302, (slug, response.get_data(as_text=True)[:2000])


def test_amira_sets_how_the_meeting_will_work_checks_and_sends(app, client, sign_in, khan, demo):
    sign_in("amira")
    page = client.get(f"/conferences/{khan}/family/meeting/seating").get_data(as_text=True)
    choices = (
        re.findall(r'name="beside" type="checkbox" value="([^"]+)"', page)
        or re.findall(r'type="checkbox" name="beside" value="([^"]+)"', page)
        or re.findall(r'name="beside"[^>]*value="([^"]+)"', page)
    )
    assert choices, "the seating step lists people to choose"
    assert "<svg" in page and "The chair sits at the top." in page
    walk_the_steps(client, khan, {"beside": [choices[0]], "not_near": [choices[-1]]})
    check = client.get(f"/conferences/{khan}/family/meeting/check").get_data(as_text=True)
    assert "(Urdu)" in check and "Mirpuri" in check
    assert (
        "Only the chair and your social worker will see what you said about feeling safe, "
        "and who should not sit near you." in check
    )
    assert (
        post(client, f"/conferences/{khan}/family/meeting/send", {})
        .headers["Location"]
        .endswith("/meeting/sent")
    )
    with app.app_context():
        amira = amira_place(demo)
        record = db.session.scalars(
            select(Preferences).where(Preferences.participant_id == amira)
        ).one()
        assert record.status == SubmissionStatus.SENT
        assert record.needs_interpreter and record.interpreter_language == "Urdu (Mirpuri)"
        assert record.sent_answers == record.answers
        assert db.session.scalars(
            select(PreferencesVersion).where(PreferencesVersion.preferences_id == record.id)
        ).one()
        assert db.session.scalars(
            select(AdvocateRequest).where(
                AdvocateRequest.requested_by_id == amira, AdvocateRequest.for_child_id.is_(None)
            )
        ).one()


def test_changes_after_sending_keep_a_history(app, client, sign_in, khan, demo):
    sign_in("amira")
    walk_the_steps(client, khan, {})
    post(client, f"/conferences/{khan}/family/meeting/send", {})
    post(client, f"/conferences/{khan}/family/meeting/times?from=check", {"hard_times": "Mornings"})
    post(client, f"/conferences/{khan}/family/meeting/send", {})
    with app.app_context():
        versions = db.session.scalars(
            select(PreferencesVersion)
            .join(Preferences, Preferences.id == PreferencesVersion.preferences_id)
            .where(Preferences.participant_id == amira_place(demo))
            .order_by(PreferencesVersion.sent_at)
        ).all()
        assert [v.answers["times"]["hard_times"] for v in versions] == [
            "School run at 3pm",
            "Mornings",
        ]
    page = client.get(f"/conferences/{khan}/family/meeting/check").get_data(as_text=True)
    assert "When you sent your answers" in page


def test_answers_cannot_change_once_the_meeting_has_started(app, client, sign_in, khan):
    from datetime import UTC, datetime, timedelta

    from portal.data.models import Conference

    with app.app_context():
        db.session.get(Conference, khan).starts_at = datetime.now(UTC) - timedelta(minutes=5)
        db.session.commit()
    sign_in("amira")
    response = client.get(f"/conferences/{khan}/family/meeting/name")
    assert response.headers["Location"].endswith("/meeting/check")
    page = client.get(f"/conferences/{khan}/family/meeting/check").get_data(as_text=True)
    assert "can no longer be changed" in page
    assert post(client, f"/conferences/{khan}/family/meeting/send", {}).status_code == 404


def test_a_half_done_form_is_kept_when_she_comes_back(client, sign_in, khan):
    sign_in("amira")
    post(client, f"/conferences/{khan}/family/meeting/name", {"address_as": "Mrs Khan"})
    page = client.get(f"/conferences/{khan}/family/meeting/name").get_data(as_text=True)
    assert 'value="Mrs Khan"' in page


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert('x')</script>",
        "مرحبا، أنا أم مايا",
        "I am worried 😟😟",
        "x" * 200,
    ],
)
def test_bad_input_is_stored_as_typed_and_shown_escaped(client, sign_in, khan, typed):
    sign_in("amira")
    path = f"/conferences/{khan}/family/meeting/name"
    assert post(client, path, {"address_as": typed}).status_code == 302
    page = client.get(path).get_data(as_text=True)
    assert "<script>alert" not in page
    if "<" not in typed:
        assert typed in page


def test_over_long_text_gets_an_error_and_keeps_what_was_typed(client, sign_in, khan):
    sign_in("amira")
    path = f"/conferences/{khan}/family/meeting/name"
    response = post(client, path, {"address_as": "y" * 201})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This must be 200 characters or fewer" in page
    assert "y" * 201 in page


def test_daniel_sees_nothing_amira_sent(client, sign_in, khan):
    sign_in("amira")
    walk_the_steps(client, khan, {})
    post(client, f"/conferences/{khan}/family/meeting/send", {})
    sign_in("daniel")
    for path in ("", "/meeting/check", "/meeting/name", "/meeting/safety"):
        page = client.get(f"/conferences/{khan}/family{path}").get_data(as_text=True)
        for secret in (
            "Mirpuri",
            "Please keep us apart",
            "School run at 3pm",
            "I will raise my pen",
        ):
            assert secret not in page
    sign_in("chris")
    page = client.get(f"/conferences/{khan}/what-the-family-said").get_data(as_text=True)
    assert "Mirpuri" in page
    assert "Please keep us apart" not in page  # the safety request: chair and social worker only
    sign_in("jo")
    assert "Please keep us apart" in client.get(
        f"/conferences/{khan}/what-the-family-said"
    ).get_data(as_text=True)
