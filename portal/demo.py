"""The demo scenario: the Khan family's initial conference and the Brown family's review.

Loading is idempotent: people and records are found by their email or title and
only created when missing, so running it twice changes nothing.
"""

# The demo's Urdu copy ends its sentences with Urdu's own full stop (U+06D4).
# ruff: noqa: RUF001

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from sqlalchemy import select

from portal.data.interfaces import decision_versions
from portal.data.models import (
    AdvocacyService,
    AdvocateRequest,
    AdvocateRequestStatus,
    Authority,
    Category,
    Child,
    ChildView,
    ChildViewFormat,
    Conference,
    ConferenceKind,
    ConferencePart,
    ConferenceStatus,
    Decision,
    Nation,
    Outcome,
    Participant,
    Person,
    PlanAction,
    Preferences,
    Report,
    ReportAudience,
    ReportKind,
    ReportVersion,
    Restriction,
    RestrictionSubject,
    Role,
    StaffRole,
    SubmissionStatus,
)
from portal.domain.working_days import WorkingCalendar
from portal.extensions import db

LONDON = ZoneInfo("Europe/London")
DEMO_PASSWORD = "conference-demo-2026"  # noqa: S105 - development only; refused in production


@dataclass(frozen=True)
class DemoPerson:
    key: str
    name: str
    email: str | None
    professional: bool = False
    job_title: str | None = None
    agency: str | None = None
    language: str | None = None
    address: str | None = None
    mobile: str | None = None
    staff_role: StaffRole | None = None


CAST = [
    DemoPerson(
        "jo",
        "Jo Evans",
        "jo.evans@northfield.example",
        True,
        "Conference chair",
        "Northfield Borough Council",
        staff_role=StaffRole.CHAIR,
    ),
    DemoPerson(
        "priya",
        "Priya Patel",
        "priya.patel@northfield.example",
        True,
        "Social worker",
        "Northfield Borough Council",
        staff_role=StaffRole.SOCIAL_WORKER,
    ),
    DemoPerson(
        "chris",
        "Chris Lee",
        "chris.lee@northfield.example",
        True,
        "Conference administrator",
        "Northfield Borough Council",
        staff_role=StaffRole.ADMINISTRATOR,
    ),
    DemoPerson(
        "morgan",
        "Morgan Hughes",
        "morgan.hughes@northfield.example",
        True,
        "Team manager",
        "Northfield Borough Council",
        staff_role=StaffRole.MANAGER,
    ),
    DemoPerson(
        "tom",
        "Tom Green",
        "tom.green@school.example",
        True,
        "Safeguarding lead",
        "Northfield Primary School",
    ),
    DemoPerson(
        "sam",
        "Sam Taylor",
        "sam.taylor@advocacy.example",
        True,
        "Advocate",
        "Northfield Children's Advocacy",
    ),
    DemoPerson(
        "amira",
        "Amira Khan",
        "amira.khan@family.example",
        language="ur",
        address="14 Elm Road, Northfield, NF2 4AB",
    ),
    DemoPerson(
        "daniel",
        "Daniel Khan",
        "daniel.khan@family.example",
        address="Flat 3, 88 Station Street, Northfield, NF7 1CD",
    ),
    DemoPerson("maya", "Maya Khan", "maya.khan@family.example", mobile="+447700900312"),
    # Maya and Leo's uncle: invited to part one, and must not be told the decision.
    DemoPerson("tariq", "Tariq Khan", "tariq.khan@family.example", language="en"),
    DemoPerson(
        "olivia",
        "Olivia Brown",
        "olivia.brown@family.example",
        address="2 Mill Lane, Northfield, NF3 9EF",
    ),
]

SIGN_IN_TEXT = f"""Demo sign-in (development only)
  Families and young people: enter the email below; the 6-digit code is written to
  instance/mail/ as an .eml file.
    Amira Khan (mother)          amira.khan@family.example
    Daniel Khan (father)         daniel.khan@family.example
    Maya Khan (young person)     maya.khan@family.example
    Tariq Khan (uncle; must not be told the decision)  tariq.khan@family.example
    Olivia Brown (parent, other family)  olivia.brown@family.example
  Professionals: email and password '{DEMO_PASSWORD}'; the second factor is off in the demo.
    Jo Evans (chair)             jo.evans@northfield.example
    Priya Patel (social worker)  priya.patel@northfield.example
    Chris Lee (administrator)    chris.lee@northfield.example
    Morgan Hughes (manager)      morgan.hughes@northfield.example
    Tom Green (school)           tom.green@school.example
    Sam Taylor (advocate)        sam.taylor@advocacy.example  (Maya's referral waits for him)"""


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON).astimezone(UTC)


