"""What the family sends is what professionals see, named, whole and on time; and nothing a
family member types can break a page (issue 8, items 4, 5, 7 and 9; issue 14, item 2)."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.data.models import (
    AboutChild,
    Child,
    ClosureDay,
    Conference,
    Participant,
    Person,
    Preferences,
    ReportComment,
    Restriction,
)
from portal.extensions import db
from tests.pages import form_token


@pytest.fixture()
def khan(demo):
    return demo["conferences"]["khan"]


@pytest.fixture()
def maya(app, database):
    with app.app_context():
        return db.session.scalars(select(Child).where(Child.first_name == "Maya")).one().id


def post(client, path, data):
    return client.post(path, data={**data, "csrf_token": form_token(client, path)})


def family_said(client, khan):
    return client.get(f"/conferences/{khan}/what-the-family-said").get_data(as_text=True)


def amira_preferences(app, demo) -> Preferences | None:
    with app.app_context():
        return db.session.scalars(
            select(Preferences)
            .join(Participant, Participant.id == Preferences.participant_id)
            .where(Participant.person_id == demo["people"]["amira"])
        ).one_or_none()


# --- Item 4: professionals see what was sent, not the draft ------------------------------


def test_professionals_see_the_sent_answers_not_a_later_draft(client, sign_in, khan):
    sign_in("amira")
    times = f"/conferences/{khan}/family/meeting/times"
    assert post(client, times, {"hard_times": "School run at 3pm"}).status_code == 302
    assert post(client, f"/conferences/{khan}/family/meeting/send", {}).status_code == 302
    language = f"/conferences/{khan}/family/meeting/language"
    changed = {"language": "ur", "interpreter": "yes", "dialect": "Pahari"}
    assert post(client, language, changed).status_code == 302
    assert post(client, f"{times}?from=check", {"hard_times": "Mornings"}).status_code == 302

    check = client.get(f"/conferences/{khan}/family/meeting/check").get_data(as_text=True)
    assert "You have changed your answers since you sent them" in check
    assert f'action="/conferences/{khan}/family/meeting/send"' in check
    home = client.get(f"/conferences/{khan}/family").get_data(as_text=True)
    assert "Changed since you sent it" in home

    for who in ("jo", "priya", "chris"):
        sign_in(who)
        page = family_said(client, khan)
        assert "School run at 3pm" in page, who
        assert "Mornings" not in page, who
        overview = client.get(f"/conferences/{khan}").get_data(as_text=True)
        assert "Pahari" not in overview, who

    sign_in("amira")
    assert post(client, f"/conferences/{khan}/family/meeting/send", {}).status_code == 302
    check = client.get(f"/conferences/{khan}/family/meeting/check").get_data(as_text=True)
    assert "You have changed your answers since you sent them" not in check
    sign_in("priya")
    page = family_said(client, khan)
    assert "Mornings" in page and "School run at 3pm" not in page
    assert "Pahari" in client.get(f"/conferences/{khan}").get_data(as_text=True)


def test_a_draft_about_a_child_stays_private_after_an_earlier_send(client, sign_in, khan, maya):
    sign_in("amira")
    path = f"/conferences/{khan}/family/children/{maya}"
    assert post(client, path, {"worries": "She cannot sleep", "send": "y"}).status_code == 302
    assert post(client, path, {"worries": "Still drafting this", "save": "y"}).status_code == 302
    page = client.get(path).get_data(as_text=True)
    assert "Still drafting this" in page
    assert "Changed since you sent it" in page
    assert "Changed since you sent it" in client.get(f"/conferences/{khan}/family").get_data(
        as_text=True
    )
    for who in ("jo", "priya"):
        sign_in(who)
        said = family_said(client, khan)
        assert "She cannot sleep" in said and "Still drafting this" not in said


def test_a_child_draft_never_sent_is_seen_by_nobody_else(client, sign_in, khan, maya):
    sign_in("amira")
    path = f"/conferences/{khan}/family/children/{maya}"
    assert post(client, path, {"worries": "Only a draft", "save": "y"}).status_code == 302
    sign_in("jo")
    assert "Only a draft" not in family_said(client, khan)


# --- Item 5: names, not ids, and the policy decides what is hidden -------------------------


def _seating_choices(client, khan):
    page = client.get(f"/conferences/{khan}/family/meeting/seating").get_data(as_text=True)
    pairs = re.findall(r'name="beside" type="checkbox" value="([^"]+)"', page) or re.findall(
        r'name="beside"[^>]*value="([^"]+)"', page
    )
    assert len(pairs) >= 2
    return pairs


def test_what_the_family_said_names_seating_choices_and_hides_the_safety_request(
    app, client, sign_in, khan
):
    sign_in("amira")
    beside, apart = _seating_choices(client, khan)[0], _seating_choices(client, khan)[-1]
    seating = f"/conferences/{khan}/family/meeting/seating"
    assert post(client, seating, {"beside": [beside], "not_near": [apart]}).status_code == 302
    assert post(client, f"/conferences/{khan}/family/meeting/send", {}).status_code == 302
    with app.app_context():
        names = {
            str(p.id): p.person.full_name
            for p in db.session.scalars(
                select(Participant).where(Participant.id.in_([uuid.UUID(beside), uuid.UUID(apart)]))
            )
        }
    sign_in("jo")
    page = family_said(client, khan)
    assert beside not in page and apart not in page
    assert names[beside] in page and names[apart] in page
    assert "Is there anyone who should not sit near you?" in page
    sign_in("chris")
    page = family_said(client, khan)
    assert beside not in page and apart not in page
    assert names[beside] in page
    # "Should not sit near" is a safety request: the chair and the social worker only.
    assert "Is there anyone who should not sit near you?" not in page


def test_family_answers_reach_professionals_labelled_in_their_language(client, sign_in, khan):
    sign_in("amira")
    upset = f"/conferences/{khan}/family/meeting/upset"
    assert post(client, upset, {"helps": ["break", "signal"]}).status_code == 302
    assert post(client, f"/conferences/{khan}/family/meeting/send", {}).status_code == 302
    check = client.get(f"/conferences/{khan}/family/meeting/check").get_data(as_text=True)
    assert "A short break and A signal I can give the chair" in check
    sign_in("jo")
    assert "A short break and A signal I can give the chair" in family_said(client, khan)


# --- Item 7: control characters and long answers give field errors -----------------------

CONTROL_ERROR = "Remove the hidden character"


def _family_step(khan, slug):
    return f"/conferences/{khan}/family/meeting/{slug}"


@pytest.mark.parametrize("bad", ["\x00", "\x1b[31m", "\x07", "\u0085"])
@pytest.mark.parametrize(
    ("who", "path", "field", "extra"),
    [
        ("amira", "name", "address_as", {}),
        ("amira", "language", "language_other", {"language": "other", "interpreter": "no"}),
        ("amira", "times", "hard_times", {}),
        ("amira", "upset", "signal", {}),
        ("amira", "support", "supporter_name", {"supporter": "friend", "advocate": "no"}),
    ],
)
def test_control_characters_in_a_family_step_give_a_field_error(
    app, client, sign_in, demo, khan, who, path, field, extra, bad
):
    sign_in(who)
    typed = f"Amira{bad}Khan"
    response = post(client, _family_step(khan, path), {**extra, field: typed})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert CONTROL_ERROR in page
    assert f"Amira\ufffd{bad[1:]}Khan" in page  # what they typed, kept, the character marked
    assert path not in amira_preferences(app, demo).answers  # the demo's row: nothing saved


def test_control_characters_about_a_child_and_in_a_comment_give_field_errors(
    app, client, sign_in, khan, maya, demo
):
    sign_in("amira")
    path = f"/conferences/{khan}/family/children/{maya}"
    response = post(client, path, {"worries": "Bad\x00byte", "send": "y"})
    assert response.status_code == 200 and CONTROL_ERROR in response.get_data(as_text=True)
    report_id = demo["reports"]["Social work report"]
    comment = f"/conferences/{khan}/family/reports/{report_id}/sections/0/think_wrong"
    response = post(client, comment, {"text": "Bad\x00byte"})
    assert response.status_code == 200 and CONTROL_ERROR in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(AboutChild)).first() is None
        assert db.session.scalars(select(ReportComment)).first() is None


def test_line_breaks_and_tabs_are_kept_in_long_answers(app, client, sign_in, khan, demo):
    sign_in("amira")
    typed = "First line\r\nSecond line\twith a tab"
    assert post(client, _family_step(khan, "times"), {"hard_times": typed}).status_code == 302
    assert (
        amira_preferences(app, demo).answers["times"]["hard_times"] == typed.replace("\r\n", "\n")
        or amira_preferences(app, demo).answers["times"]["hard_times"] == typed
    )


def test_a_line_break_in_a_one_line_answer_gets_an_error(client, sign_in, khan):
    sign_in("amira")
    response = post(client, _family_step(khan, "name"), {"address_as": "Amira\nKhan"})
    assert response.status_code == 200
    assert CONTROL_ERROR in response.get_data(as_text=True)


def test_control_characters_in_council_forms_give_field_errors(app, client, sign_in, demo, khan):
    sign_in("chris")
    path = "/council/closure-days"
    response = client.post(
        path,
        data={
            "day": ["29", "12", "2031"],
            "reason": "Closed\x00",
            "csrf_token": form_token(client, path),
        },
    )
    assert response.status_code == 200 and CONTROL_ERROR in response.get_data(as_text=True)
    sign_in("priya")
    path = f"/conferences/{khan}/restrictions"
    page = client.get(path).get_data(as_text=True)
    what = re.search(r'<option value="(report:[^"]+)"', page).group(1)
    who = re.search(r'<option value="(role:[^"]+)"', page).group(1)
    response = post(client, path, {"what": what, "hidden_from": who, "reason": "Safety\x00"})
    assert response.status_code == 200 and CONTROL_ERROR in response.get_data(as_text=True)
    with app.app_context():
        assert (
            db.session.scalars(select(ClosureDay).where(ClosureDay.reason == "Closed")).first()
            is None
        )
        assert (
            db.session.scalars(
                select(Restriction).where(
                    Restriction.conference_id == khan, Restriction.reason.like("Safety%")
                )
            ).first()
            is None
        )


@pytest.mark.parametrize(
    ("path", "field"),
    [("/sign-in", "contact"), ("/sign-in/professional", "email")],
)
def test_control_characters_in_sign_in_forms_give_field_errors(client, path, field):
    data = {field: "amira.khan\x00@family.example", "csrf_token": form_token(client, path)}
    if field == "email":
        data["password"] = "conference-demo-2026"
    response = client.post(path, data=data)
    assert response.status_code == 200
    assert CONTROL_ERROR in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("slug", "field", "limit", "extra"),
    [
        ("name", "pronouns", 60, {}),
        ("language", "language_other", 60, {"language": "other", "interpreter": "no"}),
        ("language", "dialect", 30, {"language": "ur", "interpreter": "yes"}),
    ],
)
def test_an_answer_longer_than_its_column_gets_an_error(
    app, client, sign_in, khan, demo, slug, field, limit, extra
):
    sign_in("amira")
    response = post(client, _family_step(khan, slug), {**extra, field: "x" * (limit + 1)})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"This must be {limit} characters or fewer" in page
    assert "x" * (limit + 1) in page
    response = post(client, _family_step(khan, slug), {**extra, field: "x" * limit})
    assert response.status_code == 302


def test_form_limits_match_the_columns():
    from portal.data.models import ClosureDay, Preferences
    from portal.domain import limits

    assert Preferences.__table__.c.pronouns.type.length == limits.PRONOUNS
    assert Preferences.__table__.c.language.type.length == limits.LANGUAGE
    assert Preferences.__table__.c.interpreter_language.type.length == limits.INTERPRETER_LANGUAGE
    # Another language with a dialect fits the interpreter's column: "Tigrinya (Asmara)".
    assert limits.LANGUAGE + len(" ()") + limits.DIALECT <= limits.INTERPRETER_LANGUAGE
    assert Preferences.__table__.c.address_as.type.length == limits.SHORT_ANSWER
    assert ClosureDay.__table__.c.reason.type.length == limits.CLOSURE_REASON


# --- Issue 14, item 2: an interpreter needs a language ----------------------------------
# Issue 13: the language is one of the portal's list, or another the family names.


def test_another_language_without_its_name_gets_an_error(app, client, sign_in, khan, demo):
    sign_in("amira")
    response = post(
        client,
        _family_step(khan, "language"),
        {"language": "other", "language_other": "", "interpreter": "yes"},
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Enter the language you want to use in the meeting" in page
    assert 'value="other" checked' in page
    assert "language" not in amira_preferences(app, demo).answers


def test_no_language_chosen_gets_an_error(app, client, sign_in, khan, demo):
    sign_in("amira")
    response = post(client, _family_step(khan, "language"), {"interpreter": "no"})
    assert response.status_code == 200
    assert "language" not in amira_preferences(app, demo).answers


def test_a_language_that_is_not_on_the_list_is_refused(app, client, sign_in, khan, demo):
    sign_in("amira")
    response = post(client, _family_step(khan, "language"), {"language": "xx", "interpreter": "no"})
    assert response.status_code == 200
    assert "language" not in amira_preferences(app, demo).answers


def test_the_meeting_language_is_kept_as_a_code(app, client, sign_in, khan, demo):
    sign_in("amira")
    page = client.get(_family_step(khan, "language")).get_data(as_text=True)
    # Each language in its own name and script, marked for screen readers.
    assert '<span lang="ur" dir="rtl">اردو</span> (Urdu)' in page
    assert '<span lang="pa" dir="ltr">ਪੰਜਾਬੀ</span> (Panjabi (Gurmukhi))' in page
    answer = {
        "language": "other",
        "language_other": "Tigrinya",
        "interpreter": "yes",
        "dialect": "",
    }
    assert post(client, _family_step(khan, "language"), answer).status_code == 302
    assert amira_preferences(app, demo).answers["language"]["language_other"] == "Tigrinya"
    answer = {"language": "ur", "language_other": "", "interpreter": "yes", "dialect": "Mirpuri"}
    assert post(client, _family_step(khan, "language"), answer).status_code == 302
    assert amira_preferences(app, demo).answers["language"]["language"] == "ur"


# --- Item 9: the promise, the download, after the start, and flashes ---------------------


def test_the_promise_cannot_be_skipped_through_the_download_or_comment_pages(
    client, sign_in, khan, demo
):
    sign_in("amira", settled=False)
    report_id = demo["reports"]["Social work report"]
    for path in (
        f"/conferences/{khan}/reports/{report_id}/download",
        f"/conferences/{khan}/family/reports/{report_id}/sections/0/think_wrong",
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/keep-reports-private" in response.headers["Location"], path
    comment = f"/conferences/{khan}/family/reports/{report_id}/sections/0/think_wrong"
    response = client.post(comment, data={"text": "Skipping the promise"})
    assert response.status_code in (302, 400)


def test_the_text_download_is_plain_text_not_html(client, sign_in, khan, demo):
    sign_in("priya")
    report_id = demo["reports"]["Social work report"]
    response = client.get(f"/conferences/{khan}/reports/{report_id}/download")
    body = response.get_data(as_text=True)
    assert response.mimetype == "text/plain"
    assert "Children's Services" in body
    assert "&#39;" not in body and "&amp;" not in body


@pytest.fixture()
def started(app, khan):
    with app.app_context():
        db.session.get(Conference, khan).starts_at = datetime.now(UTC) - timedelta(minutes=5)
        db.session.commit()


def test_about_a_child_is_refused_once_the_meeting_has_started(
    app, client, sign_in, khan, maya, started
):
    sign_in("amira")
    path = f"/conferences/{khan}/family/children/{maya}"
    page = client.get(path).get_data(as_text=True)
    assert "The meeting has started" in page
    response = post(client, path, {"worries": "Too late", "send": "y"})
    assert response.status_code == 200
    assert "The meeting has started" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(AboutChild)).first() is None


def test_comments_are_refused_once_the_meeting_has_started(
    app, client, sign_in, khan, demo, started
):
    sign_in("amira")
    report_id = demo["reports"]["Social work report"]
    path = f"/conferences/{khan}/family/reports/{report_id}/sections/0/think_wrong"
    assert "The meeting has started" in client.get(path).get_data(as_text=True)
    report = client.get(f"/conferences/{khan}/reports/{report_id}").get_data(as_text=True)
    assert "/sections/0/think_wrong" not in report  # the report no longer offers it
    response = post(client, path, {"text": "Too late"})
    assert response.status_code == 200
    assert "The meeting has started" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(ReportComment)).first() is None


def test_flash_messages_in_the_session_cookie_do_not_name_children(client, sign_in, khan, maya):
    sign_in("amira")
    path = f"/conferences/{khan}/family/children/{maya}"
    assert post(client, path, {"worries": "She cannot sleep", "send": "y"}).status_code == 302
    with client.session_transaction() as session:
        flashes = [str(message) for _category, message in session.get("_flashes", [])]
    assert flashes
    assert not any("Maya" in message for message in flashes)


# --- Item 10: an advocate sees what the child may see, plus what the child shared --------


def test_sam_the_advocate_cannot_open_professionals_only_reports(
    client, sign_in, khan, demo, sam_accepted
):
    sign_in("sam")
    for title in ("Police information", "Social work report"):
        report_id = demo["reports"][title]
        assert client.get(f"/conferences/{khan}/reports/{report_id}").status_code == 404
        assert client.get(f"/conferences/{khan}/reports/{report_id}/download").status_code == 404
    written_for_maya = demo["reports"]["Your social worker's report, written for you"]
    assert client.get(f"/conferences/{khan}/reports/{written_for_maya}").status_code == 200
    overview = client.get(f"/conferences/{khan}").get_data(as_text=True)
    assert "Police information" not in overview
    assert client.get(f"/conferences/{khan}/views/{demo['views'][0]}").status_code == 200


def test_sam_sees_no_one_s_contact_details_or_answers(app, client, sign_in, khan, sam_accepted):
    with app.app_context():
        amira = db.session.scalars(
            select(Person).where(Person.email == "amira.khan@family.example")
        ).one()
        amira.mobile = "07700 900 111"
        db.session.commit()
    sign_in("sam")
    assert "07700 900 111" not in client.get(f"/conferences/{khan}").get_data(as_text=True)


def _text_fields(step):
    from wtforms import StringField

    form_class = step.form
    return [
        (name, field)
        for name, field in vars(form_class).items()
        if getattr(field, "field_class", None) is StringField
    ]


def _valid_answers(slug):
    """Answers that pass a step's other checks, so only the field under test can fail."""
    return {
        "language": {"language": "Urdu", "interpreter": "no"},
        "attendance": {"how": "in_person"},
        "support": {"supporter": "friend", "advocate": "no"},
        "child": {"attend": "yes"},
        "safety": {"unsafe": "no"},
    }.get(slug, {})


