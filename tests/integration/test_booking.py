"""Booking a conference through the pages, inviting people, moving and calling it off."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from portal.data.models import (
    BookingDraft,
    Child,
    Conference,
    ConferenceStatus,
    Notification,
    Participant,
    Person,
    Role,
)
from portal.domain.deadlines import LONDON
from portal.extensions import db
from tests.pages import form_token


def _ahead(days: int) -> date:
    return (datetime.now(LONDON) + timedelta(days=days)).date()


def _date_fields(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def _post(client, path, data):
    return client.post(path, data={**data, "csrf_token": form_token(client, path)})


def start_booking(client) -> str:
    response = _post(client, "/book", {})
    assert response.status_code == 302
    return response.headers["Location"].rsplit("/", 1)[0]


def book(
    client,
    demo,
    *,
    kind="initial",
    day=None,
    starts="10:00",
    ends="12:00",
    two_parts="no",
    part_two="",
    children=(("Ruby", "Stone", "3 4 2016"),),
    previous=None,
):
    """Priya's answers, step by step; returns the booked conference's people page."""
    base = start_booking(client)
    assert _post(client, f"{base}/kind", {"kind": kind}).status_code == 302
    if kind == "review":
        assert _post(client, f"{base}/previous", {"previous": previous}).status_code == 302
    if kind == "transfer_in":
        assert (
            _post(client, f"{base}/moved", {"moved_on": _date_fields(_ahead(-20))}).status_code
            == 302
        )
    if kind != "review":
        for first, last, born in children:
            response = _post(
                client,
                f"{base}/children",
                {"first_name": first, "last_name": last, "born": born.split()},
            )
            assert response.status_code == 302, response.get_data(as_text=True)
    day = day or _ahead(21)
    response = _post(
        client,
        f"{base}/time",
        {
            "strategy_on": _date_fields(_ahead(-3)),
            "day": _date_fields(day),
            "starts": starts,
            "ends": ends,
            "two_parts": two_parts,
            "part_two": part_two,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _post(client, f"{base}/place", {"venue": "Room 2, Civic Centre"}).status_code == 302
    jo = str(demo["people"]["jo"])
    assert _post(client, f"{base}/chair", {"chair": jo}).status_code == 302
    check = client.get(f"{base}/check")
    assert check.status_code == 200
    response = _post(client, f"{base}/check", {})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def conference_of(app, people_path) -> Conference:
    conference_id = people_path.split("/")[2]
    with app.app_context():
        return db.session.scalars(
            select(Conference).where(Conference.id == __import__("uuid").UUID(conference_id))
        ).one()


def add_family(client, people_path, **fields):
    data = {
        "full_name": "Rose Stone",
        "relationship": "mother",
        "email": "rose.stone@family.example",
        "mobile": "",
        "language": "en",
        "part": "both",
    } | fields
    return _post(client, f"{people_path}/family", data)


def outbox(app, conference_id, template=None):
    with app.app_context():
        statement = select(Notification).where(Notification.conference_id == conference_id)
        if template:
            statement = statement.where(Notification.template == template)
        return list(db.session.scalars(statement))


# --- Booking ------------------------------------------------------------------------------


def test_priya_books_a_conference_and_becomes_its_social_worker(app, client, sign_in, demo):
    sign_in("priya")
    people = book(client, demo)
    page = client.get(people).get_data(as_text=True)
    assert "The Stone family" in page
    conference = conference_of(app, people)
    with app.app_context():
        roles = {
            (p.person_id, p.role)
            for p in db.session.scalars(
                select(Participant).where(Participant.conference_id == conference.id)
            )
        }
        assert roles == {
            (demo["people"]["priya"], Role.SOCIAL_WORKER),
            (demo["people"]["jo"], Role.CHAIR),
        }
        child = db.session.scalars(select(Child).where(Child.first_name == "Ruby")).one()
        assert child.date_of_birth == date(2016, 4, 3)
        assert db.session.scalar(select(func.count()).select_from(BookingDraft)) == 0
    assert conference.starts_at.astimezone(LONDON).hour == 10


def test_answers_are_kept_in_the_database_when_the_booker_comes_back(client, sign_in, demo):
    sign_in("priya")
    base = start_booking(client)
    _post(client, f"{base}/kind", {"kind": "pre_birth"})
    _post(
        client,
        f"{base}/children",
        {"first_name": "Baby", "last_name": "Stone", "expected": _date_fields(_ahead(60))},
    )
    sign_in("priya")  # a new session
    page = client.get("/book").get_data(as_text=True)
    assert "Stone" in page
    check = client.get(f"{base}/check").get_data(as_text=True)
    assert "Baby Stone" in check
    assert "Meeting before the baby is born" in check


def test_a_review_follows_the_earlier_conference_and_its_children(app, client, sign_in, demo):
    sign_in("priya")
    brown = str(demo["conferences"]["brown"])
    people = book(client, demo, kind="review", previous=brown)
    conference = conference_of(app, people)
    assert str(conference.previous_conference_id) == brown
    assert conference.family_name == "Brown"
    with app.app_context():
        conference = db.session.get(Conference, conference.id)
        assert [c.first_name for c in conference.children] == ["Ellie"]
    page = client.get(people).get_data(as_text=True)
    assert "It reviews the plan made at the conference on" in page
    assert "Ellie: A child protection plan" in page


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"day": None}, "day", "The conference must be in the future"),
        ({"ends": "09:00"}, "ends", "The end time must be after the start time"),
        (
            {"two_parts": "yes", "part_two": "13:00"},
            "part_two",
            "Part two must start after the conference starts and before it ends",
        ),
        ({"starts": "25:99"}, "starts", "Enter a real time, like 10:00, 14:30 or 2pm"),
    ],
)
def test_impossible_times_are_refused_next_to_the_field(client, sign_in, fields, field, message):
    sign_in("priya")
    base = start_booking(client)
    _post(client, f"{base}/kind", {"kind": "initial"})
    data = {
        "day": _date_fields(_ahead(14)),
        "starts": "10:00",
        "ends": "12:00",
        "two_parts": "no",
        "part_two": "",
    } | fields
    if data["day"] is None:
        data["day"] = _date_fields(_ahead(-1))
    response = _post(client, f"{base}/time", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(
        rf'id="{field}-error"[^>]*>\s*<span[^>]*>[^<]*</span>\s*{re.escape(message)}', page
    )
    assert f'value="{data[field]}"' in page or field == "day"


def test_a_chair_who_is_not_a_chair_of_this_council_is_refused(app, client, sign_in, demo):
    sign_in("priya")
    base = start_booking(client)
    for chosen in (str(demo["people"]["tom"]), str(demo["people"]["priya"]), "nonsense"):
        response = _post(client, f"{base}/chair", {"chair": chosen})
        assert response.status_code == 200
        assert "Choose a chair of this council" in response.get_data(as_text=True)


def test_nothing_is_booked_until_every_answer_is_right(app, client, sign_in):
    sign_in("priya")
    base = start_booking(client)
    _post(client, f"{base}/kind", {"kind": "initial"})
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(Conference))
    response = _post(client, f"{base}/check", {})
    assert response.status_code == 200
    assert "Some answers are missing" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Conference)) == before


@pytest.mark.parametrize("who", ["tom", "sam", "amira", "maya", "jo", "morgan"])
def test_only_social_workers_and_administrators_can_book(client, sign_in, who):
    sign_in(who)
    assert client.get("/book").status_code == 404


def test_another_councils_staff_cannot_open_a_draft_or_the_people_page(app, client, sign_in, demo):
    from tests import factories

    sign_in("priya")
    people = book(client, demo)
    base = start_booking(client)
    with app.app_context():
        other = factories.authority()
        outsider = factories.person(
            professional=True, staff_role="social_worker", authority_id=other.id
        )
        db.session.commit()
        outsider_id = outsider.id
    demo["people"]["outsider"] = outsider_id
    sign_in("outsider")
    assert client.get("/book").status_code == 200
    assert client.get(f"{base}/kind").status_code == 404
    assert client.get(people).status_code == 404
    # Chris, of the same council, cannot continue Priya's own draft either.
    sign_in("chris")
    assert client.get(f"{base}/kind").status_code == 404


# --- People and invitations ---------------------------------------------------------------


def test_family_contacts_are_checked_and_phones_normalised(app, client, sign_in, demo):
    sign_in("priya")
    people = book(client, demo)
    page = add_family(client, people, email="not an address", mobile="call me").get_data(
        as_text=True
    )
    assert "Enter an email address like name@example.com" in page
    assert "Enter a UK mobile number like 07700 900 982" in page
    assert 'value="call me"' in page
    response = add_family(client, people, email="", mobile="07700 900 123")
    assert response.status_code == 302
    with app.app_context():
        rose = db.session.scalars(select(Person).where(Person.full_name == "Rose Stone")).one()
        assert rose.mobile == "+447700900123"
    page = add_family(client, people, email="", mobile="").get_data(as_text=True)
    assert "Enter an email address or a mobile phone number" in page


def test_the_same_person_twice_is_refused(app, client, sign_in, demo):
    sign_in("priya")
    people = book(client, demo)
    assert add_family(client, people).status_code == 302
    response = add_family(client, people, full_name="Rose S")
    assert response.status_code == 200
    assert "This person is already in this conference" in response.get_data(as_text=True)
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count())
                .select_from(Person)
                .where(Person.email == "rose.stone@family.example")
            )
            == 1
        )


def test_invitations_one_per_person_in_their_language_and_never_twice(app, client, sign_in, demo):
    sign_in("priya")
    people = book(client, demo)
    add_family(client, people)
    add_family(
        client,
        people,
        full_name="Gareth Stone",
        relationship="father",
        email="gareth.stone@family.example",
        language="cy",
        needs_interpreter="y",
    )
    _post(
        client,
        f"{people}/professional",
        {
            "full_name": "Ms Hall",
            "agency": "Northfield Primary School",
            "email": "hall@school.example",
            "role": "professional",
        },
    )
    conference = conference_of(app, people)
    invite = f"/conferences/{conference.id}/invitations"
    response = client.post(invite, data={"csrf_token": form_token(client, people)})
    assert response.status_code == 302
    client.post(invite, data={"csrf_token": form_token(client, people)})  # again: nothing new
    rows = outbox(app, conference.id)
    by_address = {row.address: row for row in rows}
    assert sorted(by_address) == [
        "gareth.stone@family.example",
        "hall@school.example",
        "jo.evans@northfield.example",
        "rose.stone@family.example",
    ]
    assert len(rows) == 4
    gareth = by_address["gareth.stone@family.example"]
    assert gareth.language == "cy"
    assert gareth.template == "invitation_family"
    assert "/sign-in/link/" in gareth.body
    assert "Stone" not in gareth.subject and "Ruby" not in gareth.body
    rose = by_address["rose.stone@family.example"]
    assert rose.language == "en"
    assert "You are invited to a meeting about your family" in rose.body
    hall = by_address["hall@school.example"]
    assert hall.template == "invitation_professional"
    assert "/sign-in/professional" in hall.body
    # New to the portal, Ms Hall also gets one link to set up her account, naming the
    # council and not the family; Jo, who has an account, gets none.
    with app.app_context():
        links = list(
            db.session.scalars(select(Notification).where(Notification.template == "set_up_link"))
        )
    assert [link.address for link in links] == ["hall@school.example"]
    assert "Northfield Borough Council has invited you" in links[0].body
    assert "Stone" not in links[0].body and "Stone" not in links[0].subject


def test_the_booker_is_warned_when_invitations_would_be_late(app, client, sign_in, demo):
    sign_in("priya")
    with app.app_context():
        from portal.data.models import Authority

        council = db.session.get(Conference, demo["conferences"]["khan"]).authority
        council = db.session.get(Authority, council.id)
        council.policy_key = "doncaster"
        db.session.commit()
    brown = str(demo["conferences"]["brown"])
    base = start_booking(client)
    _post(client, f"{base}/kind", {"kind": "review"})
    _post(client, f"{base}/previous", {"previous": brown})
    _post(
        client,
        f"{base}/time",
        {"day": _date_fields(_ahead(7)), "starts": "10:00", "ends": "11:00", "two_parts": "no"},
    )
    page = client.get(f"{base}/check").get_data(as_text=True)
    assert "That date has passed" in page
    assert "10 working days before the meeting" in page
    # Still possible: it advises.
    _post(client, f"{base}/place", {"venue": "Room 1"})
    _post(client, f"{base}/chair", {"chair": str(demo["people"]["jo"])})
    assert _post(client, f"{base}/check", {}).status_code == 302


# --- Moving, postponing, cancelling -------------------------------------------------------


def _invited_conference(app, client, demo):
    people = book(client, demo)
    add_family(client, people, language="cy", email="rhian@family.example", full_name="Rhian Stone")
    conference = conference_of(app, people)
    client.post(
        f"/conferences/{conference.id}/invitations",
        data={"csrf_token": form_token(client, people)},
    )
    return people, conference


def test_a_new_date_tells_everyone_invited_and_moves_the_deadlines(app, client, sign_in, demo):
    sign_in("priya")
    _people, conference = _invited_conference(app, client, demo)
    before = client.get(f"/conferences/{conference.id}/deadlines").get_data(as_text=True)
    new_day = _ahead(35)
    response = _post(
        client,
        f"/conferences/{conference.id}/date",
        {"day": _date_fields(new_day), "starts": "2pm", "ends": "4pm"},
    )
    assert response.status_code == 302
    after = client.get(f"/conferences/{conference.id}/deadlines").get_data(as_text=True)
    assert before != after
    moved = outbox(app, conference.id, "conference_moved")
    assert sorted(row.address for row in moved) == [
        "jo.evans@northfield.example",
        "rhian@family.example",
    ]
    rhian = next(row for row in moved if row.address == "rhian@family.example")
    assert rhian.language == "cy"
    assert "14:00" in rhian.body
    assert str(new_day.year) in rhian.body
    # The same change sent again tells nobody twice.
    _post(
        client,
        f"/conferences/{conference.id}/date",
        {"day": _date_fields(new_day), "starts": "14:00", "ends": "16:00"},
    )
    assert len(outbox(app, conference.id, "conference_moved")) == 2


@pytest.mark.parametrize("action", ["postpone", "cancel"])
def test_postponing_or_cancelling_tells_the_family_plainly(app, client, sign_in, demo, action):
    sign_in("priya")
    _people, conference = _invited_conference(app, client, demo)
    response = _post(
        client,
        f"/conferences/{conference.id}/postpone-or-cancel",
        {
            "action": action,
            "reason": "reports_late_to_chair",
            "details": "Police report not with the chair by 2pm the day before",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.get(Conference, conference.id)
        assert saved.status == (
            ConferenceStatus.POSTPONED if action == "postpone" else ConferenceStatus.CANCELLED
        )
        assert saved.status_reason == "reports_late_to_chair"
        assert "2pm" in saved.status_note
    rows = outbox(app, conference.id)
    family = [r for r in rows if r.template == "called_off_family"]
    professionals = [r for r in rows if r.template == "called_off_professional"]
    assert [r.address for r in family] == ["rhian@family.example"]
    assert [r.address for r in professionals] == ["jo.evans@northfield.example"]
    assert family[0].language == "cy"
    assert "Police" not in family[0].body
    assert "Reports were not with the chair in time" in professionals[0].body


def test_an_empty_reason_is_refused_and_nothing_changes(app, client, sign_in, demo):
    sign_in("priya")
    people = book(client, demo)
    conference = conference_of(app, people)
    response = _post(
        client,
        f"/conferences/{conference.id}/postpone-or-cancel",
        {"action": "postpone", "reason": "other", "details": ""},
    )
    assert response.status_code == 200
    assert "Enter the reason in a few words" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Conference, conference.id).status == ConferenceStatus.SCHEDULED


def test_the_family_home_shows_a_postponed_meeting(app, client, sign_in, demo):
    khan = demo["conferences"]["khan"]
    sign_in("priya")
    response = _post(
        client,
        f"/conferences/{khan}/postpone-or-cancel",
        {"action": "postpone", "reason": "interpreter_not_available", "details": ""},
    )
    assert response.status_code == 302
    amira = [r for r in outbox(app, khan, "called_off_family")]
    assert {r.recipient_id for r in amira} >= {demo["people"]["amira"]}
    sign_in("amira")
    page = client.get(f"/conferences/{khan}/family").get_data(as_text=True)
    assert "This meeting is put off" in page
    assert "we could not book an interpreter" in page


def test_young_people_and_staff_join_with_their_part(app, client, sign_in, demo):
    sign_in("priya")
    people = book(client, demo, two_parts="yes", part_two="11:00")
    conference = conference_of(app, people)
    with app.app_context():
        ruby = db.session.scalars(select(Child).where(Child.first_name == "Ruby")).one()
        ruby_id = str(ruby.id)
    response = _post(
        client,
        f"{people}/young-person",
        {"child": ruby_id, "email": "ruby@family.example", "language": "en", "part": "part_one"},
    )
    assert response.status_code == 302
    again = _post(
        client,
        f"{people}/young-person",
        {"child": ruby_id, "email": "ruby@family.example", "language": "en", "part": "both"},
    )
    assert "This person is already in this conference" in again.get_data(as_text=True)
    morgan = str(demo["people"]["morgan"])
    response = _post(
        client, f"{people}/professional", {"staff_member": morgan, "staff_part": "part_two"}
    )
    assert response.status_code == 302
    # Someone else's staff, or a made-up id, is refused next to the field.
    outsider = _post(
        client,
        f"{people}/professional",
        {"staff_member": str(demo["people"]["tom"]), "staff_part": "both"},
    )
    assert "Choose a member of the council" in outsider.get_data(as_text=True)
    with app.app_context():
        rows = {
            p.role: p
            for p in db.session.scalars(
                select(Participant).where(Participant.conference_id == conference.id)
            )
        }
        assert str(rows[Role.YOUNG_PERSON].child_id) == ruby_id
        assert rows[Role.YOUNG_PERSON].part.value == "part_one"
        assert rows[Role.PROFESSIONAL].part.value == "part_two"
        assert db.session.get(Child, ruby.id).person_id == rows[Role.YOUNG_PERSON].person_id
    page = client.get(people).get_data(as_text=True)
    assert "Part one only" in page and "Part two only" in page
    client.post(
        f"/conferences/{conference.id}/invitations",
        data={"csrf_token": form_token(client, people)},
    )
    by_address = {row.address: row for row in outbox(app, conference.id)}
    ruby_message = by_address["ruby@family.example"]
    assert ruby_message.template == "invitation_young_person"
    assert "a meeting about you and your family" in ruby_message.body
    morgan_message = by_address["morgan.hughes@northfield.example"]
    assert "You are invited to part two, from 11:00" in morgan_message.body


def test_a_welsh_speaking_parent_is_invited_in_welsh(app, client, sign_in, demo):
    sign_in("priya")
    people = book(client, demo)
    add_family(
        client, people, full_name="Gareth Stone", email="gareth@family.example", language="cy"
    )
    conference = conference_of(app, people)
    client.post(
        f"/conferences/{conference.id}/invitations",
        data={"csrf_token": form_token(client, people)},
    )
    (gareth,) = [r for r in outbox(app, conference.id) if r.address == "gareth@family.example"]
    assert gareth.subject == "Rydych chi wedi'ch gwahodd i gyfarfod"
    assert "Rydych chi wedi'ch gwahodd i gyfarfod am eich teulu" in gareth.body
    assert "You are invited" not in gareth.body


def test_the_people_page_makes_the_same_queries_however_many_are_invited(
    app, client, sign_in, demo
):
    from sqlalchemy import event

    sign_in("priya")
    people = book(client, demo)

    def count() -> int:
        seen = []

        def record(*_args):
            seen.append(1)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            assert client.get(people).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", record)
        return len(seen)

    few = count()
    for n in range(8):
        add_family(client, people, full_name=f"Relative {n}", email=f"relative{n}@family.example")
    assert count() == few


def test_a_cancelled_meeting_shows_on_the_family_home_and_cannot_be_changed(
    app, client, sign_in, demo
):
    khan = demo["conferences"]["khan"]
    sign_in("priya")
    _post(
        client,
        f"/conferences/{khan}/postpone-or-cancel",
        {"action": "cancel", "reason": "no_longer_needed", "details": ""},
    )
    assert client.get(f"/conferences/{khan}/date").status_code == 404
    assert client.get(f"/conferences/{khan}/postpone-or-cancel").status_code == 404
    page = client.get(f"/conferences/{khan}").get_data(as_text=True)
    assert "This meeting is cancelled" in page
    assert "The conference is no longer needed" in page
    sign_in("daniel")
    home = client.get(f"/conferences/{khan}/family").get_data(as_text=True)
    assert "This meeting is cancelled. It will not go ahead." in home
    assert "the meeting is no longer needed" in home


def test_a_postponed_meeting_is_back_on_with_a_new_date(app, client, sign_in, demo):
    khan = demo["conferences"]["khan"]
    sign_in("priya")
    _post(
        client,
        f"/conferences/{khan}/postpone-or-cancel",
        {"action": "postpone", "reason": "chair_not_available", "details": ""},
    )
    response = _post(
        client,
        f"/conferences/{khan}/date",
        {"day": _date_fields(_ahead(30)), "starts": "10:00", "ends": "13:00", "part_two": "11:30"},
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Conference, khan).status == ConferenceStatus.SCHEDULED
    sign_in("amira")
    assert "This meeting is put off" not in client.get(f"/conferences/{khan}/family").get_data(
        as_text=True
    )


def test_a_child_born_in_the_future_is_refused(client, sign_in):
    sign_in("priya")
    base = start_booking(client)
    _post(client, f"{base}/kind", {"kind": "initial"})
    response = _post(
        client,
        f"{base}/children",
        {"first_name": "Ruby", "last_name": "Stone", "born": _date_fields(_ahead(30))},
    )
    assert "The date of birth must be today or in the past" in response.get_data(as_text=True)


def test_answers_to_questions_no_longer_asked_are_left_out(app, client, sign_in, demo):
    """Priya starts a review, then changes it to a first conference: the earlier conference
    and its children are not carried into the booking."""
    sign_in("priya")
    base = start_booking(client)
    _post(client, f"{base}/kind", {"kind": "review"})
    _post(client, f"{base}/previous", {"previous": str(demo["conferences"]["brown"])})
    _post(client, f"{base}/kind?check=1", {"kind": "initial"})
    _post(
        client,
        f"{base}/children",
        {"first_name": "Ada", "last_name": "Lane", "born": ["1", "2", "2019"]},
    )
    _post(
        client,
        f"{base}/time",
        {"day": _date_fields(_ahead(10)), "starts": "10:00", "ends": "11:00", "two_parts": "no"},
    )
    _post(client, f"{base}/place", {"venue": "Room 1"})
    _post(client, f"{base}/chair", {"chair": str(demo["people"]["jo"])})
    people = _post(client, f"{base}/check", {}).headers["Location"]
    with app.app_context():
        conference = db.session.get(Conference, conference_of(app, people).id)
        assert conference.previous_conference_id is None
        assert [c.first_name for c in conference.children] == ["Ada"]
        assert conference.family_name == "Lane"


def test_an_email_and_a_mobile_of_two_different_people_are_refused(app, client, sign_in, demo):
    sign_in("priya")
    people = book(client, demo)
    add_family(client, people, email="", mobile="07700 900 321", full_name="Rose Stone")
    response = add_family(
        client,
        people,
        full_name="Someone Else",
        email="amira.khan@family.example",
        mobile="07700 900 321",
    )
    assert "belong to two different people" in response.get_data(as_text=True)


def test_a_professionals_address_is_not_taken_for_a_family_member(app, client, sign_in, demo):
    sign_in("priya")
    people = book(client, demo)
    response = add_family(client, people, email="tom.green@school.example")
    assert "This address belongs to a professional" in response.get_data(as_text=True)


def test_a_transfer_in_records_when_the_family_moved(app, client, sign_in, demo):
    sign_in("priya")
    people = book(client, demo, kind="transfer_in")
    conference = conference_of(app, people)
    assert conference.transfer_in_on == _ahead(-20)
    assert conference.strategy_discussion_on is None
    page = client.get(people).get_data(as_text=True)
    assert "The family moved into the area on" in page


def test_a_council_in_wales_invites_in_welsh_and_english(app, client, sign_in, demo):
    from portal.data.models import Authority, Nation

    with app.app_context():
        council = db.session.get(Conference, demo["conferences"]["khan"]).authority
        db.session.get(Authority, council.id).nation = Nation.WALES
        db.session.commit()
    sign_in("priya")
    people = book(client, demo)
    add_family(client, people)
    conference = conference_of(app, people)
    client.post(
        f"/conferences/{conference.id}/invitations",
        data={"csrf_token": form_token(client, people)},
    )
    (rose,) = [r for r in outbox(app, conference.id) if r.address == "rose.stone@family.example"]
    assert "Rydych chi wedi'ch gwahodd i gyfarfod am eich teulu" in rose.body
    assert "You are invited to a meeting about your family" in rose.body


def test_moving_someone_to_the_whole_meeting_tells_them_their_new_start(app, client, sign_in, demo):
    khan = demo["conferences"]["khan"]
    with app.app_context():
        daniel = db.session.scalars(
            select(Participant).where(
                Participant.conference_id == khan,
                Participant.person_id == demo["people"]["daniel"],
            )
        ).one()
        assert daniel.part.value == "part_two"
        daniel_id = daniel.id
    sign_in("priya")
    path = f"/conferences/{khan}/people/{daniel_id}/part"
    assert _post(client, path, {"part": "both"}).status_code == 302
    assert _post(client, path, {"part": "both"}).status_code == 302  # again: no new message
    (message,) = [
        r
        for r in outbox(app, khan, "conference_moved")
        if r.recipient_id == demo["people"]["daniel"]
    ]
    assert "has moved" in message.body
    with app.app_context():
        assert db.session.get(Participant, daniel_id).part.value == "both"
    # Not in a meeting in two parts, or another conference's person: nothing to change.
    other = book(client, demo)
    assert client.get(f"{other}/{daniel_id}/part").status_code == 404


def test_booking_twice_books_one_conference(app, client, sign_in, demo):
    sign_in("priya")
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(Conference))
    people = book(client, demo)
    draft = client.get("/book").get_data(as_text=True)
    assert "Bookings you have started" not in draft
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Conference)) == before + 1
    assert people.startswith("/conferences/")


def test_moving_a_review_close_to_the_day_warns_about_invitation_times(app, client, sign_in, demo):
    from portal.data.models import Authority

    with app.app_context():
        khan = db.session.get(Conference, demo["conferences"]["khan"])
        db.session.get(Authority, khan.authority_id).policy_key = "doncaster"
        khan.kind = "review"
        db.session.commit()
    sign_in("priya")
    response = _post(
        client,
        f"/conferences/{demo['conferences']['khan']}/date",
        {"day": _date_fields(_ahead(3)), "starts": "10:00", "ends": "13:00", "part_two": "11:30"},
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "leaves less time than this council" in page
    assert "10 working days before the meeting" in page
