"""Booking a conference and arranging who comes: drafts, the booking itself, participants,
invitations, a new date, postponing and cancelling.

Every lookup is scoped to the booker's council (drafts also to the booker), so another
council's ids find nothing. Each change is one transaction with the messages it causes:
the callers queue messages with `portal.delivery.outbox.send` and then call `commit`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from portal.data.models import (
    Authority,
    BookingDraft,
    Child,
    ClosureDay,
    Conference,
    ConferenceKind,
    ConferencePart,
    ConferenceStatus,
    Decision,
    Participant,
    Person,
    Role,
    StaffRole,
)
from portal.domain import clock
from portal.domain.deadlines import load_policy
from portal.domain.working_days import WorkingCalendar, calendar_nation
from portal.extensions import db

# How many earlier conferences a review can be linked to from the list (newest first).
PREVIOUS_CONFERENCES_SHOWN = 100


def commit() -> None:
    db.session.commit()


def rollback() -> None:
    db.session.rollback()


# --- The council's people -----------------------------------------------------------------


def chairs(authority: Authority) -> list[Person]:
    """The council's active chairs, by name: the only people who may chair its meetings."""
    return list(
        db.session.scalars(
            select(Person)
            .where(
                Person.authority_id == authority.id,
                Person.is_active.is_(True),
                Person.is_professional.is_(True),
                Person.staff_role == StaffRole.CHAIR,
            )
            .order_by(Person.full_name)
        )
    )


def staff(authority: Authority) -> list[Person]:
    """The council's active staff, by name, to invite to a meeting as professionals."""
    return list(
        db.session.scalars(
            select(Person)
            .where(
                Person.authority_id == authority.id,
                Person.is_active.is_(True),
                Person.is_professional.is_(True),
                Person.staff_role.is_not(None),
            )
            .order_by(Person.full_name)
        )
    )


def calendar(authority: Authority) -> WorkingCalendar:
    closures = db.session.scalars(
        select(ClosureDay.day).where(ClosureDay.authority_id == authority.id)
    ).all()
    return WorkingCalendar(calendar_nation(authority.nation.value), closures)


def policy_of(authority: Authority) -> Any:
    return load_policy(authority.policy_key)


def earlier_conferences(authority: Authority) -> list[Conference]:
    """The council's conferences that have started, newest first, with their children:
    what a review follows on from."""
    return list(
        db.session.scalars(
            select(Conference)
            .where(
                Conference.authority_id == authority.id,
                Conference.starts_at <= clock.now(),
                Conference.status != ConferenceStatus.CANCELLED,
            )
            .options(selectinload(Conference.children))
            .order_by(Conference.starts_at.desc())
            .limit(PREVIOUS_CONFERENCES_SHOWN)
        )
    )


def earlier_conference(authority: Authority, conference_id: uuid.UUID) -> Conference | None:
    found = db.session.get(Conference, conference_id)
    if found is None or found.authority_id != authority.id:
        return None
    return found


def previous_plan(conference: Conference) -> tuple[Conference | None, list[Decision]]:
    """The conference a review follows, and its published decisions (the plan it reviews)."""
    if conference.previous_conference_id is None:
        return None, []
    previous = earlier_conference(conference.authority, conference.previous_conference_id)
    if previous is None:
        return None, []
    decisions = db.session.scalars(
        select(Decision)
        .where(Decision.conference_id == previous.id, Decision.published_at.is_not(None))
        .options(joinedload(Decision.child))
    ).all()
    return previous, list(decisions)


# --- Drafts -------------------------------------------------------------------------------


def start_draft(authority: Authority, booker: Person) -> BookingDraft:
    draft = BookingDraft(authority_id=authority.id, created_by_id=booker.id, answers={})
    db.session.add(draft)
    db.session.commit()
    return draft


def drafts_of(authority: Authority, booker: Person) -> list[BookingDraft]:
    return list(
        db.session.scalars(
            select(BookingDraft)
            .where(
                BookingDraft.authority_id == authority.id, BookingDraft.created_by_id == booker.id
            )
            .order_by(BookingDraft.updated_at.desc())
        )
    )


