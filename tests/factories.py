"""Small factories for the records tests need; each returns a flushed object."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from portal.data.models import (
    Authority,
    Child,
    Conference,
    ConferenceKind,
    Participant,
    Person,
    Report,
    ReportAudience,
    ReportKind,
    ReportVersion,
    Role,
)
from portal.extensions import db

_sequence = itertools.count(1)


def authority(**fields: object) -> Authority:
    n = next(_sequence)
    record = Authority(slug=f"authority-{n}", name=f"Test Council {n}", **fields)
    db.session.add(record)
    db.session.flush()
    return record


def person(*, professional: bool = False, **fields: object) -> Person:
    n = next(_sequence)
    fields.setdefault("full_name", f"Person {n}")
    fields.setdefault("email", f"person{n}@example.test")
    record = Person(is_professional=professional, **fields)
    db.session.add(record)
    db.session.flush()
    return record


def child(owner: Authority, **fields: object) -> Child:
    n = next(_sequence)
    fields.setdefault("first_name", f"Child{n}")
    fields.setdefault("last_name", "Test")
    fields.setdefault("date_of_birth", date(2015, 1, 1))
    record = Child(authority_id=owner.id, **fields)
    db.session.add(record)
    db.session.flush()
    return record


def conference(owner: Authority | None = None, **fields: object) -> Conference:
    owner = owner or authority()
    fields.setdefault("kind", ConferenceKind.INITIAL)
    fields.setdefault("family_name", "Test")
    fields.setdefault("starts_at", datetime.now(UTC) + timedelta(days=7))
    record = Conference(authority_id=owner.id, **fields)
    db.session.add(record)
    db.session.flush()
    return record


def participant(
    meeting: Conference, who: Person | None = None, role: Role = Role.PARENT, **fields: object
) -> Participant:
    who = who or person(professional=role not in {Role.PARENT, Role.YOUNG_PERSON, Role.SUPPORTER})
    record = Participant(conference_id=meeting.id, person_id=who.id, role=role, **fields)
    db.session.add(record)
    db.session.flush()
    return record


def report(meeting: Conference, **fields: object) -> Report:
    fields.setdefault("title", "A report")
    fields.setdefault("kind", ReportKind.SOCIAL_WORK)
    fields.setdefault("agency", "Children's Services")
    fields.setdefault("audience", ReportAudience.FAMILY_AND_PROFESSIONALS)
    record = Report(conference_id=meeting.id, **fields)
    record.versions.append(ReportVersion(number=1, sections=[{"heading": "One", "text": "Text"}]))
    db.session.add(record)
    db.session.flush()
    return record
