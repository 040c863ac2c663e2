"""Translated copies of reports (issue 13, item 5; ADR 0022): a professional who may revise a
report adds a copy in another language as a PDF and shares it as its own action, timed
against the same deadline; the family member whose language it is reads it first, with the
original one link away; restrictions on the original hide its copies."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfWriter
from sqlalchemy import select

from portal.data.models import (
    AuditEvent,
    ConferencePart,
    Notification,
    Report,
    ReportAudience,
    ReportDraft,
    ReportKind,
    ReportVersion,
    Restriction,
    RestrictionSubject,
    Role,
)
from portal.extensions import db
from tests import factories
from tests.integration.test_languages import urdu_live  # noqa: F401 - Urdu pages, stand-in words
from tests.pages import form_token

THURSDAY_10AM = datetime(2027, 2, 11, 10, tzinfo=UTC)  # Thursday 11 February 2027, 10:00 GMT
MONDAY_NOON = datetime(2027, 2, 8, 12, tzinfo=UTC)  # in time: 2 working days before is Tuesday
WEDNESDAY_NOON = datetime(2027, 2, 10, 12, tzinfo=UTC)  # a day late for the family

APP = []


@pytest.fixture(autouse=True)
def _application(app):
    APP[:] = [app]


def read(query):
    with APP[0].app_context():
        return query()


@pytest.fixture()
def meeting(app, database, frozen):
    """A Thursday conference: the social worker's report shared on Monday (in time); a
    mother who reads Urdu, a father who reads English, a mother's friend who reads Polish,
    a school nurse who did not write the report, and the chair."""
    frozen.now = MONDAY_NOON
    with app.app_context():
        council = factories.authority(policy_key="england")
        conference = factories.conference(council, starts_at=THURSDAY_10AM, family_name="Rowe")
        conference.children.append(factories.child(council, first_name="Ruby"))
        social_worker = factories.participant(
            conference,
            factories.person(professional=True, full_name="Sara Wells"),
            role=Role.SOCIAL_WORKER,
        )
        nurse = factories.participant(
            conference,
            factories.person(professional=True, full_name="Nia Hart"),
            role=Role.PROFESSIONAL,
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
            factories.person(full_name="Amna Rowe", preferred_language="ur"),
            **settled,
        )
        father = factories.participant(
            conference,
            factories.person(full_name="Tom Rowe"),
            part=ConferencePart.BOTH,
            **settled,
        )
        friend = factories.participant(
            conference,
            factories.person(full_name="Ola Nowak", preferred_language="pl"),
            role=Role.SUPPORTER,
            **settled,
        )
        report = factories.report(
            conference,
            title="Social work report",
            author_id=social_worker.person_id,
            shared_with_family_at=MONDAY_NOON,
            shared_with_chair_at=MONDAY_NOON,
        )
        report.versions[0].sections = [
            {"heading": "Why we are meeting", "text": "Ruby told her teacher she is scared."}
        ]
        report.versions[0].created_at = MONDAY_NOON
        police = factories.report(
            conference,
            title="Police information",
            kind=ReportKind.POLICE,
            audience=ReportAudience.PROFESSIONALS_ONLY,
            shared_with_chair_at=MONDAY_NOON,
        )
        db.session.commit()
        return {
            "conference": conference.id,
            "report": report.id,
            "police": police.id,
            "social_worker": social_worker.person_id,
            "nurse": nurse.person_id,
            "chair": chair.person_id,
            "mother": mother.person_id,
            "father": father.person_id,
            "father_place": father.id,
            "friend": friend.person_id,
        }


def as_person(client, person_id, language="en"):
    from portal.auth.session import session_keys
    from portal.data.interfaces import auth
    from portal.data.models import Person
    from portal.i18n import LANGUAGE_COOKIE

    with client.application.app_context():
        person = db.session.get(Person, person_id)
        keys = session_keys(auth.start_session(person), person)
    with client.session_transaction() as session:
        session.clear()
        session.update(keys)
    if language is None:
        client.delete_cookie(LANGUAGE_COOKIE)
    else:
        client.set_cookie(LANGUAGE_COOKIE, language)


def post(client, path, data, **kwargs):
    return client.post(path, data={**data, "csrf_token": form_token(client, path)}, **kwargs)


def base(meeting):
    return f"/conferences/{meeting['conference']}"


def report_page(meeting, report_id=None):
    return f"{base(meeting)}/reports/{report_id or meeting['report']}"


def pdf_bytes():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": "رپورٹ"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(client, editor, content):
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    boundary, body = encode_multipart(
        {
            "csrf_token": form_token(client, editor),
            "upload": "Upload",
            "file": FileStorage(io.BytesIO(content), "urdu.pdf", content_type="application/pdf"),
        }
    )
    return client.post(editor, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def add_copy(client, meeting, language="ur"):
    """Choose the language, upload the PDF: the draft's editor, not yet shared."""
    response = post(client, f"{report_page(meeting)}/translate", {"language": language})
    assert response.status_code == 302, response.get_data(as_text=True)
    editor = response.headers["Location"]
    assert upload(client, editor, pdf_bytes()).status_code == 302
    return editor


