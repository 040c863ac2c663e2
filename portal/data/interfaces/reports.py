"""Reports professionals write, upload and share; replies to the family's comments.

A report being written is a `ReportDraft`, seen only by its author. Sharing turns it into
a `Report` with a numbered `ReportVersion` (a new version keeps the old ones), records the
moment it was shared, and leaves the transaction open so the caller can add the messages
that go with it to the outbox before `commit()`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal.data.interfaces import visible
from portal.data.interfaces.deadlines import ConferenceDeadlines
from portal.data.models import (
    Conference,
    Participant,
    Report,
    ReportAudience,
    ReportComment,
    ReportDraft,
    ReportFile,
    ReportKind,
    ReportRead,
    ReportReply,
    ReportVersion,
    Role,
)
from portal.domain import clock, report_writing, translations, visibility
from portal.domain.pdf_files import CheckedPdf
from portal.domain.vocabulary import FAMILY_ROLES
from portal.extensions import db


def children(conference: Conference) -> list[report_writing.ChildRef]:
    return [report_writing.ChildRef(child.id, child.first_name) for child in conference.children]


# --- Drafts -------------------------------------------------------------------------------


def start_draft(
    me: Participant,
    *,
    title: str,
    agency: str,
    kind: ReportKind,
    audience: ReportAudience,
    for_child_id: uuid.UUID | None,
    is_upload: bool,
) -> ReportDraft:
    draft = ReportDraft(
        conference_id=me.conference_id,
        author_id=me.person_id,
        title=title,
        agency=agency,
        kind=kind,
        audience=audience,
        for_child_id=for_child_id if audience == ReportAudience.CHILD else None,
        is_upload=is_upload,
        answers={},
        updated_at=clock.now(),
        created_at=clock.now(),
    )
    db.session.add(draft)
    db.session.commit()
    return draft


def start_translation(me: Participant, original: Report, language: str) -> ReportDraft:
    """My draft of a translated copy of `original` in `language`, uploaded as a PDF (ADR
    0022): the one I started before, or a new one with the original's title and agency."""
    existing = db.session.scalars(
        select(ReportDraft).where(
            ReportDraft.translation_of_id == original.id,
            ReportDraft.language == language,
            ReportDraft.author_id == me.person_id,
            ReportDraft.report_id.is_(None),
        )
    ).first()
    if existing is not None:
        return existing
    found = ReportDraft(
        conference_id=original.conference_id,
        author_id=me.person_id,
        translation_of_id=original.id,
        language=language,
        title=original.title,
        agency=original.agency,
        kind=original.kind,
        audience=original.audience,
        is_upload=True,
        answers={},
        updated_at=clock.now(),
        created_at=clock.now(),
    )
    db.session.add(found)
    db.session.commit()
    return found


def copy_languages(original: Report) -> set[str]:
    """The languages `original` already has a shared copy in (one copy per language: a
    later one is a new version of it)."""
    return {
        language
        for language in db.session.scalars(
            select(Report.language).where(Report.translation_of_id == original.id)
        )
        if language
    }


def draft(me: Participant, draft_id: uuid.UUID) -> ReportDraft | None:
    """One of my drafts in this conference; anyone else's, or another conference's, is None."""
    found = db.session.get(ReportDraft, draft_id)
    if found is None or found.conference_id != me.conference_id or found.author_id != me.person_id:
        return None
    return found


def my_drafts(me: Participant) -> list[ReportDraft]:
    return list(
        db.session.scalars(
            select(ReportDraft)
            .where(
                ReportDraft.conference_id == me.conference_id,
                ReportDraft.author_id == me.person_id,
            )
            .order_by(ReportDraft.created_at)
        )
    )


def save_answers(found: ReportDraft, answers: dict[str, dict[str, str]]) -> None:
    found.answers = answers
    found.updated_at = clock.now()
    db.session.commit()


def save_change_note(found: ReportDraft, note: str) -> None:
    found.change_note = note
    found.updated_at = clock.now()
    db.session.commit()


def attach_pdf(me: Participant, found: ReportDraft, content: bytes, checked: CheckedPdf) -> None:
    """Keep an uploaded PDF on the draft, replacing one uploaded before that no version uses."""
    old = found.file_id
    stored = ReportFile(
        conference_id=found.conference_id,
        content=content,
        size=len(content),
        pages=checked.pages,
        sha256=checked.sha256,
        properties=checked.properties,
        created_by_id=me.person_id,
        created_at=clock.now(),
    )
    db.session.add(stored)
    db.session.flush()
    found.file_id = stored.id
    found.updated_at = clock.now()
    if old is not None:
        db.session.flush()
        _delete_unused_file(old)
    db.session.commit()


