"""Sharing a report and answering the family: the change and its messages in one
transaction (ADR 0008), so nobody is told about a report that was not shared."""

from __future__ import annotations

from datetime import datetime

from portal.data.interfaces import deadlines as deadline_store, reports
from portal.data.models import Conference, Participant, ReportComment, ReportDraft
from portal.delivery import outbox
from portal.domain import report_writing


def sections_of(conference: Conference, draft: ReportDraft) -> list[dict[str, str]]:
    if draft.is_upload:
        return report_writing.pdf_sections() if draft.file_id else []
    return report_writing.sections_for(reports.children(conference), draft.answers or {})


def late_if_shared_now(conference: Conference, draft: ReportDraft, now: datetime) -> list[str]:
    """The sharing duties a share at this moment would miss (none for a new version)."""
    if draft.report_id is not None:
        return []
    deadlines = deadline_store.for_conference(conference)
    due = {line.key: line.deadline.due for line in deadlines.lines}
    moments = report_writing.share_moments(
        draft.audience, now, translation=draft.translation_of_id is not None
    )
    return report_writing.late_duties(moments, due)


def share(me: Participant, conference: Conference, draft: ReportDraft) -> reports.Shared:
    shared = reports.share(me, draft, sections_of(conference, draft))
    kind = "report_changed" if shared.is_new_version else "report_ready"
    # Each family member who may read it, in their language, restrictions applied.
    for reader in reports.family_readers(shared.report):
        outbox.send(
            kind,
            f"report-version:{shared.version.id}",
            reader.person_id,
            {},
            conference_id=conference.id,
        )
    if not shared.is_new_version:
        deadlines = deadline_store.for_conference(conference)
        due = {line.key: line.deadline.due for line in deadlines.lines}
        late = report_writing.late_duties(shared.moments, due)
        if late:
            # The chair hears at once, with what the council's standards say it means.
            action = next(
                (deadlines.when_late[duty].action for duty in late if duty in deadlines.when_late),
                None,
            )
            for chair in reports.chairs(conference.id):
                outbox.send(
                    "report_late",
                    f"report-late:{shared.report.id}",
                    chair.person_id,
                    {"action": action},
                    conference_id=conference.id,
                )
    reports.commit()
    return shared


def reply(me: Participant, comment: ReportComment, text: str) -> None:
    found = reports.add_reply(me, comment, text)
    outbox.send(
        "report_reply",
        f"report-reply:{found.id}",
        comment.participant.person_id,
        {},
        conference_id=me.conference_id,
    )
    reports.commit()
