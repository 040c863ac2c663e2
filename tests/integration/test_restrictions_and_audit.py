"""Hidden things stay hidden; restrictions apply at once; views are audited."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from portal.data.models import AuditEvent, Participant, Person, Restriction
from portal.extensions import db
from tests.pages import form_token


def khan(demo):
    return demo["conferences"]["khan"]


def report_url(demo, title="Social work report"):
    return f"/conferences/{khan(demo)}/reports/{demo['reports'][title]}"


def test_split_conference_parents_do_not_see_each_other(client, sign_in, demo):
    sign_in("daniel")
    page = client.get(f"/conferences/{khan(demo)}", follow_redirects=True).get_data(as_text=True)
    assert "Daniel Khan" in page
    assert "Amira Khan" not in page
    assert "14 Elm Road" not in page
    sign_in("amira")
    page = client.get(f"/conferences/{khan(demo)}", follow_redirects=True).get_data(as_text=True)
    assert "Daniel Khan" not in page


def test_the_social_worker_sees_addresses_and_interpreter_needs(client, sign_in, demo):
    sign_in("amira")
    language = f"/conferences/{khan(demo)}/family/meeting/language"
    answers = {"language": "ur", "interpreter": "yes", "dialect": ""}
    assert (
        client.post(
            language, data={**answers, "csrf_token": form_token(client, language)}
        ).status_code
        == 302
    )
    send = f"/conferences/{khan(demo)}/family/meeting/send"
    check = f"/conferences/{khan(demo)}/family/meeting/check"
    assert client.post(send, data={"csrf_token": form_token(client, check)}).status_code == 302
    sign_in("priya")
    page = client.get(f"/conferences/{khan(demo)}").get_data(as_text=True)
    assert "14 Elm Road" in page
    assert "Needs an interpreter: Urdu" in page


def test_police_information_is_for_professionals_only(client, sign_in, demo):
    url = report_url(demo, "Police information")
    sign_in("tom")
    assert client.get(url).status_code == 200
    sign_in("amira")
    assert client.get(url).status_code == 404
    assert "Police information" not in client.get(f"/conferences/{khan(demo)}").get_data(
        as_text=True
    )


def test_maya_sees_only_the_report_written_for_her(client, sign_in, demo):
    sign_in("maya")
    # Her meeting's page is her own pages (issue 12).
    page = client.get(f"/conferences/{khan(demo)}", follow_redirects=True).get_data(as_text=True)
    assert "written for you" in page
    assert "School report" not in page
    assert client.get(report_url(demo)).status_code == 404


def test_a_new_restriction_applies_on_the_next_request_without_signing_out(
    app, client, sign_in, demo
):
    daniel = client.application.test_client()
    with daniel.session_transaction():
        pass
    sign_in("daniel")
    assert client.get(report_url(demo)).status_code == 200
    with client.session_transaction() as session:
        daniel_session = dict(session)

    sign_in("priya")
    path = f"/conferences/{khan(demo)}/restrictions"
    page = client.get(path).get_data(as_text=True)
    daniel_choice = re.search(r'value="(participant:[^"]+)">Daniel Khan', page).group(1)
    response = client.post(
        path,
        data={
            "what": f"report:{demo['reports']['Social work report']}",
            "hidden_from": daniel_choice,
            "reason": "He has threatened the author",
            "csrf_token": form_token(client, path),
        },
    )
    assert response.status_code == 302

    with client.session_transaction() as session:
        session.clear()
        session.update(daniel_session)
    assert client.get(report_url(demo)).status_code == 404
    overview = client.get(f"/conferences/{khan(demo)}", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Social work report" not in overview
    assert client.get(report_url(demo) + "/download").status_code == 404


def test_adding_a_restriction_without_a_reason_shows_an_error_and_keeps_the_choices(
    client, sign_in, demo
):
    sign_in("priya")
    path = f"/conferences/{khan(demo)}/restrictions"
    what = f"report:{demo['reports']['School report']}"
    response = client.post(
        path,
        data={
            "what": what,
            "hidden_from": "children",
            "reason": " ",
            "csrf_token": form_token(client, path),
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Enter why this is being kept private" in page
    assert f'value="{what}" selected' in page


def test_a_tampered_restriction_choice_is_refused_and_nothing_changes(app, client, sign_in, demo):
    sign_in("priya")
    path = f"/conferences/{khan(demo)}/restrictions"
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(Restriction))
    response = client.post(
        path,
        data={
            "what": "report:00000000-0000-0000-0000-000000000000",
            "hidden_from": "children",
            "reason": "x",
            "csrf_token": form_token(client, path),
        },
    )
    assert response.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Restriction)) == before


def test_removing_a_restriction_is_audited(app, client, sign_in, demo):
    sign_in("priya")
    path = f"/conferences/{khan(demo)}/restrictions"
    page = client.get(path).get_data(as_text=True)
    remove = re.search(r'action="(/conferences/[^"]+/remove)"', page).group(1)
    assert client.post(remove, data={"csrf_token": form_token(client, path)}).status_code == 302
    with app.app_context():
        actions = set(
            db.session.scalars(
                select(AuditEvent.action).where(
                    AuditEvent.actor_id == demo["people"]["priya"],
                    AuditEvent.conference_id == khan(demo),
                )
            )
        )
    assert "restriction_removed" in actions


def test_opening_and_downloading_a_report_is_audited_and_shown_to_the_chair(client, sign_in, demo):
    sign_in("amira")
    client.get(report_url(demo))
    response = client.get(report_url(demo) + "/download")
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "What is working well" in response.get_data(as_text=True)
    sign_in("jo")
    history = client.get(f"/conferences/{khan(demo)}/access-history").get_data(as_text=True)
    assert "Amira Khan (Parent or carer)" in history
    assert "Opened a report" in history
    assert "Downloaded a report" in history


def test_maya_sees_who_has_read_her_views(client, sign_in, demo, sam_accepted):
    sign_in("sam")
    assert client.get(f"/conferences/{khan(demo)}/views/{demo['views'][0]}").status_code == 200
    sign_in("maya")
    page = client.get(f"/conferences/{khan(demo)}/who-has-seen-my-views").get_data(as_text=True)
    assert re.search(r"Sam Taylor, Advocate, read what you said on \w+day \d+ \w+ \d{4} at", page)


def test_the_audit_trail_holds_ids_not_personal_data(app, client, sign_in, demo):
    sign_in("amira")
    client.get(report_url(demo))
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.actor_id == demo["people"]["amira"])
            .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id)
        ).first()
        columns = {c.name for c in AuditEvent.__table__.columns}
    assert columns == {
        "id",
        "occurred_at",
        "actor_id",
        "conference_id",
        "action",
        "object_type",
        "object_id",
    }
    assert event.object_type == "report"


def test_a_person_in_two_roles_is_scoped_to_each_conference(app, client, sign_in, demo):
    """Roles are per conference: the chair of one meeting is nothing in another."""
    with app.app_context():
        jo = db.session.scalars(
            select(Person).where(Person.email == "jo.evans@northfield.example")
        ).one()
        places = db.session.scalars(select(Participant).where(Participant.person_id == jo.id)).all()
    assert {p.role.value for p in places} == {"chair"}
    sign_in("tom")
    assert client.get(f"/conferences/{demo['conferences']['brown']}").status_code == 404
