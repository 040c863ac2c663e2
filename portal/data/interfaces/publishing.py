"""Publishing a conference's decisions and following their delivery: the queries.

Who is told is decided by `portal.domain.publishing.decisions_for`, which asks the one
visibility policy (`portal.domain.visibility`) for each person every time: a restriction
added after publishing applies to every later version, resend and newcomer.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from portal.data.interfaces import decision_versions
from portal.data.models import (
    Conference,
    ConferenceStatus,
    Decision,
    DecisionDeliveryDone,
    DecisionRead,
    DecisionVersion,
    DutyDone,
    Notification,
    Outcome,
    Participant,
    Restriction,
    RestrictionSubject,
)
from portal.domain import clock, published_plan, publishing, visibility
from portal.domain.visibility import Viewer
from portal.extensions import db

# Outcomes that come with a plan for the core group.
WITH_A_PLAN = frozenset({Outcome.CHILD_PROTECTION_PLAN, Outcome.CHILD_IN_NEED_PLAN})


def _viewer(participant: Participant) -> Viewer:
    return Viewer(
        person_id=participant.person_id,
        participant_id=participant.id,
        role=participant.role,
        part=participant.part,
        child_id=participant.child_id,
    )


def decisions(conference_id: uuid.UUID) -> list[Decision]:
    return list(
        db.session.scalars(
            select(Decision)
            .where(Decision.conference_id == conference_id)
            .options(
                joinedload(Decision.child),
                selectinload(Decision.actions),
                selectinload(Decision.versions),
            )
        ).unique()
    )


def changed_since_published(decision: Decision) -> bool:
    """The working copy differs from the newest published version."""
    if decision.published is None:
        return False
    before = decision_versions.plan_published(decision.published)
    return bool(published_plan.changed_parts(before, decision_versions.plan_of(decision)))


@dataclass(frozen=True)
class ChildDecision:
    decision: Decision
    complete: bool
    changed: bool

    @property
    def needs_version(self) -> bool:
        return self.decision.published is None or self.changed


def readiness(conference_id: uuid.UUID) -> list[ChildDecision]:
    ready = []
    for d in decisions(conference_id):
        changed = changed_since_published(d)
        # A decision published before completion was recorded, and unchanged since, is
        # as complete as when it was published.
        complete = publishing.is_complete(d, len(d.actions)) or (
            d.published_at is not None and d.completed_at is None and not changed
        )
        ready.append(ChildDecision(d, complete, changed))
    return ready


def _restrictions(conference_id: uuid.UUID) -> list[Restriction]:
    return list(
        db.session.scalars(select(Restriction).where(Restriction.conference_id == conference_id))
    )


@dataclass
class _AsPublished:
    """A decision as it will be once published, for saying who will receive it."""

    id: uuid.UUID
    conference_id: uuid.UUID
    child_id: uuid.UUID
    published_at: datetime | None
    child_summary: str


@dataclass
class Recipient:
    participant: Participant
    decisions: list[Decision] = field(default_factory=list)

    @property
    def childs_version(self) -> bool:
        return publishing.gets_childs_version(_viewer(self.participant))


@dataclass(frozen=True)
class Audience:
    recipients: list[Recipient]
    # People a restriction says must not be told: listed by name only.
    not_told: list[Participant]


def audience(conference_id: uuid.UUID, found: list[Decision] | None = None) -> Audience:
    """Who is (or would be, once published) sent word of the conference's decisions."""
    found = decisions(conference_id) if found is None else found
    as_published = [
        _AsPublished(d.id, d.conference_id, d.child_id, clock.now(), d.child_summary or "")
        for d in found
    ]
    by_id = {d.id: d for d in found}
    rules = _restrictions(conference_id)
    everyone = db.session.scalars(
        select(Participant)
        .where(Participant.conference_id == conference_id)
        .options(joinedload(Participant.person))
        .order_by(Participant.role, Participant.created_at)
    ).unique()
    recipients, not_told = [], []
    for participant in everyone:
        if participant.role not in publishing.RECEIVES or not participant.person.is_active:
            continue
        viewer = _viewer(participant)
        told = publishing.decisions_for(viewer, as_published, rules)
        if told:
            recipients.append(Recipient(participant, [by_id[d.id] for d in told]))
        elif found and (
            visibility.must_not_be_told(viewer, conference_id, rules)
            or all(
                visibility.is_hidden(viewer, RestrictionSubject.DECISION, d.id, rules)
                for d in found
            )
        ):
            not_told.append(participant)
    return Audience(recipients, not_told)


def add_version(decision: Decision, chair_id: uuid.UUID, what_changed: str) -> DecisionVersion:
    return decision_versions.add_version(decision, chair_id, what_changed, at=clock.now())


