"""A professional's list of conferences: one page at a time, by keyset, in a fixed number of
queries whatever the size of the council.

A chair, social worker or conference administrator sees the conferences they run; a manager
or the council's administrators (`SEES_EVERY_CONFERENCE`) see every conference of their
council and may narrow it to one social worker or chair. Only the page's rows have their
deadlines computed.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, exists, or_, select, tuple_

from portal.data.interfaces import deadlines as deadline_store
from portal.data.models import (
    Authority,
    Conference,
    ConferenceStatus,
    Participant,
    Person,
    Role,
    StaffRole,
)
from portal.domain import caseload as rules
from portal.domain.deadlines import latest_on_time
from portal.domain.vocabulary import RUNS_THE_CONFERENCE, SEES_EVERY_CONFERENCE
from portal.extensions import db

PAGE_SIZE = 25
UPCOMING, PAST = "upcoming", "past"
BY_DATE, BY_FAMILY, BY_DEADLINE = "date", "family", "deadline"
SORTS = (BY_DATE, BY_FAMILY, BY_DEADLINE)


@dataclass(frozen=True)
class Query:
    """What the list shows: which conferences, in what order, from where."""

    when: str = UPCOMING
    sort: str = BY_DATE
    status: ConferenceStatus | None = None
    social_worker_id: uuid.UUID | None = None
    chair_id: uuid.UUID | None = None
    after: str | None = None  # the cursor: where the previous page ended


@dataclass(frozen=True)
class Row:
    conference: Conference
    my_role: Role | None
    chairs: list[str]
    social_workers: list[str]
    deadlines: deadline_store.ConferenceDeadlines
    next_line: deadline_store.DeadlineLine | None
    attention: str


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    next_cursor: str | None
    sees_every_conference: bool
    first_page: bool
    staff: dict[StaffRole, list[tuple[uuid.UUID, str]]] = field(default_factory=dict)


def sees_every_conference(person: Person) -> bool:
    return bool(
        person.is_professional
        and person.is_active
        and person.authority_id is not None
        and person.staff_role in SEES_EVERY_CONFERENCE
    )


def _encode(values: list[str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _decode(cursor: str | None) -> list[str] | None:
    """The cursor's values, or None for a cursor that was not made here (the first page)."""
    if not cursor:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error):
        return None
    if not isinstance(values, list) or len(values) != 2:
        return None
    if not all(isinstance(value, str) for value in values):
        return None
    return values


def _keys(query: Query) -> tuple[list[Any], bool]:
    """The columns that order the list (the last is the id), and whether they descend."""
    descending = query.when == PAST
    if query.sort == BY_FAMILY:
        return [Conference.family_name, Conference.id], False
    return [Conference.starts_at, Conference.id], descending


def _after(statement: Select[Any], query: Query) -> Select[Any]:
    values = _decode(query.after)
    if values is None:
        return statement
    try:
        last_id = uuid.UUID(values[1])
        first: object = values[0] if query.sort == BY_FAMILY else datetime.fromisoformat(values[0])
    except ValueError:
        return statement
    if isinstance(first, datetime) and first.tzinfo is None:
        return statement
    columns, descending = _keys(query)
    key = tuple_(*columns)
    bound = tuple_(first, last_id)
    return statement.where(key < bound if descending else key > bound)


def _cursor(conference: Conference, query: Query) -> str:
    if query.sort == BY_FAMILY:
        return _encode([conference.family_name, str(conference.id)])
    return _encode([conference.starts_at.isoformat(), str(conference.id)])


