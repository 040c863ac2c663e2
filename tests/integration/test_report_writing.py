"""Professionals write or upload a report, share it with one action, revise it and answer
the family; the family is told, in their language, only about what they may read."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfWriter
from sqlalchemy import select

from portal.data.models import (
    AuditEvent,
    Authority,
    Channel,
    ConferencePart,
    Notification,
    Report,
    ReportAudience,
    ReportComment,
    ReportDraft,
    ReportFile,
    Restriction,
    RestrictionSubject,
    Role,
)
from portal.domain import limits
from portal.extensions import db
from tests import factories
from tests.pages import form_token

THURSDAY_10AM = datetime(2027, 2, 11, 10, tzinfo=UTC)  # Thursday 11 February 2027, 10:00 GMT
MONDAY_NOON = datetime(2027, 2, 8, 12, tzinfo=UTC)  # in time: 2 working days before is Tuesday
WEDNESDAY_NOON = datetime(2027, 2, 10, 12, tzinfo=UTC)  # a day late for the family


APP = []


@pytest.fixture(autouse=True)
def _application(app):
    APP[:] = [app]


def read(query):
    """Run `query` in a fresh application context (never one shared with the pages)."""
    with APP[0].app_context():
        return query()


@pytest.fixture()
def meeting(app, database, frozen):
    """A Thursday conference about Ruby and Sol, with a social worker, a school nurse, the
    chair, two parents in two parts, and Ruby, who signs in herself."""
    frozen.now = MONDAY_NOON
    with app.app_context():
        council = factories.authority(policy_key="england")
        conference = factories.conference(
            council, starts_at=THURSDAY_10AM, family_name="Rowe", in_two_parts=True
        )
        ruby_person = factories.person(full_name="Ruby Rowe")
        ruby = factories.child(
            council, first_name="Ruby", person_id=ruby_person.id, date_of_birth=date(2013, 5, 1)
        )
        sol = factories.child(council, first_name="Sol", date_of_birth=date(2019, 8, 1))
        conference.children.extend([ruby, sol])
        social_worker = factories.participant(
            conference,
            factories.person(
                professional=True, full_name="Sara Wells", agency="Children's Services"
            ),
            role=Role.SOCIAL_WORKER,
        )
        nurse = factories.participant(
            conference,
            factories.person(professional=True, full_name="Nia Hart"),
            role=Role.PROFESSIONAL,
            agency="School nursing",
        )
        chair = factories.participant(
            conference, factories.person(professional=True, full_name="Cai Ford"), role=Role.CHAIR
        )
        settled = {
            "privacy_notice_seen_at": frozen.now,
            "agreed_to_keep_reports_private_at": frozen.now,
        }
        mother = factories.participant(
            conference,
            factories.person(full_name="Mair Rowe", preferred_language="cy"),
            role=Role.PARENT,
            part=ConferencePart.PART_ONE,
            **settled,
        )
        father = factories.participant(
            conference,
            factories.person(full_name="Tom Rowe", email=None, mobile="07700900123"),
            role=Role.PARENT,
            part=ConferencePart.PART_TWO,
            **settled,
        )
        young = factories.participant(
            conference, ruby_person, role=Role.YOUNG_PERSON, child_id=ruby.id
        )
        advocate = factories.participant(conference, role=Role.ADVOCATE, child_id=ruby.id)
        db.session.commit()
        return {
            "conference": conference.id,
            "council": council.id,
            "ruby": ruby.id,
            "sol": sol.id,
            "social_worker": social_worker.person_id,
            "nurse": nurse.person_id,
            "chair": chair.person_id,
            "mother": mother.person_id,
            "mother_place": mother.id,
            "father": father.person_id,
            "father_place": father.id,
            "young": young.person_id,
            "advocate": advocate.person_id,
        }


def as_person(client, person_id):
    from portal.auth.session import session_keys
    from portal.data.interfaces import auth
    from portal.data.models import Person

    with client.application.app_context():
        person = db.session.get(Person, person_id)
        keys = session_keys(auth.start_session(person), person)
    with client.session_transaction() as session:
        session.clear()
        session.update(keys)


def post(client, path, data, **kwargs):
    return client.post(path, data={**data, "csrf_token": form_token(client, path)}, **kwargs)


def base(meeting):
    return f"/conferences/{meeting['conference']}"


def start(client, meeting, **fields):
    data = {
        "title": "Social work report",
        "agency": "Children's Services",
        "kind": "social_work",
        "audience": "family_and_professionals",
        "way": "write",
        **fields,
    }
    response = post(client, f"{base(meeting)}/write/new", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


WORDS = {
    "child0_worries": "Ruby has seen shouting at home. She told her teacher she is scared.",
    "child0_working_well": "Ruby goes to school every day and has good friends.",
    "child0_scale": "6",
    "child0_scale_reason": "Things are better than last month.",
    "child1_needs_to_happen": "Sol needs a calm home and a check-up with the doctor.",
}


def write_and_share(client, meeting, **start_fields):
    editor = start(client, meeting, **start_fields)
    assert post(client, editor, {**WORDS, "save": "Save draft"}).status_code == 302
    share_page = editor + "/share"
    response = post(client, share_page, {})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def messages(kind=None):
    statement = select(Notification).order_by(Notification.created_at)
    if kind:
        statement = statement.where(Notification.template == kind)
    return read(lambda: list(db.session.scalars(statement)))


def reports_of(meeting):
    def query():
        found = list(
            db.session.scalars(select(Report).where(Report.conference_id == meeting["conference"]))
        )
        for report in found:
            report.versions  # noqa: B018 - loaded while the session is open
        return found

    return read(query)


def only_report(meeting):
    (report,) = reports_of(meeting)
    return report


# --- Writing ------------------------------------------------------------------------------


def test_a_draft_keeps_every_word_typed_and_only_its_author_sees_it(client, meeting):
    as_person(client, meeting["social_worker"])
    editor = start(client, meeting)
    assert post(client, editor, {**WORDS, "save": "Save draft"}).status_code == 302
    page = client.get(editor).get_data(as_text=True)
    assert "Ruby has seen shouting at home." in page
    assert "Things are better than last month." in page
    assert "About Ruby" in page and "About Sol" in page
    assert "What are we worried about?" in page and "Safety scale, from 0 to 10" in page
    # Another writer in the same meeting cannot open it, nor can the chair.
    as_person(client, meeting["nurse"])
    assert client.get(editor).status_code == 404
    as_person(client, meeting["chair"])
    assert client.get(editor).status_code == 404
    # Nothing reaches a reader until it is shared.
    assert reports_of(meeting) == []


def test_a_safety_scale_outside_0_to_10_is_refused_next_to_the_field_and_kept(client, meeting):
    as_person(client, meeting["social_worker"])
    editor = start(client, meeting)
    page = post(client, editor, {**WORDS, "child0_scale": "11", "save": "Save draft"}).get_data(
        as_text=True
    )
    assert "Enter a whole number from 0 to 10, or leave it blank" in page
    assert 'value="11"' in page
    assert "Ruby has seen shouting at home." in page
    # Nothing half-saved.
    assert read(lambda: db.session.scalars(select(ReportDraft)).one().answers) == {}


def test_a_version_for_one_child_needs_the_child(client, meeting):
    as_person(client, meeting["social_worker"])
    page = post(
        client,
        f"{base(meeting)}/write/new",
        {
            "title": "For Ruby",
            "agency": "Children's Services",
            "kind": "social_work",
            "audience": "child",
            "way": "write",
        },
    ).get_data(as_text=True)
    assert "Choose the child this version is written for" in page
    assert 'value="For Ruby"' in page


def test_check_my_words_marks_jargon_and_scores_reading_ease_but_never_blocks(client, meeting):
    as_person(client, meeting["social_worker"])
    editor = start(client, meeting)
    jargon = (
        "The ICPC agreed the threshold was met after the S47 enquiry. The core group will "
        "meet soon. Ruby is safe at school and happy with her friends every single day."
    )
    page = post(client, editor, {**WORDS, "child0_worries": jargon, "check": "1"}).get_data(
        as_text=True
    )
    assert "Words the family may not know" in page
    assert "The first big meeting about your child&#39;s safety." in page  # ICPC, plainly
    assert "#s47" in page and "#core-group" in page and "#threshold" in page
    assert "Reading ease" in page
    # Saved all the same, and it can still be shared.
    answers = read(lambda: db.session.scalars(select(ReportDraft)).one().answers)
    assert "ICPC" in answers[str(meeting["ruby"])]["worries"]
    assert post(client, editor + "/share", {}).status_code == 302


def test_the_editors_script_gets_the_same_advice_as_people_type(client, meeting):
    as_person(client, meeting["nurse"])
    editor = start(client, meeting)
    token = form_token(client, editor)
    response = client.post(
        f"{base(meeting)}/write/check-words?for=child0_worries",
        data={"csrf_token": token, "text": "The LADO and the MARAC met."},
    )
    assert response.status_code == 200
    assert response.headers["X-Portal-Fragment"] == "1"
    fragment = response.get_data(as_text=True)
    assert 'id="advice-child0_worries"' in fragment
    assert "#lado" in fragment and "#marac" in fragment
    assert "Too short to score" in fragment
    assert client.post(f"{base(meeting)}/write/check-words", data={"text": "x"}).status_code == 400
    # Only writers in this meeting.
    as_person(client, meeting["chair"])
    token = form_token(client, f"{base(meeting)}/restrictions")
    response = client.post(
        f"{base(meeting)}/write/check-words", data={"csrf_token": token, "text": "x"}
    )
    assert response.status_code == 404


def test_the_preview_shows_the_report_as_the_family_will_see_it(client, meeting):
    as_person(client, meeting["social_worker"])
    editor = start(client, meeting)
    post(client, editor, {**WORDS, "preview": "1"})
    page = client.get(editor + "/preview").get_data(as_text=True)
    assert "This is how the family will see it." in page
    assert "Ruby: What are we worried about?" in page
    assert "Sol: What needs to happen?" in page
    assert "6 out of 10" in page
    assert "0 means the child is not safe at home." in page


# --- Sharing ------------------------------------------------------------------------------


def test_sharing_records_the_moment_and_tells_each_family_reader_in_their_language(
    client, meeting, frozen
):
    as_person(client, meeting["social_worker"])
    landing = write_and_share(client, meeting)
    report = only_report(meeting)
    assert landing.endswith(f"/reports/{report.id}")
    assert report.shared_with_family_at == MONDAY_NOON
    assert report.shared_with_chair_at == MONDAY_NOON
    assert [v.number for v in report.versions] == [1]
    assert [s["part"] for s in report.versions[0].sections] == [
        "worries",
        "working_well",
        "scale",
        "needs_to_happen",
    ]
    ready = messages("report_ready")
    by_person = {m.recipient_id: m for m in ready}
    # Both parents (each in their own part of the meeting), not Ruby (not written for her).
    assert set(by_person) == {meeting["mother"], meeting["father"]}
    welsh = by_person[meeting["mother"]]
    assert welsh.language == "cy" and welsh.channel == Channel.EMAIL
    assert "Mae adroddiad newydd yn barod" in welsh.subject
    text = by_person[meeting["father"]]
    assert text.channel == Channel.SMS
    for message in ready:
        for private in ("Ruby", "Sol", "Rowe", "shouting"):
            assert private not in message.subject
            assert private not in (message.body or "")
    # The deadline moves: the family's reports are in, on time.
    as_person(client, meeting["chair"])
    page = client.get(f"{base(meeting)}/deadlines").get_data(as_text=True)
    assert "Done in time" in page


def test_the_family_reads_the_headings_and_the_scale_in_their_language(client, meeting):
    as_person(client, meeting["social_worker"])
    write_and_share(client, meeting)
    report = only_report(meeting)
    client.get("/language/cy")
    as_person(client, meeting["mother"])
    page = client.get(f"{base(meeting)}/reports/{report.id}").get_data(as_text=True)
    assert "Ruby: Beth sy&#39;n ein poeni ni?" in page
    assert "6 allan o 10" in page
    assert 'lang="en">Ruby has seen shouting at home.' in page


def test_sharing_twice_makes_no_second_report_or_message(client, meeting):
    as_person(client, meeting["social_worker"])
    editor = start(client, meeting)
    post(client, editor, {**WORDS, "save": "1"})
    post(client, editor + "/share", {})
    assert client.post(editor + "/share", data={}).status_code in {400, 404}
    assert len(reports_of(meeting)) == 1
    assert len(messages("report_ready")) == 2


def test_an_empty_report_cannot_be_shared(client, meeting):
    as_person(client, meeting["social_worker"])
    editor = start(client, meeting)
    page = client.get(editor + "/share").get_data(as_text=True)
    assert "Write under at least one heading for one child before you share" in page
    assert post(client, editor + "/share", {}).status_code == 200
    assert reports_of(meeting) == []


def test_a_report_for_professionals_only_never_reaches_the_family(client, meeting):
    as_person(client, meeting["nurse"])
    write_and_share(client, meeting, audience="professionals_only", title="Health notes")
    report = only_report(meeting)
    assert report.shared_with_family_at is None and report.shared_with_chair_at is not None
    assert messages("report_ready") == []
    as_person(client, meeting["mother"])
    assert client.get(f"{base(meeting)}/reports/{report.id}").status_code == 404
    assert client.get(f"{base(meeting)}/reports/{report.id}/download").status_code == 404


def test_a_version_written_for_ruby_is_told_to_ruby_and_her_advocate_only(client, meeting):
    as_person(client, meeting["social_worker"])
    write_and_share(
        client, meeting, audience="child", for_child=str(meeting["ruby"]), title="For Ruby"
    )
    assert {m.recipient_id for m in messages("report_ready")} == {
        meeting["young"],
        meeting["advocate"],
    }


def test_a_late_share_is_flagged_to_the_chair_with_the_policys_consequence(
    app, client, meeting, frozen
):
    with app.app_context():
        db.session.get(Authority, meeting["council"]).policy_key = "middlesbrough"
        db.session.commit()
    frozen.now = WEDNESDAY_NOON  # after 2pm on Wednesday the chair's deadline has not passed
    as_person(client, meeting["social_worker"])
    editor = start(client, meeting)
    post(client, editor, {**WORDS, "save": "1"})
    page = client.get(editor + "/share").get_data(as_text=True)
    assert "This report is late. The chair will be told" in page
    assert "It should have reached the family by Monday 8 February 2027." in page
    post(client, editor + "/share", {})
    late = messages("report_late")
    assert [m.recipient_id for m in late] == [meeting["chair"]]
    assert late[0].subject == "A report was shared late"
    assert "Rowe" not in late[0].body and "Ruby" not in late[0].body
    # Middlesbrough: 3 calendar days before for the family; late family reports mean the
    # chair considers moving the meeting (the England default Middlesbrough inherits).
    assert "think about whether the meeting should be moved" in late[0].body
    as_person(client, meeting["chair"])
    overview = client.get(base(meeting)).get_data(as_text=True)
    assert "1 report was shared late:" in overview
    assert (
        "reached the family on Wednesday 10 February 2027 at 12:00, due by Monday 8 February 2027."
        in overview
    )
    assert "Think about whether the meeting should be moved" in overview


def test_a_report_after_2pm_the_day_before_may_stand_the_meeting_down(app, client, meeting, frozen):
    with app.app_context():
        db.session.get(Authority, meeting["council"]).policy_key = "middlesbrough"
        db.session.commit()
    frozen.now = datetime(2027, 2, 10, 15, tzinfo=UTC)  # Wednesday 3pm, for a Thursday meeting
    as_person(client, meeting["nurse"])
    write_and_share(client, meeting, audience="professionals_only", title="Health notes")
    late = messages("report_late")
    assert "the meeting may be stood down" in late[0].body
    as_person(client, meeting["chair"])
    overview = client.get(base(meeting)).get_data(as_text=True)
    assert "reached the chair on Wednesday 10 February 2027 at 15:00, due by" in overview
    assert "the meeting may be stood down" in overview


def test_a_share_in_time_tells_the_chair_nothing(client, meeting):
    as_person(client, meeting["social_worker"])
    write_and_share(client, meeting)
    assert messages("report_late") == []


# --- A new version ------------------------------------------------------------------------


def new_version(client, meeting, report_id, changes):
    page = f"{base(meeting)}/reports/{report_id}"
    response = client.post(f"{page}/new-version", data={"csrf_token": form_token(client, page)})
    assert response.status_code == 302
    editor = response.headers["Location"]
    post(client, editor, {**WORDS, **changes, "save": "1"})
    return editor


def test_a_new_version_keeps_the_old_asks_what_changed_and_tells_the_family(
    client, meeting, frozen
):
    as_person(client, meeting["social_worker"])
    write_and_share(client, meeting)
    report = only_report(meeting)
    as_person(client, meeting["father"])
    read = f"{base(meeting)}/family/reports/{report.id}/read"
    assert (
        client.post(
            read, data={"csrf_token": form_token(client, f"{base(meeting)}/reports/{report.id}")}
        ).status_code
        == 302
    )
    frozen.tick(hours=2)
    as_person(client, meeting["social_worker"])  # a new day's session
    editor = new_version(
        client, meeting, report.id, {"child0_scale": "7", "child0_scale_reason": "Calmer now."}
    )
    page = post(client, editor + "/share", {"change_note": ""}).get_data(as_text=True)
    assert "Say in plain words what changed since the last version" in page
    post(client, editor + "/share", {"change_note": "Ruby's safety scale is now 7."})
    report = only_report(meeting)
    assert [v.number for v in report.versions] == [1, 2]
    assert report.versions[0].sections[2]["score"] == "6"
    assert report.versions[1].sections[2]["score"] == "7"
    assert report.shared_with_family_at == MONDAY_NOON  # the deadline counts the first share
    changed = messages("report_changed")
    assert {m.recipient_id for m in changed} == {meeting["mother"], meeting["father"]}
    # The family sees what changed; professionals can still open version 1.
    as_person(client, meeting["father"])
    page = client.get(f"{base(meeting)}/reports/{report.id}").get_data(as_text=True)
    assert "This report has changed since you said you read it." in page
    assert "What changed" in page and "Ruby&#39;s safety scale is now 7." in page
    assert "7 out of 10" in page
    assert client.get(f"{base(meeting)}/reports/{report.id}/versions/1").status_code == 404
    assert client.get(f"{base(meeting)}/reports/{report.id}/download?version=1").status_code == 404
    as_person(client, meeting["chair"])
    page = client.get(f"{base(meeting)}/reports/{report.id}").get_data(as_text=True)
    assert "Earlier versions" in page
    old = client.get(f"{base(meeting)}/reports/{report.id}/versions/1").get_data(as_text=True)
    assert "6 out of 10" in old


def test_only_the_author_or_the_social_worker_writes_a_new_version(client, meeting):
    as_person(client, meeting["social_worker"])
    write_and_share(client, meeting)
    report = only_report(meeting)
    as_person(client, meeting["nurse"])
    page = f"{base(meeting)}/reports/{report.id}"
    assert "Write a new version" not in client.get(page).get_data(as_text=True)
    as_person(client, meeting["nurse"])
    token = form_token(client, f"{base(meeting)}/write/new")
    response = client.post(f"{page}/new-version", data={"csrf_token": token})
    assert response.status_code == 404


def test_a_restriction_on_a_report_keeps_its_messages_from_that_person(client, meeting):
    as_person(client, meeting["social_worker"])
    write_and_share(client, meeting)
    report = only_report(meeting)
    with APP[0].app_context():
        db.session.add(
            Restriction(
                conference_id=meeting["conference"],
                subject=RestrictionSubject.REPORT,
                subject_id=report.id,
                hidden_from_participant_id=meeting["father_place"],
                reason="x",
            )
        )
        db.session.commit()
    editor = new_version(client, meeting, report.id, {})
    post(client, editor + "/share", {"change_note": "Spelling."})
    assert {m.recipient_id for m in messages("report_changed")} == {meeting["mother"]}


# --- Replies ------------------------------------------------------------------------------


def test_the_family_sees_the_reply_under_their_comment_and_is_told(client, meeting):
    as_person(client, meeting["social_worker"])
    write_and_share(client, meeting)
    report = only_report(meeting)
    with APP[0].app_context():
        comment = ReportComment(
            participant_id=meeting["father_place"],
            report_id=report.id,
            section=0,
            kind="not_understood",
            text="What shouting?",
        )
        db.session.add(comment)
        db.session.commit()
        comment_id = comment.id
    page = client.get(f"{base(meeting)}/reports/{report.id}").get_data(as_text=True)
    assert "What shouting?" in page and "Reply" in page
    reply = f"{base(meeting)}/reports/{report.id}/comments/{comment_id}/reply"
    assert "Enter your reply" in post(client, reply, {"text": ""}).get_data(as_text=True)
    post(client, reply, {"text": "The police told us about two evenings in January."})
    told = messages("report_reply")
    assert [m.recipient_id for m in told] == [meeting["father"]]
    as_person(client, meeting["father"])
    page = client.get(f"{base(meeting)}/reports/{report.id}").get_data(as_text=True)
    assert "Sara Wells replied on" in page
    assert "The police told us about two evenings in January." in page
    # The other parent sees neither the comment nor the reply.
    as_person(client, meeting["mother"])
    page = client.get(f"{base(meeting)}/reports/{report.id}").get_data(as_text=True)
    assert "two evenings" not in page
    # A professional who did not write it has no reply box.
    as_person(client, meeting["nurse"])
    assert client.get(reply).status_code == 404


# --- Uploading a PDF ----------------------------------------------------------------------


def pdf_bytes(author="Sara Wells"):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Author": author, "/Title": "Health report"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(client, editor, content, name="report.pdf"):
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    # Encoded in memory: the test client's own temporary file for a large body is never closed.
    boundary, body = encode_multipart(
        {
            "csrf_token": form_token(client, editor),
            "upload": "Upload",
            "file": FileStorage(io.BytesIO(content), name, content_type="application/pdf"),
        }
    )
    return client.post(editor, data=body, content_type=f"multipart/form-data; boundary={boundary}")


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 200
HTML = b"<!doctype html><html><body><script>alert(1)</script>%PDF-1.7</body></html>"


@pytest.mark.parametrize(
    "content", [JPEG, HTML, b"%PDF-1.7\n%%EOF\n"], ids=["jpeg", "html", "header"]
)
def test_a_file_that_is_not_really_a_pdf_is_refused_whatever_its_name(client, meeting, content):
    as_person(client, meeting["nurse"])
    editor = start(client, meeting, way="upload", title="Health report")
    response = upload(client, editor, content)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This file is not a PDF, whatever its name says." in page
    assert 'href="#file"' in page  # the error summary points at the field
    assert read(lambda: db.session.scalars(select(ReportFile)).all()) == []


def test_a_file_over_20_mb_is_refused_next_to_the_field(client, meeting):
    as_person(client, meeting["nurse"])
    editor = start(client, meeting, way="upload", title="Health report")
    big = b"%PDF-1.7\n" + b"0" * (limits.PDF_BYTES + 1 - 9)
    assert len(big) == limits.PDF_BYTES + 1
    response = upload(client, editor, big)
    assert response.status_code == 200
    assert "The file must be 20 MB or smaller" in response.get_data(as_text=True)
    assert read(lambda: db.session.scalars(select(ReportFile)).all()) == []


def test_a_body_declared_far_over_the_limit_is_refused_before_it_is_read(client, meeting):
    as_person(client, meeting["nurse"])
    editor = start(client, meeting, way="upload", title="Health report")

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the body was read")

        readline = readinto = read

    response = client.post(
        editor,
        input_stream=Unreadable(),
        content_type="multipart/form-data; boundary=x",
        environ_overrides={"CONTENT_LENGTH": str(limits.PDF_BYTES * 2)},
    )
    assert response.status_code == 200
    assert "The file must be 20 MB or smaller" in response.get_data(as_text=True)


def test_a_pdf_with_a_script_or_a_password_is_refused(client, meeting):
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("x")}
    )
    scripted = io.BytesIO()
    writer.write(scripted)
    locked_writer = PdfWriter()
    locked_writer.add_blank_page(595, 842)
    locked_writer.encrypt("secret")
    locked = io.BytesIO()
    locked_writer.write(locked)
    as_person(client, meeting["nurse"])
    editor = start(client, meeting, way="upload", title="Health report")
    assert "a script or other files inside it" in upload(
        client, editor, scripted.getvalue()
    ).get_data(as_text=True)
    assert "needs a password" in upload(client, editor, locked.getvalue()).get_data(as_text=True)


def test_a_real_pdf_is_kept_as_uploaded_and_served_only_through_the_checked_download(
    client, meeting
):
    as_person(client, meeting["nurse"])
    editor = start(client, meeting, way="upload", title="Health report")
    content = pdf_bytes()
    response = upload(client, editor, content)
    assert response.status_code == 302
    preview = client.get(editor + "/preview").get_data(as_text=True)
    assert "own properties" in preview and "Sara Wells" in preview
    post(client, editor + "/share", {})
    report = only_report(meeting)
    assert report.versions[0].sections[0]["part"] == "pdf"
    as_person(client, meeting["mother"])
    page = client.get(f"{base(meeting)}/reports/{report.id}").get_data(as_text=True)
    assert "PDF" in page
    download = client.get(f"{base(meeting)}/reports/{report.id}/download")
    assert download.status_code == 200
    assert download.data == content  # nothing stripped or re-written
    assert download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    audit = read(
        lambda: db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "downloaded", AuditEvent.object_id == report.id
            )
        ).all()
    )
    assert [a.actor_id for a in audit] == [meeting["mother"]]
    # Ruby may not read it (not written for her): 404, as for anyone outside the meeting.
    as_person(client, meeting["young"])
    assert client.get(f"{base(meeting)}/reports/{report.id}/download").status_code == 404


def test_the_family_can_say_they_do_not_understand_an_uploaded_report(client, meeting):
    as_person(client, meeting["nurse"])
    editor = start(client, meeting, way="upload", title="Health report")
    upload(client, editor, pdf_bytes())
    post(client, editor + "/share", {})
    report = only_report(meeting)
    as_person(client, meeting["mother"])
    path = f"{base(meeting)}/family/reports/{report.id}/sections/0/not_understood"
    client.get("/language/cy")
    page = client.get(path).get_data(as_text=True)
    assert "Yr adroddiad" in page  # the one section of an uploaded report, in her language
    response = post(client, path, {"text": "Beth yw ystyr y geiriau ar dudalen 2?"})
    assert response.status_code == 302
    as_person(client, meeting["nurse"])
    page = client.get(f"{base(meeting)}/reports/{report.id}").get_data(as_text=True)
    assert "Beth yw ystyr y geiriau ar dudalen 2?" in page
    assert "/comments/" in page and "/reply" in page  # the author answers it


def test_written_reports_still_download_as_text(client, meeting):
    as_person(client, meeting["social_worker"])
    write_and_share(client, meeting)
    report = only_report(meeting)
    as_person(client, meeting["mother"])
    download = client.get(f"{base(meeting)}/reports/{report.id}/download")
    text = download.get_data(as_text=True)
    assert download.mimetype == "text/plain"
    assert "Ruby: What are we worried about?" in text
    assert "Safety scale: 6 out of 10" in text


def test_a_report_shared_for_the_family_is_listed_with_its_audience(client, meeting):
    as_person(client, meeting["social_worker"])
    write_and_share(client, meeting)
    page = client.get(f"{base(meeting)}/write").get_data(as_text=True)
    assert "Shared reports you can change" in page and "Social work report" in page
    assert only_report(meeting).audience == ReportAudience.FAMILY_AND_PROFESSIONALS


def test_the_report_page_runs_the_same_queries_whatever_the_number_of_replies(
    client, meeting, database
):
    from sqlalchemy import event

    as_person(client, meeting["social_worker"])
    write_and_share(client, meeting)
    report = only_report(meeting)
    page = f"{base(meeting)}/reports/{report.id}"

    def add_comments(count):
        from portal.data.models import ReportReply

        with APP[0].app_context():
            for n in range(count):
                comment = ReportComment(
                    participant_id=meeting["mother_place"],
                    report_id=report.id,
                    section=n % 3,
                    kind="think_wrong",
                    text=f"Comment {n}",
                )
                db.session.add(comment)
                db.session.flush()
                db.session.add(
                    ReportReply(
                        comment_id=comment.id, author_id=meeting["social_worker"], text="Yes"
                    )
                )
            db.session.commit()

    def count_queries():
        statements = []

        def record(_conn, _cursor, statement, *_args):
            statements.append(statement)

        event.listen(database, "before_cursor_execute", record)
        try:
            assert client.get(page).status_code == 200
        finally:
            event.remove(database, "before_cursor_execute", record)
        return len(statements)

    add_comments(1)
    few = count_queries()
    add_comments(20)
    assert count_queries() == few


def test_a_draft_can_be_deleted_with_its_file_and_a_new_upload_replaces_the_old(client, meeting):
    as_person(client, meeting["nurse"])
    editor = start(client, meeting, way="upload", title="Health report")
    upload(client, editor, pdf_bytes(author="First"))
    upload(client, editor, pdf_bytes(author="Second"))
    stored = read(lambda: [f.properties["author"] for f in db.session.scalars(select(ReportFile))])
    assert stored == ["Second"]
    response = client.post(editor + "/delete", data={"csrf_token": form_token(client, editor)})
    assert response.status_code == 302
    assert client.get(editor).status_code == 404
    assert read(lambda: db.session.scalars(select(ReportFile)).all()) == []
