"""Professionals' accounts: one-time set-up links, and the first password.

A set-up link lets a professional with no password yet (new council staff, or a partner
professional invited to a conference) choose a password and then set up an authenticator
app. Only a keyed hash of the link's token is kept; it works once, for
`SET_UP_LINK_LIFETIME`, and stops working when a newer one is sent or the person is
deactivated. It never signs anyone in by itself: after the password comes the second
factor (docs/adr/0006).
"""

from __future__ import annotations

import enum
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from portal.data.interfaces import auth
from portal.data.models import (
    AdvocacyService,
    AuditEvent,
    Authority,
    Channel,
    Conference,
    Person,
    SetUpLink,
)
from portal.delivery import outbox
from portal.domain import clock
from portal.extensions import db

SET_UP_LINK_LIFETIME = timedelta(days=7)
SET_UP_LINK_SENT = "set_up_link_sent"
ACCOUNT_SET_UP = "account_set_up"


@dataclass(frozen=True)
class SentLink:
    """A link just issued: its address (to print on the command line) and its message."""

    url: str
    expires_at: datetime
    notification_id: uuid.UUID | None


class LinkState(enum.Enum):
    USABLE = "usable"
    USED = "used"
    EXPIRED = "expired"
    REPLACED = "replaced"  # a newer link was sent, or the account was closed
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class FoundLink:
    state: LinkState
    link: SetUpLink | None = None
    person: Person | None = None


def _token_hash(token: str) -> str:
    # The same keyed hash as family invitation links, with its own prefix.
    return auth._keyed_hash(f"set-up:{token}")


def set_up_url(token: str) -> str:
    """The link's absolute address: messages are written outside any request."""
    adapter = current_app.url_map.bind("localhost")
    path = adapter.build("auth.set_up_account", {"token": token})
    return f"{current_app.config['PUBLIC_BASE_URL']}{path}"


def audit(
    actor_id: uuid.UUID | None,
    action: str,
    object_type: str,
    object_id: uuid.UUID | None,
    conference_id: uuid.UUID | None = None,
) -> None:
    """An audit event in the caller's transaction: ids only, never names or addresses."""
    db.session.add(
        AuditEvent(
            occurred_at=clock.now(),
            actor_id=actor_id,
            conference_id=conference_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
        )
    )


def replace_links(person_id: uuid.UUID) -> None:
    """Earlier links stop working (a newer one was sent, or the account was closed)."""
    now = clock.now()
    db.session.execute(
        update(SetUpLink)
        .where(
            SetUpLink.person_id == person_id,
            SetUpLink.used_at.is_(None),
            SetUpLink.replaced_at.is_(None),
        )
        .values(replaced_at=now)
    )


def send_set_up_link(
    person: Person,
    *,
    invited_by: Person | None = None,
    conference: Conference | None = None,
) -> SentLink:
    """Issue a one-time set-up link for `person` and queue its message, in the caller's
    transaction (the caller commits, with the change that causes it).

    Earlier unused links stop working. The message is in the person's language, says which
    council sent it (for a partner professional invited to `conference`, the council that
    runs it; never the family) and nothing about any case.
    """
    if not person.is_professional or not person.is_active or not person.email:
        # Professionals sign in with their email address, so the link goes there too.
        raise ValueError("set-up links are for active professionals with an email address")
    now = clock.now()
    replace_links(person.id)
    token = secrets.token_urlsafe(32)
    link = SetUpLink(
        id=uuid.uuid4(),
        person_id=person.id,
        token_hash=_token_hash(token),
        invited_by_id=invited_by.id if invited_by else None,
        conference_id=conference.id if conference else None,
        expires_at=now + SET_UP_LINK_LIFETIME,
        created_at=now,
    )
    db.session.add(link)
    db.session.flush()
    authority_id = conference.authority_id if conference else person.authority_id
    council = db.session.get(Authority, authority_id) if authority_id else None
    url = set_up_url(token)
    service = (
        db.session.get(AdvocacyService, person.advocacy_service_id)
        if person.advocacy_service_id and conference is None
        else None
    )
    notification_id = outbox.send(
        "set_up_link",
        f"set-up-link:{link.id}",
        person.id,
        {
            "url": url,
            "expires_at": link.expires_at,
            "council": council.name if council else current_app.config["AUTHORITY_NAME"],
            "staff_role": person.staff_role if conference is None else None,
            "for_a_conference": conference is not None,
            # Someone who works for the advocacy service that takes the council's referrals.
            "advocacy_service": service.name if service else None,
        },
        holds_secret=True,
        channel=Channel.EMAIL,
    )
    audit(
        invited_by.id if invited_by else None,
        SET_UP_LINK_SENT,
        "person",
        person.id,
        conference.id if conference else None,
    )
    return SentLink(url=url, expires_at=link.expires_at, notification_id=notification_id)


def commit() -> None:
    """The explicit commit point of a request or command that sent a link."""
    db.session.commit()


def find_set_up_link(token: str) -> FoundLink:
    """What state a typed link is in (looking does not use it)."""
    if not token or len(token) > 100:
        return FoundLink(LinkState.UNKNOWN)
    row = db.session.execute(
        select(SetUpLink, Person)
        .join(Person, Person.id == SetUpLink.person_id)
        .where(SetUpLink.token_hash == _token_hash(token))
    ).first()
    if row is None:
        return FoundLink(LinkState.UNKNOWN)
    link, person = row
    if link.used_at is not None:
        state = LinkState.USED
    elif link.replaced_at is not None or not person.is_active or not person.is_professional:
        state = LinkState.REPLACED
    elif link.expires_at <= clock.now():
        state = LinkState.EXPIRED
    else:
        state = LinkState.USABLE
    return FoundLink(state, link, person)


def council_name_for(link: SetUpLink, person: Person) -> str:
    """The council whose administrator can send a new link."""
    authority_id = person.authority_id
    if link.conference_id is not None:
        conference = db.session.get(Conference, link.conference_id)
        authority_id = conference.authority_id if conference else authority_id
    council = db.session.get(Authority, authority_id) if authority_id else None
    return council.name if council else str(current_app.config["AUTHORITY_NAME"])


def use_set_up_link(token: str, password: str) -> Person | None:
    """Use the link once: set the person's password. None when it cannot be used (used
    already, even by a request at the same moment; run out; replaced).

    The caller then asks for the second factor: the link alone signs no one in.
    """
    found = find_set_up_link(token)
    if found.state is not LinkState.USABLE or found.link is None or found.person is None:
        return None
    now = clock.now()
    claimed = db.session.execute(
        update(SetUpLink)
        .where(
            SetUpLink.id == found.link.id,
            SetUpLink.used_at.is_(None),
            SetUpLink.replaced_at.is_(None),
            SetUpLink.expires_at > now,
        )
        .values(used_at=now)
        .returning(SetUpLink.id)
    ).first()
    if claimed is None:
        db.session.rollback()
        return None
    person = found.person
    person.password_hash = auth.hash_password(password)
    audit(person.id, ACCOUNT_SET_UP, "person", person.id)
    db.session.commit()
    return person
