"""What each family member and young person has sent, opened and asked for, as the viewer
may see it: the page the chair, social worker and organiser check before the meeting.

Only what was sent (ADR 0007); what the policy hides from this viewer is taken out by
`visible` and `portal.domain.visibility`, here as everywhere. A fixed number of queries.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal.data.interfaces import audit, visible
from portal.data.models import (
    AdvocateRequest,
    AuditEvent,
    ChildView,
    CommentKind,
    Participant,
    Report,
    ReportComment,
    ReportRead,
    SubmissionStatus,
)
from portal.domain import translations, visibility
from portal.domain.vocabulary import FAMILY_ROLES, PARENTS, Role
from portal.extensions import db


@dataclass(frozen=True)
class ReportLine:
    report: Report
    opened_at: datetime | None
    read_at: datetime | None  # they said "I have read this"
    not_understood: int = 0  # parts they said they do not understand
    think_wrong: int = 0  # parts they said are wrong

    @property
    def active(self) -> bool:
        return bool(self.opened_at or self.read_at or self.not_understood or self.think_wrong)


@dataclass(frozen=True)
class AdvocateLine:
    request: AdvocateRequest
    for_child: str | None
    advocate: str | None


@dataclass(frozen=True)
class MemberSent:
    participant: Participant
    name: str
    words: visible.FamilyWords | None
    views: list[ChildView]
    reports: list[ReportLine]
    advocate_requests: list[AdvocateLine]

    @property
    def is_young_person(self) -> bool:
        return self.participant.role == Role.YOUNG_PERSON

    @property
    def answers_sent(self) -> bool:
        return self.words is not None and self.words.sent_at is not None

    @property
    def not_opened(self) -> list[Report]:
        """The reports they have opened in no language: opening a translated copy counts
        as opening its original."""
        opened_copies = {
            line.report.translation_of_id
            for line in self.reports
            if line.report.translation_of_id is not None and line.opened_at is not None
        }
        return [
            line.report
            for line in self.reports
            if line.report.translation_of_id is None
            and line.opened_at is None
            and line.report.id not in opened_copies
        ]


def for_conference(me: Participant) -> list[MemberSent]:
    """Each family member and young person this viewer may see, with what they sent."""
    viewer = visible.viewer_for(me)
    rules = visible.restrictions(me.conference_id)
    everyone = list(
        db.session.scalars(
            select(Participant)
            .where(Participant.conference_id == me.conference_id)
            .options(joinedload(Participant.person), joinedload(Participant.child))
            .order_by(Participant.created_at, Participant.id)
        ).unique()
    )
    names = {p.id: p.person.full_name for p in everyone}
    members = [
        p
        for p in everyone
        if p.role in FAMILY_ROLES and visibility.can_see_participant(viewer, p, rules)
    ]
    words = {found.participant.id: found for found in visible.family_words(me)}
    # Reports the viewer may see; for each member, those the policy lets them see too.
    reports = visible.reports(me)
    reports_by_id = {report.id: report for report in reports}
    member_ids = [p.id for p in members]
    opened: dict[tuple[uuid.UUID, uuid.UUID], datetime] = {
        (actor, report): at
        for actor, report, at in db.session.execute(
            select(
                AuditEvent.actor_id,
                AuditEvent.object_id,
                func.min(AuditEvent.occurred_at),
            )
            .where(
                AuditEvent.conference_id == me.conference_id,
                AuditEvent.object_type == "report",
                AuditEvent.action.in_([audit.VIEWED, audit.DOWNLOADED]),
            )
            .group_by(AuditEvent.actor_id, AuditEvent.object_id)
        )
        if actor is not None and report is not None
    }
    reads: dict[tuple[uuid.UUID, uuid.UUID], datetime] = {
        (participant, report): at
        for participant, report, at in db.session.execute(
            select(ReportRead.participant_id, ReportRead.report_id, ReportRead.read_at).where(
                ReportRead.participant_id.in_(member_ids)
            )
        )
    }
    # What each said about the reports, where the policy lets this viewer read it.
    said: dict[tuple[uuid.UUID, uuid.UUID, CommentKind], int] = defaultdict(int)
    by_id = {p.id: p for p in members}
    authors = {report.id: report.author_id for report in reports}
    for participant_id, report_id, kind in db.session.execute(
        select(ReportComment.participant_id, ReportComment.report_id, ReportComment.kind).where(
            ReportComment.participant_id.in_(member_ids)
        )
    ):
        if report_id in authors and visibility.can_see_family_words(
            viewer, by_id[participant_id], rules, authors[report_id]
        ):
            said[(participant_id, report_id, kind)] += 1
    views = [v for v in visible.child_views(me) if v.status == SubmissionStatus.SENT]
    requests: dict[uuid.UUID, list[AdvocateLine]] = defaultdict(list)
    for request in db.session.scalars(
        select(AdvocateRequest)
        .where(AdvocateRequest.conference_id == me.conference_id)
        .order_by(AdvocateRequest.created_at)
    ):
        child = next(
            (c.first_name for c in me.conference.children if c.id == request.for_child_id), None
        )
        requests[request.requested_by_id].append(
            AdvocateLine(
                request, child, names.get(request.advocate_id) if request.advocate_id else None
            )
        )
    found = []
    for member in members:
        as_member = visible.viewer_for(member)
        lines = {
            report.id: ReportLine(
                report,
                opened.get((member.person_id, report.id)),
                reads.get((member.id, report.id)),
                said[(member.id, report.id, CommentKind.NOT_UNDERSTOOD)],
                said[(member.id, report.id, CommentKind.THINK_WRONG)],
            )
            for report in reports
            if visible.may_see_report(as_member, report, rules, reports_by_id)
        }
        # Each original, then its translated copies that are theirs: the one in their
        # language, and any they opened, read or spoke about (ADR 0022).
        their_reports = []
        readers = translations.reader_languages(None, member.person.preferred_language)
        for entry in translations.arrange([line.report for line in lines.values()], readers):
            their_reports.append(lines[entry.original.id])
            their_reports.extend(
                lines[copy.id]
                for copy in entry.copies
                if copy is entry.first or lines[copy.id].active
            )
        found.append(
            MemberSent(
                participant=member,
                name=member.person.full_name,
                words=words.get(member.id) if member.role in PARENTS else None,
                views=[v for v in views if member.child_id and v.child_id == member.child_id]
                if member.role == Role.YOUNG_PERSON
                else [],
                reports=their_reports,
                advocate_requests=requests.get(member.id, []),
            )
        )
    return found
