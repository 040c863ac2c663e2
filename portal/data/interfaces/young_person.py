"""What a young person writes and chooses: their views (drafts kept apart from what was
sent, as ADR 0007 does for parents), their pictures, who sees each view, how they will
take part, and afterwards whether they felt heard."""

from __future__ import annotations

import copy
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload, undefer

from portal.data.interfaces import audit, visible
from portal.data.models import (
    ChildView,
    ChildViewAttachment,
    ChildViewFormat,
    Participant,
    Role,
    SubmissionStatus,
    YoungPersonAnswers,
)
from portal.domain import clock, visibility
from portal.domain.pictures import CleanPicture
from portal.domain.young_voice import Invited, ShareWith, audience
from portal.extensions import db

# --- My views -----------------------------------------------------------------------------


def my_views(me: Participant) -> list[ChildView]:
    """The young person's own views in this meeting, oldest first (one query)."""
    if me.child_id is None:
        return []
    return list(
        db.session.scalars(
            select(ChildView)
            .where(ChildView.conference_id == me.conference_id, ChildView.child_id == me.child_id)
            .order_by(ChildView.created_at, ChildView.id)
        )
    )


def my_view(me: Participant, view_id: uuid.UUID) -> ChildView | None:
    """One of the young person's own views; None for anyone else's (the page gives 404)."""
    found = db.session.get(ChildView, view_id)
    if (
        found is None
        or me.child_id is None
        or found.conference_id != me.conference_id
        or found.child_id != me.child_id
    ):
        return None
    return found


def start_view(me: Participant, view_format: ChildViewFormat) -> ChildView:
    if me.child_id is None:
        raise ValueError("only a young person with a child record has views")
    view = ChildView(
        conference_id=me.conference_id,
        child_id=me.child_id,
        written_by_id=me.person_id,
        format=view_format,
        content={},
        share={},
        audience=[],
        status=SubmissionStatus.DRAFT,
    )
    db.session.add(view)
    db.session.commit()
    return view


def save_words(view: ChildView, words: dict[str, Any]) -> None:
    """Keep the draft's words; the pictures already in it stay."""
    pictures = (view.content or {}).get("pictures") or []
    view.content = {**words, "pictures": pictures} if pictures else dict(words)
    view.updated_at = clock.now()
    db.session.commit()


def changed_since_sent(view: ChildView) -> bool:
    return view.sent_content is not None and (
        view.content != view.sent_content or (view.share or {}) != (view.sent_share or {})
    )


def invited(me: Participant) -> list[Invited]:
    """Everyone this young person may see in the meeting, as the audience rule needs them."""
    return [
        Invited(card.participant.id, card.participant.role, card.participant.child_id)
        for card in visible.people(me)
    ]


def save_share(view: ChildView, share: dict[str, Any]) -> None:
    view.share = dict(share)
    view.updated_at = clock.now()
    db.session.commit()


def audience_of(me: Participant, view: ChildView) -> list[uuid.UUID]:
    """Who the draft choice means today, by participant id."""
    share = view.share or {}
    choice = ShareWith(share.get("with", ShareWith.CHAIR_AND_SOCIAL_WORKER))
    chosen = [uuid.UUID(value) for value in share.get("people") or []]
    return audience(choice, chosen, invited(me), view.child_id, me.id)


def send(me: Participant, view: ChildView) -> list[uuid.UUID]:
    """Send the draft to the people it names now. Others see this copy, not later drafts."""
    people = audience_of(me, view)
    view.audience = [str(person) for person in people]
    view.sent_content = copy.deepcopy(view.content or {})
    view.sent_share = dict(view.share or {})
    view.status = SubmissionStatus.SENT
    view.sent_at = clock.now()
    db.session.commit()
    return people


# --- Pictures -----------------------------------------------------------------------------


