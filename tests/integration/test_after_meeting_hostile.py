"""A hostile outside tester on the after-the-meeting pages (issue 11): every role on every
route, every method, junk in every field the page's own form offers. Never a 500, and
anything typed that looks like HTML comes back escaped."""

from __future__ import annotations

import io
import re
import uuid
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.data.models import (
    ConferenceChild,
    CoreGroupMeeting,
    Minutes,
    MinutesComment,
    Participant,
)
from portal.extensions import db
from tests.integration import test_decision_recording as recording
from tests.integration.test_decision_recording import _held_data, a_plan, post_decision, record_held
from tests.pages import form_token

# The Khan meeting and "this evening", as the decision recording tests have them.
khan = recording.khan
evening = recording.evening

SCRIPT = '<script>alert("x")</script>'
JUNK = {
    "nul": "a\x00b\x01c",
    "long": "x" * 100_000,
    "script": SCRIPT,
    "date": "99999",
    "blank": "",
}
ROLES = ["amira", "maya", "tariq", "olivia", "sam", "tom", "morgan", "jo", "chris"]
FIELD = re.compile(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"')


def _ids(app: Any, demo: dict[str, Any]) -> dict[str, str]:
    brown = demo["conferences"]["brown"]
    with app.app_context():
        child = db.session.scalars(
            select(ConferenceChild.child_id).where(ConferenceChild.conference_id == brown)
        ).first()
        khan_child = db.session.scalars(
            select(ConferenceChild.child_id).where(
                ConferenceChild.conference_id == demo["conferences"]["khan"]
            )
        ).first()
        participant = db.session.scalars(
            select(Participant).where(Participant.conference_id == brown)
        ).first()
        meeting = db.session.scalars(select(CoreGroupMeeting)).first()
        comment = db.session.scalars(select(MinutesComment)).first()
    return {
        "c": str(brown),
        "k": str(demo["conferences"]["khan"]),
        "child": str(child or uuid.uuid4()),
        "kchild": str(khan_child or uuid.uuid4()),
        "p": str(participant.id if participant else uuid.uuid4()),
        "m": str(meeting.id if meeting else uuid.uuid4()),
        "cm": str(comment.id if comment else uuid.uuid4()),
        "x": str(uuid.uuid4()),
    }


ROUTES = [
    "/conferences/{c}/held",
    "/conferences/{k}/held",
    "/conferences/{c}/decisions",
    "/conferences/{c}/decisions/child/{child}",
    "/conferences/{c}/decisions/child/{kchild}",
    "/conferences/{k}/decisions/child/{kchild}",
    "/conferences/{c}/decisions/child/{child}/check",
    "/conferences/{c}/publish",
    "/conferences/{c}/publish/done",
    "/conferences/{c}/decision-delivery",
    "/conferences/{c}/decision-delivery/{p}/another-way",
    "/conferences/{k}/decision-delivery/{p}/another-way",
    "/conferences/{c}/decision-delivery/{x}/another-way",
    "/sign-in/again",
    "/conferences/{c}/family/decisions/{child}",
    "/conferences/{c}/family/decisions/{kchild}",
    "/conferences/{c}/family/decisions/{child}/read",
    "/conferences/{k}/young-person/decision",
    "/conferences/{k}/young-person/decision/read",
    "/conferences/{c}/minutes",
    "/conferences/{k}/minutes",
    "/conferences/{c}/minutes/write",
    "/conferences/{c}/minutes/upload",
    "/conferences/{c}/minutes/approve",
    "/conferences/{c}/minutes/share",
    "/conferences/{c}/minutes/remove-pdf",
    "/conferences/{c}/minutes/comments/{cm}/reply",
    "/conferences/{c}/minutes/comments/{x}/reply",
    "/conferences/{c}/minutes/download",
    "/conferences/{c}/core-group",
    "/conferences/{k}/core-group",
    "/conferences/{c}/core-group/{m}/held",
    "/conferences/{c}/core-group/{m}/plan-update",
    "/conferences/{c}/core-group/{x}/plan-update",
    "/conferences/{c}/plan-progress",
    "/council/advocacy",
    "/council/advocacy/invite",
]


def _fields(page: str) -> list[str]:
    return sorted({name for name in FIELD.findall(page) if name != "csrf_token"})


def _token(page: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page
    )
    return match.group(1) if match else ""


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES)
def test_no_route_fails_for_any_role_or_junk(app, sign_in, demo, role, route):
    if role not in demo["people"]:
        pytest.skip(f"no {role} in the demo")
    ids = _ids(app, demo)
    path = route.format(**ids)
    client = sign_in(role)
    got = client.open(path, method="GET", follow_redirects=False)
    assert got.status_code < 500, (path, "GET")
    # HEAD has no body by design, so the page checker is not asked to read one.
    head = FlaskClient.open(client, path, method="HEAD", buffered=True)
    assert head.status_code < 500, (path, "HEAD")
    page = got.get_data(as_text=True) if got.status_code == 200 else ""
    token = _token(page)
    names = _fields(page) or ["anything"]
    for label, value in JUNK.items():
        data: dict[str, Any] = {name: value for name in names}
        if token:
            data["csrf_token"] = token
        data["next"] = "//evil.example/"
        posted = client.post(path, data=data, follow_redirects=False)
        assert posted.status_code < 500, (path, label, posted.status_code)
        body = posted.get_data(as_text=True)
        assert SCRIPT not in body, (path, label)
        if posted.status_code in (301, 302, 303):
            assert "evil.example" not in posted.headers["Location"], (path, label)
    # a missing CSRF token is refused, never a 500 or a save
    refused = client.post(path, data={name: "x" for name in names})
    shown_as_error = refused.status_code == 200 and "govuk-error-summary" in refused.text
    assert shown_as_error or refused.status_code in (302, 303, 400, 403, 404, 405), path