def record_plan_sent(conference_id: uuid.UUID, day: date, chair_id: uuid.UUID) -> None:
    """The plan went to the core group with the published decision (in the caller's
    transaction); a day recorded by hand before is kept."""
    existing = db.session.scalars(
        select(DutyDone).where(
            DutyDone.conference_id == conference_id, DutyDone.duty == "plan_to_core_group"
        )
    ).first()
    if existing is None:
        db.session.add(
            DutyDone(
                conference_id=conference_id,
                duty="plan_to_core_group",
                done_on=day,
                recorded_by_id=chair_id,
                recorded_at=clock.now(),
            )
        )


def commit() -> bool:
    """Commit the publication; False when another request published the same first
    (a double click): nothing of this one is kept, and that one's messages stand."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def rollback() -> None:
    db.session.rollback()


# --- The 24-hour clock --------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    channel: str
    state: str


@dataclass
class DeliveryLine:
    recipient: Recipient
    event: str
    messages: list[Message]
    done_other_ways: list[DecisionDeliveryDone]

    @property
    def reached(self) -> bool:
        return publishing.reached((m.state for m in self.messages), bool(self.done_other_ways))

    @property
    def is_family(self) -> bool:
        return self.recipient.participant.role in publishing.FAMILY_RECIPIENTS


def event_for(recipient: Recipient) -> str:
    versions = [d.published for d in recipient.decisions if d.published is not None]
    return publishing.message_event(v.id for v in versions)


def delivery(conference_id: uuid.UUID) -> list[DeliveryLine]:
    """Per recipient of the published decisions: each message's state, and what was done
    another way. A fixed number of queries whatever the size of the conference."""
    found = [d for d in decisions(conference_id) if d.published is not None]
    if not found:
        return []
    told = audience(conference_id, found).recipients
    notes = list(
        db.session.scalars(
            select(Notification).where(
                Notification.conference_id == conference_id,
                Notification.idempotency_key.like("decision:%"),
            )
        )
    )
    by_key = {n.idempotency_key: n for n in notes}
    version_ids = [d.published.id for d in found if d.published is not None]
    read = {
        (participant_id, version_id)
        for participant_id, version_id in db.session.execute(
            select(DecisionRead.participant_id, DecisionRead.version_id).where(
                DecisionRead.version_id.in_(version_ids)
            )
        )
    }
    others: dict[uuid.UUID, list[DecisionDeliveryDone]] = defaultdict(list)
    for done in db.session.scalars(
        select(DecisionDeliveryDone)
        .where(DecisionDeliveryDone.conference_id == conference_id)
        .options(joinedload(DecisionDeliveryDone.done_by))
        .order_by(DecisionDeliveryDone.done_at)
    ):
        others[done.participant_id].append(done)
    lines = []
    for recipient in told:
        event = event_for(recipient)
        person_id = recipient.participant.person_id
        has_read = all(
            (recipient.participant.id, d.published.id) in read
            for d in recipient.decisions
            if d.published is not None
        )
        messages = [
            Message(str(n.channel), publishing.delivery_state(n.status, has_read))
            for key, n in sorted(by_key.items())
            if key.startswith(f"{event}:{person_id}:")
        ]
        lines.append(DeliveryLine(recipient, event, messages, others[recipient.participant.id]))
    return lines


def recipient_in(conference_id: uuid.UUID, participant_id: uuid.UUID) -> Recipient | None:
    """One recipient of the published decisions (never someone not to be told)."""
    found = [d for d in decisions(conference_id) if d.published is not None]
    for recipient in audience(conference_id, found).recipients if found else []:
        if recipient.participant.id == participant_id:
            return recipient
    return None


def record_done_another_way(
    conference_id: uuid.UUID, participant_id: uuid.UUID, way: str, note: str, by: uuid.UUID
) -> None:
    db.session.add(
        DecisionDeliveryDone(
            conference_id=conference_id,
            participant_id=participant_id,
            way=way,
            note=note,
            done_by_id=by,
            done_at=clock.now(),
        )
    )
    db.session.commit()


def conferences_on_the_clock(now: datetime) -> list[Conference]:
    """Held conferences whose decision may still be due to the family (ended in the last
    few days): the escalation looks at these."""
    return list(
        db.session.scalars(
            select(Conference)
            .where(
                Conference.status == ConferenceStatus.HELD,
                Conference.ended_at.is_not(None),
                Conference.ended_at >= now - timedelta(days=7),
            )
            .options(joinedload(Conference.authority))
        ).unique()
    )


def runners(conference_id: uuid.UUID) -> list[uuid.UUID]:
    """The chair, social worker and administrator of the conference (person ids)."""
    return list(
        db.session.scalars(
            select(Participant.person_id).where(
                Participant.conference_id == conference_id,
                Participant.role.in_(publishing.ESCALATED_TO),
            )
        )
    )