def page(person: Person, query: Query, now: datetime, start_of_today: datetime) -> Page:
    """One page of `person`'s list. The queries are fixed: the page of conferences, the
    chairs and social workers of its rows, the person's own roles in them, three for the
    deadlines, and the council's staff for a manager's filters."""
    every = sees_every_conference(person)
    statement: Select[Any] = select(Conference).where(
        Conference.authority_id == person.authority_id
    )
    if not every:
        statement = statement.where(
            exists().where(
                Participant.conference_id == Conference.id,
                Participant.person_id == person.id,
                Participant.role.in_(list(RUNS_THE_CONFERENCE)),
            )
        )
    if query.when == PAST:
        statement = statement.where(Conference.starts_at < start_of_today)
    else:
        statement = statement.where(Conference.starts_at >= start_of_today)
    if query.status is not None:
        statement = statement.where(Conference.status == query.status)
    for role, chosen in (
        (Role.SOCIAL_WORKER, query.social_worker_id),
        (Role.CHAIR, query.chair_id),
    ):
        if chosen is not None and every:
            statement = statement.where(
                exists().where(
                    Participant.conference_id == Conference.id,
                    Participant.person_id == chosen,
                    Participant.role == role,
                )
            )
    statement = _after(statement, query)
    columns, descending = _keys(query)
    ordered = statement.order_by(
        *[column.desc() if descending else column for column in columns]
    ).limit(PAGE_SIZE + 1)
    found = list(db.session.scalars(ordered))
    more = len(found) > PAGE_SIZE
    conferences = found[:PAGE_SIZE]

    ids = [conference.id for conference in conferences]
    chairs: dict[uuid.UUID, list[str]] = defaultdict(list)
    workers: dict[uuid.UUID, list[str]] = defaultdict(list)
    mine: dict[uuid.UUID, Role] = {}
    if ids:
        for conference_id, role, person_id, name in db.session.execute(
            select(Participant.conference_id, Participant.role, Person.id, Person.full_name)
            .join(Person, Person.id == Participant.person_id)
            .where(
                Participant.conference_id.in_(ids),
                or_(
                    Participant.role.in_([Role.CHAIR, Role.SOCIAL_WORKER]),
                    and_(
                        Participant.person_id == person.id,
                        Participant.role.in_(list(RUNS_THE_CONFERENCE)),
                    ),
                ),
            )
            .order_by(Person.full_name)
        ):
            if role == Role.CHAIR:
                chairs[conference_id].append(name)
            elif role == Role.SOCIAL_WORKER:
                workers[conference_id].append(name)
            if person_id == person.id and role in RUNS_THE_CONFERENCE:
                mine[conference_id] = role
    authority = db.session.get(Authority, person.authority_id)
    computed = deadline_store.for_conferences(conferences, authority) if authority else {}
    rows = []
    for conference in conferences:
        lines = computed[conference.id]
        rows.append(
            Row(
                conference=conference,
                my_role=mine.get(conference.id),
                chairs=chairs.get(conference.id, []),
                social_workers=workers.get(conference.id, []),
                deadlines=lines,
                next_line=rules.next_deadline(lines.lines),
                attention=rules.attention(lines.lines),
            )
        )
    if query.sort == BY_DEADLINE:
        # Within the page: the most pressing first (overdue, then the soonest due).
        rows.sort(
            key=lambda row: (
                rules.ATTENTION.index(row.attention),
                latest_on_time(row.next_line.deadline.due) if row.next_line else now,
            )
        )
    return Page(
        rows=rows,
        next_cursor=_cursor(conferences[-1], query) if more else None,
        sees_every_conference=every,
        first_page=_decode(query.after) is None,
        staff=staff_for_filters(person) if every else {},
    )


def staff_for_filters(person: Person) -> dict[StaffRole, list[tuple[uuid.UUID, str]]]:
    """The council's active chairs and social workers, by name, for a manager's filters."""
    found: dict[StaffRole, list[tuple[uuid.UUID, str]]] = {
        StaffRole.SOCIAL_WORKER: [],
        StaffRole.CHAIR: [],
    }
    for person_id, role, name in db.session.execute(
        select(Person.id, Person.staff_role, Person.full_name)
        .where(
            Person.authority_id == person.authority_id,
            Person.is_active.is_(True),
            Person.staff_role.in_([StaffRole.SOCIAL_WORKER, StaffRole.CHAIR]),
        )
        .order_by(Person.full_name, Person.id)
    ):
        if role is not None:
            found[role].append((person_id, name))
    return found


def overseen(person: Person, conference_id: uuid.UUID) -> Conference | None:
    """A conference of the person's own council, for a manager or administrator who sees
    every conference of it; None for anyone else or another council's conference."""
    if not sees_every_conference(person):
        return None
    conference = db.session.get(Conference, conference_id)
    if conference is None or conference.authority_id != person.authority_id:
        return None
    return conference


def case_holders(conference_id: uuid.UUID) -> list[tuple[Role, str]]:
    """Who runs a conference (chair, social worker, administrator), by name."""
    return [
        (role, name)
        for role, name in db.session.execute(
            select(Participant.role, Person.full_name)
            .join(Person, Person.id == Participant.person_id)
            .where(
                Participant.conference_id == conference_id,
                Participant.role.in_(list(RUNS_THE_CONFERENCE)),
            )
            .order_by(Participant.role, Person.full_name)
        )
    ]
