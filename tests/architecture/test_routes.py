"""Rules every route must keep, checked by walking the URL map."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import event

from portal.access import rule_of

# GET routes that are allowed to write, and to which table: viewing a record is audited.
AUDIT_TABLE = "audit_event"
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b(?:\s+INTO|\s+FROM)?\s+\"?(\w+)", re.I)
SIGNED_IN_AS = ["amira", "daniel", "maya", "olivia", "jo", "priya", "chris", "tom", "sam"]


def test_every_route_declares_who_may_use_it(app):
    undeclared = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule_of(app.view_functions[rule.endpoint]) is None
    ]
    assert undeclared == []


def test_the_declaration_check_would_catch_a_route_without_a_rule(app):
    def no_rule():
        return "x"

    assert rule_of(no_rule) is None


def sample_urls(app, demo):
    """Every GET route, with the demo's ids filled in for its arguments."""
    samples = {
        "conference_id": demo["conferences"]["khan"],
        "code": "cy",
        "filename": "build/portal.css",
        "report_id": demo["reports"]["Social work report"],
        "view_id": demo["views"][0],
        "picture_id": uuid.uuid4(),
        "decision_id": demo["decisions"][0],
        "token": "not-a-real-invitation",
        "closure_id": uuid.uuid4(),
        "child_id": uuid.uuid4(),
        "section": 0,
        "kind": "not_understood",
        "slug": "name",
        # A member of staff (Jo, the chair): the administrator's page about her account.
        "person_id": demo["people"]["jo"],
        "draft_id": uuid.uuid4(),
        "question": "kind",
        "participant_id": uuid.uuid4(),
        "booking_id": uuid.uuid4(),
        "comment_id": uuid.uuid4(),
        "number": 1,
        "duty": "minutes",
        "request_id": uuid.uuid4(),
        "statement_id": uuid.uuid4(),
        "meeting_id": uuid.uuid4(),
    }
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        missing = [name for name in rule.arguments if name not in samples]
        assert not missing, f"add a sample value for {missing} in {__file__}"
        with app.test_request_context():
            from flask import url_for

            urls.append(url_for(rule.endpoint, **{k: samples[k] for k in rule.arguments}))
    return urls


@pytest.mark.parametrize("who", [None, *SIGNED_IN_AS])
def test_get_routes_never_write_except_the_audit_trail(app, client, demo, sign_in, database, who):
    if who:
        sign_in(who)
    writes = []

    def record(_conn, _cursor, statement, _parameters, _context, _many):
        match = WRITE.match(statement)
        if match and match.group(2).lower() != AUDIT_TABLE:
            writes.append(statement.split("\n")[0][:80])

    event.listen(database, "before_cursor_execute", record)
    try:
        for url in sample_urls(app, demo):
            client.get(url).close()
    finally:
        event.remove(database, "before_cursor_execute", record)
    assert writes == []
