"""After the meeting, for the family and the young person: each child's published decision
this person may see, whether they have opened and confirmed it, and recording that.

Which decisions a person may see is `visible.decisions` (portal.domain.visibility); a
decision hidden from someone is simply absent here, so no page can show it or count it.
Every page reads the newest published version (`Decision.published`), never the chair's
working copy.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.data.interfaces import visible
from portal.data.models import (
    Child,
    Conference,
    ConferenceStatus,
    Decision,
    DecisionRead,
    DecisionVersion,
    Participant,
)
from portal.domain import clock
from portal.domain.published_plan import PublishedPlan, from_content
from portal.extensions import db


@dataclass(frozen=True)
class PublishedDecision:
    """One child's decision as this person reads it: the newest published version."""

    decision: Decision
    child: Child
    version: DecisionVersion
    plan: PublishedPlan
    read: DecisionRead | None

    @property
    def confirmed_at(self) -> datetime | None:
        return self.read.confirmed_at if self.read else None


@dataclass(frozen=True)
class AfterMeeting:
    """What a family member's home shows once the meeting is held."""

    published: list[PublishedDecision]
    # Children of the conference with no decision this person may read yet: the chair
    # is writing it, or (indistinguishably, on purpose) it is not for this person.
    waiting: list[Child]


def is_held(conference: Conference) -> bool:
    return conference.status == ConferenceStatus.HELD


def _reads(
    participant: Participant, versions: list[DecisionVersion]
) -> dict[uuid.UUID, DecisionRead]:
    if not versions:
        return {}
    return {
        read.version_id: read
        for read in db.session.scalars(
            select(DecisionRead).where(
                DecisionRead.participant_id == participant.id,
                DecisionRead.version_id.in_([v.id for v in versions]),
            )
        )
    }


def published_decisions(participant: Participant) -> list[PublishedDecision]:
    """Each published decision this participant may see, newest version, in child order."""
    found = [
        (decision, version)
        for decision in visible.decisions(participant)
        if decision.published_at is not None and (version := decision.published) is not None
    ]
    reads = _reads(participant, [version for _, version in found])
    order = {child.id: n for n, child in enumerate(participant.conference.children)}
    return sorted(
        (
            PublishedDecision(
                decision,
                decision.child,
                version,
                from_content(version.content),
                reads.get(version.id),
            )
            for decision, version in found
        ),
        key=lambda item: order.get(item.child.id, len(order)),
    )


def after_meeting(participant: Participant) -> AfterMeeting:
    published = published_decisions(participant)
    done = {item.child.id for item in published}
    return AfterMeeting(
        published=published,
        waiting=[child for child in participant.conference.children if child.id not in done],
    )


def for_child(participant: Participant, child_id: uuid.UUID) -> PublishedDecision | None:
    """The published decision for one child of this participant's conference, if they may
    read it (None for another conference's child, an unpublished or a hidden decision)."""
    return next(
        (item for item in published_decisions(participant) if item.child.id == child_id), None
    )


def record_opened(participant: Participant, version: DecisionVersion) -> DecisionRead:
    """The first time this person opens this version (later openings change nothing)."""
    existing = db.session.scalars(
        select(DecisionRead).where(
            DecisionRead.participant_id == participant.id,
            DecisionRead.version_id == version.id,
        )
    ).first()
    if existing is not None:
        return existing
    read = DecisionRead(participant_id=participant.id, version_id=version.id, opened_at=clock.now())
    try:
        with db.session.begin_nested():
            db.session.add(read)
    except IntegrityError:
        # The same person opened it twice at once (two tabs): the other request wrote it.
        return db.session.scalars(
            select(DecisionRead).where(
                DecisionRead.participant_id == participant.id,
                DecisionRead.version_id == version.id,
            )
        ).one()
    db.session.commit()
    return read


def confirm_read(participant: Participant, version: DecisionVersion) -> DecisionRead:
    """ "I have read this": kept from the first time it is said (saying it again changes nothing)."""
    read = record_opened(participant, version)
    if read.confirmed_at is None:
        read.confirmed_at = clock.now()
        db.session.commit()
    return read