def draft(authority: Authority, booker: Person, booking_id: uuid.UUID) -> BookingDraft | None:
    """The booker's own draft in their own council, or None."""
    found = db.session.get(BookingDraft, booking_id)
    if found is None or found.authority_id != authority.id or found.created_by_id != booker.id:
        return None
    return found


def save_answers(booking: BookingDraft, **answers: Any) -> None:
    # A new dict, so the JSON column sees the change.
    booking.answers = {**(booking.answers or {}), **answers}
    db.session.commit()


# --- Booking ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewChild:
    first_name: str
    last_name: str
    date_of_birth: date | None
    expected_birth: date | None


@dataclass(frozen=True)
class Booking:
    kind: ConferenceKind
    family_name: str
    children: list[NewChild]
    previous_conference_id: uuid.UUID | None
    transfer_in_on: date | None
    strategy_discussion_on: date | None
    starts_at: datetime
    expected_end_at: datetime | None
    venue: str | None
    virtual_link: str | None
    local_office: str | None
    in_two_parts: bool
    part_two_starts_at: datetime | None
    chair_id: uuid.UUID


class NotBookable(ValueError):
    """The booking names someone or something outside the booker's council."""


def book(
    authority: Authority, booker: Person, booking: Booking, booking_id: uuid.UUID
) -> Conference:
    """The conference, its children, its chair and its booker, in one transaction; the
    draft goes with it. Nothing is saved when any part is refused."""
    chair = db.session.get(Person, booking.chair_id)
    if chair is None or chair not in chairs(authority):
        raise NotBookable("chair")
    previous = None
    if booking.previous_conference_id is not None:
        previous = earlier_conference(authority, booking.previous_conference_id)
        if previous is None:
            raise NotBookable("previous_conference")
    conference = Conference(
        authority_id=authority.id,
        kind=booking.kind,
        status=ConferenceStatus.SCHEDULED,
        family_name=booking.family_name,
        starts_at=booking.starts_at,
        expected_end_at=booking.expected_end_at,
        strategy_discussion_on=booking.strategy_discussion_on,
        venue=booking.venue or None,
        virtual_link=booking.virtual_link or None,
        local_office=booking.local_office or None,
        in_two_parts=booking.in_two_parts,
        part_two_starts_at=booking.part_two_starts_at if booking.in_two_parts else None,
        previous_conference_id=previous.id if previous else None,
        transfer_in_on=booking.transfer_in_on,
    )
    # A review is about the same children as the conference before it.
    children = list(previous.children) if previous is not None else []
    for item in booking.children:
        children.append(
            Child(
                authority_id=authority.id,
                first_name=item.first_name,
                last_name=item.last_name,
                date_of_birth=item.date_of_birth,
                expected_birth=item.expected_birth,
            )
        )
    conference.children = children
    now = clock.now()
    conference.participants.append(Participant(person_id=chair.id, role=Role.CHAIR))
    # The booker takes part: the social worker of the case, or its organiser.
    booker_role = (
        Role.SOCIAL_WORKER if booker.staff_role == StaffRole.SOCIAL_WORKER else Role.ADMINISTRATOR
    )
    if booker.id != chair.id:
        conference.participants.append(
            Participant(person_id=booker.id, role=booker_role, invited_at=now)
        )
    db.session.add(conference)
    stale = db.session.get(BookingDraft, booking_id)
    if stale is not None:
        db.session.delete(stale)
    db.session.commit()
    return conference


# --- Who comes ----------------------------------------------------------------------------


def people(conference_id: uuid.UUID) -> list[Participant]:
    """Everyone in the conference with their person and child, in one query."""
    return list(
        db.session.scalars(
            select(Participant)
            .where(Participant.conference_id == conference_id)
            .options(joinedload(Participant.person), joinedload(Participant.child))
            .order_by(Participant.created_at, Participant.id)
        )
    )


