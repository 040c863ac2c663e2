"""Many realistic conferences for the demo council, for benchmarks and load tests.

`flask --app portal demo --conferences N` (refused in production, like the demo) adds N
conferences to Northfield: children, parents and sometimes a young person, the chair, social
worker and other professionals (the demo's Jo, Priya and Chris in some, generated staff in the
rest), reports with versions that the family read, sent answers, an advocate request now and
then, and a few audit events, with dates from two years ago to six months ahead.

Rows are written with bulk inserts in chunks (no ORM objects), so 10,000 conferences take
seconds, not minutes. Each run adds N more; nothing already there changes.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Table, func, insert, select, text

from portal.data.models import (
    AboutChild,
    AdvocateRequest,
    AdvocateRequestStatus,
    AttendanceMode,
    AuditEvent,
    Authority,
    Child,
    Conference as ConferenceModel,
    ConferenceChild,
    ConferenceKind,
    ConferencePart,
    ConferenceStatus,
    Participant,
    Person,
    Preferences,
    Report,
    ReportAudience,
    ReportKind,
    ReportRead,
    ReportVersion,
    Role,
    StaffRole,
    SubmissionStatus,
)
from portal.domain import family_answers
from portal.extensions import db

LONDON = ZoneInfo("Europe/London")
CHUNK = 2000
GENERATED_STAFF = 24  # generated chairs and social workers, beside the demo's own

FAMILY_NAMES = [
    "Ahmed",
    "Baker",
    "Clarke",
    "Davies",
    "Edwards",
    "Evans",
    "Fisher",
    "Green",
    "Hall",
    "Hughes",
    "Iqbal",
    "Jones",
    "Kaur",
    "Kowalski",
    "Lewis",
    "Morgan",
    "Nowak",
    "Owen",
    "Parry",
    "Price",
    "Roberts",
    "Singh",
    "Smith",
    "Taylor",
    "Thomas",
    "Walker",
    "Williams",
    "Wilson",
    "Wright",
    "Young",
    "Begum",
    "Campbell",
    "Murphy",
    "Okafor",
    "Popescu",
    "Rahman",
    "Stewart",
    "Turner",
    "Ward",
    "Hussain",
]
FIRST_NAMES = [
    "Aisha",
    "Alfie",
    "Amelia",
    "Ava",
    "Ben",
    "Chloe",
    "Dylan",
    "Ella",
    "Emily",
    "Erin",
    "Evie",
    "Freya",
    "George",
    "Grace",
    "Harry",
    "Isla",
    "Jack",
    "Jacob",
    "Lily",
    "Logan",
    "Mason",
    "Mia",
    "Noah",
    "Oliver",
    "Oscar",
    "Poppy",
    "Rosie",
    "Ruby",
    "Sofia",
    "Zara",
    "Yusuf",
    "Hana",
    "Tomasz",
    "Amara",
    "Leon",
    "Nia",
    "Rhys",
    "Seren",
    "Cai",
    "Elin",
]
ADULT_NAMES = [
    "Sarah",
    "Claire",
    "Joanne",
    "Kelly",
    "Natalie",
    "Rachel",
    "Sadia",
    "Farah",
    "Agnieszka",
    "Grace",
    "Mark",
    "Paul",
    "Lee",
    "Craig",
    "Imran",
    "Daniel",
    "Tomasz",
    "Michael",
    "Gareth",
    "Dewi",
]
# Language codes of portal.domain.languages, as a person's record and answers hold them.
LANGUAGES = ("en", "en", "en", "ur", "pl", "cy", "bn", "ro")
REPORT_KINDS = (
    (
        ReportKind.SOCIAL_WORK,
        "Social work report",
        "Northfield Borough Council Children's Services",
    ),
    (ReportKind.SCHOOL, "School report", "Northfield Academy"),
    (ReportKind.HEALTH, "Health visitor report", "Northfield NHS Trust"),
    (ReportKind.POLICE, "Police information", "Northfield Police"),
)
SECTIONS = [
    {"heading": "Why we are meeting", "text": "Worries were raised by the school last month."},
    {"heading": "What is working well", "text": "The children are at school every day."},
    {"heading": "What we are worried about", "text": "Arguments at home frighten the children."},
    {"heading": "What needs to happen", "text": "The family need support to keep things calm."},
]


def _insert(table: Table, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(table), rows[start : start + CHUNK])


def _at(day: datetime, hour: int) -> datetime:
    local = datetime.combine(day.astimezone(LONDON).date(), time(hour), tzinfo=LONDON)
    return local.astimezone(UTC)


def _staff(authority: Authority, rng: random.Random) -> dict[StaffRole, list[uuid.UUID]]:
    """The council's chairs and social workers: the demo's, and generated colleagues (made once)."""
    existing: list[tuple[uuid.UUID, StaffRole | None, str | None]] = [
        (row[0], row[1], row[2])
        for row in db.session.execute(
            select(Person.id, Person.staff_role, Person.email).where(
                Person.authority_id == authority.id, Person.staff_role.is_not(None)
            )
        )
    ]
    if not any((email or "").startswith("staff-") for _id, _role, email in existing):
        rows: list[dict[str, Any]] = []
        for n in range(GENERATED_STAFF):
            role = StaffRole.CHAIR if n % 3 == 0 else StaffRole.SOCIAL_WORKER
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "authority_id": authority.id,
                    "full_name": f"{rng.choice(ADULT_NAMES)} {rng.choice(FAMILY_NAMES)}",
                    "email": f"staff-{n + 1}@northfield.example",
                    "is_professional": True,
                    "job_title": "Conference chair" if role == StaffRole.CHAIR else "Social worker",
                    "agency": authority.name,
                    "staff_role": role,
                    "is_active": True,
                    "created_at": datetime.now(UTC),
                }
            )
        _insert(Person.__table__, rows)
        existing += [(row["id"], row["staff_role"], row["email"]) for row in rows]
    staff: dict[StaffRole, list[uuid.UUID]] = {}
    for person_id, staff_role, _email in existing:
        if staff_role is not None:
            staff.setdefault(staff_role, []).append(person_id)
    return staff


def _demo_person(email: str) -> uuid.UUID | None:
    return db.session.scalar(select(Person.id).where(Person.email == email))


def add_conferences(authority_slug: str, count: int, now: datetime, seed: int = 0) -> int:
    """Add `count` conferences to the council with this slug; returns how many it now has."""
    authority = db.session.scalars(select(Authority).where(Authority.slug == authority_slug)).one()
    already = db.session.scalar(
        select(func.count())
        .select_from(ConferenceModel)
        .where(ConferenceModel.authority_id == authority.id)
    )
    rng = random.Random(seed + (already or 0))  # noqa: S311 - made-up data, not secrets
    staff = _staff(authority, rng)
    jo = _demo_person("jo.evans@northfield.example")
    priya = _demo_person("priya.patel@northfield.example")
    chris = _demo_person("chris.lee@northfield.example")
    chairs = staff.get(StaffRole.CHAIR, [])
    workers = staff.get(StaffRole.SOCIAL_WORKER, [])

    tables: dict[str, list[dict[str, Any]]] = {
        name: []
        for name in [
            "person",
            "conference",
            "child",
            "conference_child",
            "participant",
            "report",
            "report_version",
            "report_read",
            "preferences",
            "about_child",
            "advocate_request",
            "audit_event",
        ]
    }
    for n in range(count):
        _one_conference(
            authority, rng, now, n, tables, chairs, workers, jo=jo, priya=priya, chris=chris
        )
    order: Iterable[tuple[str, Table]] = (
        ("person", Person.__table__),
        ("conference", ConferenceModel.__table__),
        ("child", Child.__table__),
        ("conference_child", ConferenceChild.__table__),
        ("participant", Participant.__table__),
        ("report", Report.__table__),
        ("report_version", ReportVersion.__table__),
        ("report_read", ReportRead.__table__),
        ("preferences", Preferences.__table__),
        ("about_child", AboutChild.__table__),
        ("advocate_request", AdvocateRequest.__table__),
        ("audit_event", AuditEvent.__table__),
    )
    for name, table in order:
        _insert(table, tables[name])
    db.session.commit()
    if db.session.get_bind().dialect.name == "postgresql":
        # Fresh statistics, so the planner knows the tables grew (autovacuum would, later).
        for name, _table in order:
            db.session.execute(text(f"ANALYZE {name}"))
        db.session.commit()
    return (already or 0) + count


def _one_conference(
    authority: Authority,
    rng: random.Random,
    now: datetime,
    n: int,
    tables: Mapping[str, list[dict[str, Any]]],
    chairs: list[uuid.UUID],
    workers: list[uuid.UUID],
    *,
    jo: uuid.UUID | None,
    priya: uuid.UUID | None,
    chris: uuid.UUID | None,
) -> None:
    family = rng.choice(FAMILY_NAMES)
    # From two years ago to six months ahead, in working hours.
    day = now + timedelta(days=rng.randint(-730, 180))
    while day.astimezone(LONDON).weekday() >= 5:
        day += timedelta(days=1)
    starts = _at(day, rng.choice((9, 10, 11, 13, 14)))
    past = starts < now
    status = ConferenceStatus.HELD if past else ConferenceStatus.SCHEDULED
    roll = rng.random()
    if roll < 0.04:
        status = ConferenceStatus.CANCELLED
    elif roll < 0.08:
        status = ConferenceStatus.POSTPONED
    kind = rng.choices(list(ConferenceKind), weights=(5, 6, 1, 1))[0]
    two_parts = rng.random() < 0.15
    conference_id = uuid.uuid4()
    created = starts - timedelta(days=rng.randint(12, 30))
    tables["conference"].append(
        {
            "id": conference_id,
            "authority_id": authority.id,
            "kind": kind,
            "status": status,
            "family_name": family,
            "starts_at": starts,
            "expected_end_at": starts + timedelta(hours=2),
            "ended_at": starts + timedelta(hours=2) if status == ConferenceStatus.HELD else None,
            "strategy_discussion_on": (starts - timedelta(days=14)).date()
            if kind == ConferenceKind.INITIAL
            else None,
            "venue": "Northfield Civic Centre, Market Square, Northfield NF1 1AA",
            "virtual_link": None,
            "local_office": None,
            "in_two_parts": two_parts,
            "part_two_starts_at": starts + timedelta(hours=1) if two_parts else None,
            "created_at": created,
        }
    )

    children = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        child_id = uuid.uuid4()
        age = rng.randint(0, 16)
        children.append((child_id, age))
        tables["child"].append(
            {
                "id": child_id,
                "authority_id": authority.id,
                "person_id": None,
                "first_name": rng.choice(FIRST_NAMES),
                "last_name": family,
                "date_of_birth": (starts - timedelta(days=365 * age + rng.randint(0, 364))).date(),
                "expected_birth": None,
                "created_at": created,
            }
        )
        tables["conference_child"].append({"conference_id": conference_id, "child_id": child_id})

    def participant(
        person_id: uuid.UUID, role: Role, part: ConferencePart = ConferencePart.BOTH, **extra: Any
    ) -> uuid.UUID:
        participant_id = uuid.uuid4()
        tables["participant"].append(
            {
                "id": participant_id,
                "conference_id": conference_id,
                "person_id": person_id,
                "role": role,
                "relationship_to_child": extra.get("relationship"),
                "agency": extra.get("agency"),
                "part": part,
                "child_id": extra.get("child_id"),
                "invited_at": created,
                "privacy_notice_seen_at": None,
                "agreed_to_keep_reports_private_at": extra.get("agreed"),
                "created_at": created,
            }
        )
        return participant_id

    def family_person(first: str, language: str | None = None) -> uuid.UUID:
        person_id = uuid.uuid4()
        tables["person"].append(
            {
                "id": person_id,
                "authority_id": authority.id,
                "full_name": f"{first} {family}",
                "email": None,
                "preferred_language": language,
                "is_professional": False,
                "is_active": True,
                "created_at": created,
            }
        )
        return person_id

    # The demo's own staff hold a share of the caseload, so their lists are realistic.
    chair = jo if jo and rng.random() < 0.15 else rng.choice(chairs)
    worker = priya if priya and rng.random() < 0.12 else rng.choice(workers)
    participant(chair, Role.CHAIR)
    social_worker = participant(worker, Role.SOCIAL_WORKER)
    if chris and rng.random() < 0.1:
        participant(chris, Role.ADMINISTRATOR)

    parents = []
    person_of: dict[uuid.UUID, uuid.UUID] = {}
    for index, relationship in enumerate(rng.choice((("mother",), ("mother", "father")))):
        part = ConferencePart.BOTH
        if two_parts:
            part = ConferencePart.PART_ONE if index == 0 else ConferencePart.PART_TWO
        agreed = created + timedelta(days=2) if rng.random() < 0.7 else None
        person_id = family_person(rng.choice(ADULT_NAMES), rng.choice(LANGUAGES))
        parent = participant(person_id, Role.PARENT, part, relationship=relationship, agreed=agreed)
        parents.append(parent)
        person_of[parent] = person_id
    oldest_id, oldest_age = max(children, key=lambda c: c[1])
    young_person = None
    if oldest_age >= 11 and rng.random() < 0.5:
        young_person = participant(
            family_person(rng.choice(FIRST_NAMES)), Role.YOUNG_PERSON, child_id=oldest_id
        )

    shared = starts - timedelta(days=rng.randint(1, 6))
    for report_kind, title, agency in rng.sample(REPORT_KINDS, rng.randint(1, 3)):
        report_id = uuid.uuid4()
        professionals_only = report_kind == ReportKind.POLICE
        on_time = rng.random() < 0.85
        shared_at = None if not past and rng.random() < 0.4 else shared
        if shared_at and not on_time:
            shared_at = starts - timedelta(hours=rng.randint(2, 20))
        tables["report"].append(
            {
                "id": report_id,
                "conference_id": conference_id,
                "author_id": worker if report_kind == ReportKind.SOCIAL_WORK else None,
                "kind": report_kind,
                "title": title,
                "agency": agency,
                "audience": ReportAudience.PROFESSIONALS_ONLY
                if professionals_only
                else ReportAudience.FAMILY_AND_PROFESSIONALS,
                "for_child_id": None,
                "adapted_from_id": None,
                "shared_with_family_at": None if professionals_only else shared_at,
                "shared_with_chair_at": shared_at,
                "created_at": created,
            }
        )
        for number in range(1, rng.choice((1, 1, 2, 3)) + 1):
            tables["report_version"].append(
                {
                    "id": uuid.uuid4(),
                    "report_id": report_id,
                    "number": number,
                    "sections": SECTIONS,
                    "file_path": None,
                    "created_by_id": worker,
                    "created_at": created + timedelta(days=number),
                }
            )
        if shared_at and not professionals_only:
            for parent in parents:
                if rng.random() < 0.6:
                    read_at = min(shared_at + timedelta(hours=rng.randint(1, 48)), now)
                    tables["report_read"].append(
                        {
                            "id": uuid.uuid4(),
                            "participant_id": parent,
                            "report_id": report_id,
                            "read_at": read_at,
                        }
                    )
                    tables["audit_event"].append(
                        {
                            "id": uuid.uuid4(),
                            "occurred_at": read_at,
                            "actor_id": person_of[parent],
                            "conference_id": conference_id,
                            "action": "viewed",
                            "object_type": "report",
                            "object_id": report_id,
                        }
                    )

    for parent in parents:
        if rng.random() < 0.6:
            sent_at = min(starts - timedelta(days=rng.randint(1, 5)), now)
            language = rng.choice(LANGUAGES)
            interpreter = language not in {"en", "cy"}
            answers: dict[str, Any] = {
                "name": {"address_as": rng.choice(ADULT_NAMES), "pronouns": ""},
                "language": {
                    "language": language,
                    "language_other": "",
                    "interpreter": "yes" if interpreter else "no",
                    "dialect": "",
                },
                "attendance": {"how": rng.choice(list(AttendanceMode)).value},
                "upset": {"helps": ["break"], "signal": "", "other": ""},
                "support": {"supporter": "none", "supporter_name": "", "advocate": "no"},
            }
            tables["preferences"].append(
                {
                    "id": uuid.uuid4(),
                    "participant_id": parent,
                    "address_as": answers["name"]["address_as"],
                    "pronouns": None,
                    "language": language,
                    "needs_interpreter": interpreter,
                    "interpreter_language": family_answers.interpreter_language_of(
                        answers["language"]
                    )
                    if interpreter
                    else None,
                    "attendance": AttendanceMode(answers["attendance"]["how"]),
                    "answers": answers,
                    "sent_answers": answers,
                    "status": SubmissionStatus.SENT,
                    "sent_at": sent_at,
                    "updated_at": sent_at,
                }
            )
            if rng.random() < 0.5:
                tables["about_child"].append(
                    {
                        "id": uuid.uuid4(),
                        "participant_id": parent,
                        "child_id": children[0][0],
                        "answers": {"like": "Kind and funny.", "worries": "School."},
                        "sent_answers": {"like": "Kind and funny.", "worries": "School."},
                        "status": SubmissionStatus.SENT,
                        "sent_at": sent_at,
                        "updated_at": sent_at,
                    }
                )
    if young_person and rng.random() < 0.5:
        tables["advocate_request"].append(
            {
                "id": uuid.uuid4(),
                "conference_id": conference_id,
                "requested_by_id": young_person,
                "for_child_id": oldest_id,
                "status": AdvocateRequestStatus.REQUESTED,
                "advocate_id": None,
                "note": "",
                "created_at": created + timedelta(days=1),
                "resolved_at": None,
            }
        )
    tables["audit_event"].append(
        {
            "id": uuid.uuid4(),
            "occurred_at": min(created + timedelta(days=1), now),
            "actor_id": worker,
            "conference_id": conference_id,
            "action": "viewed",
            "object_type": "conference",
            "object_id": social_worker,
        }
    )
