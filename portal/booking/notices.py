"""The messages booking causes, queued in the same transaction as the change.

One message per person, by email where they gave one, else by text, in their own
language; the idempotency key names the event, so sending again queues nothing new.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from flask import url_for

from portal.data.interfaces import accounts, auth
from portal.data.models import Conference, ConferencePart, Participant, Person, Role
from portal.delivery import outbox
from portal.domain.vocabulary import FAMILY_ROLES


def start_for(conference: Conference, participant: Participant, start: datetime) -> datetime:
    """When this person's part starts: part two's start for someone who joins only that."""
    if (
        conference.in_two_parts
        and participant.part is ConferencePart.PART_TWO
        and conference.part_two_starts_at is not None
    ):
        return conference.part_two_starts_at
    return start


def invite(conference: Conference, participants: Iterable[Participant]) -> int:
    """Invitations: to the family with a sign-in link, to professionals plainly factual."""
    sent = 0
    for participant in participants:
        person = participant.person
        start = start_for(conference, participant, conference.starts_at).isoformat()
        event = f"invitation:{conference.id}:{participant.id}"
        if participant.role in FAMILY_ROLES:
            token = auth.issue_invitation(person, commit=False)
            params = {
                "name": person.full_name,
                "starts_at": start,
                "link": url_for("auth.invitation", token=token, _external=True),
                "sign_in": url_for("auth.sign_in", _external=True),
            }
            kind = (
                "invitation_young_person"
                if participant.role is Role.YOUNG_PERSON
                else "invitation_family"
            )
            queued = outbox.send(kind, event, person.id, params, conference.id, holds_secret=True)
        else:
            params = {
                "name": person.full_name,
                "starts_at": start,
                "part": participant.part.value,
                "part_two_at": conference.part_two_starts_at.isoformat()
                if conference.in_two_parts
                and conference.part_two_starts_at
                and participant.part is not ConferencePart.BOTH
                else None,
                "sign_in": url_for("auth.professional", _external=True),
            }
            queued = outbox.send("invitation_professional", event, person.id, params, conference.id)
            if _new_partner(person):
                # A partner agency's professional new to the portal: the invitation says to
                # sign in, and this link lets them choose a password and a second factor.
                accounts.send_set_up_link(person, conference=conference)
        sent += queued is not None
    return sent


def _new_partner(person: Person) -> bool:
    """Someone from another agency who has never set up their account. The council's own
    staff get their link when an administrator invites them, and keep it."""
    return (
        person.is_professional
        and person.staff_role is None
        and person.password_hash is None
        and person.is_active
        and bool(person.email)
    )


def _sign_in_for(participant: Participant) -> str:
    if participant.role in FAMILY_ROLES:
        return url_for("auth.sign_in", _external=True)
    return url_for("auth.professional", _external=True)


def moved(conference: Conference, was: datetime, participants: Iterable[Participant]) -> None:
    """Everyone invited hears of the new date and time, in their own language."""
    for participant in participants:
        params = {
            "was": start_for(conference, participant, was).isoformat(),
            "starts_at": start_for(conference, participant, conference.starts_at).isoformat(),
            "sign_in": _sign_in_for(participant),
        }
        # From and to: the same change sent twice (a double click) tells nobody twice.
        event = f"moved:{conference.id}:{was.isoformat()}:{conference.starts_at.isoformat()}"
        outbox.send("conference_moved", event, participant.person_id, params, conference.id)


def called_off(conference: Conference, participants: Iterable[Participant]) -> None:
    """The family in plain words, professionals with the reason; once per booked date."""
    cancelled = conference.status.value == "cancelled"
    for participant in participants:
        params = {
            "starts_at": start_for(conference, participant, conference.starts_at).isoformat(),
            "reason": conference.status_reason,
            "cancelled": cancelled,
            "sign_in": _sign_in_for(participant),
        }
        kind = (
            "called_off_family" if participant.role in FAMILY_ROLES else "called_off_professional"
        )
        event = f"{conference.status.value}:{conference.id}:{conference.starts_at.isoformat()}"
        outbox.send(kind, event, participant.person_id, params, conference.id)


def part_changed(conference: Conference, participant: Participant, was: datetime) -> None:
    """Someone already invited whose part, and so whose start, changed."""
    now = start_for(conference, participant, conference.starts_at)
    if now == was:
        return
    params = {
        "was": was.isoformat(),
        "starts_at": now.isoformat(),
        "sign_in": _sign_in_for(participant),
    }
    event = f"part:{conference.id}:{participant.id}:{participant.part.value}:{was.isoformat()}"
    outbox.send("conference_moved", event, participant.person_id, params, conference.id)
