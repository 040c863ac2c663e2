"""The domain model: typed SQLAlchemy 2 models.

Every table has a UUID primary key, so ids in URLs say nothing about how many
families there are. Times are stored in UTC (see `UTCDateTime`); dates that are
only dates (a birthday, a closure day) are `date`.
"""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Enum,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false as sa_false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.types import UTCDateTime
from portal.domain import limits
from portal.domain.vocabulary import (  # re-exported for callers
    FAMILY_ROLES as FAMILY_ROLES,
    PROFESSIONAL_ROLES as PROFESSIONAL_ROLES,
    AdvocateContactWay as AdvocateContactWay,
    AdvocateDeclineReason as AdvocateDeclineReason,
    AdvocateRequestStatus as AdvocateRequestStatus,
    AttendanceMode as AttendanceMode,
    Category as Category,
    Channel as Channel,
    ChildViewFormat as ChildViewFormat,
    CommentKind as CommentKind,
    ConferenceKind as ConferenceKind,
    ConferencePart as ConferencePart,
    ConferenceStatus as ConferenceStatus,
    JoinedBy as JoinedBy,
    Nation as Nation,
    NotificationStatus as NotificationStatus,
    Outcome as Outcome,
    ReportAudience as ReportAudience,
    ReportKind as ReportKind,
    RestrictionSubject as RestrictionSubject,
    Role as Role,
    StaffRole as StaffRole,
    SubmissionStatus as SubmissionStatus,
)
from portal.extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC)


def _enum(cls: type[enum.Enum]) -> Enum:
    # Stored as plain strings (no PostgreSQL enum types), so adding a value is a
    # code change, not a schema change.
    return Enum(
        cls,
        native_enum=False,
        length=40,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def _id() -> Mapped[uuid.UUID]:
    return mapped_column(primary_key=True, default=uuid.uuid4)


def _created() -> Mapped[datetime]:
    return mapped_column(UTCDateTime(), default=utcnow)


# --- The authority ------------------------------------------------------------------------


class Authority(db.Model):  # type: ignore[name-defined,misc]
    """A council that runs conferences under its own timescale policy."""

    __tablename__ = "authority"

    id: Mapped[uuid.UUID] = _id()
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    nation: Mapped[Nation] = mapped_column(_enum(Nation), default=Nation.ENGLAND_AND_WALES)
    policy_key: Mapped[str] = mapped_column(String(60), default="england")
    logo_url: Mapped[str | None] = mapped_column(String(500))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = _created()

    closure_days: Mapped[list[ClosureDay]] = relationship(
        back_populates="authority", cascade="all, delete-orphan", order_by="ClosureDay.day"
    )


class ClosureDay(db.Model):  # type: ignore[name-defined,misc]
    """A day the council is closed beyond bank holidays (e.g. between Christmas and New Year)."""

    __tablename__ = "closure_day"
    __table_args__ = (UniqueConstraint("authority_id", "day"),)

    id: Mapped[uuid.UUID] = _id()
    authority_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("authority.id", ondelete="CASCADE"))
    day: Mapped[date]
    reason: Mapped[str] = mapped_column(String(limits.CLOSURE_REASON), default="")

    authority: Mapped[Authority] = relationship(back_populates="closure_days")


# --- People -------------------------------------------------------------------------------


class Person(db.Model):  # type: ignore[name-defined,misc]
    """Anyone who signs in or is named in a conference."""

    __tablename__ = "person"

    id: Mapped[uuid.UUID] = _id()
    authority_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("authority.id"))
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    mobile: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(Text)
    preferred_language: Mapped[str | None] = mapped_column(String(10))
    is_professional: Mapped[bool] = mapped_column(default=False)
    job_title: Mapped[str | None] = mapped_column(String(200))
    agency: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # The last authenticator time step used: a code works once, even inside its window.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    # The council's own staff only; partner agencies' professionals have none.
    staff_role: Mapped[StaffRole | None] = mapped_column(_enum(StaffRole))
    # Someone who works for an advocacy service: they see its referrals (issue 12).
    advocacy_service_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("advocacy_service.id"), index=True
    )
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = _created()

    participations: Mapped[list[Participant]] = relationship(back_populates="person")

    # Flask-Login's interface, written out so the model says what it means.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)


class Child(db.Model):  # type: ignore[name-defined,misc]
    """A child a conference is about. A young person who signs in has a `person`."""

    __tablename__ = "child"

    id: Mapped[uuid.UUID] = _id()
    authority_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("authority.id"))
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), unique=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[date | None]
    expected_birth: Mapped[date | None]  # pre-birth conferences
    created_at: Mapped[datetime] = _created()

    person: Mapped[Person | None] = relationship()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# --- Conferences --------------------------------------------------------------------------


