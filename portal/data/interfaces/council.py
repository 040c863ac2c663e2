"""A council and its staff: setting one up, inviting staff, closing and reopening their
accounts, choosing its timescale policy, and the advocacy service that takes its
children's referrals with that service's people. Every change writes an audit event (ids
only) in the same transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from portal.data.interfaces import accounts, advocacy
from portal.data.models import (
    AdvocacyService,
    AdvocateRequest,
    AdvocateRequestStatus,
    Authority,
    Conference,
    Nation,
    Person,
    SignInSession,
    StaffRole,
)
from portal.domain import clock
from portal.domain.council import (
    Refusal,
    StaffStatus,
    may_change_role,
    may_deactivate,
    slug_for,
    staff_status,
)
from portal.extensions import db

COUNCIL_SET_UP = "council_set_up"
STAFF_INVITED = "staff_invited"
STAFF_DEACTIVATED = "staff_deactivated"
STAFF_REACTIVATED = "staff_reactivated"
STAFF_ROLE_CHANGED = "staff_role_changed"
POLICY_CHANGED = "policy_changed"
ADVOCACY_SERVICE_SET_UP = "advocacy_service_set_up"
ADVOCACY_SERVICE_CHANGED = "advocacy_service_changed"
ADVOCATE_INVITED = "advocate_invited"


# --- Setting up a council (the command line) ----------------------------------------------


def find_council(name: str) -> Authority | None:
    """The council this name would make, if it exists already (found by its slug)."""
    return db.session.scalars(select(Authority).where(Authority.slug == slug_for(name))).first()


def find_person_by_email(email: str) -> Person | None:
    return db.session.scalars(
        select(Person).where(func.lower(Person.email) == email.strip().lower())
    ).first()


def email_in_use(email: str) -> bool:
    return find_person_by_email(email) is not None


def administrators(authority: Authority) -> list[Person]:
    return list(
        db.session.scalars(
            select(Person)
            .where(
                Person.authority_id == authority.id,
                Person.staff_role == StaffRole.ADMINISTRATOR,
            )
            .order_by(Person.full_name)
        )
    )


@dataclass(frozen=True)
class NewCouncil:
    authority: Authority
    administrator: Person
    link: accounts.SentLink


def set_up_council(
    *, name: str, policy_key: str, nation: Nation, admin_email: str, admin_name: str
) -> NewCouncil:
    """Create the council, its first administrator and their set-up link, in one
    transaction: all of it, or (on any error) none of it."""
    try:
        authority = Authority(
            id=uuid.uuid4(),
            slug=slug_for(name),
            name=name,
            nation=nation,
            policy_key=policy_key,
        )
        db.session.add(authority)
        administrator = Person(
            id=uuid.uuid4(),
            authority_id=authority.id,
            full_name=admin_name,
            email=admin_email.strip().lower(),
            is_professional=True,
            staff_role=StaffRole.ADMINISTRATOR,
            is_active=True,
        )
        db.session.add(administrator)
        db.session.flush()
        accounts.audit(None, COUNCIL_SET_UP, "authority", authority.id)
        accounts.audit(None, STAFF_INVITED, "person", administrator.id)
        link = accounts.send_set_up_link(administrator)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return NewCouncil(authority, administrator, link)


def resend_first_link(administrator: Person) -> accounts.SentLink:
    """A new link for an administrator who has not set up their account (command line)."""
    link = accounts.send_set_up_link(administrator)
    db.session.commit()
    return link


# --- The staff pages ----------------------------------------------------------------------


@dataclass(frozen=True)
class StaffLine:
    id: uuid.UUID
    full_name: str
    email: str | None
    role: StaffRole
    status: StaffStatus


def _line(person: Person) -> StaffLine:
    assert person.staff_role is not None
    return StaffLine(
        id=person.id,
        full_name=person.full_name,
        email=person.email,
        role=person.staff_role,
        status=staff_status(person.is_active, person.password_hash is not None),
    )


def staff(authority: Authority) -> list[StaffLine]:
    """The council's own staff, by name: one query, however many."""
    people = db.session.scalars(
        select(Person)
        .where(Person.authority_id == authority.id, Person.staff_role.is_not(None))
        .order_by(func.lower(Person.full_name), Person.id)
    )
    return [_line(person) for person in people]


def staff_member(authority: Authority, person_id: uuid.UUID) -> StaffLine | None:
    """One of this council's staff; None for anyone else (another council's, a family's)."""
    person = _one_of(authority, person_id, advocates=False)
    return None if person is None else _line(person)