def share(client, editor):
    response = post(client, editor + "/share", {})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def copies(meeting):
    def query():
        found = list(
            db.session.scalars(select(Report).where(Report.translation_of_id == meeting["report"]))
        )
        for copy in found:
            copy.versions  # noqa: B018 - loaded while the session is open
        return found

    return read(query)


def messages(kind):
    return read(
        lambda: list(
            db.session.scalars(
                select(Notification)
                .where(Notification.template == kind)
                .order_by(Notification.created_at)
            )
        )
    )


def shared_copy(client, meeting, language="ur"):
    as_person(client, meeting["social_worker"])
    landing = share(client, add_copy(client, meeting, language))
    (copy,) = [c for c in copies(meeting) if c.language == language]
    return copy, landing


def links(html):
    return re.findall(r'<a class="govuk-link[^"]*" href="([^"]+)"', html)


# --- Adding and sharing a copy ------------------------------------------------------------


def test_the_social_worker_adds_an_urdu_copy_and_shares_it_as_its_own_action(
    client, meeting, frozen
):
    as_person(client, meeting["social_worker"])
    page = client.get(report_page(meeting)).get_data(as_text=True)
    assert "Translated copies" in page and "Add a translated copy" in page
    form = client.get(f"{report_page(meeting)}/translate").get_data(as_text=True)
    assert "Which language is the copy in?" in form
    assert 'Urdu (<span lang="ur" dir="rtl">اردو</span>)' in form
    assert 'Welsh (<span lang="cy" dir="ltr">Cymraeg</span>)' in form
    assert 'value="en"' not in form  # professionals write in English: no copy in it
    frozen.tick(days=1)  # Tuesday: still in time
    as_person(client, meeting["social_worker"])  # a new day's session
    editor = add_copy(client, meeting)
    upload_page = client.get(editor).get_data(as_text=True)
    assert "Social work report (Urdu translation)" in upload_page
    # Uploaded but not shared: nothing the family can see, nobody told.
    assert copies(meeting) == []
    as_person(client, meeting["mother"])
    assert "(Urdu translation)" not in client.get(f"{base(meeting)}/family").get_data(as_text=True)
    as_person(client, meeting["social_worker"])
    preview = client.get(editor + "/preview").get_data(as_text=True)
    assert "Social work report (Urdu translation)" in preview
    landing = share(client, editor)
    (copy,) = copies(meeting)
    assert landing.endswith(f"/reports/{copy.id}")
    assert copy.language == "ur" and copy.title == "Social work report"
    assert copy.author_id == meeting["social_worker"]
    # Its own sharing time, with the family only (the chair has the original).
    assert copy.shared_with_family_at == datetime(2027, 2, 9, 12, tzinfo=UTC)
    assert copy.shared_with_chair_at is None
    assert copy.versions[0].file_id is not None
    assert read(lambda: db.session.scalars(select(ReportDraft)).all()) == []
    # Told: only the family member whose language it is.
    assert [m.recipient_id for m in messages("report_ready")] == [meeting["mother"]]
    assert messages("report_late") == []
    # One copy per language: Urdu is no longer offered; Arabic still is.
    form = client.get(f"{report_page(meeting)}/translate").get_data(as_text=True)
    assert 'value="ur"' not in form and 'value="ar"' in form
    page = client.get(report_page(meeting)).get_data(as_text=True)
    assert f"/reports/{copy.id}" in page
    assert "Social work report (Urdu translation)" in page


