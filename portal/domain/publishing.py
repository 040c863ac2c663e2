"""Publishing the decision and the 24-hour clock: the rules, with no database or web.

Who receives a published decision, when a decision is complete enough to publish, when a
chair has signed in recently enough to publish, which message each person gets, and when
an undelivered decision is escalated (issue 11, items 4 and 5).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from portal.domain import visibility
from portal.domain.visibility import DecisionLike, RestrictionLike, Viewer
from portal.domain.vocabulary import (
    CHILD_SIDE,
    PARENTS,
    RUNS_THE_CONFERENCE,
    ConferenceStatus,
    NotificationStatus,
    Outcome,
    Role,
)

# The chair publishes only after signing in again within this long (issue 11 item 4).
SIGNED_IN_AGAIN_WITHIN = timedelta(minutes=15)
# How long before the decision_to_family deadline anything undelivered is escalated.
ESCALATE_BEFORE = timedelta(hours=4)
# Ways a decision can still reach someone the message did not reach.
ALTERNATIVES = ("phone", "post", "hand")
# Who is escalated to, and who may see the delivery page: chair, social worker, administrator.
ESCALATED_TO = RUNS_THE_CONFERENCE
# Recipients: the family, the child (when the chair wrote them a version), professionals.
RECEIVES = frozenset(
    {
        Role.PARENT,
        Role.SUPPORTER,
        Role.YOUNG_PERSON,
        Role.SOCIAL_WORKER,
        Role.ADMINISTRATOR,
        Role.PROFESSIONAL,
        Role.ADVOCATE,
    }
)
# The people the 24-hour promise is made to: their messages count for escalation.
FAMILY_RECIPIENTS = frozenset(PARENTS | {Role.YOUNG_PERSON})


class WorkingCopy(Protocol):
    """What completeness looks at in a decision's working copy."""

    outcome: Outcome
    reasons: str
    family_summary: str
    completed_at: datetime | None


def is_complete(decision: WorkingCopy, action_count: int) -> bool:
    """A decision the chair may publish: marked complete by the chair after the full check
    (`portal.domain.decisions.problems_before_complete`; any later edit clears the mark),
    and still with an outcome, the reasons and a summary for the family; a child
    protection plan also needs at least one action."""
    if decision.completed_at is None:
        return False
    if decision.outcome is None or not (decision.reasons or "").strip():
        return False
    if not (decision.family_summary or "").strip():
        return False
    return decision.outcome != Outcome.CHILD_PROTECTION_PLAN or action_count > 0


def refusal(status: ConferenceStatus, complete: Sequence[bool]) -> str | None:
    """Why publishing is refused now: "not_held", "no_decisions", "incomplete"; None if not."""
    if status != ConferenceStatus.HELD:
        return "not_held"
    if not complete:
        return "no_decisions"
    if not all(complete):
        return "incomplete"
    return None


def signed_in_recently(authenticated_at: datetime | None, now: datetime) -> bool:
    """True when the person entered their password (and second factor) within 15 minutes."""
    return authenticated_at is not None and timedelta(0) <= now - authenticated_at <= (
        SIGNED_IN_AGAIN_WITHIN
    )


class PublishedDecision(DecisionLike, Protocol):
    child_summary: str


def decisions_for(
    viewer: Viewer,
    decisions: Iterable[PublishedDecision],
    restrictions: Iterable[RestrictionLike],
) -> list[PublishedDecision]:
    """The published decisions this person is sent word of: what the visibility policy lets
    them see, and for a young person only a decision the chair wrote them a version of.
    Nobody whom a restriction excludes, now or later: the policy is asked every time."""
    if viewer.role not in RECEIVES:
        return []
    rules = list(restrictions)
    found = []
    for decision in decisions:
        if decision.published_at is None:
            continue
        if not visibility.can_see_decision(viewer, decision, rules):
            continue
        if viewer.is_child and not (decision.child_summary or "").strip():
            continue
        found.append(decision)
    return found


def gets_childs_version(viewer: Viewer) -> bool:
    """The young person (and their advocate) are sent to the child's version."""
    return viewer.role in CHILD_SIDE


def message_event(version_ids: Iterable[uuid.UUID]) -> str:
    """The event a message is about: the versions the person is told of. The outbox adds the
    person and channel, so publishing twice, a double click or a resend adds nothing, and a
    correction (a new version) is a new message."""
    digest = hashlib.sha256("|".join(sorted(str(v) for v in version_ids)).encode()).hexdigest()
    return f"decision:{digest[:40]}"


def message_kind(version_numbers: Iterable[int], professional: bool) -> str:
    """ "decision_corrected" once any version told of is a correction, else "decision_published"
    (a professional's wording differs from the family's)."""
    corrected = any(number > 1 for number in version_numbers)
    if corrected:
        return "decision_corrected"
    return "decision_published_professional" if professional else "decision_published"


# --- The 24-hour clock --------------------------------------------------------------------


def delivery_state(status: NotificationStatus | None, read: bool) -> str:
    """What the delivery page says of one message: read, sent, failed, queued or none."""
    if read:
        return "read"
    if status in {NotificationStatus.SENT, NotificationStatus.DELIVERED}:
        return "sent"
    if status == NotificationStatus.FAILED:
        return "failed"
    if status is None:
        return "none"
    return "queued"


def reached(states: Iterable[str], alternative_done: bool) -> bool:
    """A recipient the decision reached: a message sent (or read), or an alternative done."""
    return alternative_done or any(state in {"sent", "read"} for state in states)


@dataclass(frozen=True)
class ClockFacts:
    due: datetime
    now: datetime
    all_published: bool
    family_unreached: int


def escalation_causes(facts: ClockFacts) -> list[str]:
    """What to escalate now: "unpublished", "undelivered"; nothing before T-4h, nothing once
    everything was delivered, and nothing after the deadline (it then shows as missed on
    the deadlines page: a decision from long ago is not escalated when the worker starts)."""
    if not facts.due - ESCALATE_BEFORE <= facts.now <= facts.due:
        return []
    causes = []
    if not facts.all_published:
        causes.append("unpublished")
    elif facts.family_unreached:
        causes.append("undelivered")
    return causes


def time_left(due: datetime, now: datetime) -> timedelta:
    return due - now