class ConferenceChild(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "conference_child"

    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), primary_key=True
    )
    child_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("child.id"), primary_key=True)


class Conference(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "conference"

    id: Mapped[uuid.UUID] = _id()
    authority_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("authority.id"))
    kind: Mapped[ConferenceKind] = mapped_column(_enum(ConferenceKind))
    status: Mapped[ConferenceStatus] = mapped_column(
        _enum(ConferenceStatus), default=ConferenceStatus.SCHEDULED
    )
    family_name: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expected_end_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When it really started and ended, recorded once it is held (the booked times are
    # `starts_at` and `expected_end_at`); the clocks after the meeting count from `ended_at`.
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    held_recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    strategy_discussion_on: Mapped[date | None]
    venue: Mapped[str | None] = mapped_column(String(300))
    virtual_link: Mapped[str | None] = mapped_column(String(500))
    local_office: Mapped[str | None] = mapped_column(String(300))
    in_two_parts: Mapped[bool] = mapped_column(default=False)
    part_two_starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Booking (issue 10): a review follows the conference before it (and its plan); a
    # transfer-in counts from the day the family moved into the area.
    previous_conference_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("conference.id", ondelete="SET NULL")
    )
    transfer_in_on: Mapped[date | None]
    # Why it was postponed or cancelled: a code (see domain.booking.STATUS_REASONS) and
    # the booker's own words, with when.
    status_reason: Mapped[str | None] = mapped_column(String(40))
    status_note: Mapped[str | None] = mapped_column(Text)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = _created()

    authority: Mapped[Authority] = relationship()
    children: Mapped[list[Child]] = relationship(
        secondary="conference_child", order_by="Child.date_of_birth"
    )
    participants: Mapped[list[Participant]] = relationship(
        back_populates="conference", cascade="all, delete-orphan"
    )


class Participant(db.Model):  # type: ignore[name-defined,misc]
    """A person's place in one conference. Roles are per conference."""

    __tablename__ = "participant"
    __table_args__ = (UniqueConstraint("conference_id", "person_id", "role"),)

    id: Mapped[uuid.UUID] = _id()
    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[Role] = mapped_column(_enum(Role))
    relationship_to_child: Mapped[str | None] = mapped_column(String(100))  # "mother", "father"
    agency: Mapped[str | None] = mapped_column(String(200))
    part: Mapped[ConferencePart] = mapped_column(_enum(ConferencePart), default=ConferencePart.BOTH)
    child_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("child.id"))  # young person
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Recorded by the booker, so an interpreter is arranged before the family says so.
    needs_interpreter: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    # Shown how their information is used (first visit), and agreed to keep the reports
    # private before the first one opens (Doncaster chapter 4, Middlesbrough standard 5).
    privacy_notice_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    agreed_to_keep_reports_private_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = _created()

    conference: Mapped[Conference] = relationship(back_populates="participants")
    person: Mapped[Person] = relationship(back_populates="participations")
    child: Mapped[Child | None] = relationship()


class Restriction(db.Model):  # type: ignore[name-defined,misc]
    """Something hidden from someone, with the reason recorded (Middlesbrough standards 1, 7).

    It hides a record (`subject`, `subject_id`) or one field of it (`field`), from one
    participant, from everyone holding a role, or from the child audience.
    """

    __tablename__ = "restriction"

    id: Mapped[uuid.UUID] = _id()
    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), index=True
    )
    subject: Mapped[RestrictionSubject] = mapped_column(_enum(RestrictionSubject))
    subject_id: Mapped[uuid.UUID]
    field: Mapped[str | None] = mapped_column(String(60))
    hidden_from_participant_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE")
    )
    hidden_from_role: Mapped[Role | None] = mapped_column(_enum(Role))
    hidden_from_children: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = _created()