@pytest.mark.parametrize("language", ["", "en", "xx", "ur<script>"])
def test_a_language_not_on_the_list_is_refused_next_to_the_field(client, meeting, language):
    as_person(client, meeting["social_worker"])
    path = f"{report_page(meeting)}/translate"
    response = post(client, path, {"language": language} if language else {})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Choose one option" in page
    assert 'href="#language"' in page  # the error summary points at the field
    assert 'id="language-error"' in page
    assert "<script>" not in page.split("<main")[1]
    assert read(lambda: db.session.scalars(select(ReportDraft)).all()) == []


def test_the_language_form_and_the_upload_need_the_forms_token(client, meeting):
    as_person(client, meeting["social_worker"])
    path = f"{report_page(meeting)}/translate"
    assert client.post(path, data={"language": "ur"}).status_code == 400
    assert read(lambda: db.session.scalars(select(ReportDraft)).all()) == []
    editor = add_copy(client, meeting)
    assert client.post(editor + "/share", data={}).status_code == 400
    assert copies(meeting) == []


def test_adding_a_copy_twice_comes_back_to_the_same_draft(client, meeting):
    as_person(client, meeting["social_worker"])
    path = f"{report_page(meeting)}/translate"
    first = post(client, path, {"language": "ur"}).headers["Location"]
    second = post(client, path, {"language": "ur"}).headers["Location"]
    assert first == second


def test_only_who_may_revise_the_report_adds_a_copy_and_only_of_a_family_report(client, meeting):
    path = f"{report_page(meeting)}/translate"
    # The nurse did not write it; the chair writes no reports; the family never.
    for who in ("nurse", "chair", "mother"):
        as_person(client, meeting[who])
        assert client.get(path).status_code == 404
        assert "Add a translated copy" not in client.get(report_page(meeting)).get_data(
            as_text=True
        )
    as_person(client, meeting["nurse"])
    token = form_token(client, f"{base(meeting)}/write")
    assert client.post(path, data={"csrf_token": token, "language": "ur"}).status_code == 404
    as_person(client, meeting["social_worker"])
    # Not of a report for professionals only, nor of a copy.
    assert client.get(f"{report_page(meeting, meeting['police'])}/translate").status_code == 404
    copy, _landing = shared_copy(client, meeting)
    assert client.get(f"{report_page(meeting, copy.id)}/translate").status_code == 404
    assert "Add a translated copy" not in client.get(report_page(meeting, copy.id)).get_data(
        as_text=True
    )


def test_a_copy_shared_late_is_flagged_like_a_late_report(client, meeting, frozen):
    frozen.now = WEDNESDAY_NOON
    as_person(client, meeting["social_worker"])
    editor = add_copy(client, meeting)
    page = client.get(editor + "/share").get_data(as_text=True)
    assert "This report is late. The chair will be told" in page
    assert "It should have reached the family by Tuesday 9 February 2027." in page
    share(client, editor)
    (copy,) = copies(meeting)
    assert copy.shared_with_family_at == WEDNESDAY_NOON
    assert [m.recipient_id for m in messages("report_late")] == [meeting["chair"]]
    as_person(client, meeting["chair"])
    deadlines = client.get(f"{base(meeting)}/deadlines").get_data(as_text=True)
    assert "1 report was shared late:" in deadlines
    assert "Social work report (Urdu translation)</a>:" in deadlines
    assert (
        "reached the family on Wednesday 10 February 2027 at 12:00, due by Tuesday 9 February 2027."
        in deadlines
    )
    # The family's reports reached them late; the chair's, which the copy is not, in time.
    family_card = deadlines.split("Reports shared with the family")[1].split("govuk-summary-card")[
        0
    ]
    assert "Done late" in family_card
    chair_card = deadlines.split("Reports sent to the chair")[1].split("govuk-summary-card")[0]
    assert "Done late" not in chair_card
    overview = client.get(base(meeting)).get_data(as_text=True)
    assert "Social work report (Urdu translation)</a>:" in overview
    # The mother reads that her copy reached her late; the original did not.
    as_person(client, meeting["mother"])
    late = "This report reached you later than it should have."
    assert late in client.get(report_page(meeting, copy.id)).get_data(as_text=True)
    assert late not in client.get(report_page(meeting)).get_data(as_text=True)


