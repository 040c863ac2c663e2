from __future__ import annotations

import uuid

from portal.data.models import Person
from portal.extensions import db


def get(person_id: str) -> Person | None:
    try:
        key = uuid.UUID(person_id)
    except (ValueError, TypeError):
        return None
    person = db.session.get(Person, key)
    if person is None or not person.is_active:
        return None
    return person