def test_every_text_answer_of_every_step_refuses_nul_and_over_long_text(app, client, sign_in, khan):
    """The hostile-input sweep: a NUL byte, and one character over the field's limit, in
    every text field of every step, gives the page back with an error (on PostgreSQL too)."""
    from portal.family_steps import STEPS

    sign_in("amira")
    swept = 0
    for step in STEPS:
        for name, unbound in _text_fields(step):
            limit = next(v.max for v in unbound.kwargs["validators"] if hasattr(v, "max"))
            for typed, error in (
                ("before\x00after", CONTROL_ERROR),
                ("y" * (limit + 1), f"This must be {limit} characters or fewer"),
            ):
                response = post(
                    client,
                    _family_step(khan, step.slug),
                    {**_valid_answers(step.slug), name: typed},
                )
                page = response.get_data(as_text=True)
                assert response.status_code == 200, (step.slug, name)
                assert error in page, (step.slug, name)
            swept += 1
    assert swept >= 10


def test_a_welsh_reader_of_the_answers_gets_welsh_lists(client, sign_in, khan):
    sign_in("amira")
    upset = f"/conferences/{khan}/family/meeting/upset"
    assert post(client, upset, {"helps": ["break", "step_out", "signal"]}).status_code == 302
    assert post(client, f"/conferences/{khan}/family/meeting/send", {}).status_code == 302
    check = client.get(f"/conferences/{khan}/family/meeting/check").get_data(as_text=True)
    assert (
        "A short break, Stepping out of the room and coming back and A signal I can give the chair"
        in check
    )
    sign_in("jo", language="cy")
    page = family_said(client, khan)
    # Babel's Welsh pattern, with "ac" before a vowel instead of CLDR's "a(c)".
    welsh = (
        "Seibiant byr, Mynd allan o'r ystafell a dod yn ôl, "
        "ac Arwydd y galla i ei roi i'r cadeirydd"
    )
    assert welsh.replace("'", "&#39;") in page
    assert "a(c)" not in page