def test_a_copy_in_time_leaves_the_deadline_met(client, meeting):
    shared_copy(client, meeting)
    as_person(client, meeting["chair"])
    deadlines = client.get(f"{base(meeting)}/deadlines").get_data(as_text=True)
    assert "shared late" not in deadlines
    family_card = deadlines.split("Reports shared with the family")[1].split("govuk-summary-card")[
        0
    ]
    assert "Done in time" in family_card


# --- The family reads it first ------------------------------------------------------------


@pytest.mark.usefixtures("urdu_live")
def test_the_mother_reads_the_urdu_copy_first_and_the_original_is_one_link_away(client, meeting):
    copy, _landing = shared_copy(client, meeting)
    original, translated = report_page(meeting), report_page(meeting, copy.id)
    as_person(client, meeting["mother"], language="ur")
    home = client.get(f"{base(meeting)}/family").get_data(as_text=True)
    assert '<html lang="ur" dir="rtl"' in home
    reports = home.split('id="reports"')[1]
    assert links(reports)[:2] == [translated, original]  # the copy first, then the original
    page = client.get(translated).get_data(as_text=True)
    # The copy's words are marked Urdu, right to left; its title, the original's, English.
    assert '<span lang="en" dir="ltr">Social work report</span>' in page
    assert f'href="{original}"' in page
    assert "/download" in page  # the PDF, through the checked download
    # The original keeps its language, English, left to right inside the Urdu page.
    page = client.get(original).get_data(as_text=True)
    assert '<p class="govuk-body" lang="en" dir="ltr">Ruby told her teacher she is scared.</p>' in (
        page
    )
    assert f'href="{translated}"' in page  # and her copy is one link away
    assert "This was written in English" not in page  # her copy is here: no need to ask


def test_on_english_pages_she_chose_the_original_comes_first_and_her_copy_under_it(client, meeting):
    copy, _landing = shared_copy(client, meeting)
    as_person(client, meeting["mother"])  # pages pinned to English; Urdu is her stored one
    home = client.get(f"{base(meeting)}/family").get_data(as_text=True)
    reports = home.split('id="reports"')[1]
    assert "Social work report (Urdu translation)" in reports
    assert links(reports)[:2] == [report_page(meeting), report_page(meeting, copy.id)]
    assert "Read the original in English" not in reports


def test_the_father_reads_the_original_first_and_can_still_open_the_copy(client, meeting):
    copy, _landing = shared_copy(client, meeting)
    as_person(client, meeting["father"])
    home = client.get(f"{base(meeting)}/family").get_data(as_text=True)
    reports = home.split('id="reports"')[1]
    assert links(reports)[:2] == [report_page(meeting), report_page(meeting, copy.id)]
    assert "Read the original in English" not in reports
    page = client.get(report_page(meeting)).get_data(as_text=True)
    assert "This was written in English" not in page  # English is his language


def test_the_written_words_of_a_copy_carry_their_own_language_and_direction(app, client, meeting):
    """A copy given as written sections (as the demo's is) marks each with its language."""
    with app.app_context():
        copy = Report(
            conference_id=meeting["conference"],
            author_id=meeting["social_worker"],
            kind=ReportKind.SOCIAL_WORK,
            title="Social work report",
            agency="Children's Services",
            audience=ReportAudience.FAMILY_AND_PROFESSIONALS,
            translation_of_id=meeting["report"],
            language="ar",
            shared_with_family_at=MONDAY_NOON,
        )
        copy.versions.append(
            ReportVersion(number=1, sections=[{"heading": "لماذا نجتمع", "text": "روبي خائفة."}])
        )
        db.session.add(copy)
        db.session.commit()
        copy_id = copy.id
    as_person(client, meeting["father"])
    page = client.get(report_page(meeting, copy_id)).get_data(as_text=True)
    assert '<h2 class="govuk-heading-m" lang="ar" dir="rtl">لماذا نجتمع</h2>' in page
    assert '<p class="govuk-body" lang="ar" dir="rtl">روبي خائفة.</p>' in page
    assert "Social work report (Arabic translation)" in page
    assert "Read the original in English" in page


