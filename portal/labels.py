"""Plain words for the domain's codes, translated. Templates use the `label` filter."""

from __future__ import annotations

import enum

from flask_babel import LazyString, lazy_gettext as _l

from portal.domain.council import StaffStatus
from portal.domain.vocabulary import (
    AdvocateContactWay,
    AdvocateProgress,
    AdvocateRequestStatus,
    AttendanceMode,
    Category,
    ChildViewFormat,
    ConferenceKind,
    ConferencePart,
    ConferenceStatus,
    JoinedBy,
    Outcome,
    ReportAudience,
    Role,
    StaffRole,
)
from portal.domain.young_voice import SpokenBy

LABELS: dict[enum.Enum, LazyString] = {
    ConferenceKind.INITIAL: _l("First meeting (initial child protection conference)"),
    ConferenceKind.REVIEW: _l("Review meeting (review child protection conference)"),
    ConferenceKind.TRANSFER_IN: _l("Meeting after moving here (transfer-in conference)"),
    ConferenceKind.PRE_BIRTH: _l("Meeting before the baby is born (pre-birth conference)"),
    ConferencePart.BOTH: _l("The whole meeting"),
    ConferencePart.PART_ONE: _l("Part one only"),
    ConferencePart.PART_TWO: _l("Part two only"),
    Role.PARENT: _l("Parent or carer"),
    Role.YOUNG_PERSON: _l("Young person"),
    Role.ADVOCATE: _l("Advocate"),
    Role.SOCIAL_WORKER: _l("Social worker"),
    Role.CHAIR: _l("Chair of the meeting"),
    Role.ADMINISTRATOR: _l("Meeting organiser"),
    Role.PROFESSIONAL: _l("Professional"),
    Role.INTERPRETER: _l("Interpreter"),
    Role.SUPPORTER: _l("Supporter"),
    ReportAudience.FAMILY_AND_PROFESSIONALS: _l("Family and professionals"),
    ReportAudience.PROFESSIONALS_ONLY: _l("Professionals only"),
    ReportAudience.CHILD: _l("Written for a young person"),
    ChildViewFormat.LETTER: _l("Letter"),
    ChildViewFormat.WORDS_AND_PICTURES: _l("Words and pictures"),
    ChildViewFormat.THREE_HOUSES: _l("The three houses"),
    ChildViewFormat.FEELINGS_SCALE: _l("How I feel"),
    ChildViewFormat.KNOW_AND_DECIDE: _l("What I want the meeting to know and decide"),
    Outcome.CHILD_PROTECTION_PLAN: _l("A child protection plan"),
    Outcome.CHILD_IN_NEED_PLAN: _l("A child in need plan"),
    Outcome.EARLY_HELP: _l("Early help"),
    Outcome.NO_PLAN: _l("No plan"),
    Outcome.PLAN_ENDED: _l("The plan ends"),
    Category.PHYSICAL_ABUSE: _l("Physical abuse"),
    Category.EMOTIONAL_ABUSE: _l("Emotional abuse"),
    Category.SEXUAL_ABUSE: _l("Sexual abuse"),
    Category.NEGLECT: _l("Neglect"),
    # What someone does for the council as a whole (the staff pages, set-up messages).
    StaffRole.ADMINISTRATOR: _l("Portal administrator"),
    StaffRole.CONFERENCE_ADMINISTRATOR: _l("Conference administrator"),
    StaffRole.CHAIR: _l("Conference chair"),
    StaffRole.SOCIAL_WORKER: _l("Social worker"),
    StaffRole.MANAGER: _l("Manager"),
    StaffStatus.INVITED: _l("Invited"),
    StaffStatus.ACTIVE: _l("Active"),
    StaffStatus.DEACTIVATED: _l("Deactivated"),
    ConferenceStatus.SCHEDULED: _l("Booked"),
    ConferenceStatus.POSTPONED: _l("Postponed"),
    ConferenceStatus.HELD: _l("Held"),
    ConferenceStatus.CANCELLED: _l("Cancelled"),
    AdvocateRequestStatus.REQUESTED: _l("Asked for, not arranged yet"),
    AdvocateRequestStatus.ARRANGED: _l("Arranged"),
    AdvocateRequestStatus.DECLINED: _l("Not arranged"),
    JoinedBy.IN_THE_ROOM: _l("In the room"),
    JoinedBy.VIDEO: _l("By video"),
    JoinedBy.PHONE: _l("By phone"),
    AttendanceMode.IN_PERSON: _l("In the room"),
    AttendanceMode.VIDEO: _l("By video"),
    AttendanceMode.LOCAL_OFFICE: _l("By video from a local office"),
    AttendanceMode.NOT_ATTENDING: _l("Not coming"),
    AdvocateContactWay.IN_PERSON: _l("In person"),
    AdvocateContactWay.VIDEO: _l("On a video call"),
    AdvocateContactWay.PHONE: _l("On the phone"),
    AdvocateProgress.ASKED: _l("Asked"),
    AdvocateProgress.FOUND: _l("Advocate found"),
    AdvocateProgress.IN_TOUCH: _l("Advocate has been in touch"),
    AdvocateProgress.NOT_POSSIBLE: _l("Not possible"),
}