def _one_of(authority: Authority, person_id: uuid.UUID, *, advocates: bool) -> Person | None:
    """One of the council's staff (`advocates` False) or one of the people of the advocacy
    service that takes its referrals (`advocates` True); None for anyone else: another
    council's, a family's, a partner professional's."""
    person = db.session.get(Person, person_id)
    if person is None or person.authority_id != authority.id:
        return None
    if not advocates:
        return person if person.staff_role is not None else None
    service = advocacy.service_for(authority.id)
    if service is None or person.staff_role is not None or person.advocacy_service_id != service.id:
        return None
    return person


def invite_staff(
    authority: Authority, invited_by: Person, *, full_name: str, email: str, role: StaffRole
) -> Person | None:
    """Make the account and send its set-up link; None when the email is already used."""
    if email_in_use(email):
        return None
    person = Person(
        id=uuid.uuid4(),
        authority_id=authority.id,
        full_name=full_name,
        email=email.strip().lower(),
        is_professional=True,
        staff_role=role,
        is_active=True,
    )
    db.session.add(person)
    try:
        db.session.flush()
    except IntegrityError:
        # The same address invited at the same moment (a double click on two tabs).
        db.session.rollback()
        return None
    accounts.audit(invited_by.id, STAFF_INVITED, "person", person.id)
    accounts.send_set_up_link(person, invited_by=invited_by)
    db.session.commit()
    return person


def resend_link(
    authority: Authority, actor: Person, person_id: uuid.UUID, *, advocates: bool = False
) -> bool | None:
    """A new link for someone who has not set up their account yet (earlier ones stop
    working). None for someone not on this council's staff (with `advocates`, not one of
    its advocacy service's people); False when not needed."""
    person = _one_of(authority, person_id, advocates=advocates)
    if person is None:
        return None
    if not person.is_active or person.password_hash is not None:
        return False
    accounts.send_set_up_link(person, invited_by=actor)
    db.session.commit()
    return True


def _active_administrators(authority: Authority) -> int:
    return int(
        db.session.scalar(
            select(func.count())
            .select_from(Person)
            .where(
                Person.authority_id == authority.id,
                Person.staff_role == StaffRole.ADMINISTRATOR,
                Person.is_active.is_(True),
            )
        )
        or 0
    )


def deactivate(
    authority: Authority, actor: Person, person_id: uuid.UUID, *, advocates: bool = False
) -> Refusal | None:
    """Close the account and end every session it has, so the person is signed out
    everywhere at once; their set-up links stop working. None when done.

    Raises LookupError for someone not on this council's staff (with `advocates`, not one
    of its advocacy service's people)."""
    person = _one_of(authority, person_id, advocates=advocates)
    if person is None:
        raise LookupError(person_id)
    if not person.is_active:
        return Refusal.NOT_NEEDED
    # Two administrators closing each other's accounts at once: the second waits for the
    # first, then counts again (SQLite's transactions already take the write lock).
    db.session.execute(select(Authority.id).where(Authority.id == authority.id).with_for_update())
    refusal = may_deactivate(
        actor.id, person.id, person.staff_role, _active_administrators(authority)
    )
    if refusal is not None:
        return refusal
    person.is_active = False
    db.session.execute(
        update(SignInSession)
        .where(SignInSession.person_id == person.id, SignInSession.ended_at.is_(None))
        .values(ended_at=clock.now())
    )
    accounts.replace_links(person.id)
    accounts.audit(actor.id, STAFF_DEACTIVATED, "person", person.id)
    db.session.commit()
    return None


def change_role(
    authority: Authority, actor: Person, person_id: uuid.UUID, role: StaffRole
) -> Refusal | None:
    """Give someone another role for the council. None when done.

    Raises LookupError for someone not on this council's staff."""
    person = db.session.get(Person, person_id)
    if person is None or person.authority_id != authority.id or person.staff_role is None:
        raise LookupError(person_id)
    db.session.execute(select(Authority.id).where(Authority.id == authority.id).with_for_update())
    refusal = may_change_role(
        actor.id,
        person.id,
        person.staff_role,
        role,
        person.is_active,
        _active_administrators(authority),
    )
    if refusal is not None:
        return refusal
    person.staff_role = role
    accounts.audit(actor.id, STAFF_ROLE_CHANGED, "person", person.id)
    db.session.commit()
    return None


def reactivate(
    authority: Authority, actor: Person, person_id: uuid.UUID, *, advocates: bool = False
) -> Refusal | None:
    """Open the account again (they sign in as before; a new link if they never set up)."""
    person = _one_of(authority, person_id, advocates=advocates)
    if person is None:
        raise LookupError(person_id)
    if person.is_active:
        return Refusal.NOT_NEEDED
    person.is_active = True
    accounts.audit(actor.id, STAFF_REACTIVATED, "person", person.id)
    db.session.commit()
    return None


