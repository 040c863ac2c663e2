"""What a caseload list says about each conference: its next deadline and whether it needs
attention. Pure rules over a conference's deadline lines (see `portal.domain.deadlines`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, TypeVar

from portal.domain.deadlines import Deadline, latest_on_time

LATE = "late"  # a duty is overdue and still not done
DUE_SOON = "due_soon"
ON_TRACK = "on_track"
ALL_DONE = "all_done"
ATTENTION = (LATE, DUE_SOON, ON_TRACK, ALL_DONE)


class LineLike(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def deadline(self) -> Deadline: ...
    @property
    def status(self) -> str: ...
    @property
    def done_at(self) -> datetime | None: ...


L = TypeVar("L", bound=LineLike)


def open_lines(lines: Sequence[L]) -> list[L]:
    """Duties not yet done, the soonest due first (a date counts until the end of its day)."""
    waiting = [line for line in lines if line.done_at is None]
    return sorted(waiting, key=lambda line: latest_on_time(line.deadline.due))


def next_deadline(lines: Sequence[L]) -> L | None:
    """The duty to do next: an overdue one first, else the soonest due; None when all are done."""
    waiting = open_lines(lines)
    return waiting[0] if waiting else None


def attention(lines: Sequence[LineLike]) -> str:
    """Late when anything is overdue and not done; due soon; on track; or all done."""
    waiting = open_lines(lines)
    if not waiting:
        return ALL_DONE
    statuses = {line.status for line in waiting}
    if "missed" in statuses:
        return LATE
    if "due_soon" in statuses:
        return DUE_SOON
    return ON_TRACK
