"""The domain's words: kinds of conference, roles, audiences, outcomes.

Plain enumerations with no database or Flask in them, shared by the rules in
`portal/domain` and the models in `portal/data`.
"""

from __future__ import annotations

import enum


class Nation(enum.StrEnum):
    ENGLAND_AND_WALES = "england-and-wales"
    ENGLAND = "england"
    WALES = "wales"  # councils in Wales write to families in Welsh as well as English
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"


class ConferenceKind(enum.StrEnum):
    INITIAL = "initial"
    REVIEW = "review"
    TRANSFER_IN = "transfer_in"
    PRE_BIRTH = "pre_birth"


class ConferenceStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    POSTPONED = "postponed"
    HELD = "held"
    CANCELLED = "cancelled"


class Role(enum.StrEnum):
    PARENT = "parent"  # parent or carer
    YOUNG_PERSON = "young_person"
    ADVOCATE = "advocate"
    SOCIAL_WORKER = "social_worker"
    CHAIR = "chair"
    ADMINISTRATOR = "administrator"
    PROFESSIONAL = "professional"  # another agency: school, health, police
    INTERPRETER = "interpreter"
    SUPPORTER = "supporter"


class StaffRole(enum.StrEnum):
    """What a member of the council's own staff does for the council as a whole.

    Roles in a conference (`Role`) say what someone is in that meeting; a staff role says
    what they may do across the council: book conferences, invite staff, see a caseload.
    """

    ADMINISTRATOR = "administrator"  # the council's settings and staff; arranges conferences
    CONFERENCE_ADMINISTRATOR = "conference_administrator"  # arranges conferences
    CHAIR = "chair"  # an independent chair: prepares, decides and publishes
    SOCIAL_WORKER = "social_worker"
    MANAGER = "manager"  # sees every conference of the council


# Staff who may book a conference and invite its participants.
BOOKS_CONFERENCES = frozenset(
    {StaffRole.ADMINISTRATOR, StaffRole.CONFERENCE_ADMINISTRATOR, StaffRole.SOCIAL_WORKER}
)
# Staff who may change the council's settings and its staff.
RUNS_THE_COUNCIL = frozenset({StaffRole.ADMINISTRATOR})
# Staff who see every conference of the council, not only those they are in.
SEES_EVERY_CONFERENCE = frozenset(
    {StaffRole.ADMINISTRATOR, StaffRole.CONFERENCE_ADMINISTRATOR, StaffRole.MANAGER}
)


# Groups of roles, each named once and used everywhere.
# The child's family: the people the conference is about.
FAMILY_ROLES = frozenset({Role.PARENT, Role.YOUNG_PERSON, Role.SUPPORTER})
# Parents and carers, and a supporter acting with them: the family's own pages.
PARENTS = frozenset({Role.PARENT, Role.SUPPORTER})
# Family-side people who read the reports shared with the family.
FAMILY_READERS = frozenset({Role.PARENT, Role.SUPPORTER, Role.INTERPRETER})
# The child, and the advocate who speaks with them: they see what is written for the child.
CHILD_SIDE = frozenset({Role.YOUNG_PERSON, Role.ADVOCATE})
# Everyone who comes as a professional rather than as family (an advocate included).
PROFESSIONAL_ROLES = frozenset(
    {Role.SOCIAL_WORKER, Role.CHAIR, Role.ADMINISTRATOR, Role.PROFESSIONAL, Role.ADVOCATE}
)
# The council's and other agencies' professionals, who read the professionals' reports. An
# advocate is independent of them and is not one (Doncaster chapter 5).
COUNCIL_AND_AGENCIES = frozenset(
    {Role.SOCIAL_WORKER, Role.CHAIR, Role.ADMINISTRATOR, Role.PROFESSIONAL}
)
# Those who run the conference: dates, invitations, people's details and preferences.
RUNS_THE_CONFERENCE = frozenset({Role.CHAIR, Role.SOCIAL_WORKER, Role.ADMINISTRATOR})
# Those who hold the case: restrictions, safety requests, the family's own words, decisions
# before they are published.
HOLDS_THE_CASE = frozenset({Role.CHAIR, Role.SOCIAL_WORKER})
# Roles a restriction can hide something from as a whole.
RESTRICTABLE_ROLES = frozenset({Role.PARENT, Role.PROFESSIONAL, Role.ADVOCATE, Role.SUPPORTER})


