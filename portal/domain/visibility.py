"""Who may see what: the one policy for pages, downloads, messages, exports and counts.

Pure rules, no database: callers pass the viewer, the record and the conference's
restrictions. Children see only what is marked for them (an allow-list); everyone
else sees what their role allows, less what a restriction hides from them, from
their role, or from children (Middlesbrough standards 1 and 7).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from portal.domain.family_answers import is_safety_request
from portal.domain.vocabulary import (
    CHILD_SIDE,
    COUNCIL_AND_AGENCIES,
    FAMILY_READERS,
    HOLDS_THE_CASE,
    PARENTS,
    PROFESSIONAL_ROLES,
    RUNS_THE_CONFERENCE,
    ConferencePart,
    ReportAudience,
    RestrictionSubject,
    Role,
    SubmissionStatus,
)


@dataclass(frozen=True)
class Viewer:
    person_id: uuid.UUID
    participant_id: uuid.UUID
    role: Role
    part: ConferencePart = ConferencePart.BOTH
    child_id: uuid.UUID | None = (
        None  # the young person themself, or the child an advocate supports
    )

    @property
    def is_child(self) -> bool:
        return self.role == Role.YOUNG_PERSON

    @property
    def sees_as_child(self) -> bool:
        """The child, and their advocate: an advocate sees what the child may see, plus
        what the child chose to share with them."""
        return self.role in CHILD_SIDE


class RestrictionLike(Protocol):
    subject: RestrictionSubject
    subject_id: uuid.UUID
    field: str | None
    hidden_from_participant_id: uuid.UUID | None
    hidden_from_role: Role | None
    hidden_from_children: bool


class ReportLike(Protocol):
    id: uuid.UUID
    audience: ReportAudience
    for_child_id: uuid.UUID | None
    shared_with_family_at: datetime | None


class ChildViewLike(Protocol):
    id: uuid.UUID
    child_id: uuid.UUID
    # The participant ids (as text) the child sent it to: people, not roles (issue 12).
    audience: list[str]
    status: SubmissionStatus
    sent_content: dict[str, Any] | None
    # What the child chose when sending ({"with": "advocate", ...}).
    sent_share: dict[str, Any] | None


class ParticipantLike(Protocol):
    id: uuid.UUID
    person_id: uuid.UUID
    role: Role
    part: ConferencePart


class DecisionLike(Protocol):
    id: uuid.UUID
    conference_id: uuid.UUID
    child_id: uuid.UUID
    published_at: datetime | None


def _applies(restriction: RestrictionLike, viewer: Viewer) -> bool:
    return (
        restriction.hidden_from_participant_id == viewer.participant_id
        or restriction.hidden_from_role == viewer.role
        or (restriction.hidden_from_children and viewer.sees_as_child)
    )


def is_hidden(
    viewer: Viewer,
    subject: RestrictionSubject,
    subject_id: uuid.UUID,
    restrictions: Iterable[RestrictionLike],
    field: str | None = None,
) -> bool:
    """True when a restriction hides the record (or, with `field`, that field) from the viewer."""
    for restriction in restrictions:
        if restriction.subject != subject or restriction.subject_id != subject_id:
            continue
        if restriction.field is not None and restriction.field != field:
            continue
        if _applies(restriction, viewer):
            return True
    return False


def can_see_report(
    viewer: Viewer, report: ReportLike, restrictions: Iterable[RestrictionLike]
) -> bool:
    if is_hidden(viewer, RestrictionSubject.REPORT, report.id, restrictions):
        return False
    if viewer.sees_as_child:
        # Allow-list: only a version written for this child and shared with them.
        return (
            report.audience == ReportAudience.CHILD
            and report.for_child_id == viewer.child_id
            and report.shared_with_family_at is not None
        )
    if viewer.role in FAMILY_READERS:
        return (
            report.audience == ReportAudience.FAMILY_AND_PROFESSIONALS
            and report.shared_with_family_at is not None
        )
    return viewer.role in COUNCIL_AND_AGENCIES


def can_see_translation(
    viewer: Viewer,
    copy: ReportLike,
    original: ReportLike | None,
    restrictions: Iterable[RestrictionLike],
) -> bool:
    """A translated copy of a report (ADR 0022): only for someone who may see the original
    (a restriction that hides the original hides its copies too), and as a report itself
    (the family only once it is shared with them; a restriction may hide the copy alone)."""
    return (
        original is not None
        and can_see_report(viewer, original, restrictions)
        and can_see_report(viewer, copy, restrictions)
    )


def must_promise_first(viewer: Viewer, has_promised: bool) -> bool:
    """Parents promise to keep the reports private before the first one opens, whether to
    read, download or comment on it (Doncaster chapter 4, Middlesbrough standard 5)."""
    return viewer.role in PARENTS and not has_promised


def can_see_child_view(
    viewer: Viewer, view: ChildViewLike, restrictions: Iterable[RestrictionLike]
) -> bool:
    """The child always sees their own; others only what the child sent, and only if the
    child chose them by name (mum but not dad; only the advocate)."""
    if viewer.is_child:
        return view.child_id == viewer.child_id
    if view.status != SubmissionStatus.SENT:
        return False
    if viewer.role == Role.ADVOCATE and viewer.child_id != view.child_id:
        return False
    if str(viewer.participant_id) not in view.audience and not _to_my_advocate(viewer, view):
        return False
    return not is_hidden(viewer, RestrictionSubject.CHILD_VIEW, view.id, restrictions)


def _to_my_advocate(viewer: Viewer, view: ChildViewLike) -> bool:
    """ "Only my advocate" means the child's advocate whoever they are: one is often found
    after the child has written (the advocacy service accepts later), or changes."""
    return (
        (view.sent_share or {}).get("with") == "advocate"
        and viewer.role == Role.ADVOCATE
        and viewer.child_id == view.child_id
    )


def can_see_child_view_picture(
    viewer: Viewer,
    view: ChildViewLike,
    picture_id: uuid.UUID,
    restrictions: Iterable[RestrictionLike],
) -> bool:
    """A picture in a view: the child's own, or one that was in the view when it was sent to
    this viewer (a picture added to the draft afterwards stays the child's until sent)."""
    if not can_see_child_view(viewer, view, restrictions):
        return False
    if viewer.is_child:
        return True
    sent = view.sent_content or {}
    return any(str(picture_id) == item.get("id") for item in sent.get("pictures") or [])


def can_see_young_persons_answers(viewer: Viewer, owner: ParticipantLike) -> bool:
    """How a young person will take part, and whether they felt heard: them, the chair and
    the social worker (issue 12). Not their parents: a child may not want them to know."""
    return owner.id == viewer.participant_id or viewer.role in HOLDS_THE_CASE


def can_see_preferences(
    viewer: Viewer, owner: ParticipantLike, restrictions: Iterable[RestrictionLike]
) -> bool:
    """A person's answers about the meeting: theirs, and the people who arrange it."""
    if owner.id == viewer.participant_id:
        return True
    if viewer.role not in RUNS_THE_CONFERENCE:
        return False
    return not is_hidden(viewer, RestrictionSubject.PREFERENCES, owner.id, restrictions)


def can_see_contact_details(
    viewer: Viewer,
    owner: ParticipantLike,
    field: str,
    restrictions: Iterable[RestrictionLike],
) -> bool:
    """Address, email and phone: the person's own, and the case holders' unless restricted."""
    if owner.person_id == viewer.person_id:
        return True
    if viewer.role not in RUNS_THE_CONFERENCE:
        return False
    return not is_hidden(viewer, RestrictionSubject.PERSON, owner.person_id, restrictions, field)


def can_see_participant(
    viewer: Viewer, other: ParticipantLike, restrictions: Iterable[RestrictionLike]
) -> bool:
    """Who is invited. In a conference held in two parts, family members see only their part."""
    if other.id == viewer.participant_id or viewer.role in COUNCIL_AND_AGENCIES:
        return not is_hidden(viewer, RestrictionSubject.PARTICIPANT, other.id, restrictions)
    if other.role not in PROFESSIONAL_ROLES and not _same_part(viewer.part, other.part):
        return False
    return not is_hidden(viewer, RestrictionSubject.PARTICIPANT, other.id, restrictions)


def _same_part(mine: ConferencePart, theirs: ConferencePart) -> bool:
    return ConferencePart.BOTH in (mine, theirs) or mine == theirs


def can_see_decision(
    viewer: Viewer, decision: DecisionLike, restrictions: Iterable[RestrictionLike]
) -> bool:
    """Published decisions, except to anyone the plan says should not be told (Dorset 4.3):
    a restriction on this decision, or one on the whole conference (`subject_id` the
    conference's id: "must not be told any decision of this conference")."""
    if is_hidden(viewer, RestrictionSubject.DECISION, decision.id, restrictions):
        return False
    if must_not_be_told(viewer, decision.conference_id, restrictions):
        return False
    if viewer.role in HOLDS_THE_CASE:
        return True
    if decision.published_at is None:
        return False
    if viewer.sees_as_child:
        return decision.child_id == viewer.child_id
    return True


def must_not_be_told(
    viewer: Viewer, conference_id: uuid.UUID, restrictions: Iterable[RestrictionLike]
) -> bool:
    """True when a conference-wide exclusion says this person must not be told any decision
    of the conference (`Restriction(subject=DECISION, subject_id=<conference id>)`)."""
    return is_hidden(viewer, RestrictionSubject.DECISION, conference_id, restrictions)


def can_see_family_words(
    viewer: Viewer,
    author: ParticipantLike,
    restrictions: Iterable[RestrictionLike],
    report_author_id: uuid.UUID | None = None,
) -> bool:
    """What a family member wrote (about a report, or about their child): them, the chair and
    the social worker, and a report's own author; never the other parent."""
    if author.id == viewer.participant_id:
        return True
    if is_hidden(viewer, RestrictionSubject.PREFERENCES, author.id, restrictions):
        return False
    if viewer.role in HOLDS_THE_CASE:
        return True
    return report_author_id is not None and viewer.person_id == report_author_id


def can_see_safety_request(viewer: Viewer, owner: ParticipantLike) -> bool:
    """A request not to be in the same meeting as someone: the person, chair and social worker."""
    return owner.id == viewer.participant_id or sees_others_safety_requests(viewer)


def sees_others_safety_requests(viewer: Viewer) -> bool:
    """The chair and social worker see everyone's safety requests; others only their own."""
    return viewer.role in HOLDS_THE_CASE


def can_see_answer(viewer: Viewer, owner: ParticipantLike, step: str, field: str) -> bool:
    """One answer of someone whose answers the viewer may see: a safety request ("Feeling
    safe", who should not sit near them) only goes to the person, chair and social worker."""
    return not is_safety_request(step, field) or can_see_safety_request(viewer, owner)


class AdvocateStatementLike(Protocol):
    child_id: uuid.UUID
    written_by_id: uuid.UUID
    shared_with: list[str]
    status: SubmissionStatus


def can_see_advocate_statement(viewer: Viewer, statement: AdvocateStatementLike) -> bool:
    """What an advocate wrote on a child's behalf: the advocate (their draft too); once sent,
    the child, the chair and the social worker, and whoever the child agreed to."""
    if statement.written_by_id == viewer.participant_id:
        return True
    if statement.status != SubmissionStatus.SENT:
        return False
    if viewer.is_child:
        return statement.child_id == viewer.child_id
    if viewer.role in HOLDS_THE_CASE:
        return True
    return str(viewer.participant_id) in statement.shared_with


def can_see_minutes(
    viewer: Viewer,
    conference_id: uuid.UUID,
    decision_ids: Iterable[uuid.UUID],
    shared: bool,
    restrictions: Iterable[RestrictionLike],
) -> bool:
    """The minutes go to parents and professionals once shared, under the decision's
    restrictions: anyone kept from a decision of the conference (or from the decisions as a
    whole, a restriction on the conference id) neither gets nor opens them (Dorset 4.3).
    Those who write and approve them see the working copy."""
    rules = list(restrictions)
    for subject_id in (conference_id, *decision_ids):
        if is_hidden(viewer, RestrictionSubject.DECISION, subject_id, rules):
            return False
    if viewer.role in (Role.CHAIR, Role.ADMINISTRATOR):
        return True
    if viewer.role not in PARENTS and viewer.role not in COUNCIL_AND_AGENCIES:
        return False
    return shared
