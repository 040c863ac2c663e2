"""A conference's deadlines under its authority's policy, with what actually happened."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.data.models import (
    Authority,
    ClosureDay,
    Conference,
    Decision,
    DutyDone,
    Report,
    ReportAudience,
)
from portal.domain import clock, duties, report_writing
from portal.domain.deadlines import (
    ConferenceFacts,
    Deadline,
    LateWarning,
    Policy,
    WhenLate,
    deadline_status,
    deadlines_for,
    latest_on_time,
    load_policy,
)
from portal.domain.working_days import calendar_nation
from portal.extensions import db


@dataclass(frozen=True)
class DeadlineLine:
    key: str
    deadline: Deadline
    status: str  # met, done_late, missed (not done, past its date), due_soon, upcoming
    done_at: datetime | None
    # A duty someone recorded as done (portal.domain.duties): the day, and who said so.
    done_on: date | None = None
    recorded_by: str | None = None
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class ConferenceDeadlines:
    policy_key: str
    policy_name: str
    lines: list[DeadlineLine]
    # What the policy says a late duty means (consider postponing, stand down), by duty.
    when_late: Mapping[str, WhenLate]

    def get(self, key: str) -> DeadlineLine | None:
        return next((line for line in self.lines if line.key == key), None)

    @property
    def late_warnings(self) -> list[LateWarning]:
        """Each duty late (done late, or not done and past its date) that the policy says
        something about, in the order of the duties."""
        return [
            LateWarning(line.deadline, self.when_late[line.key])
            for line in self.lines
            if line.status in ("missed", "done_late") and line.key in self.when_late
        ]


@dataclass(frozen=True)
class SharedReport:
    """What the deadlines need to know of a report: who it is for and when it was shared."""

    audience: ReportAudience
    shared_with_family_at: datetime | None
    shared_with_chair_at: datetime | None
    # A translated copy counts for the family's deadline only (ADR 0022).
    is_translation: bool = False


@dataclass(frozen=True)
class _Calendar:
    """What a council's working days depend on: its nation's bank holidays and its closures."""

    nation: str
    closures: frozenset[date]


def _all_done(times: list[datetime | None]) -> datetime | None:
    """When the last of several things was done, or None while any is still to do."""
    if not times or any(moment is None for moment in times):
        return None
    return max(moment for moment in times if moment is not None)


def for_conference(conference: Conference) -> ConferenceDeadlines:
    authority = conference.authority
    closures = db.session.scalars(
        select(ClosureDay.day).where(ClosureDay.authority_id == authority.id)
    ).all()
    # Only what the deadlines need of each report: the page loads the reports it shows itself.
    reports = [
        SharedReport(audience, to_family, to_chair, copy_of is not None)
        for audience, to_family, to_chair, copy_of in db.session.execute(
            select(
                Report.audience,
                Report.shared_with_family_at,
                Report.shared_with_chair_at,
                Report.translation_of_id,
            ).where(Report.conference_id == conference.id)
        )
    ]
    decisions = db.session.scalars(
        select(Decision.published_at).where(Decision.conference_id == conference.id)
    ).all()
    calendar = _Calendar(calendar_nation(authority.nation.value), frozenset(closures))
    policy = load_policy(authority.policy_key)
    recorded = {
        row.duty: row
        for row in db.session.scalars(
            select(DutyDone)
            .where(DutyDone.conference_id == conference.id)
            .options(joinedload(DutyDone.recorded_by))
        )
        if duties.is_recorded(row.duty)
    }
    return _deadlines(conference, policy, calendar, list(reports), list(decisions), recorded)


def for_conferences(
    conferences: Sequence[Conference], authority: Authority
) -> dict[uuid.UUID, ConferenceDeadlines]:
    """The deadlines of many conferences of one council in three queries, whatever their
    number (a caseload page computes its own rows only)."""
    ids = [conference.id for conference in conferences]
    if not ids:
        return {}
    closures = list(
        db.session.scalars(select(ClosureDay.day).where(ClosureDay.authority_id == authority.id))
    )
    # One calendar and policy for every row: each year's bank holidays are worked out once.
    calendar = _Calendar(calendar_nation(authority.nation.value), frozenset(closures))
    policy = load_policy(authority.policy_key)
    # Only what the deadlines need of each report: no whole records for a page of rows.
    reports: dict[uuid.UUID, list[SharedReport]] = defaultdict(list)
    for conference_id, audience, to_family, to_chair, copy_of in db.session.execute(
        select(
            Report.conference_id,
            Report.audience,
            Report.shared_with_family_at,
            Report.shared_with_chair_at,
            Report.translation_of_id,
        ).where(Report.conference_id.in_(ids))
    ):
        reports[conference_id].append(
            SharedReport(audience, to_family, to_chair, copy_of is not None)
        )
    decisions: dict[uuid.UUID, list[datetime | None]] = defaultdict(list)
    for conference_id, published_at in db.session.execute(
        select(Decision.conference_id, Decision.published_at).where(Decision.conference_id.in_(ids))
    ):
        decisions[conference_id].append(published_at)
    recorded: dict[uuid.UUID, dict[str, DutyDone]] = defaultdict(dict)
    for row in db.session.scalars(
        select(DutyDone)
        .where(DutyDone.conference_id.in_(ids))
        .options(joinedload(DutyDone.recorded_by))
    ):
        if duties.is_recorded(row.duty):
            recorded[row.conference_id][row.duty] = row
    return {
        conference.id: _deadlines(
            conference,
            policy,
            calendar,
            reports.get(conference.id, []),
            decisions.get(conference.id, []),
            recorded.get(conference.id, {}),
        )
        for conference in conferences
    }


def _deadlines(
    conference: Conference,
    policy: Policy,
    calendar: _Calendar,
    reports: Sequence[SharedReport],
    decisions: Sequence[datetime | None],
    recorded: Mapping[str, DutyDone],
) -> ConferenceDeadlines:
    # Once the meeting is recorded held, its real start and end anchor the deadlines: a
    # meeting that moved counts from the day it took place, not the day it was booked for.
    start = conference.started_at or conference.starts_at
    ended = conference.ended_at
    facts = ConferenceFacts(
        kind=conference.kind.value,
        # An end recorded without its start (older records) still never precedes it.
        start=min(start, ended) if ended is not None else start,
        ended=ended,
        strategy_discussion=conference.strategy_discussion_on,
    )
    family_reports = [r for r in reports if r.audience != ReportAudience.PROFESSIONALS_ONLY]
    done = {
        "reports_to_family": _all_done([r.shared_with_family_at for r in family_reports]),
        "reports_to_chair": _all_done(
            [
                r.shared_with_chair_at
                for r in reports
                if report_writing.goes_to_chair(r.audience, r.is_translation)
            ]
        ),
        "decision_to_family": _all_done(list(decisions)),
    }
    for key, row in recorded.items():
        done[key] = duties.done_moment(row.done_on)
    now = clock.now()
    lines = []
    # Remembered per process by everything the answer depends on (portal.domain.deadlines).
    for key, deadline in deadlines_for(
        policy.key, calendar.nation, calendar.closures, facts
    ).items():
        status = deadline_status(deadline, done.get(key), now)
        entry = recorded.get(key)
        if entry is None:
            lines.append(DeadlineLine(key, deadline, status, done.get(key)))
            continue
        lines.append(
            DeadlineLine(
                key,
                deadline,
                status,
                done.get(key),
                done_on=entry.done_on,
                recorded_by=entry.recorded_by.full_name if entry.recorded_by else None,
                recorded_at=entry.recorded_at,
            )
        )
    return ConferenceDeadlines(policy.key, policy.name, lines, policy.when_late)


def shared_late(report: Report, deadlines: ConferenceDeadlines) -> bool | None:
    """Whether this report reached the family after the deadline (None: not shared yet)."""
    line = deadlines.get("reports_to_family")
    if report.shared_with_family_at is None or line is None:
        return None
    return report.shared_with_family_at > latest_on_time(line.deadline.due)


def record_done(
    conference_id: uuid.UUID, duty: str, day: date, recorded_by_id: uuid.UUID
) -> DutyDone:
    """Record (or correct) the day a duty after the meeting was done."""
    row = db.session.scalars(
        select(DutyDone).where(DutyDone.conference_id == conference_id, DutyDone.duty == duty)
    ).first()
    if row is None:
        row = DutyDone(conference_id=conference_id, duty=duty)
        db.session.add(row)
    row.done_on = day
    row.recorded_by_id = recorded_by_id
    row.recorded_at = clock.now()
    db.session.commit()
    return row