class Attendance(db.Model):  # type: ignore[name-defined,misc]
    """Whether one participant took part in a meeting that was held, in which part and how,
    and whether they sent their views in writing; recorded by the chair or the organiser."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("participant_id"),)

    id: Mapped[uuid.UUID] = _id()
    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE")
    )
    attended: Mapped[bool] = mapped_column(default=False)
    # Which part(s) they were at, for a meeting in two parts; None when not there.
    part: Mapped[ConferencePart | None] = mapped_column(_enum(ConferencePart))
    joined_by: Mapped[JoinedBy | None] = mapped_column(_enum(JoinedBy))
    sent_views_in_writing: Mapped[bool] = mapped_column(default=False)
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    recorded_at: Mapped[datetime] = _created()

    participant: Mapped[Participant] = relationship()


# --- Reports ------------------------------------------------------------------------------


class Report(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "report"
    # One translated copy per language of a report (ADR 0022).
    __table_args__ = (UniqueConstraint("translation_of_id", "language"),)

    id: Mapped[uuid.UUID] = _id()
    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    kind: Mapped[ReportKind] = mapped_column(_enum(ReportKind))
    title: Mapped[str] = mapped_column(String(300))
    agency: Mapped[str] = mapped_column(String(200))
    audience: Mapped[ReportAudience] = mapped_column(_enum(ReportAudience))
    # A version written for a young person points at the report it explains.
    for_child_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("child.id"))
    adapted_from_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("report.id"))
    # A translated copy points at the report it translates, in `language` (a registry code,
    # never English): the family reads it first; its own sharing time counts against the
    # same deadline (ADR 0022). The original's words stay in the language they were written in.
    translation_of_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("report.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str | None] = mapped_column(String(10))
    shared_with_family_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    shared_with_chair_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = _created()

    author: Mapped[Person | None] = relationship()
    versions: Mapped[list[ReportVersion]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportVersion.number"
    )

    @property
    def current_version(self) -> ReportVersion | None:
        return self.versions[-1] if self.versions else None


class ReportRead(db.Model):  # type: ignore[name-defined,misc]
    """A participant said "I have read this"."""

    __tablename__ = "report_read"
    __table_args__ = (UniqueConstraint("participant_id", "report_id"),)

    id: Mapped[uuid.UUID] = _id()
    participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"))
    read_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReportComment(db.Model):  # type: ignore[name-defined,misc]
    """What a family member says about one section: they do not understand it, or think it wrong."""

    __tablename__ = "report_comment"

    id: Mapped[uuid.UUID] = _id()
    participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    report_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("report.id", ondelete="CASCADE"), index=True
    )
    section: Mapped[int]
    kind: Mapped[CommentKind] = mapped_column(_enum(CommentKind))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()

    participant: Mapped[Participant] = relationship()


class ReportVersion(db.Model):  # type: ignore[name-defined,misc]
    """One version of a report. Sections are [{"heading": ..., "text": ...}]."""

    __tablename__ = "report_version"
    __table_args__ = (UniqueConstraint("report_id", "number"),)

    id: Mapped[uuid.UUID] = _id()
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"))
    number: Mapped[int]
    sections: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    file_path: Mapped[str | None] = mapped_column(String(500))
    # A report uploaded as a PDF (see ReportFile); its one section has part "pdf".
    file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("report_file.id"))
    # What changed since the version before, in the author's plain words (from version 2).
    change_note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = _created()

    report: Mapped[Report] = relationship(back_populates="versions")


# --- What the child says ------------------------------------------------------------------


class ChildView(db.Model):  # type: ignore[name-defined,misc]
    """A young person's views, in the form they chose.

    As for parents (ADR 0007), `content` and `share` are the child's draft; what others
    read is `sent_content`, as it was when the child last sent it. `audience` is the
    allow-list of participant ids (as text) it was sent to: people, not roles, so a child
    can share with mum but not dad; nobody else sees it (Dorset 2.7-2.8, Doncaster ch. 5).
    """

    __tablename__ = "child_view"

    id: Mapped[uuid.UUID] = _id()
    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), index=True
    )
    child_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("child.id"))
    written_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    format: Mapped[ChildViewFormat] = mapped_column(_enum(ChildViewFormat))
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The draft choice of who sees it and who speaks it: {"with", "people", "spoken_by"}.
    share: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    sent_content: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    sent_share: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    audience: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[SubmissionStatus] = mapped_column(
        _enum(SubmissionStatus), default=SubmissionStatus.DRAFT
    )
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    created_at: Mapped[datetime] = _created()

    child: Mapped[Child] = relationship()
    attachments: Mapped[list[ChildViewAttachment]] = relationship(
        back_populates="child_view", cascade="all, delete-orphan"
    )


class ChildViewAttachment(db.Model):  # type: ignore[name-defined,misc]
    """A drawing or photo, re-encoded and stripped of metadata when uploaded
    (`portal.domain.pictures`). Its caption lives in the view's content, so a draft caption
    never reaches anyone before it is sent.

    The picture itself is kept in the database, not on disk: every web process on every
    machine can serve it, it is backed up and restored with the view it belongs to, it
    goes when the view goes, and nothing of it sits under `static/`. Pictures are small
    once re-encoded (2000 pixels at most), and `data` is loaded only when one is served.
    """

    __tablename__ = "child_view_attachment"

    id: Mapped[uuid.UUID] = _id()
    child_view_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("child_view.id", ondelete="CASCADE"), index=True
    )
    stored_name: Mapped[str] = mapped_column(String(100))  # random; the name it is served as
    content_type: Mapped[str] = mapped_column(String(60))
    width: Mapped[int]
    height: Mapped[int]
    description: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = _created()

    child_view: Mapped[ChildView] = relationship(back_populates="attachments")


# --- How the meeting works for each person ------------------------------------------------


class Preferences(db.Model):  # type: ignore[name-defined,misc]
    """A participant's answers about how the meeting will work for them.

    `answers` is the draft they are working on, each step's fields (seating, what helps
    when upset, times that are hard). `sent_answers` is what they last sent: the only
    version anyone else sees. The columns are copied out of the sent answers, for the
    other pages that query them.
    """

    __tablename__ = "preferences"

    id: Mapped[uuid.UUID] = _id()
    participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), unique=True
    )
    address_as: Mapped[str | None] = mapped_column(String(limits.SHORT_ANSWER))
    pronouns: Mapped[str | None] = mapped_column(String(limits.PRONOUNS))
    language: Mapped[str | None] = mapped_column(String(limits.LANGUAGE))
    needs_interpreter: Mapped[bool] = mapped_column(default=False)
    interpreter_language: Mapped[str | None] = mapped_column(String(limits.INTERPRETER_LANGUAGE))
    attendance: Mapped[AttendanceMode | None] = mapped_column(_enum(AttendanceMode))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    sent_answers: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[SubmissionStatus] = mapped_column(
        _enum(SubmissionStatus), default=SubmissionStatus.DRAFT
    )
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    participant: Mapped[Participant] = relationship()


class PreferencesVersion(db.Model):  # type: ignore[name-defined,misc]
    """What was sent each time: changes after sending keep a history."""

    __tablename__ = "preferences_version"

    id: Mapped[uuid.UUID] = _id()
    preferences_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("preferences.id", ondelete="CASCADE"), index=True
    )
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AboutChild(db.Model):  # type: ignore[name-defined,misc]
    """A parent's own words about one child, to help them talk about the child (Dorset 2.4).

    `answers` is the draft; `sent_answers` what they last sent, the only version others see.
    """

    __tablename__ = "about_child"
    __table_args__ = (UniqueConstraint("participant_id", "child_id"),)

    id: Mapped[uuid.UUID] = _id()
    participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    child_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("child.id"))
    answers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    sent_answers: Mapped[dict[str, str] | None] = mapped_column(JSON)
    status: Mapped[SubmissionStatus] = mapped_column(
        _enum(SubmissionStatus), default=SubmissionStatus.DRAFT
    )
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    participant: Mapped[Participant] = relationship()


class AdvocateRequest(db.Model):  # type: ignore[name-defined,misc]
    """A request for an advocate, for a child or for a parent (Doncaster chapter 5).

    A child's request goes to the council's advocacy service (`advocacy_service_id`) or
    names someone the child chose (`named_advocate`), whom the social worker arranges.
    One request per child per conference: asking again changes the same row.
    """

    __tablename__ = "advocate_request"
    __table_args__ = (UniqueConstraint("conference_id", "for_child_id"),)

    id: Mapped[uuid.UUID] = _id()
    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), index=True
    )
    requested_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("participant.id"))
    for_child_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("child.id"))
    status: Mapped[AdvocateRequestStatus] = mapped_column(
        _enum(AdvocateRequestStatus), default=AdvocateRequestStatus.REQUESTED
    )
    advocate_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("participant.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = _created()
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Issue 12: where the request went, who asked and when, and what the service said.
    advocacy_service_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("advocacy_service.id"), index=True
    )
    named_advocate: Mapped[str | None] = mapped_column(String(limits.SHORT_ANSWER))
    # The social worker asked for the child and recorded that the child agreed.
    young_person_agreed: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decline_reason: Mapped[AdvocateDeclineReason | None] = mapped_column(
        _enum(AdvocateDeclineReason)
    )
    decline_words: Mapped[str] = mapped_column(Text, default="", server_default="")
    handled_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    # When the social worker was told no advocate had been found in time (told once).
    social_worker_told_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    conference: Mapped[Conference] = relationship()
    child: Mapped[Child | None] = relationship()
    requested_by: Mapped[Participant] = relationship(foreign_keys=[requested_by_id])
    advocate: Mapped[Participant | None] = relationship(foreign_keys=[advocate_id])
    advocacy_service: Mapped[AdvocacyService | None] = relationship()


# --- The decision -------------------------------------------------------------------------


class Decision(db.Model):  # type: ignore[name-defined,misc]
    """The conference's decision for one child (each child is decided separately)."""

    __tablename__ = "decision"
    __table_args__ = (UniqueConstraint("conference_id", "child_id"),)

    id: Mapped[uuid.UUID] = _id()
    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), index=True
    )
    child_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("child.id"))
    outcome: Mapped[Outcome] = mapped_column(_enum(Outcome))
    category: Mapped[Category | None] = mapped_column(_enum(Category))
    reasons: Mapped[str] = mapped_column(Text, default="")
    dissent: Mapped[str] = mapped_column(Text, default="")  # B&NES 6, Wakefield
    contingency_plan: Mapped[str] = mapped_column(Text, default="")  # B&NES 10, Dorset 3.8
    visiting_frequency: Mapped[str] = mapped_column(String(200), default="")  # B&NES 9
    first_core_group_on: Mapped[date | None]  # B&NES 7, Wakefield
    review_on: Mapped[date | None]  # B&NES 8
    child_summary: Mapped[str] = mapped_column(Text, default="")  # written for the child
    # Written for the parents in plain words (the reading-ease helper advises).
    family_summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Why a plan ended, when the outcome is that it ends (review conferences).
    plan_ended_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Each agency's view and whether it disagrees: [{"agency", "view", "disagrees"}].
    agency_views: Mapped[list[dict[str, Any]]] = mapped_column(
        JSON, default=list, server_default="[]"
    )
    # Who is in the core group, as the family will read it ("Priya Patel, social worker").
    core_group_members: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    # Whether the chair writes a version for the child, and when the chair marked the
    # working copy complete (checked: ready to publish). An edit after that makes it a
    # draft again until it is checked once more.
    child_version_wanted: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When it was first published; each publication is a `DecisionVersion`.
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), onupdate=utcnow)

    child: Mapped[Child] = relationship()
    actions: Mapped[list[PlanAction]] = relationship(
        back_populates="decision", cascade="all, delete-orphan", order_by="PlanAction.position"
    )
    versions: Mapped[list[DecisionVersion]] = relationship(
        back_populates="decision",
        cascade="all, delete-orphan",
        order_by="DecisionVersion.number",
    )

    @property
    def published(self) -> DecisionVersion | None:
        """The version people read: the latest published one (None before publishing)."""
        return self.versions[-1] if self.versions else None


