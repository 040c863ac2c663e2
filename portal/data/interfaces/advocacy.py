"""A child's advocate: asking for one, the advocacy service's referrals, what the advocate
writes and records, and the clock that tells the social worker.

Functions that change something leave the commit to the caller (`commit`), so the
messages the change causes are written in the same transaction (ADR 0008).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.strategy_options import _AbstractLoad

from portal.data.interfaces.visible import viewer_for
from portal.data.models import (
    AdvocacyService,
    AdvocateContact,
    AdvocateContactWay,
    AdvocateDeclineReason,
    AdvocateRequest,
    AdvocateRequestStatus,
    AdvocateStatement,
    Authority,
    Child,
    ClosureDay,
    Conference,
    ConferenceStatus,
    Participant,
    Person,
    Role,
    SubmissionStatus,
)
from portal.domain import advocates, clock, visibility
from portal.domain.working_days import WorkingCalendar, calendar_nation
from portal.extensions import db


def commit() -> None:
    db.session.commit()


# --- The advocacy service and its people ---------------------------------------------------


def service_of(person: Person) -> AdvocacyService | None:
    """The advocacy service an active professional works for, if any."""
    if not person.is_professional or not person.is_active or person.advocacy_service_id is None:
        return None
    return db.session.get(AdvocacyService, person.advocacy_service_id)


def service_for(authority_id: uuid.UUID) -> AdvocacyService | None:
    """The advocacy service that takes this council's referrals (the first one set up)."""
    return db.session.scalars(
        select(AdvocacyService)
        .where(AdvocacyService.authority_id == authority_id)
        .order_by(AdvocacyService.created_at, AdvocacyService.id)
    ).first()


def service_people(service_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        db.session.scalars(
            select(Person.id).where(
                Person.advocacy_service_id == service_id, Person.is_active.is_(True)
            )
        )
    )


# --- Asking -----------------------------------------------------------------------------------


def _with_people() -> list[_AbstractLoad]:
    return [
        joinedload(AdvocateRequest.child),
        joinedload(AdvocateRequest.advocate).joinedload(Participant.person),
        joinedload(AdvocateRequest.advocacy_service),
    ]


def requests_for_children(conference_id: uuid.UUID) -> list[AdvocateRequest]:
    """Every child's request in the conference (parents' own requests are not here)."""
    return list(
        db.session.scalars(
            select(AdvocateRequest)
            .where(
                AdvocateRequest.conference_id == conference_id,
                AdvocateRequest.for_child_id.is_not(None),
            )
            .options(*_with_people())
            .order_by(AdvocateRequest.created_at)
        ).unique()
    )


@dataclass(frozen=True)
class Asked:
    request: AdvocateRequest
    new: bool  # False when it was already asked for (nothing changed)


def ask(
    asker: Participant,
    child_id: uuid.UUID,
    named_advocate: str | None,
    young_person_agreed: bool = False,
) -> Asked:
    """Ask for an advocate for one child: from the council's advocacy service, or the
    person named. Asking again while a request is open changes nothing; asking after
    it was not possible asks afresh (the same row: one request per child)."""
    conference = asker.conference
    if child_id not in {child.id for child in conference.children}:
        raise LookupError("not a child of this conference")

    def existing() -> AdvocateRequest | None:
        return db.session.scalars(
            select(AdvocateRequest).where(
                AdvocateRequest.conference_id == conference.id,
                AdvocateRequest.for_child_id == child_id,
            )
        ).first()

    found = existing()
    if found is not None and found.status != AdvocateRequestStatus.DECLINED:
        return Asked(found, new=False)
    fresh = found is None
    if found is None:
        found = AdvocateRequest(conference_id=conference.id, for_child_id=child_id)
    found.requested_by_id = asker.id
    found.status = AdvocateRequestStatus.REQUESTED
    found.named_advocate = named_advocate or None
    found.advocacy_service_id = (
        None if named_advocate else getattr(service_for(conference.authority_id), "id", None)
    )
    found.young_person_agreed = young_person_agreed or asker.role == Role.YOUNG_PERSON
    found.asked_at = clock.now()
    found.decline_reason = None
    found.decline_words = ""
    found.handled_by_id = None
    found.resolved_at = None
    found.social_worker_told_at = None
    if fresh:
        # Two people asking at the same moment: the unique constraint keeps one request,
        # and the second asker finds it already there.
        try:
            with db.session.begin_nested():
                db.session.add(found)
                db.session.flush()
        except IntegrityError:
            already = existing()
            if already is None:
                raise
            return Asked(already, new=False)
    db.session.flush()
    return Asked(found, new=True)


def social_workers(conference_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        db.session.scalars(
            select(Participant.person_id).where(
                Participant.conference_id == conference_id,
                Participant.role == Role.SOCIAL_WORKER,
            )
        )
    )