def draft_for_new_version(me: Participant, report: Report) -> ReportDraft:
    """My draft of the next version of `report`, started from its current words."""
    existing = db.session.scalars(
        select(ReportDraft).where(
            ReportDraft.report_id == report.id, ReportDraft.author_id == me.person_id
        )
    ).first()
    if existing is not None:
        return existing
    current = report.current_version
    answers: dict[str, dict[str, str]] = {}
    for section in current.sections if current else []:
        child, part = section.get("child_id"), section.get("part")
        if not child or part not in (*report_writing.HEADINGS, report_writing.SCALE):
            continue
        typed = answers.setdefault(child, {})
        if part == report_writing.SCALE:
            typed[report_writing.SCALE_FIELD] = section.get("score", "")
            typed[report_writing.SCALE_REASON] = section.get("text", "")
        else:
            typed[part] = section.get("text", "")
    # A translated copy is always a PDF to upload, even one first loaded as written text.
    is_upload = bool(current and current.file_id) or report.translation_of_id is not None
    found = ReportDraft(
        conference_id=report.conference_id,
        author_id=me.person_id,
        report_id=report.id,
        translation_of_id=report.translation_of_id,
        language=report.language,
        title=report.title,
        agency=report.agency,
        kind=report.kind,
        audience=report.audience,
        for_child_id=report.for_child_id,
        is_upload=is_upload,
        answers=answers,
        file_id=current.file_id if current else None,
        updated_at=clock.now(),
        created_at=clock.now(),
    )
    db.session.add(found)
    db.session.commit()
    return found


def delete_draft(found: ReportDraft) -> None:
    file_id = found.file_id
    db.session.delete(found)
    db.session.flush()
    if file_id is not None:
        _delete_unused_file(file_id)
    db.session.commit()


def _delete_unused_file(file_id: uuid.UUID) -> None:
    """Remove an uploaded file no shared version and no other draft uses."""
    used_by_version = db.session.scalar(
        select(func.count()).select_from(ReportVersion).where(ReportVersion.file_id == file_id)
    )
    used_by_draft = db.session.scalar(
        select(func.count()).select_from(ReportDraft).where(ReportDraft.file_id == file_id)
    )
    if not used_by_version and not used_by_draft:
        stored = db.session.get(ReportFile, file_id)
        if stored is not None:
            db.session.delete(stored)


# --- Sharing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shared:
    report: Report
    version: ReportVersion
    moments: report_writing.ShareMoments

    @property
    def is_new_version(self) -> bool:
        return self.version.number > 1


def share(me: Participant, found: ReportDraft, sections: list[dict[str, str]]) -> Shared:
    """Turn the draft into the report's next version and record when it was shared.

    Leaves the transaction open: the caller adds the outbox messages, then `commit()`.
    """
    now = clock.now()
    report = found.report
    translation = found.translation_of_id is not None
    if report is None and translation:
        # Someone shared a copy in this language meanwhile: this one is its next version.
        report = db.session.scalars(
            select(Report).where(
                Report.translation_of_id == found.translation_of_id,
                Report.language == found.language,
            )
        ).first()
    if report is None:
        moments = report_writing.share_moments(found.audience, now, translation=translation)
        report = Report(
            conference_id=found.conference_id,
            author_id=found.author_id,
            kind=found.kind,
            title=found.title,
            agency=found.agency,
            audience=found.audience,
            for_child_id=found.for_child_id,
            translation_of_id=found.translation_of_id,
            language=found.language,
            shared_with_family_at=moments.family,
            shared_with_chair_at=moments.chair,
            created_at=now,
        )
        db.session.add(report)
        number = 1
    else:
        # The deadline is about when the report first reached them; a new version is
        # shown with what changed, and the family is told.
        moments = report_writing.ShareMoments(
            report.shared_with_family_at, report.shared_with_chair_at
        )
        report.title = found.title
        # Its copies are named after it.
        for copy in db.session.scalars(select(Report).where(Report.translation_of_id == report.id)):
            copy.title = found.title
        number = (report.current_version.number if report.current_version else 0) + 1
    version = ReportVersion(
        number=number,
        sections=sections,
        file_id=found.file_id if found.is_upload else None,
        change_note=found.change_note.strip() or None if number > 1 else None,
        created_by_id=me.person_id,
        created_at=now,
    )
    report.versions.append(version)
    db.session.delete(found)
    db.session.flush()
    return Shared(report, version, moments)


def commit() -> None:
    db.session.commit()


def family_readers(report: Report) -> list[Participant]:
    """The family members who may read this report now (restrictions applied), and a
    child's advocate for the version written for that child: each is told it is ready.
    Of a translated copy, only those whose stored language it is (ADR 0022)."""
    rules = visible.restrictions(report.conference_id)
    everyone = db.session.scalars(
        select(Participant)
        .where(
            Participant.conference_id == report.conference_id,
            Participant.role.in_([*FAMILY_ROLES, Role.INTERPRETER, Role.ADVOCATE]),
        )
        .options(joinedload(Participant.person))
        .order_by(Participant.created_at)
    ).unique()
    return [
        person
        for person in everyone
        if visible.may_see_report(visible.viewer_for(person), report, rules)
        and (
            report.translation_of_id is None
            or translations.tells(person.person.preferred_language, report.language)
        )
    ]