class PlanAction(db.Model):  # type: ignore[name-defined,misc]
    """One SMART action of a plan (Dorset 3.1): what, who, by when, and how we will know."""

    __tablename__ = "plan_action"

    id: Mapped[uuid.UUID] = _id()
    decision_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    what: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(200))
    by_when: Mapped[date | None]
    how_we_will_know: Mapped[str] = mapped_column(Text, default="")

    decision: Mapped[Decision] = relationship(back_populates="actions")


class DecisionVersion(db.Model):  # type: ignore[name-defined,misc]
    """One publication of a decision, frozen: what every recipient of that version read.

    `content` is `portal.domain.published_plan.to_content` of the plan at that moment.
    A correction or a plan update publishes a new version and keeps the old ones; the
    new one says what changed.
    """

    __tablename__ = "decision_version"
    __table_args__ = (UniqueConstraint("decision_id", "number"),)

    id: Mapped[uuid.UUID] = _id()
    decision_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("decision.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The parts that changed since the version before (keys of published_plan.PARTS) and,
    # in the chair's words, what changed and why.
    changed_parts: Mapped[list[str]] = mapped_column(JSON, default=list)
    what_changed: Mapped[str] = mapped_column(Text, default="", server_default="")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))

    decision: Mapped[Decision] = relationship(back_populates="versions")
    published_by: Mapped[Person | None] = relationship()