M = TypeVar("M")


def _one(model: type[M], **where: object) -> M | None:
    return db.session.scalars(select(model).filter_by(**where)).first()


def load(today: date) -> dict[str, object]:
    """Create whatever is missing of the scenario and commit. Returns the main records."""
    authority = _one(Authority, slug="northfield")
    if authority is None:
        authority = Authority(
            slug="northfield",
            name="Northfield Borough Council",
            nation=Nation.ENGLAND_AND_WALES,
            policy_key="england",
            contact_phone="01632 960000",
            contact_email="conferences@northfield.example",
        )
        db.session.add(authority)
        db.session.flush()

    hasher = PasswordHasher()
    people: dict[str, Person] = {}
    for member in CAST:
        person = _one(Person, email=member.email)
        if person is None:
            person = Person(
                authority_id=authority.id,
                full_name=member.name,
                email=member.email,
                is_professional=member.professional,
                job_title=member.job_title,
                agency=member.agency,
                preferred_language=member.language,
                address=member.address,
                mobile=member.mobile,
                password_hash=hasher.hash(DEMO_PASSWORD) if member.professional else None,
            )
            db.session.add(person)
        if person.staff_role is None and member.staff_role is not None:
            person.staff_role = member.staff_role
        people[member.key] = person
    db.session.flush()

    advocacy = _advocacy_service(authority, people)
    khan = _load_khan_conference(authority, people, today)
    _uncle_not_to_be_told(khan, people)
    brown = _load_brown_conference(authority, people, today)
    _maya_asks_for_an_advocate(khan, advocacy, people, today)
    db.session.commit()
    return {"authority": authority, "people": people, "khan": khan, "brown": brown}


def _child(authority: Authority, first: str, last: str, born: date, person: Person | None) -> Child:
    child = _one(Child, first_name=first, last_name=last)
    if child is None:
        child = Child(
            authority_id=authority.id,
            first_name=first,
            last_name=last,
            date_of_birth=born,
            person_id=person.id if person else None,
        )
        db.session.add(child)
        db.session.flush()
    return child


def _participant(
    conference: Conference, person: Person, role: Role, **extra: object
) -> Participant:
    found = _one(Participant, conference_id=conference.id, person_id=person.id, role=role)
    if found is None:
        # Everyone in the demo has been invited, so a new date or a postponement tells them.
        extra.setdefault("invited_at", datetime.now(UTC))
        found = Participant(conference_id=conference.id, person_id=person.id, role=role, **extra)
        db.session.add(found)
        db.session.flush()
    elif found.invited_at is None:
        found.invited_at = datetime.now(UTC)
    return found


def _report(conference: Conference, title: str, **fields: object) -> Report:
    sections = fields.pop("sections")
    # A translated copy has its original's title: find each by what it is.
    report = _one(
        Report,
        conference_id=conference.id,
        title=title,
        translation_of_id=fields.get("translation_of_id"),
        language=fields.get("language"),
    )
    if report is None:
        report = Report(conference_id=conference.id, title=title, **fields)
        report.versions.append(ReportVersion(number=1, sections=sections))
        db.session.add(report)
        db.session.flush()
    return report


