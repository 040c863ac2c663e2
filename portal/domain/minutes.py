"""The record of a meeting (the minutes): who writes, approves and reads them, and where
they stand. The administrator (or the chair) writes them or uploads a PDF, the chair
approves, then one action shares them with everyone who may see the decision.

Standards: Dorset 4.7 and Wakefield (minutes within 20 and 15 working days), Middlesbrough
standard 1 (10 working days after an initial conference, 20 after a review); the deadline
is the policy's ``minutes`` duty.
"""

from __future__ import annotations

import re
from datetime import date

from portal.domain.vocabulary import COUNCIL_AND_AGENCIES, PARENTS, Role

# Write and upload the minutes; share them once approved.
WRITES = frozenset({Role.ADMINISTRATOR, Role.CHAIR})
APPROVES = frozenset({Role.CHAIR})
# Answer what a family member says is wrong.
REPLIES = frozenset({Role.ADMINISTRATOR, Role.CHAIR, Role.SOCIAL_WORKER})
# Who is sent the minutes: parents and carers and the professionals. A young person reads
# the version of the decision written for them instead (issue 12).
READERS = PARENTS | COUNCIL_AND_AGENCIES

NOT_STARTED = "not_started"
DRAFT = "draft"
APPROVED = "approved"
SHARED = "shared"


def is_reader(role: Role) -> bool:
    return role in READERS


def stage(has_content: bool, approved: bool, shared_versions: int, changed_since: bool) -> str:
    """Where the minutes stand: not started, a draft (or a correction) waiting for the
    chair, approved and ready to share, or shared with nothing waiting."""
    if shared_versions and not changed_since:
        return SHARED
    if not has_content:
        return NOT_STARTED
    return APPROVED if approved else DRAFT


def problem_sharing(
    has_content: bool, approved: bool, is_correction: bool, what_changed: str
) -> str | None:
    """Why the minutes cannot be shared now: "empty", "not_approved" or "no_change_note"
    (a correction tells readers what changed)."""
    if not has_content:
        return "empty"
    if not approved:
        return "not_approved"
    if is_correction and not what_changed.strip():
        return "no_change_note"
    return None


_BLANK_LINES = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """Plain paragraphs: separated by a blank line; no markup is ever interpreted."""
    cleaned = text.replace("\r\n", "\n").replace("\x00", "")
    return [part.strip() for part in _BLANK_LINES.split(cleaned) if part.strip()]


def days_left(due: date, today: date) -> int:
    """Calendar days until the due date: 0 on the day, negative once it has passed."""
    return (due - today).days