class DecisionRead(db.Model):  # type: ignore[name-defined,misc]
    """A recipient opened a version of a decision, and perhaps said "I have read this"."""

    __tablename__ = "decision_read"
    __table_args__ = (UniqueConstraint("participant_id", "version_id"),)

    id: Mapped[uuid.UUID] = _id()
    participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("decision_version.id", ondelete="CASCADE"), index=True
    )
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    participant: Mapped[Participant] = relationship()
    version: Mapped[DecisionVersion] = relationship()


class DecisionDeliveryDone(db.Model):  # type: ignore[name-defined,misc]
    """The decision reached someone another way than the message: a phone call, printed and
    posted, or delivered by hand (issue 11 item 5), recorded with who did it, when, a note."""

    __tablename__ = "decision_delivery_done"

    id: Mapped[uuid.UUID] = _id()
    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    # "phone", "post" or "hand" (portal.domain.publishing.ALTERNATIVES).
    way: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    done_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    done_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    done_by: Mapped[Person | None] = relationship()


# --- Messages and the audit trail ---------------------------------------------------------


class Notification(db.Model):  # type: ignore[name-defined,misc]
    """The outbox: every message, written with the change that causes it, then delivered.

    Subjects, previews and SMS texts never carry anything about the case.
    """

    __tablename__ = "notification"

    id: Mapped[uuid.UUID] = _id()
    # One message per event, recipient and channel: a double click or a retried request
    # raising the same event finds the row already there.
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    # Stable across retries, so a resend after a crash is recognisably the same message.
    message_id: Mapped[str] = mapped_column(String(200))
    conference_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("conference.id", ondelete="SET NULL"), index=True
    )
    recipient_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    channel: Mapped[Channel] = mapped_column(_enum(Channel), default=Channel.EMAIL)
    address: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(10), default="en", server_default="en")
    template: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(300))
    # Removed once sent when it holds a secret (a sign-in code or link).
    body: Mapped[str | None] = mapped_column(Text)
    html_body: Mapped[str | None] = mapped_column(Text)
    holds_secret: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    status: Mapped[NotificationStatus] = mapped_column(
        _enum(NotificationStatus), default=NotificationStatus.QUEUED, index=True
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # A worker's claim; after it passes, another worker may try (at most one resend).
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(300))
    provider_reference: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = _created()
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    events: Mapped[list[NotificationEvent]] = relationship(
        back_populates="notification",
        cascade="all, delete-orphan",
        order_by="NotificationEvent.at",
    )