# --- The meeting held: dates and times a person might type ------------------------------


@pytest.mark.parametrize(
    ("day", "starts", "ends", "field"),
    [
        (["31", "2", "2026"], "10:00", "12:00", "day"),
        (["1", "1", "0"], "10:00", "12:00", "day"),
        (["1", "1", "99999"], "10:00", "12:00", "day"),
        (["x\x00", "1", "2026"], "10:00", "12:00", "day"),
        (None, "25:99", "12:00", "starts"),
        (None, "10:00", "09:00", "ends"),
        (None, "1\x000:00", "12:00", "starts"),
        (None, "1" * 100_000, "12:00", "starts"),
        ("future", "10:00", "12:00", "day"),
    ],
)
def test_held_refuses_impossible_dates_and_times_and_saves_nothing(
    app, client, sign_in, khan, evening, day, starts, ends, field
):
    from datetime import timedelta

    from portal.data.models import Conference

    sign_in("jo")
    path = f"/conferences/{khan['id']}/held"
    data = _held_data(khan, evening, starts=starts, ends=ends)
    if day == "future":
        later = evening + timedelta(days=3)
        data["day"] = [str(later.day), str(later.month), str(later.year)]
    elif day is not None:
        data["day"] = day
    data["csrf_token"] = form_token(client, path)
    response = client.post(path, data=data)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "govuk-error-summary" in text
    assert f'id="{field}-error"' in text or f'href="#{field}' in text
    with app.app_context():
        assert db.session.get(Conference, khan["id"]).ended_at is None


def test_held_ignores_attendance_for_people_of_another_conference(
    app, client, sign_in, khan, evening, demo
):
    from portal.data.models import Attendance

    with app.app_context():
        stranger = db.session.scalars(
            select(Participant.id).where(Participant.conference_id == demo["conferences"]["brown"])
        ).first()
        before = db.session.scalars(
            select(Attendance).where(Attendance.participant_id == stranger)
        ).all()
        before_ids = {row.id for row in before}
    sign_in("jo")
    path = f"/conferences/{khan['id']}/held"
    data = _held_data(khan, evening, **{f"how_{stranger}": "video"})
    data["csrf_token"] = form_token(client, path)
    assert client.post(path, data=data).status_code == 302
    with app.app_context():
        after = db.session.scalars(
            select(Attendance).where(Attendance.participant_id == stranger)
        ).all()
        assert {row.id for row in after} == before_ids