def young_person(conference_id: uuid.UUID, child_id: uuid.UUID) -> uuid.UUID | None:
    """The child's own sign-in, when they take part in the conference."""
    return db.session.scalars(
        select(Participant.person_id).where(
            Participant.conference_id == conference_id,
            Participant.role == Role.YOUNG_PERSON,
            Participant.child_id == child_id,
        )
    ).first()


# --- The advocacy service's referrals ---------------------------------------------------------


@dataclass(frozen=True)
class Referral:
    request: AdvocateRequest
    conference: Conference
    child: Child
    asked_by_name: str
    asked_by_role: Role
    social_workers: list[Person]


def _referrals(service: AdvocacyService, request_id: uuid.UUID | None = None) -> list[Referral]:
    statement = (
        select(AdvocateRequest)
        .where(AdvocateRequest.advocacy_service_id == service.id)
        .options(
            *_with_people(),
            joinedload(AdvocateRequest.conference),
            joinedload(AdvocateRequest.requested_by).joinedload(Participant.person),
        )
        .order_by(AdvocateRequest.asked_at.desc(), AdvocateRequest.id)
    )
    if request_id is not None:
        statement = statement.where(AdvocateRequest.id == request_id)
    found = [r for r in db.session.scalars(statement).unique() if r.child is not None]
    conference_ids = {r.conference_id for r in found}
    workers: dict[uuid.UUID, list[Person]] = {}
    if conference_ids:
        for conference_id, person in db.session.execute(
            select(Participant.conference_id, Person)
            .join(Person, Person.id == Participant.person_id)
            .where(
                Participant.conference_id.in_(conference_ids),
                Participant.role == Role.SOCIAL_WORKER,
            )
        ):
            workers.setdefault(conference_id, []).append(person)
    return [
        Referral(
            request=r,
            conference=r.conference,
            child=r.child,  # type: ignore[arg-type]
            asked_by_name=r.requested_by.person.full_name,
            asked_by_role=r.requested_by.role,
            social_workers=workers.get(r.conference_id, []),
        )
        for r in found
    ]


def referrals(service: AdvocacyService) -> list[Referral]:
    """The service's referrals, newest first: before anyone from it takes part (fixed queries)."""
    return _referrals(service)


def referral(service: AdvocacyService, request_id: uuid.UUID) -> Referral | None:
    """One referral of this service; another service's gives None."""
    found = _referrals(service, request_id)
    return found[0] if found else None


def accept(request: AdvocateRequest, person: Person, agency: str) -> Participant | None:
    """The advocate takes the referral and joins the conference for that child. None when
    they already support another child in the same conference (a colleague should)."""
    participant = db.session.scalars(
        select(Participant).where(
            Participant.conference_id == request.conference_id,
            Participant.person_id == person.id,
            Participant.role == Role.ADVOCATE,
        )
    ).first()
    if participant is not None and participant.child_id not in (None, request.for_child_id):
        return None
    now = clock.now()
    if participant is None:
        participant = Participant(
            conference_id=request.conference_id,
            person_id=person.id,
            role=Role.ADVOCATE,
            child_id=request.for_child_id,
            agency=agency,
            invited_at=now,
        )
        db.session.add(participant)
        db.session.flush()
    participant.child_id = request.for_child_id
    request.status = AdvocateRequestStatus.ARRANGED
    request.advocate_id = participant.id
    request.handled_by_id = person.id
    request.resolved_at = now
    db.session.flush()
    return participant


def decline(
    request: AdvocateRequest, person: Person, reason: AdvocateDeclineReason, words: str
) -> None:
    request.status = AdvocateRequestStatus.DECLINED
    request.decline_reason = reason
    request.decline_words = words
    request.handled_by_id = person.id
    request.resolved_at = clock.now()
    db.session.flush()


def request_in(conference_id: uuid.UUID, request_id: uuid.UUID) -> AdvocateRequest | None:
    """A child's request in this conference; any other id gives None."""
    found = db.session.get(AdvocateRequest, request_id)
    if found is None or found.conference_id != conference_id or found.for_child_id is None:
        return None
    return found


def arranged_by_social_worker(request: AdvocateRequest, person: Person) -> None:
    """The social worker found an advocate another way (say, the person the child named)."""
    request.status = AdvocateRequestStatus.ARRANGED
    request.handled_by_id = person.id
    request.resolved_at = clock.now()
    db.session.flush()


# --- The advocate's work for the child ----------------------------------------------------


def request_of(advocate: Participant) -> AdvocateRequest | None:
    """The referral an advocate in a conference took."""
    return db.session.scalars(
        select(AdvocateRequest)
        .where(AdvocateRequest.advocate_id == advocate.id)
        .options(*_with_people())
    ).first()


def statement_for(request: AdvocateRequest) -> AdvocateStatement | None:
    return db.session.scalars(
        select(AdvocateStatement).where(AdvocateStatement.request_id == request.id)
    ).first()