class NotificationEvent(db.Model):  # type: ignore[name-defined,misc]
    """A message's history: each status it passed through, when, and any error."""

    __tablename__ = "notification_event"

    id: Mapped[uuid.UUID] = _id()
    notification_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("notification.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[NotificationStatus] = mapped_column(_enum(NotificationStatus))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    error: Mapped[str | None] = mapped_column(String(300))

    notification: Mapped[Notification] = relationship(back_populates="events")


class AuditEvent(db.Model):  # type: ignore[name-defined,misc]
    """Who viewed or changed what, and when. Holds ids, never personal data."""

    __tablename__ = "audit_event"

    id: Mapped[uuid.UUID] = _id()
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    conference_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("conference.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[uuid.UUID | None]


# --- Signing in ---------------------------------------------------------------------------


class SignInAttempt(db.Model):  # type: ignore[name-defined,misc]
    """One browser's request for a code, for one typed address (known or not).

    The browser keeps only this row's id. Wrong codes count against the attempt, so
    someone else guessing, or asking for codes, cannot use up or cancel this one.
    """

    __tablename__ = "sign_in_attempt"

    id: Mapped[uuid.UUID] = _id()
    # A keyed hash of the normalised address: the same for known and unknown ones.
    contact_key: Mapped[str] = mapped_column(String(64), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    # Codes go the way the person asked: a typed mobile number gets a text.
    channel: Mapped[Channel] = mapped_column(
        _enum(Channel), default=Channel.EMAIL, server_default="email"
    )
    tries: Mapped[int] = mapped_column(default=0, server_default="0")
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = _created()


class SignInCode(db.Model):  # type: ignore[name-defined,misc]
    """A one-time code sent for an attempt. Only a keyed hash of the code is kept."""

    __tablename__ = "sign_in_code"

    id: Mapped[uuid.UUID] = _id()
    attempt_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sign_in_attempt.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = _created()


class SignInThrottle(db.Model):  # type: ignore[name-defined,misc]
    """A counter over a time window, changed in one atomic statement (see auth.bump)."""

    __tablename__ = "sign_in_throttle"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    count: Mapped[int] = mapped_column(default=0, server_default="0")
    window_started_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Invitation(db.Model):  # type: ignore[name-defined,misc]
    """A sign-in link sent in the first message. Only pressing "Continue" uses it."""

    __tablename__ = "invitation"

    id: Mapped[uuid.UUID] = _id()
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = _created()


class SignInSession(db.Model):  # type: ignore[name-defined,misc]
    """A signed-in session. Ending it on the server signs the person out everywhere it is used."""

    __tablename__ = "sign_in_session"

    id: Mapped[uuid.UUID] = _id()
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


# --- Council: setting up a council and its staff (issue 10) -------------------------------


class SetUpLink(db.Model):  # type: ignore[name-defined,misc]
    """A one-time link for a professional to choose a password and set up an authenticator.

    Only a keyed hash of the token is kept. It works once, until it expires, and stops
    working when a newer link is sent or the person is deactivated. It never signs anyone
    in by itself: the person still sets up (or uses) their second factor.
    """

    __tablename__ = "set_up_link"

    id: Mapped[uuid.UUID] = _id()
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Who asked for it (none when the council was set up from the command line), and the
    # conference a partner professional was invited to, if any.
    invited_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    conference_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("conference.id", ondelete="SET NULL")
    )
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A newer link was sent, or the person was deactivated.
    replaced_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = _created()


# --- Booking (issue 10) -------------------------------------------------------------------


class BookingDraft(db.Model):  # type: ignore[name-defined,misc]
    """A conference being booked: the answers so far, kept in the database so nothing typed
    is lost when a session times out, and no personal data sits in a browser cookie."""

    __tablename__ = "booking_draft"

    id: Mapped[uuid.UUID] = _id()
    authority_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("authority.id", ondelete="CASCADE"), index=True
    )
    created_by_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    created_at: Mapped[datetime] = _created()


# --- Reports area: writing, uploading and sharing reports; replies; duties done -----------


class ReportFile(db.Model):  # type: ignore[name-defined,misc]
    """A report uploaded as a PDF, checked to be one, kept as uploaded.

    Kept in the database, not a folder: every web process on every machine then serves the
    same bytes with no shared disk, and a backup of the database holds the reports too.
    """

    __tablename__ = "report_file"

    id: Mapped[uuid.UUID] = _id()
    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), index=True
    )
    content: Mapped[bytes] = mapped_column(LargeBinary(), deferred=True)
    size: Mapped[int]
    pages: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    # The document's own properties (title, author...), shown to the uploader before sharing.
    properties: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = _created()