def _load_khan_conference(
    authority: Authority, people: dict[str, Person], today: date
) -> Conference:
    conference = _one(Conference, family_name="Khan")
    if conference is not None:
        return conference
    calendar = WorkingCalendar(authority.nation.value)
    day = calendar.add_working_days(today, 5)
    conference = Conference(
        authority_id=authority.id,
        kind=ConferenceKind.INITIAL,
        family_name="Khan",
        starts_at=_at(day, 10),
        expected_end_at=_at(day, 12),
        part_two_starts_at=_at(day, 11),
        strategy_discussion_on=calendar.add_working_days(today, -9),
        venue="Northfield Civic Centre, Market Square, Northfield NF1 1AA",
        virtual_link="https://video.northfield.example/conference/khan",
        local_office="Northfield North Family Hub, 5 Park Road",
        # Dorset 1.8, Middlesbrough standard 4: domestic abuse means two parts.
        in_two_parts=True,
    )
    db.session.add(conference)
    db.session.flush()

    maya = _child(authority, "Maya", "Khan", date(today.year - 12, 3, 14), people["maya"])
    leo = _child(authority, "Leo", "Khan", date(today.year - 6, 9, 2), None)
    conference.children.extend([maya, leo])

    _participant(conference, people["jo"], Role.CHAIR)
    _participant(conference, people["priya"], Role.SOCIAL_WORKER)
    _participant(conference, people["chris"], Role.ADMINISTRATOR)
    _participant(conference, people["tom"], Role.PROFESSIONAL, agency="Northfield Primary School")
    # Sam Taylor, the advocate, is not in the meeting until he accepts Maya's referral.
    amira = _participant(
        conference,
        people["amira"],
        Role.PARENT,
        relationship_to_child="mother",
        part=ConferencePart.PART_ONE,
    )
    daniel = _participant(
        conference,
        people["daniel"],
        Role.PARENT,
        relationship_to_child="father",
        part=ConferencePart.PART_TWO,
    )
    _participant(conference, people["maya"], Role.YOUNG_PERSON, child_id=maya.id)

    shared = _at(calendar.add_working_days(today, -1), 15)
    social_work = _report(
        conference,
        "Social work report",
        kind=ReportKind.SOCIAL_WORK,
        agency="Northfield Borough Council Children's Services",
        author_id=people["priya"].id,
        audience=ReportAudience.FAMILY_AND_PROFESSIONALS,
        shared_with_family_at=shared,
        shared_with_chair_at=shared,
        sections=[
            {
                "heading": "Why we are meeting",
                "text": "The police were called to the family home twice in the last two months "
                "after arguments between the parents. Maya and Leo were at home both times.",
            },
            {
                "heading": "What is working well",
                "text": "Maya and Leo go to school every day. Their mother makes sure they are fed, "
                "clean and on time. Both children say they love their parents.",
            },
            {
                "heading": "What we are worried about",
                "text": "We are worried that the children see and hear shouting and fighting at home, "
                "and that this frightens them. Maya has told her teacher she cannot sleep.",
            },
            {
                "heading": "What needs to happen",
                "text": "The children need to be safe at home and to know who to tell if they are "
                "scared. Their parents need support to keep the arguments away from them.",
            },
        ],
    )
    # Amira reads Urdu: Priya shared a copy of her report in Urdu the same day, which Amira
    # reads first (ADR 0022). Sample words, like the Urdu pages: not checked by a translator.
    _report(
        conference,
        "Social work report",
        kind=ReportKind.SOCIAL_WORK,
        agency="Northfield Borough Council Children's Services",
        author_id=people["priya"].id,
        audience=ReportAudience.FAMILY_AND_PROFESSIONALS,
        translation_of_id=social_work.id,
        language="ur",
        shared_with_family_at=shared,
        sections=[
            {
                "heading": "ہم کیوں مل رہے ہیں",
                "text": "پچھلے دو مہینوں میں والدین کے درمیان جھگڑوں کے بعد دو بار پولیس کو گھر "
                "بلایا گیا۔ دونوں بار مایا اور لیو گھر پر تھے۔",
            },
            {
                "heading": "کیا اچھا چل رہا ہے",
                "text": "مایا اور لیو ہر روز اسکول جاتے ہیں۔ ان کی والدہ خیال رکھتی ہیں کہ انہیں "
                "کھانا ملے، وہ صاف ستھرے ہوں اور وقت پر پہنچیں۔ دونوں بچے کہتے ہیں کہ وہ اپنے "
                "والدین سے پیار کرتے ہیں۔",
            },
            {
                "heading": "ہمیں کس بات کی فکر ہے",
                "text": "ہمیں فکر ہے کہ بچے گھر میں چیخنا چلانا اور لڑائی دیکھتے اور سنتے ہیں، اور "
                "اس سے وہ ڈر جاتے ہیں۔ مایا نے اپنی استانی کو بتایا ہے کہ وہ سو نہیں پاتی۔",
            },
            {
                "heading": "کیا ہونا ضروری ہے",
                "text": "بچوں کو گھر میں محفوظ رہنا چاہیے اور معلوم ہونا چاہیے کہ اگر وہ ڈریں تو "
                "کس کو بتائیں۔ ان کے والدین کو مدد کی ضرورت ہے تاکہ جھگڑے بچوں سے دور رہیں۔",
            },
        ],
    )
    _report(
        conference,
        "School report",
        kind=ReportKind.SCHOOL,
        agency="Northfield Primary School",
        author_id=people["tom"].id,
        audience=ReportAudience.FAMILY_AND_PROFESSIONALS,
        shared_with_family_at=shared,
        shared_with_chair_at=shared,
        sections=[
            {
                "heading": "Attendance",
                "text": "Maya and Leo have both been in school every day this term.",
            },
            {
                "heading": "How the children are doing",
                "text": "Leo is happy and making friends. Maya has seemed tired and quiet in the last "
                "month and has asked to stay in at break time.",
            },
        ],
    )
    police = _report(
        conference,
        "Police information",
        kind=ReportKind.POLICE,
        agency="Northfield Police",
        audience=ReportAudience.PROFESSIONALS_ONLY,
        shared_with_chair_at=shared,
        sections=[
            {
                "heading": "Call-outs",
                "text": "Two call-outs to the home address in the last two months; one arrest, no "
                "charge. Details of an ongoing investigation are held by the police.",
            },
        ],
    )
    _report(
        conference,
        "Your social worker's report, written for you",
        kind=ReportKind.SOCIAL_WORK,
        agency="Northfield Borough Council Children's Services",
        author_id=people["priya"].id,
        audience=ReportAudience.CHILD,
        for_child_id=maya.id,
        adapted_from_id=social_work.id,
        shared_with_family_at=shared,
        sections=[
            {
                "heading": "Why there is a meeting",
                "text": "Some grown-ups are worried that there has been shouting at home. The meeting "
                "is to work out how to help your family.",
            },
            {
                "heading": "What is going well",
                "text": "You go to school every day and you work hard. Your mum and dad love you.",
            },
        ],
    )

    # What Daniel must never see: Amira's address, preferences and seating.
    reason = "Domestic abuse: the mother's safety"
    db.session.add_all(
        [
            Restriction(
                conference_id=conference.id,
                subject=RestrictionSubject.PERSON,
                subject_id=people["amira"].id,
                field="address",
                hidden_from_participant_id=daniel.id,
                reason=reason,
                created_by_id=people["priya"].id,
            ),
            Restriction(
                conference_id=conference.id,
                subject=RestrictionSubject.PREFERENCES,
                subject_id=amira.id,
                hidden_from_participant_id=daniel.id,
                reason=reason,
                created_by_id=people["priya"].id,
            ),
            Restriction(
                conference_id=conference.id,
                subject=RestrictionSubject.REPORT,
                subject_id=police.id,
                hidden_from_children=True,
                reason="Police investigation; not for the family",
                created_by_id=people["priya"].id,
            ),
        ]
    )
    db.session.add(
        Preferences(
            participant_id=amira.id,
            language="ur",
            needs_interpreter=True,
            interpreter_language="Urdu",
            answers={},
        )
    )
    three_houses = {
        "worries": "When mum and dad shout I go in my room and put my headphones on.",
        "good_things": "My friends at school. Drawing. Leo makes me laugh.",
        "dreams": "Everyone at home is calm and I can sleep.",
    }
    db.session.add(
        ChildView(
            conference_id=conference.id,
            child_id=maya.id,
            written_by_id=people["maya"].id,
            format=ChildViewFormat.THREE_HOUSES,
            content=three_houses,
            sent_content=dict(three_houses),
            # Maya chose to show this only to her advocate: whoever takes her referral
            # (Sam, once he accepts) sees it; nobody else does.
            share={"with": "advocate", "people": [], "spoken_by": "advocate"},
            sent_share={"with": "advocate", "people": [], "spoken_by": "advocate"},
            audience=[],
            status=SubmissionStatus.SENT,
            sent_at=_at(today, 9),
        )
    )
    return conference