# --- Signing in again only ever goes to a path on this site -----------------------------

PASSWORD = "conference-demo-2026"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "/%0d%0aSet-Cookie:x=1",
        "\x00/evil",
    ],
)
def test_sign_in_again_never_sends_anyone_to_another_site(client, sign_in, target):
    sign_in("jo")
    page = f"/sign-in/again?next={target}"
    shown = client.get(page)
    assert shown.status_code == 200
    response = client.post(
        page, data={"csrf_token": form_token(client, page), "password": PASSWORD}
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//")
    assert "evil" not in location and "\n" not in location


# --- Minutes uploads that are not what they say ------------------------------------------


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"", "empty.pdf"),
        (b"not a pdf at all", "notes.pdf"),
        (b"%PDF-1.4\n1 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n%%EOF", "js.pdf"),
    ],
)
def test_minutes_upload_refuses_what_is_not_a_safe_pdf(app, client, sign_in, demo, content, name):
    brown = demo["conferences"]["brown"]
    staff = f"/conferences/{brown}/minutes/write"
    sign_in("jo")  # the chair writes the minutes (Chris does not organise Brown)
    response = client.post(
        f"/conferences/{brown}/minutes/upload",
        data={"csrf_token": form_token(client, staff), "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.get_data(as_text=True)
    with app.app_context():
        stored = db.session.scalars(select(Minutes).where(Minutes.conference_id == brown)).first()
        assert stored is None or stored.file_id is None


# --- The decision form: ids from another conference, impossible dates, HTML -------------


@pytest.mark.parametrize(
    "overrides",
    [
        {"core_group": "OTHER"},
        {"not_to_receive": "OTHER"},
        {"not_to_receive": "OTHER", "exclusion_reason": "They would share it."},
        {"core_group": "not-a-uuid"},
        {"review_on": ["31", "2", "2027"]},
        {"review_on": ["1", "1", "99999"]},
        {"action_0_by_when": ["1", "1", "0"]},
        {"outcome": "something_else"},
        {"reasons": "x" * 100_000},
    ],
)
def test_the_decision_form_refuses_what_does_not_belong_and_saves_nothing(
    app, client, sign_in, khan, evening, demo, overrides
):
    from portal.data.models import Decision

    with app.app_context():
        other = str(
            db.session.scalars(
                select(Participant.id).where(
                    Participant.conference_id == demo["conferences"]["brown"]
                )
            ).first()
        )
    sign_in("jo")
    record_held(client, khan, evening)
    data = a_plan(evening, reasons=f"They said {SCRIPT} at the door.")
    data.update({k: (other if v == "OTHER" else v) for k, v in overrides.items()})
    response = post_decision(client, khan, "maya", data, button="check")
    assert response.status_code in (200, 302)
    text = response.get_data(as_text=True)
    assert SCRIPT not in text
    forged = "OTHER" in overrides.values() or "not-a-uuid" in overrides.values()
    if not forged:
        assert response.status_code == 200 and "govuk-error-summary" in text
    with app.app_context():
        from portal.data.models import Restriction

        decision = db.session.scalars(
            select(Decision).where(
                Decision.conference_id == khan["id"],
                Decision.child_id == khan["children"]["maya"],
            )
        ).first()
        hidden = db.session.scalars(
            select(Restriction).where(Restriction.hidden_from_participant_id == uuid.UUID(other))
        ).all()
        # an id from another conference is dropped: it never hides anything or joins a plan
        assert not hidden
        if decision is not None:
            assert "Olivia" not in " ".join(decision.core_group_members or [])


def test_minutes_upload_declared_far_over_the_limit_is_refused_unread(app, client, sign_in, demo):
    brown = demo["conferences"]["brown"]
    sign_in("jo")

    class Unreadable(io.BytesIO):
        def read(self, *args: Any) -> bytes:
            raise AssertionError("the body was read")

        readline = readinto = read  # type: ignore[assignment]

    response = client.post(
        f"/conferences/{brown}/minutes/upload",
        input_stream=Unreadable(),
        content_type="multipart/form-data; boundary=x",
        environ_overrides={"CONTENT_LENGTH": str(40 * 1024 * 1024)},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.get_data(as_text=True)
