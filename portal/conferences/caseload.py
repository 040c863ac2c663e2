"""Your meetings, for the council's staff: a caseload list, bounded and paged by keyset.

Families and partner professionals keep the short list of their own meetings (`routes.index`);
a chair, social worker, organiser or manager gets every upcoming conference they run (a
manager and the council's administrators: every conference of the council) with its next
deadline, sorted and filtered, 25 to a page, and the recent past a tab away.
"""

from __future__ import annotations

import uuid
from datetime import datetime, time
from typing import Any

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from portal.conferences.forms import CaseloadForm
from portal.data.interfaces import authorities, caseload
from portal.data.models import ConferenceStatus, Person, StaffRole
from portal.domain import clock
from portal.domain.vocabulary import BOOKS_CONFERENCES
from portal.widgets import options


def is_staff(person: Person) -> bool:
    """Council staff get the caseload; everyone else their own short list."""
    return bool(person.is_professional and person.staff_role is not None and person.is_active)


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _start_of_today() -> datetime:
    today = clock.today_in_london()
    return datetime.combine(today, time(0), tzinfo=clock.LONDON)


def caseload_page() -> str:
    person: Person = current_user
    form = CaseloadForm(request.args)
    every = caseload.sees_every_conference(person)
    staff = caseload.staff_for_filters(person) if every else {}
    anyone = [("", _("Anyone"))]
    form.social_worker.choices = options(
        anyone + [(str(i), name) for i, name in staff.get(StaffRole.SOCIAL_WORKER, [])]
    )
    form.chair.choices = options(
        anyone + [(str(i), name) for i, name in staff.get(StaffRole.CHAIR, [])]
    )
    form.validate()
    # A choice not on offer (an edited link) is ignored rather than refused.
    chosen: dict[str, Any] = {
        name: (field.data if not field.errors else field.default)
        for name, field in form._fields.items()
    }
    when = caseload.PAST if chosen["when"] == caseload.PAST else caseload.UPCOMING
    sort = chosen["sort"] if chosen["sort"] in caseload.SORTS else caseload.BY_DATE
    status = ConferenceStatus(chosen["status"]) if chosen["status"] else None
    query = caseload.Query(
        when=when,
        sort=sort,
        status=status,
        social_worker_id=_uuid(chosen["social_worker"]) if every else None,
        chair_id=_uuid(chosen["chair"]) if every else None,
        after=request.args.get("after"),
    )
    found = caseload.page(person, query, clock.now(), _start_of_today())
    kept = {
        key: value
        for key, value in (
            ("sort", sort),
            ("status", chosen["status"]),
            ("social_worker", chosen["social_worker"] if every else ""),
            ("chair", chosen["chair"] if every else ""),
        )
        if value and not (key == "sort" and value == caseload.BY_DATE)
    }
    form.when.data = when
    return render_template(
        "conferences/caseload.html",
        form=form,
        page=found,
        when=when,
        kept=kept,
        every=every,
        administers=authorities.administered_by(person),
        books=authorities.staff_authority(person, BOOKS_CONFERENCES) is not None,
    )