ALREADY_INVITED = "already_invited"
ADDRESS_IS_A_PROFESSIONAL = "address_is_a_professional"
ADDRESS_IS_FAMILY = "address_is_family"
ADDRESS_IN_USE = "address_in_use"
NOT_OUR_STAFF = "not_our_staff"
NOT_OUR_CHILD = "not_our_child"


class Refused(ValueError):
    """A person cannot be added; `code` says why and `field` where to show it."""

    def __init__(self, code: str, field: str) -> None:
        super().__init__(code)
        self.code = code
        self.field = field


def _by_email(email: str | None) -> Person | None:
    if not email:
        return None
    return db.session.scalars(
        select(Person).where(func.lower(Person.email) == email.lower())
    ).first()


def _by_mobile(mobile: str | None) -> Person | None:
    if not mobile:
        return None
    return db.session.scalars(select(Person).where(Person.mobile == mobile)).first()


def _refuse_twice(
    conference: Conference, person_id: uuid.UUID, roles: Iterable[Role], field: str
) -> None:
    taken = db.session.scalar(
        select(func.count())
        .select_from(Participant)
        .where(
            Participant.conference_id == conference.id,
            Participant.person_id == person_id,
            Participant.role.in_(list(roles)),
        )
    )
    if taken:
        raise Refused(ALREADY_INVITED, field)


def _family_person(
    conference: Conference,
    full_name: str,
    email: str | None,
    mobile: str | None,
    language: str | None,
    field: str,
    known: Person | None = None,
) -> Person:
    """The family member with this email or mobile (or `known`), or a new one. An address
    that is someone else's is refused: one address signs in one person."""
    by_email, by_mobile = _by_email(email), _by_mobile(mobile)
    found = {p.id: p for p in (known, by_email, by_mobile) if p is not None}
    if len(found) > 1:
        raise Refused(ADDRESS_IN_USE, field)
    person = next(iter(found.values()), None)
    if person is not None and person.is_professional:
        raise Refused(ADDRESS_IS_A_PROFESSIONAL, field)
    if person is None:
        # Known to the council that invites them: its name and nation head their messages.
        person = Person(
            authority_id=conference.authority_id,
            full_name=full_name,
            email=email or None,
            mobile=mobile or None,
        )
        db.session.add(person)
    else:
        # Someone already known (from an earlier meeting): fill in what they lacked.
        person.email = person.email or email or None
        person.mobile = person.mobile or mobile or None
    if language:
        person.preferred_language = language
    db.session.flush()
    return person


def add_family_member(
    conference: Conference,
    *,
    full_name: str,
    relationship: str,
    email: str | None,
    mobile: str | None,
    language: str | None,
    needs_interpreter: bool,
    part: ConferencePart,
    role: Role = Role.PARENT,
) -> Participant:
    field = "email" if email else "mobile"
    person = _family_person(conference, full_name, email, mobile, language, field)
    _refuse_twice(conference, person.id, [role], field)
    participant = Participant(
        conference_id=conference.id,
        person_id=person.id,
        role=role,
        relationship_to_child=relationship,
        part=part,
        needs_interpreter=needs_interpreter,
    )
    db.session.add(participant)
    db.session.commit()
    return participant


def add_young_person(
    conference: Conference,
    *,
    child_id: uuid.UUID,
    email: str | None,
    mobile: str | None,
    language: str | None,
    needs_interpreter: bool,
    part: ConferencePart,
) -> Participant:
    child = next((c for c in conference.children if c.id == child_id), None)
    if child is None:
        raise Refused(NOT_OUR_CHILD, "child")
    field = "email" if email else "mobile"
    person = _family_person(
        conference, child.full_name, email, mobile, language, field, known=child.person
    )
    child.person_id = person.id
    _refuse_twice(conference, person.id, [Role.YOUNG_PERSON], "child")
    participant = Participant(
        conference_id=conference.id,
        person_id=person.id,
        role=Role.YOUNG_PERSON,
        child_id=child.id,
        part=part,
        needs_interpreter=needs_interpreter,
    )
    db.session.add(participant)
    db.session.commit()
    return participant


