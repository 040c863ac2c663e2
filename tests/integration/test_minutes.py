"""The minutes: Chris writes them, Jo approves, one action shares them with everyone who may
see the decision; Olivia reads them and says something is wrong; a correction says what
changed. Anyone kept from the decision gets no message and a 404."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfWriter
from sqlalchemy import func, select

from portal.data.models import (
    AuditEvent,
    Conference,
    DutyDone,
    Notification,
    Participant,
    Person,
    Restriction,
    RestrictionSubject,
    Role,
)
from portal.extensions import db
from tests import factories
from tests.pages import form_token


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = _pdf()


@pytest.fixture(autouse=True)
def chris_organises_brown(app: Any, database: Any, demo: dict[str, Any]) -> None:
    """Chris (the conference administrator) organises the Brown review too."""
    with app.app_context():
        brown = db.session.get(Conference, demo["conferences"]["brown"])
        chris = db.session.get(Person, demo["people"]["chris"])
        factories.participant(brown, chris, role=Role.ADMINISTRATOR)
        db.session.commit()


def _brown(demo: dict[str, Any]) -> str:
    return str(demo["conferences"]["brown"])


def _post(client: Any, page: str, path: str, **data: Any) -> Any:
    return client.post(path, data={"csrf_token": form_token(client, page), **data})


def _write_and_share(sign_in: Any, demo: dict[str, Any], text: str = "") -> str:
    brown = _brown(demo)
    staff = f"/conferences/{brown}/minutes/write"
    client = sign_in("chris")
    response = _post(
        client, staff, staff, text=text or "Everyone said hello.\n\nEllie is doing well at nursery."
    )
    assert response.status_code == 302
    client = sign_in("jo")
    assert _post(client, staff, f"/conferences/{brown}/minutes/approve").status_code == 302
    response = _post(client, staff, f"/conferences/{brown}/minutes/share")
    assert response.status_code == 302
    return brown


def _messages(app: Any, kind: str) -> list[Notification]:
    with app.app_context():
        return list(db.session.scalars(select(Notification).where(Notification.template == kind)))


def test_the_administrator_writes_a_draft_the_family_cannot_see_yet(client, sign_in, demo):
    brown = _brown(demo)
    staff = f"/conferences/{brown}/minutes/write"
    client = sign_in("chris")
    page = client.get(staff).get_data(as_text=True)
    assert "Not started" in page and "days left" in page
    _post(client, staff, staff, text="A first draft.")
    page = client.get(staff).get_data(as_text=True)
    assert "A first draft." in page and "Draft: waiting for the chair" in page
    assert sign_in("olivia").get(f"/conferences/{brown}/minutes").status_code == 404


def test_sharing_needs_the_chairs_approval(client, sign_in, demo, app):
    brown = _brown(demo)
    staff = f"/conferences/{brown}/minutes/write"
    client = sign_in("chris")
    _post(client, staff, staff, text="A record.")
    response = _post(client, staff, f"/conferences/{brown}/minutes/share")
    assert response.status_code == 200
    assert "The chair must approve the minutes before they are shared" in response.get_data(
        as_text=True
    )
    # The administrator cannot approve: only the chair.
    assert _post(client, staff, f"/conferences/{brown}/minutes/approve").status_code == 404
    assert _messages(app, "minutes_ready") == []


def test_shared_minutes_reach_each_reader_once_and_record_the_duty(client, sign_in, demo, app):
    brown = _write_and_share(sign_in, demo)
    sent = _messages(app, "minutes_ready")
    with app.app_context():
        olivia = demo["people"]["olivia"]
        assert olivia in {m.recipient_id for m in sent}
        assert demo["people"]["jo"] not in {m.recipient_id for m in sent}  # she shared them
        assert len(sent) == len({m.recipient_id for m in sent})
        message = next(m for m in sent if m.recipient_id == olivia)
        assert "nursery" not in (message.body or "") and "Ellie" not in message.subject
        assert f"/conferences/{brown}/minutes" in (message.body or "")
        duty = db.session.scalars(
            select(DutyDone).where(DutyDone.conference_id == demo["conferences"]["brown"])
        ).all()
        assert [row.duty for row in duty] == ["minutes"]
    # A second click shares nothing more.
    client = sign_in("jo")
    staff = f"/conferences/{brown}/minutes/write"
    _post(client, staff, f"/conferences/{brown}/minutes/share")
    assert len(_messages(app, "minutes_ready")) == len(sent)
    page = client.get(f"/conferences/{brown}/deadlines").get_data(as_text=True)
    assert "Record of the meeting sent out" in page


def test_olivia_reads_them_says_something_is_wrong_and_sees_the_reply(client, sign_in, demo, app):
    brown = _write_and_share(sign_in, demo)
    client = sign_in("olivia")
    page = client.get(f"/conferences/{brown}/minutes").get_data(as_text=True)
    assert "Ellie is doing well at nursery." in page
    with app.app_context():
        viewed = db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.object_type == "minutes", AuditEvent.action == "viewed")
        )
        assert viewed == 1
    read = f"/conferences/{brown}/minutes"
    response = _post(client, read, read, what="It says Tuesday.", why="")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Say why you think it is wrong" in body and "It says Tuesday." in body
    response = _post(client, read, read, what="It says Tuesday.", why="It was Monday.")
    assert response.status_code == 302

    client = sign_in("chris")
    staff = f"/conferences/{brown}/minutes/write"
    page = client.get(staff).get_data(as_text=True)
    assert "It says Tuesday." in page and "It was Monday." in page
    with app.app_context():
        from portal.data.models import MinutesComment

        comment = db.session.scalars(select(MinutesComment)).one()
    reply = f"/conferences/{brown}/minutes/comments/{comment.id}/reply"
    assert _post(client, staff, reply, text="").status_code == 200
    assert _post(client, staff, reply, text="Thank you, we will correct it.").status_code == 302
    assert len(_messages(app, "minutes_reply")) == 1

    page = sign_in("olivia").get(read).get_data(as_text=True)
    assert "Thank you, we will correct it." in page


def test_a_correction_needs_what_changed_and_tells_the_same_readers(client, sign_in, demo, app):
    brown = _write_and_share(sign_in, demo)
    staff = f"/conferences/{brown}/minutes/write"
    client = sign_in("chris")
    _post(client, staff, staff, text="Everyone said hello on Monday.")
    client = sign_in("jo")
    _post(client, staff, f"/conferences/{brown}/minutes/approve")
    response = _post(client, staff, f"/conferences/{brown}/minutes/share", what_changed="")
    assert response.status_code == 200
    assert "Say in plain words what changed" in response.get_data(as_text=True)
    _post(
        client, staff, f"/conferences/{brown}/minutes/share", what_changed="The day is now right."
    )
    first = {m.recipient_id for m in _messages(app, "minutes_ready")}
    assert {m.recipient_id for m in _messages(app, "minutes_changed")} == first
    page = sign_in("olivia").get(f"/conferences/{brown}/minutes").get_data(as_text=True)
    assert "The day is now right." in page and "Everyone said hello on Monday." in page


def test_someone_kept_from_the_decision_gets_nothing_and_cannot_open_them(
    client, sign_in, demo, app
):
    with app.app_context():
        olivia = db.session.scalars(
            select(Participant).where(
                Participant.person_id == demo["people"]["olivia"], Participant.role == Role.PARENT
            )
        ).one()
        db.session.add(
            Restriction(
                conference_id=olivia.conference_id,
                subject=RestrictionSubject.DECISION,
                subject_id=demo["decisions"][0],
                hidden_from_participant_id=olivia.id,
                reason="Not to be told",
            )
        )
        db.session.commit()
    brown = _write_and_share(sign_in, demo)
    assert demo["people"]["olivia"] not in {m.recipient_id for m in _messages(app, "minutes_ready")}
    client = sign_in("olivia")
    assert client.get(f"/conferences/{brown}/minutes").status_code == 404


def test_another_conference_gives_404_and_a_parent_cannot_write(client, sign_in, demo, app):
    with app.app_context():
        other = factories.conference(factories.authority())
        db.session.commit()
        other_id = other.id
    client = sign_in("chris")
    assert client.get(f"/conferences/{other_id}/minutes/write").status_code == 404
    assert sign_in("olivia").get(f"/conferences/{_brown(demo)}/minutes/write").status_code == 404


def test_a_pdf_is_checked_and_downloaded_only_by_readers(client, sign_in, demo, app):
    brown = _brown(demo)
    staff = f"/conferences/{brown}/minutes/write"
    client = sign_in("chris")
    response = client.post(
        f"/conferences/{brown}/minutes/upload",
        data={"csrf_token": form_token(client, staff), "file": (io.BytesIO(b"<html>"), "a.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "This file is not a PDF" in response.get_data(as_text=True)
    response = client.post(
        f"/conferences/{brown}/minutes/upload",
        data={"csrf_token": form_token(client, staff), "file": (io.BytesIO(PDF), "minutes.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    client = sign_in("jo")
    _post(client, staff, f"/conferences/{brown}/minutes/approve")
    _post(client, staff, f"/conferences/{brown}/minutes/share")
    response = sign_in("olivia").get(f"/conferences/{brown}/minutes/download")
    assert response.status_code == 200 and response.data == PDF
    assert response.headers["Content-Disposition"].startswith("attachment")


def test_the_conference_page_leads_to_the_minutes_once_shared(client, sign_in, demo):
    brown = _brown(demo)
    page = sign_in("chris").get(f"/conferences/{brown}").get_data(as_text=True)
    assert "Write, approve and share the minutes" in page
    assert f'href="/conferences/{brown}/minutes"' not in page
    _write_and_share(sign_in, demo)
    page = sign_in("priya").get(f"/conferences/{brown}").get_data(as_text=True)
    assert f'href="/conferences/{brown}/minutes"' in page


def test_the_family_home_leads_to_the_minutes_once_shared_and_to_the_core_group(
    client, sign_in, demo
):
    brown = _brown(demo)
    home = sign_in("olivia").get(f"/conferences/{brown}/family").get_data(as_text=True)
    assert f'href="/conferences/{brown}/minutes"' not in home
    assert f'href="/conferences/{brown}/core-group"' in home
    _write_and_share(sign_in, demo)
    home = sign_in("olivia").get(f"/conferences/{brown}/family").get_data(as_text=True)
    assert f'href="/conferences/{brown}/minutes"' in home


def test_someone_kept_from_every_decision_cannot_open_the_core_group_page(client, sign_in, demo):
    khan = demo["conferences"]["khan"]
    assert sign_in("amira").get(f"/conferences/{khan}/core-group").status_code == 200
    assert sign_in("tariq").get(f"/conferences/{khan}/core-group").status_code == 404
