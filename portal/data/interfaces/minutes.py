"""The minutes of a conference: the working copy, approval, shared versions, readers,
and what the family says is wrong with them (portal.domain.minutes has the rules)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from portal.data.interfaces import visible
from portal.data.models import (
    Conference,
    Decision,
    DutyDone,
    Minutes,
    MinutesComment,
    MinutesVersion,
    Participant,
    ReportFile,
)
from portal.domain import clock, minutes as rules, visibility
from portal.domain.pdf_files import CheckedPdf
from portal.extensions import db


def of_conference(conference_id: uuid.UUID) -> Minutes | None:
    return db.session.scalars(
        select(Minutes)
        .where(Minutes.conference_id == conference_id)
        .options(selectinload(Minutes.versions), joinedload(Minutes.approved_by))
    ).first()


def start(conference: Conference, me: Participant) -> Minutes:
    found = of_conference(conference.id)
    if found is None:
        found = Minutes(conference_id=conference.id, written_by_id=me.person_id, text="")
        db.session.add(found)
        db.session.flush()
    return found


def _decision_ids(conference_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        db.session.scalars(select(Decision.id).where(Decision.conference_id == conference_id))
    )


def may_see(me: Participant, found: Minutes | None) -> bool:
    """Whether this participant may open the minutes (the shared ones, or for those who
    write and approve them, the working copy), restrictions on the decision applied."""
    return visibility.can_see_minutes(
        visible.viewer_for(me),
        me.conference_id,
        _decision_ids(me.conference_id),
        bool(found and found.versions),
        visible.restrictions(me.conference_id),
    )


def changed_since_shared(found: Minutes) -> bool:
    """Whether the working copy differs from the last shared version (a correction)."""
    last = found.shared
    if last is None:
        return bool(found.text.strip() or found.file_id)
    return (found.text, found.file_id) != (last.text, last.file_id)


def has_content(found: Minutes | None) -> bool:
    return bool(found and (found.text.strip() or found.file_id))


def stage(found: Minutes | None) -> str:
    if found is None:
        return rules.NOT_STARTED
    return rules.stage(
        has_content(found),
        found.approved_at is not None,
        len(found.versions),
        changed_since_shared(found),
    )


def save_text(found: Minutes, text: str, me: Participant) -> None:
    """Keep the typed record; any change withdraws the chair's approval."""
    if text != found.text:
        found.text = text
        found.approved_at = None
        found.approved_by_id = None
    found.written_by_id = me.person_id
    found.updated_at = clock.now()
    db.session.commit()


def attach_pdf(found: Minutes, me: Participant, content: bytes, checked: CheckedPdf) -> None:
    """Keep an uploaded PDF as the record (in the database, as reports are: ADR 0012)."""
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
    found.approved_at = None
    found.approved_by_id = None
    found.updated_at = clock.now()
    db.session.commit()


def remove_pdf(found: Minutes) -> None:
    if found.file_id is not None:
        found.file_id = None
        found.approved_at = None
        found.approved_by_id = None
        db.session.commit()


def file_of(file_id: uuid.UUID | None) -> ReportFile | None:
    return db.session.get(ReportFile, file_id) if file_id else None


def approve(found: Minutes, me: Participant) -> None:
    found.approved_at = clock.now()
    found.approved_by_id = me.person_id
    db.session.commit()


def readers(conference_id: uuid.UUID) -> list[Participant]:
    """Everyone who is sent the minutes once shared: parents and professionals, less anyone
    kept from a decision of the conference."""
    decision_ids = _decision_ids(conference_id)
    rules_found = visible.restrictions(conference_id)
    everyone = db.session.scalars(
        select(Participant)
        .where(Participant.conference_id == conference_id)
        .order_by(Participant.created_at)
    ).all()
    return [
        person
        for person in everyone
        if rules.is_reader(person.role)
        and visibility.can_see_minutes(
            visible.viewer_for(person), conference_id, decision_ids, True, rules_found
        )
    ]


def add_version(found: Minutes, me: Participant, what_changed: str) -> MinutesVersion:
    """Freeze the working copy as the next shared version; the first records the `minutes`
    duty done today. In the caller's transaction: it sends the messages, then commits."""
    now = clock.now()
    number = (found.shared.number + 1) if found.shared else 1
    version = MinutesVersion(
        number=number,
        text=found.text,
        file_id=found.file_id,
        what_changed=what_changed if number > 1 else "",
        shared_at=now,
        shared_by_id=me.person_id,
    )
    found.versions.append(version)
    duty = db.session.scalars(
        select(DutyDone).where(
            DutyDone.conference_id == found.conference_id, DutyDone.duty == "minutes"
        )
    ).first()
    if duty is None:
        db.session.add(
            DutyDone(
                conference_id=found.conference_id,
                duty="minutes",
                done_on=clock.today_in_london(),
                recorded_by_id=me.person_id,
                recorded_at=now,
            )
        )
    db.session.flush()
    return version


def commit() -> None:
    db.session.commit()


# --- What the family says is wrong, and the replies ---------------------------------------


def comments(found: Minutes, me: Participant | None = None) -> list[MinutesComment]:
    """Every comment (staff), or only this family member's own."""
    statement = (
        select(MinutesComment)
        .where(MinutesComment.minutes_id == found.id)
        .options(joinedload(MinutesComment.participant).joinedload(Participant.person))
        .order_by(MinutesComment.created_at)
    )
    if me is not None:
        statement = statement.where(MinutesComment.participant_id == me.id)
    return list(db.session.scalars(statement))


def add_comment(found: Minutes, me: Participant, what: str, why: str) -> MinutesComment:
    comment = MinutesComment(
        minutes_id=found.id,
        participant_id=me.id,
        version_number=found.shared.number if found.shared else 0,
        what=what,
        why=why,
        created_at=clock.now(),
    )
    db.session.add(comment)
    db.session.commit()
    return comment


def comment(found: Minutes, comment_id: uuid.UUID) -> MinutesComment | None:
    return db.session.scalars(
        select(MinutesComment).where(
            MinutesComment.id == comment_id, MinutesComment.minutes_id == found.id
        )
    ).first()


@dataclass(frozen=True)
class Replied:
    comment: MinutesComment
    to_person_id: uuid.UUID


def reply(found: MinutesComment, me: Participant, text: str) -> Replied:
    """Record the reply (in the caller's transaction: it tells the family, then commits)."""
    found.reply = text
    found.replied_by_id = me.person_id
    found.replied_at = clock.now()
    db.session.flush()
    return Replied(found, found.participant.person_id)


def shared_for(me: Participant) -> MinutesVersion | None:
    """The shared minutes this participant may read, or None: for a link on their pages."""
    found = of_conference(me.conference_id)
    if found is None or not found.versions or not may_see(me, found):
        return None
    return found.shared