def _uncle_not_to_be_told(conference: Conference, people: dict[str, Person]) -> None:
    """Tariq Khan, Maya and Leo's uncle, comes to part one to support the family; the plan
    says he must not be told any decision of this conference (Dorset 4.3)."""
    tariq = _participant(
        conference,
        people["tariq"],
        Role.SUPPORTER,
        relationship_to_child="uncle",
        part=ConferencePart.PART_ONE,
    )
    if _one(Restriction, subject_id=conference.id, hidden_from_participant_id=tariq.id) is None:
        db.session.add(
            Restriction(
                conference_id=conference.id,
                subject=RestrictionSubject.DECISION,
                subject_id=conference.id,
                hidden_from_participant_id=tariq.id,
                reason="He is in touch with the person the children were protected from; "
                "the family asked that he is not told the decision.",
                created_by_id=people["priya"].id,
            )
        )
        db.session.flush()


def _load_brown_conference(
    authority: Authority, people: dict[str, Person], today: date
) -> Conference:
    conference = _one(Conference, family_name="Brown")
    if conference is not None:
        return conference
    calendar = WorkingCalendar(authority.nation.value)
    held = calendar.add_working_days(today, -5)
    conference = Conference(
        authority_id=authority.id,
        kind=ConferenceKind.REVIEW,
        status=ConferenceStatus.HELD,
        family_name="Brown",
        starts_at=_at(held, 14),
        expected_end_at=_at(held, 15, 30),
        ended_at=_at(held, 15, 30),
        venue="Northfield Civic Centre, Market Square, Northfield NF1 1AA",
    )
    db.session.add(conference)
    db.session.flush()
    ellie = _child(authority, "Ellie", "Brown", date(today.year - 4, 6, 20), None)
    conference.children.append(ellie)
    _participant(conference, people["jo"], Role.CHAIR)
    _participant(conference, people["priya"], Role.SOCIAL_WORKER)
    _participant(conference, people["olivia"], Role.PARENT, relationship_to_child="mother")
    _report(
        conference,
        "Social work review report",
        kind=ReportKind.SOCIAL_WORK,
        agency="Northfield Borough Council Children's Services",
        author_id=people["priya"].id,
        audience=ReportAudience.FAMILY_AND_PROFESSIONALS,
        shared_with_family_at=_at(calendar.add_working_days(held, -3), 12),
        shared_with_chair_at=_at(calendar.add_working_days(held, -3), 12),
        sections=[
            {
                "heading": "Progress since the last meeting",
                "text": "Ellie goes to nursery every day. Her health visits are up to date.",
            },
        ],
    )
    decision = Decision(
        conference_id=conference.id,
        child_id=ellie.id,
        outcome=Outcome.CHILD_PROTECTION_PLAN,
        category=Category.NEGLECT,
        reasons="Things are getting better, but the changes are new and need more time.",
        contingency_plan="If Ellie misses nursery for two days in a row, the social worker "
        "will visit the same day.",
        visiting_frequency="Every 2 weeks",
        first_core_group_on=calendar.add_working_days(held, 10),
        review_on=held + timedelta(days=182),
        child_summary="",
        completed_at=_at(held, 16, 30),
        published_at=_at(held, 17),
        published_by_id=people["jo"].id,
    )
    decision.actions.append(
        PlanAction(
            position=0,
            what="Take Ellie to nursery every weekday.",
            who="Olivia Brown",
            by_when=None,
            how_we_will_know="Nursery attendance records.",
        )
    )
    decision.actions.append(
        PlanAction(
            position=1,
            what="Visit the family at home.",
            who="Priya Patel (social worker)",
            by_when=None,
            how_we_will_know="Visit notes shared with the core group.",
        )
    )
    decision.family_summary = (
        "Ellie will stay on a child protection plan for now. Things are better, and the "
        "meeting wants to see the changes last. You will meet the core group in two weeks."
    )
    decision.core_group_members = [
        "Olivia Brown, mother",
        "Priya Patel, social worker",
        "Northfield Nursery, key worker",
    ]
    db.session.add(decision)
    db.session.flush()
    decision_versions.add_version(decision, people["jo"].id, at=_at(held, 17))
    return conference