def save_statement(
    request: AdvocateRequest,
    advocate: Participant,
    text: str,
    shared_with: Iterable[uuid.UUID],
    send: bool,
) -> AdvocateStatement:
    """Keep the draft, or send it. A sent statement is what others see; it stays sent."""
    statement = statement_for(request)
    if statement is None:
        statement = AdvocateStatement(
            conference_id=request.conference_id,
            request_id=request.id,
            child_id=request.for_child_id,
            written_by_id=advocate.id,
        )
        db.session.add(statement)
    statement.text = text
    statement.shared_with = sorted(str(p) for p in shared_with)
    statement.updated_at = clock.now()
    if send and statement.status != SubmissionStatus.SENT:
        statement.status = SubmissionStatus.SENT
        statement.sent_at = clock.now()
    db.session.flush()
    return statement


def statements(participant: Participant) -> list[AdvocateStatement]:
    """The advocates' statements in the participant's conference that they may see."""
    viewer = viewer_for(participant)
    return [
        s
        for s in db.session.scalars(
            select(AdvocateStatement)
            .where(AdvocateStatement.conference_id == participant.conference_id)
            .options(
                joinedload(AdvocateStatement.child),
                joinedload(AdvocateStatement.written_by).joinedload(Participant.person),
            )
            .order_by(AdvocateStatement.created_at)
        ).unique()
        if visibility.can_see_advocate_statement(viewer, s)
    ]


def statement(participant: Participant, statement_id: uuid.UUID) -> AdvocateStatement | None:
    found = db.session.get(AdvocateStatement, statement_id)
    if found is None or found.conference_id != participant.conference_id:
        return None
    return found if visibility.can_see_advocate_statement(viewer_for(participant), found) else None


def contacts(request_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[AdvocateContact]]:
    """Each request's recorded meetings with the child, newest first."""
    ids = list(request_ids)
    found: dict[uuid.UUID, list[AdvocateContact]] = {i: [] for i in ids}
    if ids:
        for contact in db.session.scalars(
            select(AdvocateContact)
            .where(AdvocateContact.request_id.in_(ids))
            .order_by(AdvocateContact.met_on.desc(), AdvocateContact.created_at.desc())
        ):
            found[contact.request_id].append(contact)
    return found


def record_contact(
    request: AdvocateRequest, person: Person, met_on: date, way: AdvocateContactWay
) -> AdvocateContact:
    contact = AdvocateContact(
        request_id=request.id, met_on=met_on, way=way, recorded_by_id=person.id
    )
    db.session.add(contact)
    db.session.flush()
    return contact


# --- The clock ------------------------------------------------------------------------------


def waiting_too_long(now: datetime) -> list[AdvocateRequest]:
    """Children's requests with no advocate found within a working day, whose social
    worker has not been told yet (for conferences still to be held)."""
    waiting = list(
        db.session.scalars(
            select(AdvocateRequest)
            .join(Conference, Conference.id == AdvocateRequest.conference_id)
            .where(
                AdvocateRequest.status == AdvocateRequestStatus.REQUESTED,
                AdvocateRequest.for_child_id.is_not(None),
                AdvocateRequest.social_worker_told_at.is_(None),
                Conference.status.in_([ConferenceStatus.SCHEDULED, ConferenceStatus.POSTPONED]),
            )
            .options(joinedload(AdvocateRequest.conference).joinedload(Conference.authority))
        ).unique()
    )
    authority_ids = {r.conference.authority_id for r in waiting}
    closures: dict[uuid.UUID, list[date]] = {}
    if authority_ids:
        for authority_id, day in db.session.execute(
            select(ClosureDay.authority_id, ClosureDay.day).where(
                ClosureDay.authority_id.in_(authority_ids)
            )
        ):
            closures.setdefault(authority_id, []).append(day)
    calendars: dict[uuid.UUID, WorkingCalendar] = {}
    due = []
    for request in waiting:
        authority: Authority = request.conference.authority
        calendar = calendars.setdefault(
            authority.id,
            WorkingCalendar(
                calendar_nation(authority.nation.value), closures.get(authority.id, [])
            ),
        )
        asked_at = request.asked_at or request.created_at
        if advocates.social_worker_must_be_told(
            request.status, asked_at, request.social_worker_told_at, now, calendar
        ):
            due.append(request)
    return due


def calendar_for(authority: Authority) -> WorkingCalendar:
    """The council's working days: bank holidays of its nation and its closure days."""
    closures = db.session.scalars(
        select(ClosureDay.day).where(ClosureDay.authority_id == authority.id)
    ).all()
    return WorkingCalendar(calendar_nation(authority.nation.value), closures)


def mark_told(request: AdvocateRequest, now: datetime) -> None:
    request.social_worker_told_at = now
    db.session.flush()