def chairs(conference_id: uuid.UUID) -> list[Participant]:
    return list(
        db.session.scalars(
            select(Participant).where(
                Participant.conference_id == conference_id, Participant.role == Role.CHAIR
            )
        )
    )


# --- Versions, files ----------------------------------------------------------------------


def version(report: Report, number: int) -> ReportVersion | None:
    return next((v for v in report.versions if v.number == number), None)


def file_content(version_found: ReportVersion) -> ReportFile | None:
    if version_found.file_id is None:
        return None
    return db.session.get(ReportFile, version_found.file_id)


def draft_file(found: ReportDraft) -> ReportFile | None:
    return db.session.get(ReportFile, found.file_id) if found.file_id else None


# --- Replies to the family's comments -----------------------------------------------------


def comment(report: Report, comment_id: uuid.UUID) -> ReportComment | None:
    found = db.session.get(ReportComment, comment_id)
    if found is None or found.report_id != report.id:
        return None
    return found


def add_reply(me: Participant, found: ReportComment, text: str) -> ReportReply:
    """Leaves the transaction open for the message to the family member; then `commit()`."""
    reply = ReportReply(
        comment_id=found.id, author_id=me.person_id, text=text, created_at=clock.now()
    )
    db.session.add(reply)
    db.session.flush()
    return reply


def replies(comments: Iterable[ReportComment]) -> dict[uuid.UUID, list[ReportReply]]:
    """The replies to these comments, by comment, oldest first (one query)."""
    ids = [c.id for c in comments]
    found: dict[uuid.UUID, list[ReportReply]] = {}
    if not ids:
        return found
    for reply in db.session.scalars(
        select(ReportReply)
        .where(ReportReply.comment_id.in_(ids))
        .options(joinedload(ReportReply.author))
        .order_by(ReportReply.created_at)
    ).unique():
        found.setdefault(reply.comment_id, []).append(reply)
    return found


def comments_to_answer(me: Participant) -> list[ReportComment]:
    """The family's comments this person may answer that have no reply yet."""
    viewer, rules = visible.viewer_for(me), visible.restrictions(me.conference_id)
    reports = {
        r.id: r
        for r in visible.reports(me)
        if report_writing.may_revise(me.role, me.person_id, r.author_id)
    }
    if not reports:
        return []
    answered = select(ReportReply.comment_id)
    found = db.session.scalars(
        select(ReportComment)
        .where(ReportComment.report_id.in_(list(reports)), ReportComment.id.not_in(answered))
        .options(joinedload(ReportComment.participant).joinedload(Participant.person))
        .order_by(ReportComment.created_at)
    ).unique()
    return [
        c
        for c in found
        if visibility.can_see_family_words(
            viewer, c.participant, rules, reports[c.report_id].author_id
        )
    ]


# --- Late shares, for the chair -----------------------------------------------------------


@dataclass(frozen=True)
class LateShare:
    report: Report
    duties: list[str]
    shared_at: datetime


def late_shares(me: Participant, deadlines: ConferenceDeadlines) -> list[LateShare]:
    """Each report this person may see that reached the family or the chair after the
    policy's deadline, with the duties it missed."""
    due = {
        key: line.deadline.due
        for key in ("reports_to_family", "reports_to_chair")
        if (line := deadlines.get(key)) is not None
    }
    found = []
    for report in visible.reports(me):
        to_chair = report_writing.goes_to_chair(
            report.audience, report.translation_of_id is not None
        )
        moments = report_writing.ShareMoments(
            report.shared_with_family_at, report.shared_with_chair_at if to_chair else None
        )
        late = report_writing.late_duties(moments, due)
        if late:
            shared_at = max(m for m in (moments.family, moments.chair) if m is not None)
            found.append(LateShare(report, late, shared_at))
    return found


def read_at(me: Participant, report_id: uuid.UUID) -> datetime | None:
    """When this family member said they had read the report (None: not yet)."""
    return db.session.scalar(
        select(ReportRead.read_at).where(
            ReportRead.participant_id == me.id, ReportRead.report_id == report_id
        )
    )


def written_by_me(me: Participant) -> list[Report]:
    """Shared reports this person may write a new version of."""
    return [
        r
        for r in visible.reports(me)
        if report_writing.may_revise(me.role, me.person_id, r.author_id)
    ]


def child_names(conference: Conference) -> dict[uuid.UUID, str]:
    return {child.id: child.first_name for child in conference.children}
