"""Advocates, end to end: Maya asks (or has asked), the advocacy service sees the referral
before anyone from it is in the meeting, Sam accepts or declines, writes a statement on
Maya's behalf, records meeting her; the social worker hears when nobody is found in time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.data.models import (
    AdvocacyService,
    AdvocateContact,
    AdvocateRequest,
    AdvocateRequestStatus,
    AdvocateStatement,
    Child,
    ClosureDay,
    Notification,
    Participant,
    Person,
    Role,
    SubmissionStatus,
)
from portal.delivery import advocate_clock
from portal.extensions import db
from tests import factories
from tests.pages import form_token


def khan(demo):
    return demo["conferences"]["khan"]


def _maya_request(app, demo):
    with app.app_context():
        return db.session.scalars(
            select(AdvocateRequest).where(
                AdvocateRequest.conference_id == khan(demo),
                AdvocateRequest.for_child_id.is_not(None),
            )
        ).one()


def _post(client, page, action, data=None):
    return client.post(action, data={**(data or {}), "csrf_token": form_token(client, page)})


def _accept(client, sign_in, app, demo):
    request = _maya_request(app, demo)
    sign_in("sam")
    page = f"/advocacy/referrals/{request.id}"
    return request, _post(client, page, f"{page}/accept")


def _messages(app, template):
    with app.app_context():
        return list(
            db.session.scalars(select(Notification).where(Notification.template == template))
        )


# --- The demo: Maya has asked; Sam is not yet her advocate ----------------------------------


def test_the_demo_starts_with_mayas_request_asked_and_sam_not_in_the_meeting(
    app, client, sign_in, demo
):
    request = _maya_request(app, demo)
    assert request.status == AdvocateRequestStatus.REQUESTED
    assert request.advocate_id is None
    sign_in("sam")
    assert client.get(f"/conferences/{khan(demo)}").status_code == 404
    assert client.get(f"/conferences/{khan(demo)}/views/{demo['views'][0]}").status_code == 404
    page = client.get("/conferences").get_data(as_text=True)
    assert "Referrals for an advocate" in page


def test_maya_sees_that_she_has_asked(client, sign_in, demo):
    sign_in("maya")
    page = client.get(f"/conferences/{khan(demo)}/advocate").get_data(as_text=True)
    assert "Asked" in page
    assert "We are looking for an advocate for you now." in page
    # Nothing open to ask again for.
    assert "Ask for an advocate</button>" not in page and 'value="Ask for an advocate"' not in page


def test_asking_twice_does_not_make_a_second_request(app, client, sign_in, demo):
    sign_in("amira")
    page = f"/conferences/{khan(demo)}/advocate"
    with app.app_context():
        maya = db.session.scalars(select(Child).where(Child.first_name == "Maya")).one()
    response = _post(client, page, page, {"child": str(maya.id), "who": "service"})
    assert response.status_code == 302
    assert "already been asked" in client.get(page).get_data(as_text=True)
    with app.app_context():
        count = db.session.scalars(
            select(AdvocateRequest).where(AdvocateRequest.for_child_id == maya.id)
        ).all()
    assert len(count) == 1


def test_a_parent_asks_for_an_advocate_for_leo_and_the_service_and_social_worker_hear(
    app, client, sign_in, demo
):
    sign_in("amira")
    page = f"/conferences/{khan(demo)}/advocate"
    with app.app_context():
        leo = db.session.scalars(select(Child).where(Child.first_name == "Leo")).one()
    assert _post(client, page, page, {"child": str(leo.id), "who": "service"}).status_code == 302
    shown = client.get(page).get_data(as_text=True)
    assert "An advocate for Leo" in shown
    referral = [m for m in _messages(app, "advocate_referral")]
    assert [m.address for m in referral] == ["sam.taylor@advocacy.example"]
    asked = _messages(app, "advocate_asked")
    assert [m.address for m in asked] == ["priya.patel@northfield.example"]
    for message in referral + asked:
        assert "Leo" not in message.subject and "Khan" not in message.subject
        assert "Leo" not in (message.body or "") and "Khan" not in (message.body or "")


def test_a_named_person_needs_their_name(client, sign_in, demo):
    sign_in("amira")
    page = f"/conferences/{khan(demo)}/advocate"
    response = _post(client, page, page, {"who": "named", "child": ""})
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Enter the name of the person you would like" in text


def test_the_social_worker_must_record_that_the_young_person_agreed(app, client, sign_in, demo):
    sign_in("priya")
    page = f"/conferences/{khan(demo)}/advocate"
    with app.app_context():
        leo = db.session.scalars(select(Child).where(Child.first_name == "Leo")).one()
    refused = _post(client, page, page, {"child": str(leo.id), "who": "service"})
    assert refused.status_code == 200
    assert "Tick the box to say the young person wants an advocate" in refused.get_data(
        as_text=True
    )
    agreed = _post(
        client,
        page,
        page,
        {"child": str(leo.id), "who": "named", "named_advocate": "Ms Rivers", "agreed": "y"},
    )
    assert agreed.status_code == 302
    with app.app_context():
        request = db.session.scalars(
            select(AdvocateRequest).where(AdvocateRequest.for_child_id == leo.id)
        ).one()
        assert request.young_person_agreed is True
        assert request.named_advocate == "Ms Rivers"
        assert request.advocacy_service_id is None  # the social worker arranges a named person


def test_tom_and_daniels_other_family_cannot_ask(client, sign_in, demo):
    sign_in("tom")
    assert client.get(f"/conferences/{khan(demo)}/advocate").status_code == 404
    sign_in("olivia")
    assert client.get(f"/conferences/{khan(demo)}/advocate").status_code == 404


# --- The advocacy service ---------------------------------------------------------------------


def test_sam_sees_the_referral_before_he_is_in_the_meeting(app, client, sign_in, demo):
    request = _maya_request(app, demo)
    sign_in("sam")
    listing = client.get("/advocacy/referrals").get_data(as_text=True)
    assert "Maya" in listing
    detail = client.get(f"/advocacy/referrals/{request.id}").get_data(as_text=True)
    assert "Priya Patel" in detail
    assert "Accept this referral" in detail
    # Nothing from the meeting itself: not the views, not the reports.
    assert "headphones" not in detail


def test_another_services_referral_is_not_found(app, client, sign_in, demo):
    with app.app_context():
        other_council = factories.authority()
        other = AdvocacyService(authority_id=other_council.id, name="Elsewhere Advocacy")
        db.session.add(other)
        meeting = factories.conference(other_council)
        child = factories.child(other_council)
        meeting.children.append(child)
        asker = factories.participant(meeting, role=Role.YOUNG_PERSON, child_id=child.id)
        db.session.flush()
        theirs = AdvocateRequest(
            conference_id=meeting.id,
            requested_by_id=asker.id,
            for_child_id=child.id,
            advocacy_service_id=other.id,
            asked_at=datetime.now(UTC),
        )
        db.session.add(theirs)
        db.session.commit()
        theirs_id = theirs.id
    sign_in("sam")
    assert client.get(f"/advocacy/referrals/{theirs_id}").status_code == 404
    assert "Elsewhere" not in client.get("/advocacy/referrals").get_data(as_text=True)
    token = form_token(client, "/advocacy/referrals")
    response = client.post(f"/advocacy/referrals/{theirs_id}/accept", data={"csrf_token": token})
    assert response.status_code == 404


def test_people_outside_an_advocacy_service_get_not_found(client, sign_in):
    for who in ("priya", "jo", "maya", "tom"):
        sign_in(who)
        assert client.get("/advocacy/referrals").status_code == 404


def test_accepting_makes_sam_mayas_advocate_and_tells_maya_and_priya(app, client, sign_in, demo):
    request, response = _accept(client, sign_in, app, demo)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/conferences/{khan(demo)}/advocate/case")
    with app.app_context():
        sam = db.session.scalars(
            select(Participant).where(
                Participant.conference_id == khan(demo), Participant.role == Role.ADVOCATE
            )
        ).one()
        maya = db.session.get(Person, demo["people"]["maya"])
        assert sam.person_id == demo["people"]["sam"]
        stored = db.session.get(AdvocateRequest, request.id)
        assert stored.status == AdvocateRequestStatus.ARRANGED
        assert stored.advocate_id == sam.id
        assert sam.child_id == db.session.get(Child, stored.for_child_id).id
        assert maya.email
    news = _messages(app, "advocate_news")
    assert [m.recipient_id for m in news] == [demo["people"]["maya"]]
    updates = _messages(app, "advocate_update")
    assert [m.recipient_id for m in updates] == [demo["people"]["priya"]]
    for message in news + updates:
        assert "Maya" not in message.subject and "Maya" not in (message.body or "")
    # Sam now sees what Maya shared with her advocate, through the visibility policy.
    case = client.get(f"/conferences/{khan(demo)}/advocate/case").get_data(as_text=True)
    assert "The three houses" in case
    assert client.get(f"/conferences/{khan(demo)}/views/{demo['views'][0]}").status_code == 200
    # Maya reads that an advocate was found, with his name.
    sign_in("maya")
    page = client.get(f"/conferences/{khan(demo)}/advocate").get_data(as_text=True)
    assert "Sam Taylor from Northfield Children&#39;s Advocacy will be your advocate" in page


def test_accepting_twice_changes_nothing(app, client, sign_in, demo):
    request, _first = _accept(client, sign_in, app, demo)
    page = f"/advocacy/referrals/{request.id}"
    again = _post(client, page, f"{page}/accept")
    assert again.status_code == 302
    with app.app_context():
        assert (
            len(
                db.session.scalars(
                    select(Participant).where(
                        Participant.conference_id == khan(demo), Participant.role == Role.ADVOCATE
                    )
                ).all()
            )
            == 1
        )
    assert len(_messages(app, "advocate_news")) == 1


def test_declining_needs_a_reason_and_maya_reads_it_in_plain_words(app, client, sign_in, demo):
    request = _maya_request(app, demo)
    sign_in("sam")
    page = f"/advocacy/referrals/{request.id}"
    missing = _post(client, page, f"{page}/decline", {"reason": "other", "words": ""})
    assert missing.status_code == 200
    assert "Say in plain words why you cannot take it" in missing.get_data(as_text=True)
    assert _maya_request(app, demo).status == AdvocateRequestStatus.REQUESTED
    declined = _post(client, page, f"{page}/decline", {"reason": "no_one_free", "words": ""})
    assert declined.status_code == 302
    sign_in("maya")
    shown = client.get(f"/conferences/{khan(demo)}/advocate").get_data(as_text=True)
    assert "Not possible" in shown
    assert "No advocate is free before your meeting." in shown
    assert "You can ask again." in shown
    # Asking again reopens the same request.
    ask = f"/conferences/{khan(demo)}/advocate"
    assert _post(client, ask, ask, {"who": "service"}).status_code == 302
    again = _maya_request(app, demo)
    assert again.id == request.id
    assert again.status == AdvocateRequestStatus.REQUESTED
    assert again.decline_reason is None


# --- The advocate's work -----------------------------------------------------------------


def test_sam_writes_a_statement_a_draft_until_sent_then_marked_as_his(app, client, sign_in, demo):
    _accept(client, sign_in, app, demo)
    page = f"/conferences/{khan(demo)}/advocate/statement"
    with app.app_context():
        amira = db.session.scalars(
            select(Participant).where(
                Participant.conference_id == khan(demo),
                Participant.person_id == demo["people"]["amira"],
            )
        ).one()
    words = "Maya wants the shouting to stop. She wants to stay at her school."
    draft = _post(client, page, page, {"text": words, "save": "Save as a draft"})
    assert draft.status_code == 302
    with app.app_context():
        statement = db.session.scalars(select(AdvocateStatement)).one()
        assert statement.status == SubmissionStatus.DRAFT
        statement_id = statement.id
    show = f"/conferences/{khan(demo)}/advocate-statements/{statement_id}"
    sign_in("priya")
    assert client.get(show).status_code == 404  # a draft is the advocate's own
    sign_in("sam")
    sent = _post(
        client,
        page,
        page,
        {"text": words, "shared_with": [str(amira.id)], "send": "Send the statement"},
    )
    assert sent.status_code == 302
    for who in ("priya", "jo", "maya", "amira"):
        sign_in(who)
        response = client.get(show)
        assert response.status_code == 200, who
        text = response.get_data(as_text=True)
        assert "Written by Sam Taylor, advocate" in text
        assert "shouting to stop" in text
    for who in ("daniel", "tom", "chris"):
        sign_in(who)
        assert client.get(show).status_code == 404, who
    sign_in("jo")
    overview = client.get(f"/conferences/{khan(demo)}").get_data(as_text=True)
    assert "Sam Taylor, advocate, on Maya" in overview


def test_sam_records_meeting_maya_and_she_sees_he_has_been_in_touch(
    app, client, sign_in, demo, today
):
    _accept(client, sign_in, app, demo)
    case = f"/conferences/{khan(demo)}/advocate/case"
    action = f"/conferences/{khan(demo)}/advocate/met"
    future = today + timedelta(days=3)
    refused = _post(
        client,
        case,
        action,
        {"met_on": [future.day, future.month, future.year], "way": "in_person"},
    )
    assert refused.status_code == 200
    assert "The date must be today or in the past" in refused.get_data(as_text=True)
    crafted = _post(client, case, action, {"way": "video"})
    assert crafted.status_code == 200
    assert "Enter a real date" in crafted.get_data(as_text=True)
    recorded = _post(
        client,
        case,
        action,
        {"met_on": [today.day, today.month, today.year], "way": "video"},
    )
    assert recorded.status_code == 302
    with app.app_context():
        contact = db.session.scalars(select(AdvocateContact)).one()
        assert contact.met_on == today
    assert "On a video call" in client.get(case).get_data(as_text=True)
    sign_in("maya")
    page = client.get(f"/conferences/{khan(demo)}/advocate").get_data(as_text=True)
    assert "Advocate has been in touch" in page
    assert "your advocate, met or spoke with you" in page


def test_only_the_advocate_reaches_the_advocates_pages(client, sign_in, demo):
    for who in ("maya", "priya", "jo", "amira"):
        sign_in(who)
        assert client.get(f"/conferences/{khan(demo)}/advocate/case").status_code == 404


# --- The clock ------------------------------------------------------------------------------


@pytest.fixture()
def waiting_since(app, database):
    """Put Maya's request's asking time at a given moment."""

    def _at(moment: datetime) -> None:
        with app.app_context():
            request = db.session.scalars(
                select(AdvocateRequest).where(AdvocateRequest.for_child_id.is_not(None))
            ).one()
            request.asked_at = moment
            db.session.commit()

    return _at


def test_priya_is_told_once_when_no_advocate_is_found_within_a_working_day(
    app, database, waiting_since
):
    # Asked on Thursday 3 December 2026 at 10:00 (London = UTC in winter).
    waiting_since(datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    with app.app_context():
        assert advocate_clock.tell_social_workers(datetime(2026, 12, 4, 23, 0, tzinfo=UTC)) == 0
        assert advocate_clock.tell_social_workers(datetime(2026, 12, 5, 0, 0, tzinfo=UTC)) == 1
        assert advocate_clock.tell_social_workers(datetime(2026, 12, 6, 9, 0, tzinfo=UTC)) == 0
    told = _messages(app, "advocate_not_found")
    assert [m.address for m in told] == ["priya.patel@northfield.example"]
    assert "Maya" not in told[0].subject and "Khan" not in told[0].subject
    assert "Maya" not in (told[0].body or "") and "Khan" not in (told[0].body or "")


def test_a_council_closure_day_gives_the_service_another_day(app, database, waiting_since):
    waiting_since(datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    with app.app_context():
        maya = db.session.scalars(select(Child).where(Child.first_name == "Maya")).one()
        db.session.add(ClosureDay(authority_id=maya.authority_id, day=date(2026, 12, 4)))
        db.session.commit()
        # Friday is closed, so the working day is Monday 7 December.
        assert advocate_clock.tell_social_workers(datetime(2026, 12, 7, 12, 0, tzinfo=UTC)) == 0
        assert advocate_clock.tell_social_workers(datetime(2026, 12, 8, 0, 0, tzinfo=UTC)) == 1


def test_nobody_is_told_once_an_advocate_has_accepted(app, client, sign_in, demo, waiting_since):
    waiting_since(datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    _accept(client, sign_in, app, demo)
    with app.app_context():
        assert advocate_clock.tell_social_workers(datetime(2026, 12, 9, 0, 0, tzinfo=UTC)) == 0
    assert _messages(app, "advocate_not_found") == []


def test_the_worker_and_the_command_run_the_clock(app, database, waiting_since):
    from portal.delivery import worker

    waiting_since(datetime.now(UTC) - timedelta(days=10))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["advocate-clock"])
    assert result.exit_code == 0
    assert "1 requests told" in result.output
    # Told once: the worker's round finds nothing more to tell.
    worker.run(app, once=True)
    assert len(_messages(app, "advocate_not_found")) == 1


def test_the_social_worker_records_that_the_person_maya_named_will_be_her_advocate(
    app, client, sign_in, demo
):
    request = _maya_request(app, demo)
    with app.app_context():
        stored = db.session.get(AdvocateRequest, request.id)
        stored.advocacy_service_id, stored.named_advocate = None, "Ms Rivers"
        db.session.commit()
    sign_in("priya")
    ask = f"/conferences/{khan(demo)}/advocate"
    assert "Record what happened to the request for Maya" in client.get(ask).get_data(as_text=True)
    page = f"{ask}/requests/{request.id}"
    missing = _post(client, page, page, {"outcome": "not_possible", "words": ""})
    assert missing.status_code == 200
    assert "Say in plain words why it is not possible" in missing.get_data(as_text=True)
    assert _post(client, page, page, {"outcome": "found"}).status_code == 302
    assert _maya_request(app, demo).status == AdvocateRequestStatus.ARRANGED
    assert [m.recipient_id for m in _messages(app, "advocate_news")] == [demo["people"]["maya"]]
    sign_in("maya")
    shown = client.get(ask).get_data(as_text=True)
    assert "An advocate has been found. They will get in touch soon." in shown
    # Another conference's request, through this conference's address: not found.
    sign_in("priya")
    other = f"/conferences/{demo['conferences']['brown']}/advocate/requests/{request.id}"
    assert client.get(other).status_code == 404


# --- A fixed number of queries, however many referrals ------------------------------------


def _referrals_for_sam(app, demo, how_many):
    with app.app_context():
        sam = db.session.get(Person, demo["people"]["sam"])
        service = db.session.get(AdvocacyService, sam.advocacy_service_id)
        for _ in range(how_many):
            meeting = factories.conference(service.authority)
            child = factories.child(service.authority)
            meeting.children.append(child)
            asker = factories.participant(meeting, role=Role.YOUNG_PERSON, child_id=child.id)
            factories.participant(meeting, role=Role.SOCIAL_WORKER)
            db.session.add(
                AdvocateRequest(
                    conference_id=meeting.id,
                    requested_by_id=asker.id,
                    for_child_id=child.id,
                    advocacy_service_id=service.id,
                    asked_at=datetime.now(UTC),
                )
            )
        db.session.commit()


def _queries(database, client, path):
    from sqlalchemy import event

    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(database, "before_cursor_execute", count)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(database, "before_cursor_execute", count)
    return len(seen)


def test_the_referrals_list_takes_the_same_queries_for_2_or_30_referrals(
    app, client, sign_in, demo, database
):
    _referrals_for_sam(app, demo, 1)
    sign_in("sam")
    few = _queries(database, client, "/advocacy/referrals")
    _referrals_for_sam(app, demo, 28)
    many = _queries(database, client, "/advocacy/referrals")
    assert few == many
    assert client.get("/advocacy/referrals").get_data(as_text=True).count("years old") >= 30


def test_loading_the_demo_again_keeps_one_request_one_service_and_no_advocate_yet(
    app, database, today
):
    from portal import demo as scenario

    with app.app_context():
        scenario.load(today)
        scenario.load(today)
        requests = db.session.scalars(
            select(AdvocateRequest).where(AdvocateRequest.for_child_id.is_not(None))
        ).all()
        assert len(requests) == 1
        assert requests[0].status == AdvocateRequestStatus.REQUESTED
        assert len(db.session.scalars(select(AdvocacyService)).all()) == 1
        advocates = db.session.scalars(
            select(Participant).where(Participant.role == Role.ADVOCATE)
        ).all()
        assert advocates == []


def test_two_people_asking_at_once_make_one_request(app, database, demo, monkeypatch):
    """The second asker's check ran before the first was saved; the database keeps one."""
    from portal.data.interfaces import advocacy

    with app.app_context():
        leo = db.session.scalars(select(Child).where(Child.first_name == "Leo")).one()
        amira = db.session.scalars(
            select(Participant).where(Participant.person_id == demo["people"]["amira"])
        ).one()
        first = advocacy.ask(amira, leo.id, None)
        db.session.commit()
        first_id = first.request.id
        # As if the row were not there when the second request looked.
        db.session.expunge(first.request)
        real = advocacy.select
        calls = {"n": 0}

        def hide_first_lookup(*args, **kwargs):
            statement = real(*args, **kwargs)
            calls["n"] += 1
            if calls["n"] == 1:
                return statement.where(AdvocateRequest.id.is_(None))
            return statement

        monkeypatch.setattr(advocacy, "select", hide_first_lookup)
        second = advocacy.ask(amira, leo.id, None)
        monkeypatch.undo()
        assert second.new is False
        assert second.request.id == first_id
        assert (
            len(
                db.session.scalars(
                    select(AdvocateRequest).where(AdvocateRequest.for_child_id == leo.id)
                ).all()
            )
            == 1
        )


