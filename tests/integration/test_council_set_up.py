"""`flask council set-up`: a new council and its first administrator, from the command line."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from portal.data.models import (
    AuditEvent,
    Authority,
    Nation,
    Notification,
    Person,
    SetUpLink,
    StaffRole,
)
from portal.extensions import db

ARGS = [
    "council",
    "set-up",
    "--name",
    "Wakefield Council",
    "--policy",
    "wakefield",
    "--nation",
    "england",
    "--admin-email",
    "Alex.Admin@Wakefield.example",
    "--admin-name",
    "Alex Admin",
]


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def count(app, model, *where):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def wakefield(app):
    with app.app_context():
        return db.session.scalars(
            select(Authority).where(Authority.slug == "wakefield-council")
        ).first()


def test_it_makes_the_council_and_its_first_administrator_and_sends_a_link(app, database):
    result = run(app, *ARGS)
    assert result.exit_code == 0, result.output + result.stderr
    council = wakefield(app)
    assert council.name == "Wakefield Council"
    assert council.policy_key == "wakefield"
    assert council.nation is Nation.ENGLAND
    with app.app_context():
        admin = db.session.scalars(
            select(Person).where(Person.email == "alex.admin@wakefield.example")
        ).one()
        assert admin.is_professional
        assert admin.staff_role is StaffRole.ADMINISTRATOR
        assert admin.authority_id == council.id
        assert admin.password_hash is None and admin.totp_secret is None
        message = db.session.scalars(
            select(Notification).where(Notification.recipient_id == admin.id)
        ).one()
        assert message.template == "set_up_link"
        assert message.holds_secret
        actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"council_set_up", "staff_invited", "set_up_link_sent"} <= actions
    # The printed link is the one in the email, at the portal's public address.
    printed = re.search(r"(http\S+/account/set-up/\S+)", result.output).group(1)
    assert printed.startswith(app.config["PUBLIC_BASE_URL"])
    assert printed in message.body
    assert "Wakefield Council" in message.body


def test_running_it_again_says_what_exists_and_changes_nothing(app, database):
    run(app, *ARGS)
    before = (count(app, Authority), count(app, Person), count(app, Notification))
    again = run(app, *ARGS)
    assert again.exit_code == 0
    assert "already exists. Nothing was changed." in again.output
    assert "Alex Admin <alex.admin@wakefield.example> (has not set up their account yet)" in (
        again.output
    )
    assert "--resend-link" in again.output
    assert (count(app, Authority), count(app, Person), count(app, Notification)) == before
    # Asking for another policy changes nothing either, and says where to change it.
    other = run(app, *[("dorset" if a == "wakefield" else a) for a in ARGS])
    assert other.exit_code == 0
    assert "Council settings" in other.output
    assert wakefield(app).policy_key == "wakefield"


def test_a_new_link_only_when_asked_and_the_old_one_stops_working(app, database):
    run(app, *ARGS)
    again = run(app, *ARGS, "--resend-link")
    assert again.exit_code == 0
    assert "earlier links no longer work" in again.output
    with app.app_context():
        links = db.session.scalars(select(SetUpLink).order_by(SetUpLink.created_at)).all()
    assert len(links) == 2
    assert links[0].replaced_at is not None and links[1].replaced_at is None
    assert count(app, Notification, Notification.template == "set_up_link") == 2


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"--policy": "leeds"}, "unknown policy 'leeds'; choose one of: bath-ne-somerset"),
        ({"--nation": "mars"}, "unknown nation 'mars'; choose one of: england-and-wales"),
        ({"--admin-email": "not-an-email"}, "is not an email address"),
        ({"--admin-email": "jo.evans@northfield.example"}, "is already used by someone"),
        ({"--name": "  "}, "--name must not be empty"),
        ({"--admin-name": "A\x00B"}, "--admin-name contains a control character"),
        ({"--name": "!!!"}, "--name needs at least one letter or number"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_saved(app, database, change, error):
    args = list(ARGS)
    for option, value in change.items():
        args[args.index(option) + 1] = value
    before = (count(app, Authority), count(app, Person), count(app, Notification))
    result = run(app, *args)
    assert result.exit_code == 2
    assert error in result.stderr
    assert (count(app, Authority), count(app, Person), count(app, Notification)) == before


def test_a_failure_part_way_leaves_nothing_half_saved(app, database, monkeypatch):
    from portal.delivery import outbox

    def broken(*args, **kwargs):
        raise RuntimeError("the outbox is unavailable")

    monkeypatch.setattr(outbox, "send", broken)
    before = (count(app, Authority), count(app, Person), count(app, SetUpLink))
    result = run(app, *ARGS)
    assert result.exit_code != 0
    assert (count(app, Authority), count(app, Person), count(app, SetUpLink)) == before


def test_a_council_in_wales_writes_to_its_administrator_in_welsh_and_english(app, database):
    args = list(ARGS)
    args[args.index("--name") + 1] = "Cyngor Sir Penfro"
    args[args.index("--nation") + 1] = "wales"
    args[args.index("--policy") + 1] = "england"
    assert run(app, *args).exit_code == 0
    with app.app_context():
        message = db.session.scalars(
            select(Notification).where(Notification.template == "set_up_link")
        ).one()
    assert message.language == "cy"
    assert "Crëwch eich cyfrif" in message.subject
    assert "Set up your account" in message.subject