def change_policy(authority: Authority, actor: Person, policy_key: str) -> bool:
    """Follow another timescale policy; False when it is the one already followed.

    Deadlines are computed from the policy whenever they are shown, so every
    conference's deadlines follow the new one at once."""
    if authority.policy_key == policy_key:
        return False
    authority.policy_key = policy_key
    accounts.audit(actor.id, POLICY_CHANGED, "authority", authority.id)
    db.session.commit()
    return True


# --- The advocacy service that takes the council's referrals -------------------------------


def advocacy_service(authority: Authority) -> AdvocacyService | None:
    """The service the council's children are referred to (the first one set up)."""
    return advocacy.service_for(authority.id)


def save_advocacy_service(
    authority: Authority, actor: Person, *, name: str, email: str, phone: str
) -> AdvocacyService:
    """Set up the council's advocacy service, or change its details.

    Setting it up also passes it the children's requests still waiting that were made
    before the council had one (those asking for "an advocate the council finds", not a
    person they named), so no child waits on a service nobody sees."""
    # Two administrators saving at once: the second waits, then finds the first's service.
    db.session.execute(select(Authority.id).where(Authority.id == authority.id).with_for_update())
    service = advocacy.service_for(authority.id)
    new = service is None
    if service is None:
        service = AdvocacyService(id=uuid.uuid4(), authority_id=authority.id)
        db.session.add(service)
    service.name = name
    service.contact_email = email.strip().lower()
    service.contact_phone = phone.strip()
    db.session.flush()
    if new:
        waiting = select(AdvocateRequest).where(
            AdvocateRequest.status == AdvocateRequestStatus.REQUESTED,
            AdvocateRequest.for_child_id.is_not(None),
            AdvocateRequest.advocacy_service_id.is_(None),
            AdvocateRequest.named_advocate.is_(None),
            AdvocateRequest.conference_id.in_(
                select(Conference.id).where(Conference.authority_id == authority.id)
            ),
        )
        for request in db.session.scalars(waiting):
            request.advocacy_service_id = service.id
    accounts.audit(
        actor.id,
        ADVOCACY_SERVICE_SET_UP if new else ADVOCACY_SERVICE_CHANGED,
        "advocacy_service",
        service.id,
    )
    db.session.commit()
    return service


@dataclass(frozen=True)
class AdvocateLine:
    id: uuid.UUID
    full_name: str
    email: str | None
    status: StaffStatus


def _advocate_line(person: Person) -> AdvocateLine:
    return AdvocateLine(
        id=person.id,
        full_name=person.full_name,
        email=person.email,
        status=staff_status(person.is_active, person.password_hash is not None),
    )


def advocates(authority: Authority) -> list[AdvocateLine]:
    """The people of the council's advocacy service, by name (none when it has no service)."""
    service = advocacy.service_for(authority.id)
    if service is None:
        return []
    people = db.session.scalars(
        select(Person)
        .where(
            Person.advocacy_service_id == service.id,
            Person.authority_id == authority.id,
            Person.staff_role.is_(None),
        )
        .order_by(func.lower(Person.full_name), Person.id)
    )
    return [_advocate_line(person) for person in people]


def advocate(authority: Authority, person_id: uuid.UUID) -> AdvocateLine | None:
    """One of the service's people; None for anyone else (staff, another council's)."""
    person = _one_of(authority, person_id, advocates=True)
    return None if person is None else _advocate_line(person)


def invite_advocate(
    authority: Authority, invited_by: Person, *, full_name: str, email: str
) -> Person | None:
    """An account for someone who works for the council's advocacy service, and its set-up
    link; None when the email is already used.

    They are professionals outside the council: no staff role (so no caseload, no
    conference of the council unless they are in it), only the service's referrals until
    they accept one. Raises LookupError when the council has no advocacy service yet."""
    service = advocacy.service_for(authority.id)
    if service is None:
        raise LookupError("no advocacy service")
    if email_in_use(email):
        return None
    person = Person(
        id=uuid.uuid4(),
        authority_id=authority.id,
        full_name=full_name,
        email=email.strip().lower(),
        is_professional=True,
        agency=service.name,
        staff_role=None,
        advocacy_service_id=service.id,
        is_active=True,
    )
    db.session.add(person)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return None
    accounts.audit(invited_by.id, ADVOCATE_INVITED, "person", person.id)
    accounts.send_set_up_link(person, invited_by=invited_by)
    db.session.commit()
    return person