def test_a_reader_of_another_language_with_no_copy_is_told_they_can_ask_for_one(client, meeting):
    shared_copy(client, meeting)  # in Urdu, not Polish
    as_person(client, meeting["friend"])
    page = client.get(report_page(meeting)).get_data(as_text=True)
    assert (
        "This was written in English. You can ask for an interpreter, or for a copy in Polish. "
        "Ask your social worker." in page
    )


def test_reading_the_copy_counts_as_reading_the_report(client, meeting):
    copy, _landing = shared_copy(client, meeting)
    as_person(client, meeting["mother"])
    page = report_page(meeting, copy.id)
    response = client.post(
        f"{base(meeting)}/family/reports/{copy.id}/read",
        data={"csrf_token": form_token(client, page)},
    )
    assert response.status_code == 302
    home = client.get(f"{base(meeting)}/family").get_data(as_text=True)
    assert home.count('govuk-tag--green">Read</strong>') == 1
    task = home.split("Read the reports")[1].split("</li>")[0]
    assert "Done" in task


def test_the_copy_says_when_the_original_has_changed_since(client, meeting, frozen):
    copy, _landing = shared_copy(client, meeting)
    as_person(client, meeting["mother"])
    notice = "The report in English has changed since this copy was made."
    assert notice not in client.get(report_page(meeting, copy.id)).get_data(as_text=True)
    frozen.tick(hours=1)
    as_person(client, meeting["social_worker"])
    page = report_page(meeting)
    editor = client.post(
        f"{page}/new-version", data={"csrf_token": form_token(client, page)}
    ).headers["Location"]
    post(client, editor, {"child0_worries": "Ruby is calmer now.", "save": "1"})
    assert post(client, editor + "/share", {"change_note": "Calmer."}).status_code == 302
    as_person(client, meeting["mother"])
    assert notice in client.get(report_page(meeting, copy.id)).get_data(as_text=True)


def test_what_the_family_sent_counts_opening_the_copy_as_opening_the_report(client, meeting):
    copy, _landing = shared_copy(client, meeting)
    as_person(client, meeting["mother"])
    client.get(report_page(meeting, copy.id))
    as_person(client, meeting["social_worker"])
    page = client.get(f"{base(meeting)}/what-the-family-said").get_data(as_text=True)
    assert "Amna Rowe has not opened" not in page
    assert "Tom Rowe has not opened: Social work report" in page
    assert "Social work report (Urdu translation)" in page  # her own line for her copy


# --- Who may see it -----------------------------------------------------------------------


def test_a_restriction_on_the_original_hides_its_copy_too(client, meeting):
    copy, _landing = shared_copy(client, meeting)
    with APP[0].app_context():
        db.session.add(
            Restriction(
                conference_id=meeting["conference"],
                subject=RestrictionSubject.REPORT,
                subject_id=meeting["report"],
                hidden_from_participant_id=meeting["father_place"],
                reason="x",
            )
        )
        db.session.commit()
    as_person(client, meeting["father"])
    for path in (report_page(meeting, copy.id), f"{report_page(meeting, copy.id)}/download"):
        assert client.get(path).status_code == 404
    home = client.get(f"{base(meeting)}/family").get_data(as_text=True)
    assert str(copy.id) not in home and str(meeting["report"]) not in home
    # The others still read both.
    as_person(client, meeting["mother"])
    assert client.get(report_page(meeting, copy.id)).status_code == 200
    # And a new version of the copy tells nobody it is hidden from.
    as_person(client, meeting["social_worker"])
    page = report_page(meeting, copy.id)
    editor = client.post(
        f"{page}/new-version", data={"csrf_token": form_token(client, page)}
    ).headers["Location"]
    upload(client, editor, pdf_bytes())
    post(client, editor + "/share", {"change_note": "A better copy."})
    assert [m.recipient_id for m in messages("report_changed")] == [meeting["mother"]]