class ConferencePart(enum.StrEnum):
    """Which part of a conference held in two parts someone joins (Dorset 1.8)."""

    BOTH = "both"
    PART_ONE = "part_one"
    PART_TWO = "part_two"


class AttendanceMode(enum.StrEnum):
    IN_PERSON = "in_person"
    VIDEO = "video"
    LOCAL_OFFICE = "local_office"
    NOT_ATTENDING = "not_attending"


class JoinedBy(enum.StrEnum):
    """How someone took part in a meeting that was held (recorded by the chair afterwards)."""

    IN_THE_ROOM = "in_the_room"
    VIDEO = "video"
    PHONE = "phone"


class ReportAudience(enum.StrEnum):
    FAMILY_AND_PROFESSIONALS = "family_and_professionals"
    PROFESSIONALS_ONLY = "professionals_only"
    CHILD = "child"  # a version written for a young person


class ReportKind(enum.StrEnum):
    SOCIAL_WORK = "social_work"
    SCHOOL = "school"
    HEALTH = "health"
    POLICE = "police"
    OTHER = "other"


class ChildViewFormat(enum.StrEnum):
    LETTER = "letter"
    WORDS_AND_PICTURES = "words_and_pictures"
    THREE_HOUSES = "three_houses"
    FEELINGS_SCALE = "feelings_scale"
    KNOW_AND_DECIDE = "know_and_decide"  # what I want the meeting to know and to decide


class SubmissionStatus(enum.StrEnum):
    DRAFT = "draft"
    SENT = "sent"


class AdvocateRequestStatus(enum.StrEnum):
    REQUESTED = "requested"
    ARRANGED = "arranged"
    DECLINED = "declined"


class Outcome(enum.StrEnum):
    CHILD_PROTECTION_PLAN = "child_protection_plan"
    CHILD_IN_NEED_PLAN = "child_in_need_plan"
    EARLY_HELP = "early_help"
    NO_PLAN = "no_plan"  # no further action
    PLAN_ENDED = "plan_ended"  # a review ends the plan (Decision.plan_ended_reason says why)


class Category(enum.StrEnum):
    PHYSICAL_ABUSE = "physical_abuse"
    EMOTIONAL_ABUSE = "emotional_abuse"
    SEXUAL_ABUSE = "sexual_abuse"
    NEGLECT = "neglect"


class RestrictionSubject(enum.StrEnum):
    """What a restriction hides: a whole record, or one field of it."""

    REPORT = "report"
    CHILD_VIEW = "child_view"
    PREFERENCES = "preferences"
    PERSON = "person"  # a field of a person: address, phone
    DECISION = "decision"
    PARTICIPANT = "participant"


class NotificationStatus(enum.StrEnum):
    QUEUED = "queued"  # waiting for its first or next try
    SENDING = "sending"  # claimed by a worker; claimed_until says until when
    SENT = "sent"  # handed to the mail server or the provider
    DELIVERED = "delivered"  # the provider says it reached the phone or inbox
    FAILED = "failed"  # will not be tried again: a bad address, or tried for 48 hours


class Channel(enum.StrEnum):
    EMAIL = "email"
    SMS = "sms"


class CommentKind(enum.StrEnum):
    NOT_UNDERSTOOD = "not_understood"
    THINK_WRONG = "think_wrong"


# --- Advocates (issue 12) -----------------------------------------------------------------


class AdvocateProgress(enum.StrEnum):
    """Where a child's request for an advocate stands, as the child is told it
    (Middlesbrough standard 3: the child understands their entitlement, and a request
    that cannot be met is explained to them openly)."""

    ASKED = "asked"
    FOUND = "found"
    IN_TOUCH = "in_touch"
    NOT_POSSIBLE = "not_possible"


class AdvocateDeclineReason(enum.StrEnum):
    """Why an advocacy service could not take a referral; each has plain words for the child."""

    NO_ONE_FREE = "no_one_free"
    TOO_SOON = "too_soon"
    NOT_OUR_AREA = "not_our_area"
    YOUNG_PERSON_SAID_NO = "young_person_said_no"
    OTHER = "other"


class AdvocateContactWay(enum.StrEnum):
    """How an advocate met or spoke with the child."""

    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"
