"""A conference's deadlines under its authority's policy, with what actually happened."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from portal.data.models import (
    Authority,
    ClosureDay,
    Conference,
    Decision,
    Report,
    ReportAudience,
)
from portal.domain import clock
from portal.domain.deadlines import (
    ConferenceFacts,
    Deadline,
    LateWarning,
    WhenLate,
    deadline_status,
    deadlines_for,
    latest_on_time,
    load_policy,
)
from portal.extensions import db


@dataclass(frozen=True)
class DeadlineLine:
    key: str
    deadline: Deadline
    status: str  # met, missed, due_soon, upcoming
    done_at: datetime | None


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
        """Each missed duty the policy says something about, in the order of the duties."""
        return [
            LateWarning(line.deadline, self.when_late[line.key])
            for line in self.lines
            if line.status == "missed" and line.key in self.when_late
        ]


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
    # Only the columns the deadlines need: the page loads the reports it shows itself.
    reports = db.session.execute(
        select(*_REPORT_FACTS).where(Report.conference_id == conference.id)
    ).all()
    decisions = db.session.scalars(
        select(Decision.published_at).where(Decision.conference_id == conference.id)
    ).all()
    return _deadlines(conference, authority, list(closures), list(reports), list(decisions))


# What the deadlines read of a report: who it is for and when it was shared.
_REPORT_FACTS = (
    Report.conference_id,
    Report.audience,
    Report.shared_with_family_at,
    Report.shared_with_chair_at,
)


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
    reports: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for report in db.session.execute(select(*_REPORT_FACTS).where(Report.conference_id.in_(ids))):
        reports[report.conference_id].append(report)
    decisions: dict[uuid.UUID, list[datetime | None]] = defaultdict(list)
    for conference_id, published_at in db.session.execute(
        select(Decision.conference_id, Decision.published_at).where(Decision.conference_id.in_(ids))
    ):
        decisions[conference_id].append(published_at)
    return {
        conference.id: _deadlines(
            conference,
            authority,
            closures,
            reports.get(conference.id, []),
            decisions.get(conference.id, []),
        )
        for conference in conferences
    }


def _deadlines(
    conference: Conference,
    authority: Authority,
    closures: list[date],
    reports: Sequence[Any],
    decisions: Sequence[datetime | None],
) -> ConferenceDeadlines:
    """`reports`: rows of _REPORT_FACTS (or Report objects, which have the same names)."""
    policy = load_policy(authority.policy_key)
    facts = ConferenceFacts(
        kind=conference.kind.value,
        start=conference.starts_at,
        ended=conference.ended_at,
        strategy_discussion=conference.strategy_discussion_on,
    )
    family_reports = [r for r in reports if r.audience != ReportAudience.PROFESSIONALS_ONLY]
    done = {
        "reports_to_family": _all_done([r.shared_with_family_at for r in family_reports]),
        "reports_to_chair": _all_done(
            [r.shared_with_chair_at for r in reports if r.audience != ReportAudience.CHILD]
        ),
        "decision_to_family": _all_done(list(decisions)),
    }
    now = clock.now()
    lines = [
        DeadlineLine(key, deadline, deadline_status(deadline, done.get(key), now), done.get(key))
        for key, deadline in deadlines_for(
            policy.key, authority.nation.value, frozenset(closures), facts
        ).items()
    ]
    return ConferenceDeadlines(policy.key, policy.name, lines, policy.when_late)


def shared_late(report: Report, deadlines: ConferenceDeadlines) -> bool | None:
    """Whether this report reached the family after the deadline (None: not shared yet)."""
    line = deadlines.get("reports_to_family")
    if report.shared_with_family_at is None or line is None:
        return None
    return report.shared_with_family_at > latest_on_time(line.deadline.due)
