"""The access matrix: every route x every demo person x their own conference and another one.

Each route's expected outcome is declared below. A route that is not declared fails
the suite, so nobody can add a page without saying who may use it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask import url_for

from portal.data.models import (
    BookingDraft,
    ChildView,
    ChildViewAttachment,
    ChildViewFormat,
    ClosureDay,
    Decision,
    Outcome,
    Role,
    StaffRole,
    SubmissionStatus,
)
from portal.extensions import db
from tests import factories
from tests.pages import form_token

PEOPLE = ["amira", "daniel", "maya", "olivia", "jo", "priya", "chris", "morgan", "tom", "sam"]
ANONYMOUS = "anonymous"
# Morgan, a manager, is in neither demo conference.
EVERYONE = frozenset(PEOPLE) - {"morgan"}
OWN = {name: "khan" for name in PEOPLE} | {"olivia": "brown"}

# For routes inside a conference: who gets the page for their own conference's record.
# Everyone else signed in gets 404; anonymous visitors are sent to sign in.
CONFERENCE_ROUTES: dict[str, frozenset[str]] = {
    # Morgan, a manager, opens any conference of his council from his list, read-only
    # (another council's is still 404): the overview and the deadlines.
    "conferences.overview": EVERYONE | {"morgan"},
    # The sample is the social work report: for the family and professionals. Sam, an
    # advocate, sees only what Maya may see (the version written for her), so not this.
    "conferences.report": frozenset({"amira", "daniel", "olivia", "jo", "priya", "chris", "tom"}),
    "conferences.download_report": frozenset(
        {"amira", "daniel", "olivia", "jo", "priya", "chris", "tom"}
    ),
    "conferences.child_view": frozenset({"maya", "sam"}),
    "conferences.decision": frozenset({"olivia", "jo", "priya"}),
    "conferences.access_history": frozenset({"jo", "priya", "chris"}),
    "conferences.deadlines": frozenset({"jo", "priya", "chris", "morgan"}),
    "submissions.sent": frozenset({"jo", "priya", "chris"}),
    "arrangements.sheet": frozenset({"jo", "chris"}),
    "conferences.messages": frozenset({"jo", "priya", "chris"}),
    "conferences.resend": frozenset({"jo", "priya", "chris"}),
    # The parents' own pages: only parents (Amira and Daniel; Olivia in hers).
    "family.home": frozenset({"amira", "daniel", "olivia"}),
    "family.welcome": frozenset({"amira", "daniel", "olivia"}),
    "family.what_will_happen": frozenset({"amira", "daniel", "olivia"}),
    "family.agreement": frozenset({"amira", "daniel", "olivia"}),
    "family.mark_read": frozenset({"amira", "daniel", "olivia"}),
    "family.comment": frozenset({"amira", "daniel", "olivia"}),
    "family.about_child": frozenset({"amira", "daniel", "olivia"}),
    "family.step": frozenset({"amira", "daniel", "olivia"}),
    "family.seating_picture": frozenset({"amira", "daniel", "olivia"}),
    "family.check_answers": frozenset({"amira", "daniel", "olivia"}),
    "family.send": frozenset({"amira", "daniel"}),
    "family.sent": frozenset({"amira", "daniel", "olivia"}),
    # A child's published decision: Olivia's (Ellie's); Leo's in the Khan sample is a draft.
    "family.decision": frozenset({"olivia"}),
    "family.confirm_decision": frozenset({"olivia"}),
    "conferences.who_opened_my_views": frozenset({"maya"}),
    "conferences.manage_restrictions": frozenset({"jo", "priya"}),
    "conferences.remove_restriction": frozenset({"jo", "priya"}),
    # Arranging a booked conference: who comes, invitations, a new date, calling it off.
    "booking.people": frozenset({"jo", "priya", "chris"}),
    "booking.add_family": frozenset({"jo", "priya", "chris"}),
    "booking.add_young_person": frozenset({"jo", "priya", "chris"}),
    "booking.add_professional": frozenset({"jo", "priya", "chris"}),
    "booking.remove_person": frozenset({"jo", "priya", "chris"}),
    "booking.change_part": frozenset({"jo", "priya", "chris"}),
    "booking.send_invitations": frozenset({"jo", "priya", "chris"}),
    "booking.change_date": frozenset({"jo", "priya", "chris"}),
    "booking.call_off": frozenset({"jo", "priya", "chris"}),
    # Writing reports: the social worker and professionals writing their agency's report.
    "reports.index": frozenset({"priya", "tom"}),
    "reports.start": frozenset({"priya", "tom"}),
    "reports.check_words": frozenset({"priya", "tom"}),
    # The sample draft is Priya's: a draft is its author's alone, so Tom gets 404.
    "reports.edit": frozenset({"priya"}),
    "reports.preview": frozenset({"priya"}),
    "reports.share": frozenset({"priya"}),
    "reports.delete": frozenset({"priya"}),
    # The social work report: its author (Priya, the social worker) revises and replies.
    "reports.new_version": frozenset({"priya"}),
    "reports.reply": frozenset({"priya"}),
    # A translated copy of the social work report: those who may revise it (ADR 0022).
    "reports.translate": frozenset({"priya"}),
    # Earlier versions: the council's and agencies' professionals, never the family.
    "reports.version": frozenset({"jo", "priya", "chris", "tom"}),
    # Duties after the meeting recorded as done: those who run the conference.
    "duties.record": frozenset({"jo", "priya", "chris"}),
    # After the meeting: the chair or organiser records it held; the chair the decisions.
    "decide.held": frozenset({"jo", "chris"}),
    "decide.decisions": frozenset({"jo"}),
    "decide.decision": frozenset({"jo"}),
    "decide.check": frozenset({"jo"}),
    # The minutes (issue 11): the staff page for those who run the conference; writing,
    # uploading and sharing for the chair and the administrator; approving for the chair.
    # The samples have no minutes yet, so reading, downloading and replying are 404 for all
    # (tests/integration/test_minutes.py covers them shared).
    "minutes.write": frozenset({"jo", "priya", "chris"}),
    "minutes.upload": frozenset({"jo", "chris"}),
    "minutes.remove_pdf": frozenset({"jo", "chris"}),
    "minutes.approve": frozenset({"jo"}),
    "minutes.share": frozenset({"jo", "chris"}),
    "minutes.reply": frozenset(),
    "minutes.read": frozenset(),
    "minutes.download": frozenset(),
    # Core group dates: those who run the conference, and parents read-only. No sample
    # meeting, and neither demo conference is a review that follows another, so the rest
    # are 404 here (tests/integration/test_core_group.py covers them).
    "core_group.meetings": frozenset({"amira", "daniel", "olivia", "jo", "priya", "chris"}),
    "core_group.held": frozenset(),
    "core_group.plan_update": frozenset(),
    "core_group.plan_progress": frozenset(),
    # Advocates (the world below has Sam accept Maya's referral): the child, a parent or the
    # social worker ask; the advocate's own pages; a sent statement shared with nobody extra
    # goes to Maya, the chair and the social worker.
    "advocate.ask": frozenset({"maya", "amira", "daniel", "olivia", "priya"}),
    "advocate.case": frozenset({"sam"}),
    "advocate.record_contact": frozenset({"sam"}),
    "advocate.statement": frozenset({"sam"}),
    "advocate.show_statement": frozenset({"maya", "sam", "jo", "priya"}),
    "advocate.settle": frozenset({"priya"}),
    # A young person's own pages: only Maya (issue 12).
    "young_person.home": frozenset({"maya"}),
    "young_person.about": frozenset({"maya"}),
    "young_person.views": frozenset({"maya"}),
    "young_person.edit_view": frozenset({"maya"}),
    "young_person.add_picture": frozenset({"maya"}),
    "young_person.remove_picture": frozenset({"maya"}),
    "young_person.who_sees_it": frozenset({"maya"}),
    "young_person.check": frozenset({"maya"}),
    "young_person.taking_part": frozenset({"maya"}),
    "young_person.was_i_heard": frozenset({"maya"}),
    # Only once a version written for the child is published: none in the demo, so nobody
    # here (tests/integration/test_after_the_meeting.py covers Maya with one).
    "young_person.decision": frozenset(),
    "young_person.confirm_decision": frozenset(),
    # The sample picture is in Maya's three houses, sent only to her advocate.
    "young_person.picture": frozenset({"maya", "sam"}),
    # Publishing the decision: the chair only (the page says why it cannot be published
    # yet, nothing being held here); what was published redirects to it until then.
    "publishing.publish": frozenset({"jo"}),
    "publishing.published": frozenset({"jo"}),
    # The 24-hour clock: those who run the conference.
    "publishing.delivery": frozenset({"jo", "priya", "chris"}),
    # Recording another way is only for a recipient of a published decision; nothing is
    # published in this world, so the sample participant is 404 for everyone (who may use
    # it is tested in tests/integration/test_publishing.py).
    "publishing.another_way": frozenset(),
}
# Routes outside any conference: the status for a signed-in person and for anonymous.
OTHER_ROUTES: dict[str, tuple[int, int]] = {
    "static": (200, 200),
    "public.start": (200, 200),
    "public.accessibility": (200, 200),
    "public.privacy": (200, 200),
    "public.cookies": (200, 200),
    "public.glossary": (200, 200),
    "public.languages": (200, 200),
    "public.change_language": (302, 302),
    "public.healthz": (200, 200),
    "auth.sign_in": (200, 200),
    "auth.enter_code": (302, 302),  # no code asked for yet: back to the start of sign-in
    "auth.new_code": (302, 302),
    "auth.invitation": (200, 200),
    "auth.professional": (200, 200),
    "auth.authenticator": (302, 302),
    "auth.authenticator_set_up": (302, 302),
    "auth.sign_out": (302, 302),
    "auth.signed_out": (200, 200),
    "auth.extend_session": (302, 302),
    # A set-up link that does not exist: a plain page saying so, with a 404.
    "auth.set_up_account": (404, 404),
    "conferences.index": (200, 302),
    # Signing in again before publishing: professionals (families have no password).
    "auth.sign_in_again": (200, 302),
}
# An advocacy service's referrals: only its own people; another service's referral is 404.
ADVOCACY_ROUTES: dict[str, frozenset[str]] = {
    "advocate.referrals": frozenset({"sam"}),
    "advocate.referral": frozenset({"sam"}),
    "advocate.accept": frozenset({"sam"}),
    "advocate.decline": frozenset({"sam"}),
}
# A young person in one meeting goes straight to their own pages (issue 12).
LANDS_ELSEWHERE = {("conferences.index", "maya"): 302} | {
    ("auth.sign_in_again", family): 404 for family in ("amira", "daniel", "maya", "olivia")
}
# Council settings: only those who arrange the council's conferences; others get 404.
COUNCIL_ROUTES: dict[str, frozenset[str]] = {
    "admin.closure_days": frozenset({"chris"}),
    "admin.remove_closure_day": frozenset({"chris"}),
    "admin.settings": frozenset({"chris"}),
    "admin.staff": frozenset({"chris"}),
    "admin.invite_staff": frozenset({"chris"}),
    "admin.staff_member": frozenset({"chris"}),
    "admin.resend_link": frozenset({"chris"}),
    "admin.deactivate_staff": frozenset({"chris"}),
    "admin.reactivate_staff": frozenset({"chris"}),
    "admin.change_role": frozenset({"chris"}),
    "admin.policy": frozenset({"chris"}),
    "admin.advocacy": frozenset({"chris"}),
    "admin.invite_advocate": frozenset({"chris"}),
    # The sample person is council staff, not one of the advocacy service's people: their
    # id on the service's pages is 404 for everyone, Chris included (the service's own
    # people: tests/integration/test_council_advocacy.py).
    "admin.advocate": frozenset(),
    "admin.resend_advocate_link": frozenset(),
    "admin.deactivate_advocate": frozenset(),
    "admin.reactivate_advocate": frozenset(),
    # Booking: social workers and administrators; a draft only by the one who started it.
    "booking.start": frozenset({"priya", "chris"}),
    "booking.step": frozenset({"priya"}),
    "booking.check": frozenset({"priya"}),
    "booking.remove_child": frozenset({"priya"}),
}


def test_every_route_has_a_declared_outcome(app):
    declared = (
        set(CONFERENCE_ROUTES) | set(OTHER_ROUTES) | set(COUNCIL_ROUTES) | set(ADVOCACY_ROUTES)
    )
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - declared == set(), "declare who may use these routes in this file"
    assert declared - endpoints == set(), "these declared routes no longer exist"


@pytest.fixture()
def world(app, database, demo):
    """The demo, plus an unpublished decision in the Khan conference and a third family's
    conference that none of the demo people belong to."""
    from sqlalchemy import select

    from portal.data.interfaces import advocacy
    from portal.data.models import (
        AdvocacyService,
        AdvocateRequest,
        Child,
        Conference,
        Participant,
        Person,
        Restriction,
    )

    with app.app_context():
        khan = db.session.get(Conference, demo["conferences"]["khan"])
        leo = db.session.scalars(select(Child).where(Child.first_name == "Leo")).one()
        ellie = db.session.scalars(select(Child).where(Child.first_name == "Ellie")).one()
        draft = Decision(
            conference_id=khan.id, child_id=leo.id, outcome=Outcome.CHILD_PROTECTION_PLAN
        )
        db.session.add(draft)
        grey = factories.conference(family_name="Grey")
        child = factories.child(factories.authority())
        grey_report = factories.report(grey)
        grey_view = ChildView(
            conference_id=grey.id,
            child_id=child.id,
            format=ChildViewFormat.LETTER,
            content={"letter": "x"},
            audience=["chair"],
            status=SubmissionStatus.SENT,
        )
        grey_decision = Decision(
            conference_id=grey.id,
            child_id=child.id,
            outcome=Outcome.NO_PLAN,
            published_at=datetime.now(UTC),
        )
        factories.participant(grey, role=Role.CHAIR)
        db.session.add_all([grey_view, grey_decision])
        db.session.flush()
        grey_restriction = Restriction(
            conference_id=grey.id,
            subject="report",
            subject_id=grey_report.id,
            hidden_from_children=True,
            reason="x",
        )
        db.session.add(grey_restriction)
        # Sam accepts Maya's referral and sends a statement; Grey's referral went to
        # another advocacy service, and Grey's advocate wrote one too.
        sam = db.session.get(Person, demo["people"]["sam"])
        maya_request = db.session.scalars(
            select(AdvocateRequest).where(
                AdvocateRequest.conference_id == khan.id, AdvocateRequest.for_child_id.is_not(None)
            )
        ).one()
        sam_here = advocacy.accept(maya_request, sam, "Northfield Children's Advocacy")
        statement = advocacy.save_statement(maya_request, sam_here, "x", [], send=True)
        elsewhere = AdvocacyService(authority_id=grey.authority_id, name="Elsewhere Advocacy")
        db.session.add(elsewhere)
        grey.children.append(child)
        grey_child = factories.participant(grey, role=Role.YOUNG_PERSON, child_id=child.id)
        grey_advocate = factories.participant(grey, role=Role.ADVOCATE, child_id=child.id)
        db.session.flush()
        grey_request = AdvocateRequest(
            conference_id=grey.id,
            requested_by_id=grey_child.id,
            for_child_id=child.id,
            advocacy_service_id=elsewhere.id,
        )
        db.session.add(grey_request)
        db.session.flush()
        grey_statement = advocacy.save_statement(grey_request, grey_advocate, "x", [], send=True)
        grey_picture = ChildViewAttachment(
            child_view_id=grey_view.id,
            stored_name="grey.png",
            content_type="image/png",
            width=1,
            height=1,
            data=b"x",
        )
        maya_view = db.session.get(ChildView, demo["views"][0])
        khan_picture = ChildViewAttachment(
            child_view_id=maya_view.id,
            stored_name="khan.png",
            content_type="image/png",
            width=1,
            height=1,
            data=b"x",
        )
        db.session.add_all([grey_picture, khan_picture])
        db.session.flush()
        grey_view.sent_content = {"pictures": [{"id": str(grey_picture.id), "caption": ""}]}
        picture = {"id": str(khan_picture.id), "caption": "", "place": "dreams"}
        maya_view.content = {**maya_view.content, "pictures": [picture]}
        maya_view.sent_content = {**maya_view.sent_content, "pictures": [picture]}
        closure = ClosureDay(authority_id=khan.authority_id, day=date(2031, 12, 29), reason="x")
        db.session.add(closure)
        # A member of Northfield's staff invited but not set up: the staff pages' sample.
        newcomer = factories.person(
            professional=True, authority_id=khan.authority_id, staff_role=StaffRole.CHAIR
        )
        # Not yet invited, so they can be taken off the list; and Priya's booking in progress.
        khan_waiting = factories.participant(khan, role=Role.PROFESSIONAL)
        grey_waiting = factories.participant(grey, role=Role.PROFESSIONAL)
        booking_draft = BookingDraft(
            authority_id=khan.authority_id,
            created_by_id=demo["people"]["priya"],
            answers={
                "kind": "initial",
                "children": [{"first_name": "A", "last_name": "B", "born": "2016-01-01"}],
            },
        )
        db.session.add(booking_draft)
        from portal.data.models import ReportAudience, ReportComment, ReportDraft, ReportKind

        social_work = demo["reports"]["Social work report"]
        amira = db.session.scalars(
            select(Participant).where(
                Participant.conference_id == khan.id,
                Participant.person_id == demo["people"]["amira"],
            )
        ).one()
        khan_comment = ReportComment(
            participant_id=amira.id,
            report_id=social_work,
            section=0,
            kind="not_understood",
            text="x",
        )
        khan_draft = ReportDraft(
            conference_id=khan.id,
            author_id=demo["people"]["priya"],
            title="Draft",
            agency="Children's Services",
            kind=ReportKind.SOCIAL_WORK,
            audience=ReportAudience.FAMILY_AND_PROFESSIONALS,
        )
        grey_draft = ReportDraft(
            conference_id=grey.id,
            author_id=demo["people"]["priya"],
            title="Draft",
            agency="Children's Services",
            kind=ReportKind.SOCIAL_WORK,
            audience=ReportAudience.FAMILY_AND_PROFESSIONALS,
        )
        grey_parent = factories.participant(grey)
        grey_comment = ReportComment(
            participant_id=grey_parent.id,
            report_id=grey_report.id,
            section=0,
            kind="not_understood",
            text="x",
        )
        db.session.add_all([khan_comment, khan_draft, grey_draft, grey_comment])
        db.session.flush()
        khan_restriction = db.session.scalars(
            select(Restriction)
            .where(Restriction.conference_id == khan.id)
            .order_by(Restriction.created_at, Restriction.id)
        ).first()
        db.session.commit()
        samples = {
            "khan": {
                "person_id": newcomer.id,
                "closure_id": closure.id,
                "conference_id": khan.id,
                "child_id": leo.id,
                "report_id": demo["reports"]["Social work report"],
                "view_id": demo["views"][0],
                "picture_id": khan_picture.id,
                "decision_id": draft.id,
                "restriction_id": khan_restriction.id,
                "participant_id": khan_waiting.id,
                "booking_id": booking_draft.id,
                "draft_id": khan_draft.id,
                "comment_id": khan_comment.id,
                "request_id": maya_request.id,
                "statement_id": statement.id,
            },
            "brown": {
                "person_id": newcomer.id,
                "closure_id": closure.id,
                "conference_id": demo["conferences"]["brown"],
                "child_id": ellie.id,
                "report_id": demo["reports"]["Social work review report"],
                "view_id": demo["views"][0],  # Maya's view, from another conference: a tampered id
                "picture_id": khan_picture.id,
                "decision_id": demo["decisions"][0],
                "restriction_id": khan_restriction.id,
                "participant_id": khan_waiting.id,
                "booking_id": booking_draft.id,
                # Ids from the Khan conference under Olivia's own: tampered ids.
                "draft_id": khan_draft.id,
                "comment_id": khan_comment.id,
                "request_id": maya_request.id,
                "statement_id": statement.id,  # Maya's, from another conference: a tampered id
            },
            "grey": {
                "person_id": newcomer.id,
                "closure_id": closure.id,
                "conference_id": grey.id,
                "child_id": child.id,
                "report_id": grey_report.id,
                "view_id": grey_view.id,
                "picture_id": grey_picture.id,
                "decision_id": grey_decision.id,
                "restriction_id": grey_restriction.id,
                "participant_id": grey_waiting.id,
                "booking_id": booking_draft.id,
                "draft_id": grey_draft.id,
                "comment_id": grey_comment.id,
                "request_id": grey_request.id,
                "statement_id": grey_statement.id,
            },
        }
    return samples


def _url(app, endpoint, arguments, sample):
    fixed = {
        "filename": "build/portal.css",
        "code": "cy",
        "token": "no-such-invitation",
        "section": 0,
        "kind": "not_understood",
        "slug": "name",
        "notification_id": "00000000-0000-4000-8000-000000000000",
        "question": "kind",
        "index": 0,
        "number": 1,
        "duty": "minutes",
        "meeting_id": "00000000-0000-4000-8000-000000000001",  # no core group meeting
    }
    values = {name: sample.get(name, fixed.get(name)) for name in arguments}
    with app.test_request_context():
        return url_for(endpoint, **values)


# Cells that remove their sample come after the others: deleting a draft, then signing out
# (last, so that it does not end the session the other cells use).
LAST = {"reports.delete": 1, "auth.sign_out": 2}


def _cells(app):
    for rule in sorted(
        app.url_map.iter_rules(), key=lambda r: (LAST.get(r.endpoint, 0), r.endpoint)
    ):
        method = "GET" if "GET" in rule.methods else "POST"
        yield rule, method


def _expected(endpoint, who, which, arguments=frozenset()):
    if (endpoint, who) in LANDS_ELSEWHERE:
        return LANDS_ELSEWHERE[(endpoint, who)]
    if endpoint in ADVOCACY_ROUTES and who != ANONYMOUS:
        if who not in ADVOCACY_ROUTES[endpoint]:
            return 404
        # The other column's referral belongs to another advocacy service.
        return 404 if "request_id" in arguments and which == "other" else "allowed"
    if endpoint in OTHER_ROUTES:
        signed_in, anonymous = OTHER_ROUTES[endpoint]
        return anonymous if who == ANONYMOUS else signed_in
    if who == ANONYMOUS:
        return 302
    if endpoint in COUNCIL_ROUTES:
        return "allowed" if who in COUNCIL_ROUTES[endpoint] else 404
    if which == "own" and who in CONFERENCE_ROUTES[endpoint]:
        return "allowed"
    return 404


@pytest.mark.parametrize("which", ["own", "other"])
@pytest.mark.parametrize("who", [ANONYMOUS, *PEOPLE])
def test_access_matrix(app, client, sign_in, world, who, which):
    if who != ANONYMOUS:
        sign_in(who)
    conference = OWN.get(who, "khan") if which == "own" else "grey"
    failures = []
    # A real form token, so that each POST reaches its access rule.
    token = form_token(client, "/sign-in")
    for rule, method in _cells(app):
        url = _url(app, rule.endpoint, rule.arguments, world[conference])
        data = {"csrf_token": token} if method == "POST" else None
        response = client.open(url, method=method, data=data)
        response.close()
        expected = _expected(rule.endpoint, who, which, rule.arguments)
        got = response.status_code
        ok = got in {200, 302} if expected == "allowed" else got == expected
        if not ok:
            failures.append(f"{method} {rule.rule} as {who}: expected {expected}, got {got}")
    assert failures == []


def test_the_matrix_size(app):
    routes = len(list(app.url_map.iter_rules()))
    # routes x (9 people + anonymous) x (own, other conference)
    assert routes * (len(PEOPLE) + 1) * 2 >= 500