# What a member of staff invited by name is in the meeting (the chair is chosen at booking).
STAFF_ROLE_IN_A_MEETING = {
    StaffRole.SOCIAL_WORKER: Role.SOCIAL_WORKER,
    StaffRole.ADMINISTRATOR: Role.ADMINISTRATOR,
    StaffRole.CONFERENCE_ADMINISTRATOR: Role.ADMINISTRATOR,
}


def add_staff_member(
    conference: Conference, authority: Authority, person_id: uuid.UUID, part: ConferencePart
) -> Participant:
    person = db.session.get(Person, person_id)
    if person is None or person not in staff(authority):
        raise Refused(NOT_OUR_STAFF, "staff_member")
    role = STAFF_ROLE_IN_A_MEETING.get(person.staff_role, Role.PROFESSIONAL)  # type: ignore[arg-type]
    _refuse_twice(conference, person.id, list(Role), "staff_member")
    participant = Participant(
        conference_id=conference.id,
        person_id=person.id,
        role=role,
        agency=authority.name,
        part=part,
    )
    db.session.add(participant)
    db.session.commit()
    return participant


def add_partner_professional(
    conference: Conference,
    *,
    full_name: str,
    agency: str,
    email: str,
    role: Role,
    part: ConferencePart,
) -> tuple[Participant, bool]:
    """A professional of another agency (school, health, police, advocacy). Returns the
    participant and whether they are new to the portal (they need a set-up link)."""
    person = _by_email(email)
    if person is not None and not person.is_professional:
        raise Refused(ADDRESS_IS_FAMILY, "email")
    new = person is None
    if person is None:
        person = Person(full_name=full_name, email=email, is_professional=True, agency=agency)
        db.session.add(person)
        db.session.flush()
    _refuse_twice(conference, person.id, list(Role), "email")
    participant = Participant(
        conference_id=conference.id, person_id=person.id, role=role, agency=agency, part=part
    )
    db.session.add(participant)
    db.session.commit()
    return participant, new


def remove(conference: Conference, participant_id: uuid.UUID) -> bool:
    """Take someone off the list before they are invited. The chair and the booker stay."""
    found = db.session.get(Participant, participant_id)
    if (
        found is None
        or found.conference_id != conference.id
        or found.invited_at is not None
        or found.role is Role.CHAIR
    ):
        return False
    db.session.delete(found)
    db.session.commit()
    return True


def participant(conference: Conference, participant_id: uuid.UUID) -> Participant | None:
    found = db.session.get(Participant, participant_id)
    if found is None or found.conference_id != conference.id:
        return None
    return found


def set_part(found: Participant, part: ConferencePart) -> None:
    """In the caller's transaction, with any message it causes."""
    found.part = part


# --- Invitations and changes --------------------------------------------------------------


def not_yet_invited(conference_id: uuid.UUID) -> list[Participant]:
    return [p for p in people(conference_id) if p.invited_at is None]


def invited(conference_id: uuid.UUID) -> list[Participant]:
    return [p for p in people(conference_id) if p.invited_at is not None]


def mark_invited(participants: Iterable[Participant], at: datetime) -> None:
    """In the caller's transaction, with the messages."""
    for participant in participants:
        participant.invited_at = at


def move(
    conference: Conference,
    starts_at: datetime,
    expected_end_at: datetime | None,
    part_two_starts_at: datetime | None,
) -> None:
    """A new date or time, in the caller's transaction; a postponed meeting is on again.
    Deadlines are worked out from the conference each time, so they follow at once."""
    conference.starts_at = starts_at
    conference.expected_end_at = expected_end_at
    conference.part_two_starts_at = part_two_starts_at if conference.in_two_parts else None
    if conference.status is ConferenceStatus.POSTPONED:
        conference.status = ConferenceStatus.SCHEDULED
        conference.status_changed_at = clock.now()


def call_off(conference: Conference, status: ConferenceStatus, reason: str, note: str) -> None:
    """Postponed or cancelled, with why, in the caller's transaction."""
    conference.status = status
    conference.status_reason = reason
    conference.status_note = note or None
    conference.status_changed_at = clock.now()
