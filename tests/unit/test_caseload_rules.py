"""What the caseload list says about a conference's deadlines: the next one, and whether it
needs attention."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from portal.domain import caseload
from portal.domain.deadlines import Deadline


@dataclass(frozen=True)
class Line:
    key: str
    deadline: Deadline
    status: str
    done_at: datetime | None = None


def line(key, due, status, done_at=None):
    deadline = Deadline(key=key, due=due, kind="date", rule="", source="", portal_default=False)
    return Line(key, deadline, status, done_at)


DONE = datetime(2027, 1, 1, tzinfo=UTC)


def test_the_next_deadline_is_the_soonest_not_done():
    lines = [
        line("reports_to_family", date(2027, 2, 8), "met", DONE),
        line("reports_to_chair", date(2027, 2, 10), "upcoming"),
        line("decision_to_family", date(2027, 2, 12), "upcoming"),
    ]
    assert caseload.next_deadline(lines).key == "reports_to_chair"
    assert caseload.attention(lines) == caseload.ON_TRACK


def test_an_overdue_duty_comes_first_and_makes_it_late():
    lines = [
        line("reports_to_chair", date(2027, 2, 10), "due_soon"),
        line("reports_to_family", date(2027, 2, 3), "missed"),
    ]
    assert caseload.next_deadline(lines).key == "reports_to_family"
    assert caseload.attention(lines) == caseload.LATE


def test_a_duty_done_late_is_history_not_a_warning():
    lines = [
        line("reports_to_family", date(2027, 2, 3), "missed", DONE.replace(month=3)),
        line("reports_to_chair", date(2027, 2, 10), "due_soon"),
    ]
    assert caseload.attention(lines) == caseload.DUE_SOON


def test_all_done_has_no_next_deadline():
    lines = [line("reports_to_family", date(2027, 2, 3), "met", DONE)]
    assert caseload.next_deadline(lines) is None
    assert caseload.attention(lines) == caseload.ALL_DONE
    assert caseload.attention([]) == caseload.ALL_DONE


def test_the_summary_agrees_with_the_two_rules():
    lines = [
        line("reports_to_chair", date(2027, 2, 10), "due_soon"),
        line("reports_to_family", date(2027, 2, 3), "missed"),
    ]
    assert caseload.summary(lines) == (caseload.next_deadline(lines), caseload.attention(lines))
    assert caseload.summary([]) == (None, caseload.ALL_DONE)