class ReportDraft(db.Model):  # type: ignore[name-defined,misc]
    """A report being written or uploaded, seen only by its author until it is shared.

    `report_id` is set for a new version of a shared report. `answers` holds, for each
    child (by id), the Signs of Safety headings and the safety scale as typed.
    """

    __tablename__ = "report_draft"

    id: Mapped[uuid.UUID] = _id()
    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    report_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"))
    # A translated copy being uploaded: the report it translates, and its language.
    translation_of_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("report.id", ondelete="CASCADE")
    )
    language: Mapped[str | None] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(limits.REPORT_TITLE))
    agency: Mapped[str] = mapped_column(String(limits.AGENCY))
    kind: Mapped[ReportKind] = mapped_column(_enum(ReportKind))
    audience: Mapped[ReportAudience] = mapped_column(_enum(ReportAudience))
    for_child_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("child.id"))
    is_upload: Mapped[bool] = mapped_column(default=False)
    answers: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON, default=dict)
    file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("report_file.id"))
    change_note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    created_at: Mapped[datetime] = _created()

    report: Mapped[Report | None] = relationship(foreign_keys=[report_id])
    file: Mapped[ReportFile | None] = relationship()


class ReportReply(db.Model):  # type: ignore[name-defined,misc]
    """The author's or social worker's answer to a family member's comment on a report."""

    __tablename__ = "report_reply"

    id: Mapped[uuid.UUID] = _id()
    comment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("report_comment.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()

    author: Mapped[Person | None] = relationship()


class DutyDone(db.Model):  # type: ignore[name-defined,misc]
    """A duty after the meeting recorded as done: minutes sent, plan sent to the core group,
    first core group held, review booked (the duties are listed in portal.domain.duties)."""

    __tablename__ = "duty_done"
    __table_args__ = (UniqueConstraint("conference_id", "duty"),)

    id: Mapped[uuid.UUID] = _id()
    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), index=True
    )
    duty: Mapped[str] = mapped_column(String(40))
    done_on: Mapped[date]
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    recorded_at: Mapped[datetime] = _created()

    recorded_by: Mapped[Person | None] = relationship()


# --- Caseload (issue 10 items 5-7, issue 15 item 5) ----------------------------------------

# "Your meetings" pages through a council's conferences by keyset: by date (starts_at, id) and
# by family name (family_name, id). These indexes let each page read only its own rows.
Index(
    "ix_conference_authority_starts_at",
    Conference.authority_id,
    Conference.starts_at,
    Conference.id,
)
Index(
    "ix_conference_authority_family_name",
    Conference.authority_id,
    Conference.family_name,
    Conference.id,
)
# A manager's filters list the council's chairs and social workers.
Index("ix_person_authority_staff_role", Person.authority_id, Person.staff_role)


# --- Advocates (issue 12: advocate) -------------------------------------------------------


class AdvocacyService(db.Model):  # type: ignore[name-defined,misc]
    """An advocacy service that takes a council's referrals for children (Doncaster
    chapter 5: "a referral to the Trust advocacy service"). It is independent of the
    council; its people are professionals with `Person.advocacy_service_id` set."""

    __tablename__ = "advocacy_service"

    id: Mapped[uuid.UUID] = _id()
    # The council whose children it serves.
    authority_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("authority.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = _created()

    authority: Mapped[Authority] = relationship()


class AdvocateStatement(db.Model):  # type: ignore[name-defined,misc]
    """What an advocate writes on a child's behalf: a draft until sent; then the chair,
    the social worker, the child, and those the child agreed to (`shared_with`,
    participant ids) see it, always marked as written by the advocate."""

    __tablename__ = "advocate_statement"

    id: Mapped[uuid.UUID] = _id()
    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), index=True
    )
    request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("advocate_request.id", ondelete="CASCADE"), unique=True
    )
    child_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("child.id"))
    written_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("participant.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    shared_with: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[SubmissionStatus] = mapped_column(
        _enum(SubmissionStatus), default=SubmissionStatus.DRAFT
    )
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    created_at: Mapped[datetime] = _created()

    child: Mapped[Child] = relationship()
    written_by: Mapped[Participant] = relationship()