def test_a_restriction_on_the_copy_alone_leaves_the_original(client, meeting):
    copy, _landing = shared_copy(client, meeting)
    with APP[0].app_context():
        db.session.add(
            Restriction(
                conference_id=meeting["conference"],
                subject=RestrictionSubject.REPORT,
                subject_id=copy.id,
                hidden_from_participant_id=meeting["father_place"],
                reason="x",
            )
        )
        db.session.commit()
    as_person(client, meeting["father"])
    assert client.get(report_page(meeting, copy.id)).status_code == 404
    page = client.get(report_page(meeting)).get_data(as_text=True)
    assert str(copy.id) not in page


def test_another_familys_copy_is_404_under_this_meeting_and_its_own(app, client, meeting):
    with app.app_context():
        other = factories.conference(family_name="Grey")
        theirs = factories.report(other, shared_with_family_at=MONDAY_NOON)
        their_copy = factories.report(
            other,
            shared_with_family_at=MONDAY_NOON,
            translation_of_id=theirs.id,
            language="ur",
        )
        db.session.commit()
        their_copy_id, other_id = their_copy.id, other.id
    for who in ("mother", "social_worker"):
        as_person(client, meeting[who])
        assert client.get(report_page(meeting, their_copy_id)).status_code == 404
        assert client.get(f"{report_page(meeting, their_copy_id)}/download").status_code == 404
        assert client.get(f"/conferences/{other_id}/reports/{their_copy_id}").status_code == 404
    as_person(client, meeting["social_worker"])
    assert client.get(f"{report_page(meeting, their_copy_id)}/translate").status_code == 404


def test_opening_and_downloading_a_copy_are_audited_like_a_report(client, meeting):
    copy, _landing = shared_copy(client, meeting)
    as_person(client, meeting["mother"])
    client.get(report_page(meeting, copy.id))
    download = client.get(f"{report_page(meeting, copy.id)}/download")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    events = read(
        lambda: [
            (e.action, e.actor_id)
            for e in db.session.scalars(
                select(AuditEvent)
                .where(AuditEvent.object_id == copy.id)
                .order_by(AuditEvent.occurred_at)
            )
        ]
    )
    assert ("viewed", meeting["mother"]) in events
    assert ("downloaded", meeting["mother"]) in events


# --- The demo -----------------------------------------------------------------------------


@pytest.mark.usefixtures("urdu_live")
def test_amira_reads_the_demos_urdu_copy_of_the_social_work_report_first(sign_in, demo):
    copy = demo["copies"][("Social work report", "ur")]
    original = demo["reports"]["Social work report"]
    khan = f"/conferences/{demo['conferences']['khan']}"
    client = sign_in("amira", language=None)  # her stored Urdu
    home = client.get(f"{khan}/family").get_data(as_text=True)
    assert '<html lang="ur" dir="rtl"' in home
    reports = home.split('id="reports"')[1]
    assert links(reports)[:2] == [f"{khan}/reports/{copy}", f"{khan}/reports/{original}"]
    page = client.get(f"{khan}/reports/{copy}").get_data(as_text=True)
    assert '<p class="govuk-body" lang="ur" dir="rtl">مایا اور لیو ہر روز اسکول' in page
    assert f'href="{khan}/reports/{original}"' in page
    # Daniel, who reads English, is not told of it and reads the original first.
    client = sign_in("daniel")
    home = client.get(f"{khan}/family").get_data(as_text=True)
    reports = home.split('id="reports"')[1]
    assert links(reports)[0] == f"{khan}/reports/{original}"


def test_the_demos_copy_was_shared_in_time(context, demo):
    from portal.data.interfaces import deadlines
    from portal.data.models import Conference

    khan = db.session.get(Conference, demo["conferences"]["khan"])
    copy = db.session.get(Report, demo["copies"][("Social work report", "ur")])
    assert copy.shared_with_family_at is not None
    assert deadlines.shared_late(copy, deadlines.for_conference(khan)) is False
    assert copy.shared_with_family_at.date() <= date.today()
