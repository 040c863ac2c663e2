"""What the chair and organiser need to set the room: everyone invited, what each person sent
about how the meeting will work for them (as this viewer may see it), and who speaks for each
child. A fixed number of queries.

The seating plan honours every sent seating wish, a request not to sit near someone
included, even for a reader who may not see that request (the organiser): the room must keep
the person safe whoever sets it out. The reader only ever sees the seats; the request itself,
and any conflict it causes, only reaches those the policy allows (`can_see_answer`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from portal.data.interfaces import visible
from portal.data.models import AdvocateRequest, ChildView, Participant, Preferences
from portal.domain import seating, visibility
from portal.domain.family_answers import PEOPLE_FIELDS
from portal.domain.vocabulary import AttendanceMode, ConferencePart, Role, SubmissionStatus
from portal.extensions import db

NOT_IN_THE_ROOM = frozenset(
    {AttendanceMode.VIDEO, AttendanceMode.LOCAL_OFFICE, AttendanceMode.NOT_ATTENDING}
)


@dataclass(frozen=True)
class Horseshoe:
    part: ConferencePart
    chair: str | None
    seats: list[seating.Seat]
    conflicts: list[seating.Conflict]
    elsewhere: list[str]  # joining by video or from a local office


@dataclass(frozen=True)
class ChildVoice:
    name: str
    young_person: Participant | None
    advocates: list[str]
    views: list[ChildView]
    requests: list[AdvocateRequest]


@dataclass(frozen=True)
class Sheet:
    people: list[visible.PersonCard]
    names: dict[str, str]  # participant id as text: name
    words: dict[uuid.UUID, visible.FamilyWords]
    horseshoes: list[Horseshoe]
    children: list[ChildVoice]
    sees_safety_requests: bool


def _in_part(participant: Participant, part: ConferencePart) -> bool:
    return ConferencePart.BOTH in (participant.part, part) or participant.part == part


def _wishes(conference_id: uuid.UUID) -> list[seating.Wish]:
    """Every sent seating wish of the conference (sent only: never a draft)."""
    found = []
    for participant_id, sent in db.session.execute(
        select(Preferences.participant_id, Preferences.sent_answers)
        .join(Participant, Participant.id == Preferences.participant_id)
        .where(Participant.conference_id == conference_id, Preferences.sent_answers.is_not(None))
        .order_by(Participant.created_at, Participant.id)
    ):
        answers: dict[str, Any] = (sent or {}).get("seating") or {}
        fields = {
            name: tuple(str(v) for v in (answers.get(name) or []) if isinstance(v, str))
            for name in PEOPLE_FIELDS["seating"]
        }
        found.append(seating.Wish(str(participant_id), fields["beside"], fields["not_near"]))
    return found


def for_sheet(me: Participant) -> Sheet:
    viewer = visible.viewer_for(me)
    cards = visible.people(me)
    everyone = [card.participant for card in cards]
    names = {str(card.participant.id): card.name for card in cards}
    words = {found.participant.id: found for found in visible.family_words(me)}
    attendance = {
        card.participant.id: card.preferences.attendance for card in cards if card.preferences
    }
    wishes = _wishes(me.conference_id)
    conference = me.conference
    parts = (
        [ConferencePart.PART_ONE, ConferencePart.PART_TWO]
        if conference.in_two_parts
        else [ConferencePart.BOTH]
    )
    owners = {str(p.id): p for p in everyone}
    horseshoes = []
    for part in parts:
        present = [p for p in everyone if _in_part(p, part) and p.role != Role.CHAIR]
        chair = next((names[str(p.id)] for p in everyone if p.role == Role.CHAIR), None)
        in_room = [str(p.id) for p in present if attendance.get(p.id) not in NOT_IN_THE_ROOM]
        order = seating.plan(in_room, wishes)
        conflicts = [
            conflict
            for conflict in seating.conflicts(wishes, in_room, order)
            # A safety request, and what it causes, only for those who may see it.
            if all(
                key in owners
                and visibility.can_see_answer(viewer, owners[key], "seating", "not_near")
                for key in conflict.safety_request_of
            )
        ]
        elsewhere = [
            names[str(p.id)]
            for p in present
            if attendance.get(p.id) in NOT_IN_THE_ROOM - {AttendanceMode.NOT_ATTENDING}
        ]
        horseshoes.append(Horseshoe(part, chair, seating.seats(order), conflicts, elsewhere))

    views = [v for v in visible.child_views(me) if v.status == SubmissionStatus.SENT]
    requests = list(
        db.session.scalars(
            select(AdvocateRequest)
            .where(AdvocateRequest.conference_id == me.conference_id)
            .order_by(AdvocateRequest.created_at)
        )
    )
    children = [
        ChildVoice(
            name=child.first_name,
            young_person=next(
                (p for p in everyone if p.role == Role.YOUNG_PERSON and p.child_id == child.id),
                None,
            ),
            advocates=[
                names[str(p.id)]
                for p in everyone
                if p.role == Role.ADVOCATE and p.child_id == child.id
            ],
            views=[v for v in views if v.child_id == child.id],
            requests=[r for r in requests if r.for_child_id == child.id],
        )
        for child in conference.children
    ]
    return Sheet(
        people=cards,
        names=names,
        words=words,
        horseshoes=horseshoes,
        children=children,
        sees_safety_requests=visibility.sees_others_safety_requests(viewer),
    )
