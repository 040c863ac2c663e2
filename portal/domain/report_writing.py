"""Writing a report in the portal: the Signs of Safety headings for each child, who may
write, revise and reply, when sharing counts as late.

A written report is kept in the shape every reader already uses: a list of sections,
`{"heading": ..., "text": ...}`, one per heading per child, so the report page, comments
on a section and the download work the same for written, uploaded and loaded reports.
Extra keys say what a section is (`part`, `child_id`, `score`) so a page can show the
heading in the reader's language; readers that do not know them ignore them.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from portal.domain.deadlines import Due, latest_on_time
from portal.domain.vocabulary import ReportAudience, Role

# Signs of Safety: what are we worried about, what's working well, what needs to happen,
# and a safety scale from 0 to 10 (DOMAIN.md; the practice model of several standards).
WORRIES = "worries"
WORKING_WELL = "working_well"
NEEDS_TO_HAPPEN = "needs_to_happen"
SCALE = "scale"
HEADINGS: tuple[str, ...] = (WORRIES, WORKING_WELL, NEEDS_TO_HAPPEN)
PDF = "pdf"  # the one section of an uploaded report: comments are on the whole document

# The headings as stored in a section (reports are written in English; pages show the
# heading in the reader's language from `part`).
ENGLISH_HEADINGS: Mapping[str, str] = {
    WORRIES: "What are we worried about?",
    WORKING_WELL: "What's working well?",
    NEEDS_TO_HAPPEN: "What needs to happen?",
    SCALE: "Safety scale",
    PDF: "The report",
}
SCALE_FIELD = "scale"
SCALE_REASON = "scale_reason"
LOWEST, HIGHEST = 0, 10

# Who writes reports: the social worker, and professionals writing their agency's report.
# The chair is independent of the case and does not; nor does an advocate.
WRITES_REPORTS = frozenset({Role.SOCIAL_WORKER, Role.PROFESSIONAL})


@dataclass(frozen=True)
class ChildRef:
    id: uuid.UUID
    first_name: str


def may_write(role: Role) -> bool:
    return role in WRITES_REPORTS


def may_revise(role: Role, person_id: uuid.UUID, author_id: uuid.UUID | None) -> bool:
    """A new version, or a reply to the family: the report's author, or the social worker
    who holds the case."""
    return role == Role.SOCIAL_WORKER or (role in WRITES_REPORTS and person_id == author_id)


def parse_score(value: str | None) -> int | None:
    """A safety scale answer: a whole number from 0 to 10, or None when blank or not one."""
    text = (value or "").strip()
    if not text.isdigit():
        return None
    number = int(text)
    return number if LOWEST <= number <= HIGHEST else None


def sections_for(
    children: Sequence[ChildRef], answers: Mapping[str, Mapping[str, str]]
) -> list[dict[str, str]]:
    """The sections of a written report, child by child, leaving out headings left blank."""
    sections: list[dict[str, str]] = []
    for child in children:
        typed = answers.get(str(child.id)) or {}
        for part in HEADINGS:
            text = (typed.get(part) or "").strip()
            if text:
                sections.append(_section(child, part, text))
        score = parse_score(typed.get(SCALE_FIELD))
        if score is not None:
            section = _section(child, SCALE, (typed.get(SCALE_REASON) or "").strip())
            section["score"] = str(score)
            sections.append(section)
    return sections


def _section(child: ChildRef, part: str, text: str) -> dict[str, str]:
    return {
        "heading": f"{child.first_name}: {ENGLISH_HEADINGS[part]}",
        "text": text,
        "part": part,
        "child_id": str(child.id),
        "child": child.first_name,
    }


def pdf_sections() -> list[dict[str, str]]:
    return [{"heading": ENGLISH_HEADINGS[PDF], "text": "", "part": PDF}]


@dataclass(frozen=True)
class ShareMoments:
    family: datetime | None
    chair: datetime | None


def share_moments(
    audience: ReportAudience, now: datetime, translation: bool = False
) -> ShareMoments:
    """What one "Share" records. A report for professionals only goes to the chair, never
    the family; the family's version to the family and the chair; a version written for a
    child to the child (the chair reads the report it explains); a translated copy to the
    family only (the chair reads the original), against the same deadline (ADR 0022)."""
    if audience == ReportAudience.PROFESSIONALS_ONLY:
        return ShareMoments(family=None, chair=now)
    if audience == ReportAudience.CHILD or translation:
        return ShareMoments(family=now, chair=None)
    return ShareMoments(family=now, chair=now)


def goes_to_chair(audience: ReportAudience, translation: bool = False) -> bool:
    """Whether sharing a report is a duty to the chair ("reports_to_chair"): not a version
    written for a child, nor a translated copy (the chair has the original)."""
    return audience != ReportAudience.CHILD and not translation


def late_duties(moments: ShareMoments, due: Mapping[str, Due]) -> list[str]:
    """The sharing duties ("reports_to_family", "reports_to_chair") this share missed."""
    late = []
    for duty, moment in (
        ("reports_to_family", moments.family),
        ("reports_to_chair", moments.chair),
    ):
        deadline = due.get(duty)
        if moment is not None and deadline is not None and moment > latest_on_time(deadline):
            late.append(duty)
    return late


@dataclass(frozen=True)
class DraftProblem:
    field: str
    code: str  # "empty", "no_file", "change_note"


def share_problems(
    is_upload: bool,
    has_file: bool,
    sections: Sequence[Mapping[str, str]],
    is_new_version: bool,
    change_note: str,
) -> list[DraftProblem]:
    """What must be put right before a draft can be shared."""
    problems = []
    if is_upload and not has_file:
        problems.append(DraftProblem("file", "no_file"))
    if not is_upload and not sections:
        problems.append(DraftProblem("answers", "empty"))
    if is_new_version and not change_note.strip():
        problems.append(DraftProblem("change_note", "change_note"))
    return problems