def add_picture(view: ChildView, picture: CleanPicture, caption: str, place: str) -> uuid.UUID:
    """Keep a cleaned picture (under a random name) and put it in the draft."""
    attachment = ChildViewAttachment(
        child_view_id=view.id,
        stored_name=f"{secrets.token_urlsafe(18)}.{picture.extension}",
        content_type=picture.content_type,
        width=picture.width,
        height=picture.height,
        data=picture.data,
    )
    db.session.add(attachment)
    db.session.flush()
    content = copy.deepcopy(view.content or {})
    content.setdefault("pictures", []).append(
        {"id": str(attachment.id), "caption": caption, "place": place}
    )
    view.content = content
    view.updated_at = clock.now()
    db.session.commit()
    return attachment.id


def remove_picture(view: ChildView, picture_id: uuid.UUID) -> bool:
    """Take a picture out of the draft. One that was sent stays for those it was sent to
    until the view is sent again without it."""
    content = copy.deepcopy(view.content or {})
    pictures = content.get("pictures") or []
    kept = [item for item in pictures if item.get("id") != str(picture_id)]
    if len(kept) == len(pictures):
        return False
    content["pictures"] = kept
    view.content = content
    sent_ids = {item.get("id") for item in (view.sent_content or {}).get("pictures") or []}
    if str(picture_id) not in sent_ids:
        attachment = db.session.get(ChildViewAttachment, picture_id)
        if attachment is not None and attachment.child_view_id == view.id:
            db.session.delete(attachment)
    db.session.commit()
    return True


def picture(
    viewer: Participant, view_id: uuid.UUID, picture_id: uuid.UUID
) -> ChildViewAttachment | None:
    """A picture with its bytes, for someone the policy lets see it; None for anyone else."""
    view = visible.child_view(viewer, view_id)
    if view is None:
        return None
    rules = visible.restrictions(viewer.conference_id)
    if not visibility.can_see_child_view_picture(
        visible.viewer_for(viewer), view, picture_id, rules
    ):
        return None
    found = db.session.scalars(
        select(ChildViewAttachment)
        .where(ChildViewAttachment.id == picture_id, ChildViewAttachment.child_view_id == view.id)
        .options(undefer(ChildViewAttachment.data))
    ).first()
    return found


# --- Taking part, and was I heard? --------------------------------------------------------


def answers(me: Participant) -> YoungPersonAnswers | None:
    return db.session.scalars(
        select(YoungPersonAnswers).where(YoungPersonAnswers.participant_id == me.id)
    ).first()


def _record(me: Participant) -> YoungPersonAnswers:
    record = answers(me)
    if record is None:
        record = YoungPersonAnswers(participant_id=me.id, taking_part={}, heard={})
        db.session.add(record)
    return record


def send_taking_part(me: Participant, taking_part: dict[str, Any]) -> None:
    record = _record(me)
    record.taking_part = dict(taking_part)
    record.taking_part_sent_at = clock.now()
    db.session.commit()


def send_heard(me: Participant, heard: dict[str, Any]) -> None:
    record = _record(me)
    record.heard = dict(heard)
    record.heard_at = clock.now()
    db.session.commit()


def opened_by_chair(me: Participant) -> set[uuid.UUID]:
    """Which of the young person's views the chair has opened (from the audit trail)."""
    if me.child_id is None:
        return set()
    return {
        line.object_id
        for line in audit.who_opened_child_views(me.conference_id, me.child_id)
        if line.actor_role == Role.CHAIR.value and line.object_id is not None
    }


@dataclass(frozen=True)
class YoungPersonsWords:
    """A young person's answers as the chair or social worker sees them."""

    participant: Participant
    name: str
    record: YoungPersonAnswers


def young_peoples_answers(viewer: Participant) -> list[YoungPersonsWords]:
    """Every young person's sent answers in the meeting this viewer may see (two queries)."""
    rows = db.session.execute(
        select(YoungPersonAnswers, Participant)
        .join(Participant, Participant.id == YoungPersonAnswers.participant_id)
        .where(
            Participant.conference_id == viewer.conference_id,
            Participant.role == Role.YOUNG_PERSON,
        )
        .options(joinedload(Participant.person))
        .order_by(Participant.created_at)
    ).all()
    me = visible.viewer_for(viewer)
    return [
        YoungPersonsWords(owner, owner.person.full_name, record)
        for record, owner in rows
        if visibility.can_see_young_persons_answers(me, owner)
        and (record.taking_part_sent_at is not None or record.heard_at is not None)
    ]