def _advocacy_service(authority: Authority, people: dict[str, Person]) -> AdvocacyService:
    """Northfield Children's Advocacy takes the council's referrals; Sam works for it."""
    service = _one(
        AdvocacyService, authority_id=authority.id, name="Northfield Children's Advocacy"
    )
    if service is None:
        service = AdvocacyService(
            authority_id=authority.id,
            name="Northfield Children's Advocacy",
            contact_email="referrals@advocacy.example",
            contact_phone="01632 960123",
        )
        db.session.add(service)
        db.session.flush()
    if people["sam"].advocacy_service_id is None:
        people["sam"].advocacy_service_id = service.id
    return service


def _maya_asks_for_an_advocate(
    conference: Conference, service: AdvocacyService, people: dict[str, Person], today: date
) -> None:
    """Maya has asked for an advocate this morning; nobody has accepted yet. A demo loaded
    before advocacy services existed keeps its request, now pointing at the service."""
    maya = _one(Child, first_name="Maya", last_name="Khan")
    asker = _one(
        Participant,
        conference_id=conference.id,
        person_id=people["maya"].id,
        role=Role.YOUNG_PERSON,
    )
    if maya is None or asker is None:
        return
    request = _one(AdvocateRequest, conference_id=conference.id, for_child_id=maya.id)
    if request is None:
        request = AdvocateRequest(
            conference_id=conference.id,
            requested_by_id=asker.id,
            for_child_id=maya.id,
            status=AdvocateRequestStatus.REQUESTED,
            young_person_agreed=True,
            asked_at=_at(today, 8, 30),
            note="Maya would like someone to help her say what she thinks.",
        )
        db.session.add(request)
    if request.advocacy_service_id is None and request.named_advocate is None:
        request.advocacy_service_id = service.id
    if request.asked_at is None:
        request.asked_at = request.created_at or _at(today, 8, 30)
    db.session.flush()