# For the people who read a young person's view: what the child asked for at the meeting.
# Kept apart from LABELS: "advocate" is also a Role, and string enums with the same value
# are the same key.
SPOKEN_BY: dict[SpokenBy, LazyString] = {
    SpokenBy.MYSELF: _l("At the meeting, the young person will say this themselves."),
    SpokenBy.ADVOCATE: _l("At the meeting, their advocate will say this for them."),
    SpokenBy.CHAIR_READS_OUT: _l("At the meeting, the chair will read this out."),
    SpokenBy.CHAIR_READS_QUIETLY: _l(
        "The chair will read this before the meeting but will not read it out."
    ),
}


def spoken_by_label(value: str | None) -> str:
    """What happens to a young person's view at the meeting, or "" when not said."""
    return str(SPOKEN_BY[SpokenBy(value)]) if value in set(SpokenBy) else ""


def label(value: enum.Enum | None) -> str:
    if value is None:
        return ""
    return str(LABELS[value])


def role_label(value: str | None) -> str:
    """A role stored as text (as in the access history) in plain words."""
    return label(Role(value)) if value else ""


ROLE_EXPLAINED: dict[Role, LazyString] = {
    Role.PARENT: _l("Parent or carer"),
    Role.YOUNG_PERSON: _l("The young person the meeting is about"),
    Role.ADVOCATE: _l("Advocate: helps a child or parent say what they want to say"),
    Role.SOCIAL_WORKER: _l("Social worker: works with your family"),
    Role.CHAIR: _l(
        "Chair: runs the meeting and makes sure everyone is heard. They do not work on your case."
    ),
    Role.ADMINISTRATOR: _l("Organiser: arranges the meeting and writes down what is said"),
    Role.PROFESSIONAL: _l("Works with your child, for example at school or at the doctor's"),
    Role.INTERPRETER: _l("Interpreter: says what people say in another language"),
    Role.SUPPORTER: _l("Supporter: comes to help a family member"),
}


def role_explained(value: Role) -> str:
    return str(ROLE_EXPLAINED[value])


# Why a meeting was postponed or cancelled (portal.domain.booking.STATUS_REASONS): for the
# professionals, and in plain words for the family (None: nothing more is said to them).
STATUS_REASONS: dict[str, LazyString] = {
    "reports_late_to_chair": _l("Reports were not with the chair in time"),
    "reports_late_to_family": _l("The family did not get the reports in time"),
    "family_cannot_attend": _l("The family cannot attend"),
    "interpreter_not_available": _l("No interpreter is available"),
    "chair_not_available": _l("The chair is not available"),
    "key_professional_not_available": _l("A key professional is not available"),
    "no_longer_needed": _l("The conference is no longer needed"),
    "other": _l("Another reason"),
}
STATUS_REASONS_FOR_FAMILY: dict[str, LazyString | None] = {
    "reports_late_to_chair": _l("This is because some reports were not ready in time."),
    "reports_late_to_family": _l(
        "This is because you did not get the reports in time to read them."
    ),
    "family_cannot_attend": _l("This is so that your family can come."),
    "interpreter_not_available": _l(
        "This is because we could not book an interpreter for that day."
    ),
    "chair_not_available": _l(
        "This is because someone who needs to be there cannot come that day."
    ),
    "key_professional_not_available": _l(
        "This is because someone who needs to be there cannot come that day."
    ),
    "no_longer_needed": _l("This is because the meeting is no longer needed."),
    "other": None,
}


def status_reason(code: str | None) -> str:
    return str(STATUS_REASONS[code]) if code in STATUS_REASONS else ""


def status_reason_for_family(code: str | None) -> str:
    text = STATUS_REASONS_FOR_FAMILY.get(code or "")
    return str(text) if text else ""