def test_the_chair_sees_the_advocates_steps_in_who_has_opened_what(app, client, sign_in, demo):
    _accept(client, sign_in, app, demo)
    page = f"/conferences/{khan(demo)}/advocate/statement"
    _post(client, page, page, {"text": "Maya wants to stay at her school.", "send": "Send"})
    sign_in("jo")
    history = client.get(f"/conferences/{khan(demo)}/access-history").get_data(as_text=True)
    assert "Sam Taylor (Advocate):" in history
    assert "Became a young person's advocate" in history
    assert "Sent a statement on a young person's behalf" in history


@pytest.mark.parametrize("state", ["asked", "not_possible", "in_touch"])
def test_every_advocate_page_is_in_welsh_for_a_welsh_reader(app, client, sign_in, demo, state):
    """The page checks (tests/pages.py) fail a Welsh page that shows English untranslated."""
    from portal import i18n
    from tests.i18n.test_advocate_words import _state

    _state(app, demo, state)
    client.set_cookie(i18n.LANGUAGE_COOKIE, "cy")
    sign_in("maya")
    ask = f"/conferences/{khan(demo)}/advocate"
    assert 'lang="cy"' in client.get(ask).get_data(as_text=True)
    sign_in("priya")
    client.get(ask)
    sign_in("amira")
    client.get(ask)
    sign_in("sam")
    client.get("/advocacy/referrals")
    request = _maya_request(app, demo)
    client.get(f"/advocacy/referrals/{request.id}")
    if state == "in_touch":
        client.get(f"/conferences/{khan(demo)}/advocate/case")
        client.get(f"/conferences/{khan(demo)}/advocate/statement")


def test_the_social_worker_sees_a_warning_once_the_working_day_has_passed(
    app, client, sign_in, demo, waiting_since, frozen
):
    waiting_since(datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    ask = f"/conferences/{khan(demo)}/advocate"
    warning = "No advocate has been found within 1 working day."
    frozen.now = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
    sign_in("priya")
    assert warning not in client.get(ask).get_data(as_text=True)
    frozen.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    sign_in("priya")  # a new day, a new session
    assert warning in client.get(ask).get_data(as_text=True)
    sign_in("maya")
    assert warning not in client.get(ask).get_data(as_text=True)
