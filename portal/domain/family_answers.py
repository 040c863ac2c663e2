"""What the family's answers mean, without Flask or a database: the steps of "How the meeting
will work for you" in order, the columns copied out of what was sent, which answers are a
safety request, when an advocate is wanted, and whether a draft differs from what was sent.

The questions' words live with the forms (`portal.family_steps`); the rules live here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from portal.domain.vocabulary import AttendanceMode

Answers = Mapping[str, Any]

# The steps, in the order the family meets them.
STEP_SLUGS = (
    "name",
    "language",
    "communication",
    "attendance",
    "seating",
    "upset",
    "support",
    "child",
    "times",
    "safety",
)

# Answers that are a request to be kept safe from someone: the whole "Feeling safe" step,
# and who should not sit near them. Only the chair and the social worker see these
# (ADR 5); `None` means every field of the step.
SAFETY_REQUESTS: dict[str, frozenset[str] | None] = {
    "safety": None,
    "seating": frozenset({"not_near"}),
}

# Answers that name other people in the meeting by their participant id.
PEOPLE_FIELDS = {"seating": frozenset({"beside", "not_near"})}


def is_safety_request(step: str, field: str) -> bool:
    if step not in SAFETY_REQUESTS:
        return False
    fields = SAFETY_REQUESTS[step]
    return fields is None or field in fields


def columns(sent: Answers) -> dict[str, Any]:
    """The Preferences columns other pages query, from what was last sent."""
    name = sent.get("name") or {}
    language = sent.get("language") or {}
    attendance = sent.get("attendance") or {}
    return {
        "address_as": name.get("address_as") or None,
        "pronouns": name.get("pronouns") or None,
        "language": language.get("language") or None,
        "needs_interpreter": language.get("interpreter") == "yes",
        "interpreter_language": language.get("interpreter_language") or None,
        "attendance": AttendanceMode(attendance["how"]) if attendance.get("how") else None,
    }


def wants_advocate(sent: Answers) -> bool:
    """Doncaster chapter 5: a parent who asks for an advocate is referred when they send."""
    return bool((sent.get("support") or {}).get("advocate") == "yes")


def changed_since_sent(draft: Answers | None, sent: Answers | None) -> bool:
    """Sent before, and the draft now says something else."""
    return sent is not None and _meaningful(draft or {}) != _meaningful(sent)


def _meaningful(answers: Answers) -> Any:
    """Answers without empty values, so saving a step unchanged is not a change."""
    if isinstance(answers, Mapping):
        kept = {key: _meaningful(value) for key, value in answers.items()}
        return {key: value for key, value in kept.items() if value not in (None, "", [], {})}
    return answers


def open_for_changes(now: datetime, starts_at: datetime) -> bool:
    """What the family says can change, and be sent, until the meeting starts."""
    return now < starts_at
