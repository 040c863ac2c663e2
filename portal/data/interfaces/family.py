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
    AttendanceMode,
    CommentKind,
    Participant,
    Preferences,
    PreferencesVersion,
    Report,
    ReportComment,
    ReportRead,
    SubmissionStatus,
)
from portal.domain import clock, visibility
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
    """Keep one step's answers as a draft; the columns other pages query follow the answers."""
    record = preferences(participant)
    if record is None:
        record = Preferences(participant_id=participant.id, answers={})
        db.session.add(record)
    record.answers = {**(record.answers or {}), step: answers}
    if step == "name":
        record.address_as = answers.get("address_as") or None
        record.pronouns = answers.get("pronouns") or None
    elif step == "language":
        record.language = answers.get("language") or None
        record.needs_interpreter = answers.get("interpreter") == "yes"
        record.interpreter_language = answers.get("interpreter_language") or None
    elif step == "attendance":
        record.attendance = AttendanceMode(answers["how"]) if answers.get("how") else None
    record.updated_at = clock.now()
    db.session.commit()
    return record


def send_preferences(participant: Participant) -> Preferences:
    """Send the answers: keep a copy in the history; ask for an advocate if wanted."""
    record = preferences(participant)
    if record is None:
        record = save_step(participant, "name", {})
    now = clock.now()
    record.status = SubmissionStatus.SENT
    record.sent_at = now
    db.session.add(
        PreferencesVersion(preferences_id=record.id, answers=record.answers, sent_at=now)
    )
    wants_advocate = (record.answers.get("support") or {}).get("advocate") == "yes"
    if wants_advocate:
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
        record.status = SubmissionStatus.SENT
        record.sent_at = clock.now()
    db.session.commit()
    return record


# --- What the family said, for the people running the meeting ------------------------------


def family_words(viewer: Participant) -> list[dict[str, Any]]:
    """Each family member's sent answers and words about their children, as this viewer may see
    them (a fixed number of queries)."""
    rules = visible.restrictions(viewer.conference_id)
    me = visible.viewer_for(viewer)
    family = list(
        db.session.scalars(
            select(Participant)
            .where(Participant.conference_id == viewer.conference_id)
            .options(joinedload(Participant.person))
        ).unique()
    )
    family = [p for p in family if p.role.value in {"parent", "supporter"}]
    ids = [p.id for p in family]
    prefs = {
        p.participant_id: p
        for p in db.session.scalars(select(Preferences).where(Preferences.participant_id.in_(ids)))
    }
    children = list(
        db.session.scalars(
            select(AboutChild).where(
                AboutChild.participant_id.in_(ids), AboutChild.status == SubmissionStatus.SENT
            )
        )
    )
    result = []
    for person in family:
        sent = prefs.get(person.id)
        show_prefs = (
            sent is not None
            and sent.status == SubmissionStatus.SENT
            and visibility.can_see_preferences(me, person, rules)
        )
        show_words = visibility.can_see_family_words(me, person, rules)
        entry = {
            "participant": person,
            "preferences": sent if show_prefs else None,
            "safety": visibility.can_see_safety_request(me, person),
            "about_children": [a for a in children if a.participant_id == person.id]
            if show_words
            else [],
        }
        if entry["preferences"] or entry["about_children"]:
            result.append(entry)
    return result
