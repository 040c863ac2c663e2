"""Email and SMS through GOV.UK Notify, against a local stand-in that answers as Notify's
API does (the same paths, a signed token checked, 201 with an id, statuses on request)."""

from __future__ import annotations

import json
import socket
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from sqlalchemy import select
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

SERVICE_ID = "4f1a0c9e-5b7d-4e2a-9c3b-1d2e3f4a5b6c"
SECRET = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
API_KEY = f"portal_test-{SERVICE_ID}-{SECRET}"
EMAIL_TEMPLATE = "11111111-2222-4333-8444-555555555555"
SMS_TEMPLATE = "66666666-7777-4888-9999-aaaaaaaaaaaa"


class StandIn:
    """Records what it was sent; refuses addresses listed in `refuse` with a 400."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.refuse: set[str] = set()
        self.statuses: dict[str, str] = {}

    def __call__(self, environ: Any, start_response: Any) -> Any:
        request = Request(environ)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.PyJWTError:
            return self.answer(403, {"errors": [{"error": "AuthError"}]})(environ, start_response)
        if claims.get("iss") != SERVICE_ID:
            return self.answer(403, {"errors": [{"error": "AuthError"}]})(environ, start_response)
        if request.method == "POST" and request.path in {
            "/v2/notifications/email",
            "/v2/notifications/sms",
        }:
            body = request.get_json()
            address = body.get("email_address") or body.get("phone_number")
            if address in self.refuse:
                return self.answer(
                    400, {"errors": [{"error": "ValidationError", "message": "Not a valid"}]}
                )(environ, start_response)
            notification_id = str(uuid.uuid4())
            self.sent.append({"path": request.path, **body, "id": notification_id})
            self.statuses[notification_id] = "delivered"
            return self.answer(201, {"id": notification_id, "reference": body.get("reference")})(
                environ, start_response
            )
        if request.method == "GET" and request.path.startswith("/v2/notifications/"):
            notification_id = request.path.rsplit("/", 1)[-1]
            status = self.statuses.get(notification_id, "sending")
            return self.answer(200, {"id": notification_id, "status": status})(
                environ, start_response
            )
        return self.answer(404, {"errors": []})(environ, start_response)

    @staticmethod
    def answer(status: int, payload: dict[str, Any]) -> Response:
        return Response(json.dumps(payload), status=status, mimetype="application/json")


@pytest.fixture()
def notify(app, monkeypatch) -> Iterator[StandIn]:
    stand_in = StandIn()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = make_server("127.0.0.1", port, stand_in)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    for key, value in {
        "MAIL_BACKEND": "notify",
        "SMS_BACKEND": "notify",
        "NOTIFY_API_KEY": API_KEY,
        "NOTIFY_BASE_URL": f"http://127.0.0.1:{port}",
        "NOTIFY_EMAIL_TEMPLATE_ID": EMAIL_TEMPLATE,
        "NOTIFY_SMS_TEMPLATE_ID": SMS_TEMPLATE,
    }.items():
        monkeypatch.setitem(app.config, key, value)
    try:
        yield stand_in
    finally:
        server.shutdown()
        thread.join(timeout=5)


def person(email):
    from portal.data.models import Person
    from portal.extensions import db

    return db.session.scalars(select(Person).where(Person.email == email)).one()


def test_email_and_sms_go_through_notify_with_our_reference(context, notify):
    from portal.data.models import Channel, Notification, NotificationStatus
    from portal.delivery import outbox
    from portal.extensions import db

    amira = person("amira.khan@family.example")
    amira.preferred_language = "en"  # the words are not the point here (hers is Urdu)
    db.session.flush()
    maya = person("maya.khan@family.example")
    by_email = outbox.send("sign_in_code", "sign-in-code:notify-1", amira.id, {"code": "246810"})
    by_text = outbox.send(
        "sign_in_code", "sign-in-code:notify-2", maya.id, {"code": "135791"}, channel=Channel.SMS
    )
    outbox.deliver_now([by_email, by_text])
    email, text = notify.sent
    assert email["path"] == "/v2/notifications/email"
    assert email["email_address"] == "amira.khan@family.example"
    assert email["template_id"] == EMAIL_TEMPLATE
    assert email["reference"] == str(by_email)
    assert email["personalisation"]["subject"] == "Your sign-in code"
    assert "246810" in email["personalisation"]["body"]
    assert text["path"] == "/v2/notifications/sms"
    assert text["phone_number"] == "+447700900312"
    assert text["template_id"] == SMS_TEMPLATE
    assert "135791" in text["personalisation"]["body"]
    # Later, Notify says both arrived.
    outbox.check_provider_statuses()
    statuses = db.session.scalars(
        select(Notification.status).where(Notification.id.in_([by_email, by_text]))
    ).all()
    assert set(statuses) == {NotificationStatus.DELIVERED}


def test_an_address_notify_refuses_fails_at_once_and_is_flagged(context, notify, sign_in):
    from portal.data.models import Notification, NotificationStatus
    from portal.delivery import outbox
    from portal.extensions import db

    amira = person("amira.khan@family.example")
    notify.refuse.add("amira.khan@family.example")
    queued = outbox.send("sign_in_code", "sign-in-code:notify-bad", amira.id, {"code": "1"})
    outbox.deliver_now([queued])
    row = db.session.get(Notification, queued)
    assert row.status is NotificationStatus.FAILED
    assert row.attempts == 1
    assert "(400)" in row.last_error


def test_a_wrong_api_key_is_retried_not_given_up(context, notify, monkeypatch, app):
    from portal.data.models import Notification, NotificationStatus
    from portal.delivery import outbox
    from portal.extensions import db

    monkeypatch.setitem(app.config, "NOTIFY_API_KEY", f"portal_test-{SERVICE_ID}-{uuid.uuid4()}")
    amira = person("amira.khan@family.example")
    queued = outbox.send("sign_in_code", "sign-in-code:notify-key", amira.id, {"code": "1"})
    outbox.deliver_now([queued])
    row = db.session.get(Notification, queued)
    assert row.status is NotificationStatus.QUEUED
    assert "403" in row.last_error
