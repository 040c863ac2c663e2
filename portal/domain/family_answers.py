"""What the family's answers mean, without Flask or a database: the steps of "How the meeting
will work for you" in order, the columns copied out of what was sent, which answers are a
safety request, when an advocate is wanted, and whether a draft differs from what was sent.

The questions' words live with the forms (`portal.family_steps`); the rules live here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from portal.domain import languages as registry
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
    needs_interpreter = language.get("interpreter") == "yes"
    meeting_language = meeting_language_of(language)
    return {
        "address_as": name.get("address_as") or None,
        "pronouns": name.get("pronouns") or None,
        "language": meeting_language,
        "needs_interpreter": needs_interpreter,
        "interpreter_language": interpreter_language_of(language) if needs_interpreter else None,
        "attendance": AttendanceMode(attendance["how"]) if attendance.get("how") else None,
    }


def meeting_language_of(answer: Mapping[str, Any]) -> str | None:
    """The language of the meeting as stored: a code of the portal's list ("ur"), or
    another language in the family's words ("Tigrinya")."""
    chosen = answer.get("language") or None
    if chosen == "other":
        return answer.get("language_other") or None
    known = registry.find(chosen)
    return known.code if known else chosen


def interpreter_language_of(answer: Mapping[str, Any]) -> str | None:
    """What the interpreter must speak, as the booking team reads it: the language's
    English name, and the dialect when the family gave one ("Urdu (Mirpuri)")."""
    chosen = meeting_language_of(answer)
    if not chosen:
        return None
    known = registry.find(chosen)
    name = known.english_name if known else chosen
    dialect = (answer.get("dialect") or "").strip()
    # Answers sent before the list existed named the interpreter's language themselves.
    dialect = dialect or (answer.get("interpreter_language") or "").strip()
    if dialect and dialect.casefold() != name.casefold():
        return f"{name} ({dialect})"
    return name


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
