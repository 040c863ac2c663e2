"""The advocate rules without a database: what the child is told, who reads a statement,
and the clock that tells the social worker (1 working day, the council's closure days)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest

from portal.domain import advocates, visibility
from portal.domain.visibility import Viewer
from portal.domain.vocabulary import (
    AdvocateProgress,
    AdvocateRequestStatus,
    Role,
    SubmissionStatus,
)
from portal.domain.working_days import WorkingCalendar

ASKED = AdvocateRequestStatus.REQUESTED


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# --- What the child is told -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "in_touch", "told"),
    [
        (AdvocateRequestStatus.REQUESTED, False, AdvocateProgress.ASKED),
        (AdvocateRequestStatus.ARRANGED, False, AdvocateProgress.FOUND),
        (AdvocateRequestStatus.ARRANGED, True, AdvocateProgress.IN_TOUCH),
        (AdvocateRequestStatus.DECLINED, False, AdvocateProgress.NOT_POSSIBLE),
        (AdvocateRequestStatus.DECLINED, True, AdvocateProgress.NOT_POSSIBLE),
    ],
)
def test_the_child_is_told_where_their_request_stands(status, in_touch, told):
    assert advocates.progress(status, in_touch) == told


# --- The clock: 1 working day ----------------------------------------------------------------


def test_asked_on_a_thursday_is_due_by_the_end_of_friday():
    calendar = WorkingCalendar()
    asked = utc(2026, 12, 3, 10, 0)  # Thursday
    assert advocates.find_by(asked, calendar) == utc(2026, 12, 5, 0, 0)
    assert not advocates.social_worker_must_be_told(
        ASKED, asked, None, utc(2026, 12, 4, 23, 59), calendar
    )
    assert advocates.social_worker_must_be_told(ASKED, asked, None, utc(2026, 12, 5), calendar)


def test_asked_on_a_friday_evening_waits_over_the_weekend_until_monday_ends():
    calendar = WorkingCalendar()
    asked = utc(2026, 12, 4, 18, 30)
    assert advocates.find_by(asked, calendar) == utc(2026, 12, 8, 0, 0)


def test_bank_holidays_and_closure_days_are_not_working_days():
    # Asked on Christmas Eve 2026 (Thursday): Christmas Day and Boxing Day (moved to
    # Monday 28th) are bank holidays; the council also closes on Tuesday 29th.
    calendar = WorkingCalendar("england-and-wales", [date(2026, 12, 29)])
    asked = utc(2026, 12, 24, 11, 0)
    assert advocates.find_by(asked, calendar) == utc(2026, 12, 31, 0, 0)


def test_the_day_is_the_london_day_across_the_clock_change():
    # 23:30 UTC on Friday 27 March 2026 is still Friday in London (GMT); the working day
    # after is Monday 30 March, which ends at 23:00 UTC (BST).
    calendar = WorkingCalendar()
    asked = utc(2026, 3, 27, 23, 30)
    assert advocates.find_by(asked, calendar) == utc(2026, 3, 30, 23, 0)
    # 23:30 UTC on 1 June is already 2 June in London.
    assert advocates.find_by(utc(2026, 6, 1, 23, 30), calendar) == utc(2026, 6, 3, 23, 0)


def test_told_once_and_never_once_found_or_not_possible():
    calendar = WorkingCalendar()
    asked, late = utc(2026, 12, 3, 10, 0), utc(2026, 12, 10)
    assert not advocates.social_worker_must_be_told(ASKED, asked, utc(2026, 12, 5), late, calendar)
    for status in (AdvocateRequestStatus.ARRANGED, AdvocateRequestStatus.DECLINED):
        assert not advocates.social_worker_must_be_told(status, asked, None, late, calendar)


# --- Who reads what an advocate wrote ------------------------------------------------------


@dataclass
class Statement:
    child_id: uuid.UUID
    written_by_id: uuid.UUID
    shared_with: list[str] = field(default_factory=list)
    status: SubmissionStatus = SubmissionStatus.SENT


def viewer(role: Role, child_id: uuid.UUID | None = None, participant_id=None) -> Viewer:
    return Viewer(uuid.uuid4(), participant_id or uuid.uuid4(), role, child_id=child_id)


def test_a_draft_statement_is_the_advocates_alone():
    maya, sam = uuid.uuid4(), uuid.uuid4()
    draft = Statement(maya, sam, status=SubmissionStatus.DRAFT)
    assert visibility.can_see_advocate_statement(viewer(Role.ADVOCATE, maya, sam), draft)
    for role in (Role.CHAIR, Role.SOCIAL_WORKER, Role.PARENT):
        assert not visibility.can_see_advocate_statement(viewer(role), draft)
    assert not visibility.can_see_advocate_statement(viewer(Role.YOUNG_PERSON, maya), draft)


def test_a_sent_statement_goes_to_the_child_chair_social_worker_and_those_the_child_agreed():
    maya, sam, amira = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    sent = Statement(maya, sam, shared_with=[str(amira)])
    allowed = [
        viewer(Role.YOUNG_PERSON, maya),
        viewer(Role.CHAIR),
        viewer(Role.SOCIAL_WORKER),
        viewer(Role.PARENT, participant_id=amira),
    ]
    refused = [
        viewer(Role.YOUNG_PERSON, uuid.uuid4()),  # her brother
        viewer(Role.PARENT),  # the other parent
        viewer(Role.PROFESSIONAL),
        viewer(Role.ADMINISTRATOR),
        viewer(Role.ADVOCATE, uuid.uuid4()),  # another child's advocate
    ]
    assert all(visibility.can_see_advocate_statement(v, sent) for v in allowed)
    assert not any(visibility.can_see_advocate_statement(v, sent) for v in refused)
