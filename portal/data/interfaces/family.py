"""What a parent writes before the meeting: answers, reads, comments, words about a child."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.data.interfaces import visible
from portal.data.models import (
    AboutChild,
    AdvocateRequest,
    CommentKind,
    Participant,
    Preferences,
    PreferencesVersion,
    Report,
    ReportComment,
    ReportRead,
    SubmissionStatus,
)
from portal.domain import clock, family_answers, visibility
from portal.extensions import db

# --- First visit and the promise to keep reports private ----------------------------------


def mark_privacy_notice_seen(participant: Participant) -> None:
    if participant.privacy_notice_seen_at is None:
        participant.privacy_notice_seen_at = clock.now()
        db.session.commit()


def agree_to_keep_reports_private(participant: Participant) -> None:
    if participant.agreed_to_keep_reports_private_at is None:
        participant.agreed_to_keep_reports_private_at = clock.now()
        db.session.commit()


# --- How the meeting will work for me -----------------------------------------------------


def preferences(participant: Participant) -> Preferences | None:
    return db.session.scalars(
        select(Preferences).where(Preferences.participant_id == participant.id)
    ).first()


def save_step(participant: Participant, step: str, answers: dict[str, Any]) -> Preferences:
    """Keep one step's answers in the draft. Nobody else sees the draft: what others see,
    and the columns they query, change only when the answers are sent."""
    record = preferences(participant)
    if record is None:
        record = Preferences(participant_id=participant.id, answers={})
        db.session.add(record)
    record.answers = {**(record.answers or {}), step: answers}
    record.updated_at = clock.now()
    db.session.commit()
    return record


def send_preferences(participant: Participant) -> Preferences:
    """Send the draft: it becomes what others see, a copy goes in the history, and an
    advocate is asked for if wanted."""
    record = preferences(participant)
    if record is None:
        record = save_step(participant, family_answers.STEP_SLUGS[0], {})
    now = clock.now()
    sent = dict(record.answers or {})
    record.sent_answers = sent
    for column, value in family_answers.columns(sent).items():
        setattr(record, column, value)
    record.status = SubmissionStatus.SENT
    record.sent_at = now
    db.session.add(PreferencesVersion(preferences_id=record.id, answers=sent, sent_at=now))
    if family_answers.wants_advocate(sent):
        already = db.session.scalars(
            select(AdvocateRequest.id).where(
                AdvocateRequest.requested_by_id == participant.id,
                AdvocateRequest.for_child_id.is_(None),
            )
        ).first()
        if already is None:
            db.session.add(
                AdvocateRequest(
                    conference_id=participant.conference_id, requested_by_id=participant.id
                )
            )
    db.session.commit()
    return record


def history(record: Preferences) -> list[PreferencesVersion]:
    return list(
        db.session.scalars(
            select(PreferencesVersion)
            .where(PreferencesVersion.preferences_id == record.id)
            .order_by(PreferencesVersion.sent_at.desc())
        )
    )


# --- Reports: "I have read this", and comments on sections -----------------------------------


def mark_read(participant: Participant, report: Report) -> None:
    exists = db.session.scalars(
        select(ReportRead.id).where(
            ReportRead.participant_id == participant.id, ReportRead.report_id == report.id
        )
    ).first()
    if exists is None:
        db.session.add(
            ReportRead(participant_id=participant.id, report_id=report.id, read_at=clock.now())
        )
        db.session.commit()


def reports_read(participant: Participant) -> set[uuid.UUID]:
    return set(
        db.session.scalars(
            select(ReportRead.report_id).where(ReportRead.participant_id == participant.id)
        )
    )


def add_comment(
    participant: Participant, report: Report, section: int, kind: CommentKind, text: str
) -> None:
    db.session.add(
        ReportComment(
            participant_id=participant.id,
            report_id=report.id,
            section=section,
            kind=kind,
            text=text,
            created_at=clock.now(),
        )
    )
    db.session.commit()


def comments(viewer: Participant, report: Report) -> list[ReportComment]:
    """The comments on a report this viewer may read: their own, or all for the chair, the
    social worker and the report's author."""
    rules = visible.restrictions(viewer.conference_id)
    me = visible.viewer_for(viewer)
    found = db.session.scalars(
        select(ReportComment)
        .where(ReportComment.report_id == report.id)
        .options(joinedload(ReportComment.participant).joinedload(Participant.person))
        .order_by(ReportComment.created_at)
    ).unique()
    return [
        c
        for c in found
        if visibility.can_see_family_words(me, c.participant, rules, report.author_id)
    ]


# --- About my child -----------------------------------------------------------------------


def about_child(participant: Participant, child_id: uuid.UUID) -> AboutChild | None:
    return db.session.scalars(
        select(AboutChild).where(
            AboutChild.participant_id == participant.id, AboutChild.child_id == child_id
        )
    ).first()


def about_children(participant: Participant) -> dict[uuid.UUID, AboutChild]:
    return {
        a.child_id: a
        for a in db.session.scalars(
            select(AboutChild).where(AboutChild.participant_id == participant.id)
        )
    }


def save_about_child(
    participant: Participant, child_id: uuid.UUID, answers: dict[str, str], send: bool
) -> AboutChild:
    record = about_child(participant, child_id)
    if record is None:
        record = AboutChild(participant_id=participant.id, child_id=child_id, answers={})
        db.session.add(record)
    record.answers = answers
    record.updated_at = clock.now()
    if send:
        # Only now do the chair and social worker see it: a later draft stays the parent's.
        record.sent_answers = dict(answers)
        record.status = SubmissionStatus.SENT
        record.sent_at = clock.now()
    db.session.commit()
    return record
