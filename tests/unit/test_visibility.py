"""The one visibility policy, without a database or a request."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from portal.domain import visibility
from portal.domain.visibility import Viewer
from portal.domain.vocabulary import (
    ConferencePart,
    ReportAudience,
    RestrictionSubject,
    Role,
    SubmissionStatus,
)

SHARED = datetime(2027, 2, 8, tzinfo=UTC)


@dataclass
class Thing:
    id: uuid.UUID
    audience: object = None
    for_child_id: uuid.UUID | None = None
    shared_with_family_at: datetime | None = None
    child_id: uuid.UUID | None = None
    status: SubmissionStatus = SubmissionStatus.SENT
    published_at: datetime | None = None
    sent_content: dict | None = None
    sent_share: dict | None = None
    conference_id: uuid.UUID | None = None


@dataclass
class Rule:
    subject: RestrictionSubject
    subject_id: uuid.UUID
    field: str | None = None
    hidden_from_participant_id: uuid.UUID | None = None
    hidden_from_role: Role | None = None
    hidden_from_children: bool = False


@dataclass
class Person:
    id: uuid.UUID
    person_id: uuid.UUID
    role: Role
    part: ConferencePart = ConferencePart.BOTH


def viewer(role, part=ConferencePart.BOTH, child_id=None):
    return Viewer(uuid.uuid4(), uuid.uuid4(), role, part, child_id)


def person(role, part=ConferencePart.BOTH):
    return Person(uuid.uuid4(), uuid.uuid4(), role, part)


def report(audience, shared=SHARED, for_child=None):
    return Thing(
        uuid.uuid4(), audience=audience, shared_with_family_at=shared, for_child_id=for_child
    )


def test_parents_see_shared_family_reports_only():
    parent = viewer(Role.PARENT)
    assert visibility.can_see_report(parent, report(ReportAudience.FAMILY_AND_PROFESSIONALS), [])
    assert not visibility.can_see_report(
        parent, report(ReportAudience.FAMILY_AND_PROFESSIONALS, None), []
    )
    assert not visibility.can_see_report(parent, report(ReportAudience.PROFESSIONALS_ONLY), [])


def test_a_translated_copy_goes_with_its_original_and_its_own_sharing():
    original = report(ReportAudience.FAMILY_AND_PROFESSIONALS)
    copy = report(ReportAudience.FAMILY_AND_PROFESSIONALS)
    not_shared = report(ReportAudience.FAMILY_AND_PROFESSIONALS, None)
    mum, dad, chair = viewer(Role.PARENT), viewer(Role.PARENT), viewer(Role.CHAIR)
    assert visibility.can_see_translation(mum, copy, original, [])
    # Not yet shared with the family: theirs to see only once it is.
    assert not visibility.can_see_translation(mum, not_shared, original, [])
    assert visibility.can_see_translation(chair, not_shared, original, [])
    # A restriction on the original hides its copies from the same people, and no others.
    kept_from_dad = [
        Rule(RestrictionSubject.REPORT, original.id, hidden_from_participant_id=dad.participant_id)
    ]
    assert not visibility.can_see_translation(dad, copy, original, kept_from_dad)
    assert visibility.can_see_translation(mum, copy, original, kept_from_dad)
    # A restriction on the copy alone hides only the copy.
    copy_from_dad = [
        Rule(RestrictionSubject.REPORT, copy.id, hidden_from_participant_id=dad.participant_id)
    ]
    assert not visibility.can_see_translation(dad, copy, original, copy_from_dad)
    assert visibility.can_see_report(dad, original, copy_from_dad)
    # A copy whose original is not there (another conference's) is nobody's.
    assert not visibility.can_see_translation(chair, copy, None, [])
    # A copy of a report for professionals only would never reach the family.
    police = report(ReportAudience.PROFESSIONALS_ONLY)
    assert not visibility.can_see_translation(mum, copy, police, [])


def test_a_child_sees_only_the_version_written_for_them():
    maya, leo = uuid.uuid4(), uuid.uuid4()
    child = viewer(Role.YOUNG_PERSON, child_id=maya)
    assert visibility.can_see_report(child, report(ReportAudience.CHILD, for_child=maya), [])
    assert not visibility.can_see_report(child, report(ReportAudience.CHILD, for_child=leo), [])
    assert not visibility.can_see_report(child, report(ReportAudience.FAMILY_AND_PROFESSIONALS), [])


def test_a_restriction_hides_from_a_person_a_role_or_children():
    item = report(ReportAudience.FAMILY_AND_PROFESSIONALS)
    dad = viewer(Role.PARENT)
    assert not visibility.can_see_report(
        dad,
        item,
        [Rule(RestrictionSubject.REPORT, item.id, hidden_from_participant_id=dad.participant_id)],
    )
    assert not visibility.can_see_report(
        dad, item, [Rule(RestrictionSubject.REPORT, item.id, hidden_from_role=Role.PARENT)]
    )
    assert visibility.can_see_report(
        viewer(Role.SOCIAL_WORKER),
        item,
        [Rule(RestrictionSubject.REPORT, item.id, hidden_from_role=Role.PARENT)],
    )


def test_a_childs_views_go_only_to_the_people_they_chose():
    maya = uuid.uuid4()
    advocate = viewer(Role.ADVOCATE, child_id=maya)
    view = Thing(uuid.uuid4(), child_id=maya, audience=[str(advocate.participant_id)])
    assert visibility.can_see_child_view(advocate, view, [])
    # Another advocate, the chair and a parent were not chosen.
    assert not visibility.can_see_child_view(viewer(Role.ADVOCATE, child_id=uuid.uuid4()), view, [])
    assert not visibility.can_see_child_view(viewer(Role.CHAIR), view, [])
    assert not visibility.can_see_child_view(viewer(Role.PARENT), view, [])
    chair = viewer(Role.CHAIR)
    draft = Thing(
        uuid.uuid4(),
        child_id=maya,
        status=SubmissionStatus.DRAFT,
        audience=[str(chair.participant_id)],
    )
    assert not visibility.can_see_child_view(chair, draft, [])
    assert visibility.can_see_child_view(viewer(Role.YOUNG_PERSON, child_id=maya), draft, [])


def test_only_my_advocate_means_whoever_becomes_the_childs_advocate():
    """Sent to "only my advocate" before one was found (or before a new one took over): the
    child's advocate sees it when they join; nobody else does, another child's advocate
    included."""
    maya = uuid.uuid4()
    view = Thing(uuid.uuid4(), child_id=maya, audience=[], sent_share={"with": "advocate"})
    assert visibility.can_see_child_view(viewer(Role.ADVOCATE, child_id=maya), view, [])
    assert not visibility.can_see_child_view(viewer(Role.ADVOCATE, child_id=uuid.uuid4()), view, [])
    assert not visibility.can_see_child_view(viewer(Role.CHAIR), view, [])
    assert not visibility.can_see_child_view(viewer(Role.PARENT), view, [])
    chosen = Thing(uuid.uuid4(), child_id=maya, audience=[], sent_share={"with": "chosen"})
    assert not visibility.can_see_child_view(viewer(Role.ADVOCATE, child_id=maya), chosen, [])


def test_a_view_shared_with_mum_is_not_seen_by_dad():
    maya = uuid.uuid4()
    mum, dad = viewer(Role.PARENT), viewer(Role.PARENT)
    view = Thing(uuid.uuid4(), child_id=maya, audience=[str(mum.participant_id)])
    assert visibility.can_see_child_view(mum, view, [])
    assert not visibility.can_see_child_view(dad, view, [])
    # Not by role either: another person with the chosen person's role is not them.
    assert not visibility.can_see_child_view(viewer(Role.PARENT), view, [])


def test_a_restriction_still_hides_a_view_from_someone_the_child_chose():
    maya, mum = uuid.uuid4(), viewer(Role.PARENT)
    view = Thing(uuid.uuid4(), child_id=maya, audience=[str(mum.participant_id)])
    rule = Rule(
        RestrictionSubject.CHILD_VIEW, view.id, hidden_from_participant_id=mum.participant_id
    )
    assert not visibility.can_see_child_view(mum, view, [rule])


def test_a_picture_added_after_sending_stays_with_the_child_until_sent_again():
    maya, chair = uuid.uuid4(), viewer(Role.CHAIR)
    sent_picture, new_picture = uuid.uuid4(), uuid.uuid4()
    view = Thing(uuid.uuid4(), child_id=maya, audience=[str(chair.participant_id)])
    view.sent_content = {"pictures": [{"id": str(sent_picture), "caption": "Me"}]}
    assert visibility.can_see_child_view_picture(chair, view, sent_picture, [])
    assert not visibility.can_see_child_view_picture(chair, view, new_picture, [])
    child = viewer(Role.YOUNG_PERSON, child_id=maya)
    assert visibility.can_see_child_view_picture(child, view, new_picture, [])
    assert not visibility.can_see_child_view_picture(viewer(Role.PARENT), view, sent_picture, [])


def test_how_a_young_person_takes_part_is_for_them_the_chair_and_social_worker():
    maya = person(Role.YOUNG_PERSON)
    assert visibility.can_see_young_persons_answers(viewer(Role.CHAIR), maya)
    assert visibility.can_see_young_persons_answers(viewer(Role.SOCIAL_WORKER), maya)
    assert not visibility.can_see_young_persons_answers(viewer(Role.PARENT), maya)
    assert not visibility.can_see_young_persons_answers(viewer(Role.PROFESSIONAL), maya)
    assert not visibility.can_see_young_persons_answers(viewer(Role.ADMINISTRATOR), maya)
    own = Viewer(maya.person_id, maya.id, Role.YOUNG_PERSON)
    assert visibility.can_see_young_persons_answers(own, maya)


def test_parents_in_different_parts_do_not_see_each_other():
    mum = person(Role.PARENT, ConferencePart.PART_ONE)
    dad = viewer(Role.PARENT, ConferencePart.PART_TWO)
    assert not visibility.can_see_participant(dad, mum, [])
    assert visibility.can_see_participant(dad, person(Role.CHAIR), [])
    assert visibility.can_see_participant(viewer(Role.CHAIR), mum, [])


def test_addresses_are_for_their_owner_and_the_case_holders():
    mum = person(Role.PARENT)
    assert not visibility.can_see_contact_details(viewer(Role.PARENT), mum, "address", [])
    assert not visibility.can_see_contact_details(viewer(Role.PROFESSIONAL), mum, "address", [])
    priya = viewer(Role.SOCIAL_WORKER)
    assert visibility.can_see_contact_details(priya, mum, "address", [])
    hidden = [
        Rule(
            RestrictionSubject.PERSON,
            mum.person_id,
            field="address",
            hidden_from_role=Role.SOCIAL_WORKER,
        )
    ]
    assert not visibility.can_see_contact_details(priya, mum, "address", hidden)
    assert visibility.can_see_contact_details(priya, mum, "email", hidden)


def test_the_safety_request_is_for_the_chair_and_social_worker_only():
    mum = person(Role.PARENT)
    assert visibility.can_see_safety_request(viewer(Role.CHAIR), mum)
    assert visibility.can_see_safety_request(viewer(Role.SOCIAL_WORKER), mum)
    assert not visibility.can_see_safety_request(viewer(Role.ADMINISTRATOR), mum)
    assert not visibility.can_see_safety_request(viewer(Role.PARENT), mum)


def test_unpublished_decisions_only_for_the_chair_and_social_worker():
    decision = Thing(uuid.uuid4(), child_id=uuid.uuid4())
    assert visibility.can_see_decision(viewer(Role.CHAIR), decision, [])
    assert not visibility.can_see_decision(viewer(Role.PARENT), decision, [])
    decision.published_at = SHARED
    assert visibility.can_see_decision(viewer(Role.PARENT), decision, [])
    told_not = [Rule(RestrictionSubject.DECISION, decision.id, hidden_from_role=Role.PARENT)]
    assert not visibility.can_see_decision(viewer(Role.PARENT), decision, told_not)


def test_a_conference_wide_exclusion_hides_every_decision_of_that_conference_only():
    conference = uuid.uuid4()
    uncle = viewer(Role.SUPPORTER)
    maya_decision = Thing(uuid.uuid4(), child_id=uuid.uuid4(), conference_id=conference)
    leo_decision = Thing(uuid.uuid4(), child_id=uuid.uuid4(), conference_id=conference)
    elsewhere = Thing(uuid.uuid4(), child_id=uuid.uuid4(), conference_id=uuid.uuid4())
    for decision in (maya_decision, leo_decision, elsewhere):
        decision.published_at = SHARED
    not_told = [
        Rule(
            RestrictionSubject.DECISION,
            conference,
            hidden_from_participant_id=uncle.participant_id,
        )
    ]
    assert visibility.must_not_be_told(uncle, conference, not_told)
    assert not visibility.can_see_decision(uncle, maya_decision, not_told)
    assert not visibility.can_see_decision(uncle, leo_decision, not_told)
    assert visibility.can_see_decision(uncle, elsewhere, not_told)
    # Everyone else in the conference is still told.
    mum = viewer(Role.PARENT)
    assert not visibility.must_not_be_told(mum, conference, not_told)
    assert visibility.can_see_decision(mum, maya_decision, not_told)


def test_an_advocate_sees_what_the_child_may_see_not_professionals_reports():
    maya = uuid.uuid4()
    sam = viewer(Role.ADVOCATE, child_id=maya)
    assert not visibility.can_see_report(sam, report(ReportAudience.PROFESSIONALS_ONLY), [])
    assert not visibility.can_see_report(sam, report(ReportAudience.FAMILY_AND_PROFESSIONALS), [])
    written_for_maya = report(ReportAudience.CHILD, for_child=maya)
    assert visibility.can_see_report(sam, written_for_maya, [])
    assert not visibility.can_see_report(
        sam, report(ReportAudience.CHILD, for_child=uuid.uuid4()), []
    )
    kept_from_children = [
        Rule(RestrictionSubject.REPORT, written_for_maya.id, hidden_from_children=True)
    ]
    assert not visibility.can_see_report(sam, written_for_maya, kept_from_children)
    assert visibility.can_see_report(
        viewer(Role.PROFESSIONAL), report(ReportAudience.PROFESSIONALS_ONLY), []
    )


def test_who_should_not_sit_near_a_parent_is_a_safety_request():
    mum = person(Role.PARENT)
    for role in (Role.CHAIR, Role.SOCIAL_WORKER):
        assert visibility.can_see_answer(viewer(role), mum, "seating", "not_near")
        assert visibility.can_see_answer(viewer(role), mum, "safety", "details")
    chris = viewer(Role.ADMINISTRATOR)
    assert not visibility.can_see_answer(chris, mum, "seating", "not_near")
    assert not visibility.can_see_answer(chris, mum, "safety", "unsafe")
    assert visibility.can_see_answer(chris, mum, "seating", "beside")
    assert visibility.can_see_answer(chris, mum, "times", "hard_times")


def test_parents_promise_before_any_report_opens():
    assert visibility.must_promise_first(viewer(Role.PARENT), has_promised=False)
    assert not visibility.must_promise_first(viewer(Role.PARENT), has_promised=True)
    assert not visibility.must_promise_first(viewer(Role.SOCIAL_WORKER), has_promised=False)