class AdvocateContact(db.Model):  # type: ignore[name-defined,misc]
    """An advocate met or spoke with the child: when, and how."""

    __tablename__ = "advocate_contact"

    id: Mapped[uuid.UUID] = _id()
    request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("advocate_request.id", ondelete="CASCADE"), index=True
    )
    met_on: Mapped[date]
    way: Mapped[AdvocateContactWay] = mapped_column(_enum(AdvocateContactWay))
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = _created()


# --- Young person (issue 12, area young) ------------------------------------------------------


class YoungPersonAnswers(db.Model):  # type: ignore[name-defined,misc]
    """A young person's answers about taking part in their meeting, and afterwards whether
    they felt heard. Only they, the chair and the social worker see them
    (`visibility.can_see_young_persons_answers`)."""

    __tablename__ = "young_person_answers"

    id: Mapped[uuid.UUID] = _id()
    participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), unique=True
    )
    # Will I come, how I join, meeting the chair, what helps if I get upset.
    taking_part: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    taking_part_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # After the decision: explained so I understood, agree with the plan, helped me say it.
    heard: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    heard_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    participant: Mapped[Participant] = relationship()


# --- After the meeting: minutes, core group, plan progress (issue 11 items 7 and 8) --------


class Minutes(db.Model):  # type: ignore[name-defined,misc]
    """The record of a meeting: the working copy the administrator writes (text in plain
    paragraphs, or a PDF kept in `report_file`), approved by the chair, then shared as a
    numbered `MinutesVersion`. Editing after approval withdraws the approval."""

    __tablename__ = "minutes"

    id: Mapped[uuid.UUID] = _id()
    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), unique=True
    )
    text: Mapped[str] = mapped_column(Text, default="", server_default="")
    file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("report_file.id"))
    written_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    created_at: Mapped[datetime] = _created()

    versions: Mapped[list[MinutesVersion]] = relationship(
        back_populates="minutes", order_by="MinutesVersion.number", cascade="all, delete-orphan"
    )
    approved_by: Mapped[Person | None] = relationship(foreign_keys=[approved_by_id])

    @property
    def shared(self) -> MinutesVersion | None:
        return self.versions[-1] if self.versions else None


class MinutesVersion(db.Model):  # type: ignore[name-defined,misc]
    """Minutes as shared: frozen, with what changed since the version before."""

    __tablename__ = "minutes_version"
    __table_args__ = (UniqueConstraint("minutes_id", "number"),)

    id: Mapped[uuid.UUID] = _id()
    minutes_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("minutes.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text, default="")
    file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("report_file.id"))
    what_changed: Mapped[str] = mapped_column(Text, default="", server_default="")
    shared_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    shared_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))

    minutes: Mapped[Minutes] = relationship(back_populates="versions")


class MinutesComment(db.Model):  # type: ignore[name-defined,misc]
    """A family member says something in the minutes is wrong (what, and why); staff reply."""

    __tablename__ = "minutes_comment"

    id: Mapped[uuid.UUID] = _id()
    minutes_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("minutes.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    version_number: Mapped[int]
    what: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = _created()
    reply: Mapped[str | None] = mapped_column(Text)
    replied_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    participant: Mapped[Participant] = relationship()
    replied_by: Mapped[Person | None] = relationship()


class CoreGroupMeeting(db.Model):  # type: ignore[name-defined,misc]
    """A core group meeting after a conference: its date, who is in it, whether it was held,
    and when the plan was updated after it."""

    __tablename__ = "core_group_meeting"

    id: Mapped[uuid.UUID] = _id()
    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), index=True
    )
    meets_on: Mapped[date]
    members: Mapped[list[str]] = mapped_column(JSON, default=list)
    held_on: Mapped[date | None]
    plan_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = _created()


class PlanProgress(db.Model):  # type: ignore[name-defined,misc]
    """At a review: progress against each action of the plan being reviewed, by decision id
    and action position. `answers` is the draft; `sent_answers` what the chair and family
    see once sent."""

    __tablename__ = "plan_progress"

    id: Mapped[uuid.UUID] = _id()
    conference_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), unique=True
    )
    answers: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON, default=dict)
    sent_answers: Mapped[dict[str, dict[str, str]] | None] = mapped_column(JSON)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
