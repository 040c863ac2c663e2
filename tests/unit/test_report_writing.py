"""The rules of writing and sharing a report, without a request or a database."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, date, datetime, time

import pytest
from pypdf import PdfWriter

from portal.domain import duties, plain_words, report_writing
from portal.domain.deadlines import LONDON
from portal.domain.pdf_files import NotAcceptable, check_pdf
from portal.domain.vocabulary import ReportAudience, Role

RUBY = report_writing.ChildRef(uuid.uuid4(), "Ruby")
SOL = report_writing.ChildRef(uuid.uuid4(), "Sol")


def test_sections_follow_the_signs_of_safety_headings_child_by_child_leaving_out_blanks():
    sections = report_writing.sections_for(
        [RUBY, SOL],
        {
            str(RUBY.id): {"worries": " Shouting. ", "needs_to_happen": "", "scale": "4"},
            str(SOL.id): {"working_well": "School every day."},
        },
    )
    assert [(s["child"], s["part"]) for s in sections] == [
        ("Ruby", "worries"),
        ("Ruby", "scale"),
        ("Sol", "working_well"),
    ]
    assert sections[0]["heading"] == "Ruby: What are we worried about?"
    assert sections[0]["text"] == "Shouting."
    assert sections[1]["score"] == "4"
    # The shape every reader already uses: a heading and a text.
    assert all(isinstance(s["heading"], str) and isinstance(s["text"], str) for s in sections)


@pytest.mark.parametrize(
    ("typed", "score"),
    [
        ("0", 0),
        ("10", 10),
        (" 7 ", 7),
        ("11", None),
        ("-1", None),
        ("6.5", None),
        ("", None),
        ("six", None),
    ],
)
def test_a_safety_scale_is_a_whole_number_from_0_to_10(typed, score):
    assert report_writing.parse_score(typed) == score


def test_who_may_write_revise_and_reply():
    author, other = uuid.uuid4(), uuid.uuid4()
    assert report_writing.may_write(Role.SOCIAL_WORKER) and report_writing.may_write(
        Role.PROFESSIONAL
    )
    for role in (Role.CHAIR, Role.ADVOCATE, Role.PARENT, Role.ADMINISTRATOR):
        assert not report_writing.may_write(role)
    assert report_writing.may_revise(Role.PROFESSIONAL, author, author)
    assert not report_writing.may_revise(Role.PROFESSIONAL, other, author)
    assert report_writing.may_revise(Role.SOCIAL_WORKER, other, author)
    assert not report_writing.may_revise(Role.CHAIR, author, author)
    assert not report_writing.may_revise(Role.PARENT, author, author)


NOW = datetime(2027, 2, 10, 12, tzinfo=UTC)


def test_one_share_records_who_it_reached():
    family = report_writing.share_moments(ReportAudience.FAMILY_AND_PROFESSIONALS, NOW)
    assert (family.family, family.chair) == (NOW, NOW)
    professionals = report_writing.share_moments(ReportAudience.PROFESSIONALS_ONLY, NOW)
    assert (professionals.family, professionals.chair) == (None, NOW)
    child = report_writing.share_moments(ReportAudience.CHILD, NOW)
    assert (child.family, child.chair) == (NOW, None)


def test_a_translated_copy_is_shared_with_the_family_only_against_their_deadline():
    copy = report_writing.share_moments(
        ReportAudience.FAMILY_AND_PROFESSIONALS, NOW, translation=True
    )
    assert (copy.family, copy.chair) == (NOW, None)
    # Late for the family like any report; never a duty to the chair, who has the original.
    due = {"reports_to_family": date(2027, 2, 9), "reports_to_chair": date(2027, 2, 9)}
    assert report_writing.late_duties(copy, due) == ["reports_to_family"]
    assert report_writing.goes_to_chair(ReportAudience.FAMILY_AND_PROFESSIONALS)
    assert not report_writing.goes_to_chair(ReportAudience.FAMILY_AND_PROFESSIONALS, True)
    assert not report_writing.goes_to_chair(ReportAudience.CHILD)


def test_a_share_after_the_due_date_is_late_and_on_it_is_not():
    moments = report_writing.ShareMoments(NOW, NOW)
    assert report_writing.late_duties(moments, {"reports_to_family": date(2027, 2, 9)}) == [
        "reports_to_family"
    ]
    assert report_writing.late_duties(moments, {"reports_to_family": date(2027, 2, 10)}) == []
    two_pm = datetime.combine(date(2027, 2, 10), time(14), tzinfo=LONDON)
    assert report_writing.late_duties(moments, {"reports_to_chair": two_pm}) == []
    later = report_writing.ShareMoments(None, datetime(2027, 2, 10, 15, tzinfo=UTC))
    assert report_writing.late_duties(later, {"reports_to_chair": two_pm}) == ["reports_to_chair"]


def test_a_draft_needs_words_or_a_file_and_a_new_version_says_what_changed():
    problems = report_writing.share_problems(False, False, [], False, "")
    assert [p.code for p in problems] == ["empty"]
    assert [p.code for p in report_writing.share_problems(True, False, [], False, "")] == [
        "no_file"
    ]
    sections = report_writing.pdf_sections()
    assert [p.code for p in report_writing.share_problems(True, True, sections, True, " ")] == [
        "change_note"
    ]
    assert report_writing.share_problems(True, True, sections, True, "New dates.") == []


# --- Duties -------------------------------------------------------------------------------


def test_the_duties_recorded_as_done():
    assert set(duties.RECORDED) == {
        "minutes",
        "plan_to_core_group",
        "first_core_group",
        "first_review",
        "next_review",
    }
    assert not duties.is_recorded("reports_to_family")
    assert duties.may_record(Role.ADMINISTRATOR) and not duties.may_record(Role.PROFESSIONAL)


def test_a_duty_done_on_its_due_date_counts_as_in_time():
    from portal.domain.deadlines import latest_on_time

    assert duties.done_moment(date(2027, 3, 1)) <= latest_on_time(date(2027, 3, 1))
    assert duties.done_moment(date(2027, 3, 2)) > latest_on_time(date(2027, 3, 1))


def test_a_duty_cannot_be_done_in_the_future_or_before_the_meeting():
    meeting, today = date(2027, 2, 11), date(2027, 3, 1)
    assert duties.problem_with(date(2027, 3, 2), today, meeting) == "future"
    assert duties.problem_with(date(2027, 2, 10), today, meeting) == "before_meeting"
    assert duties.problem_with(date(2027, 2, 11), today, meeting) is None


# --- The plain-language helper ------------------------------------------------------------

TERMS = [
    plain_words.term_from_glossary(
        "icpc",
        "ICPC (initial child protection conference)",
        "The first big meeting about your child's safety. Your family and the workers meet.",
    ),
    plain_words.term_from_glossary(
        "core-group", "Core group", "A small group of you and the workers."
    ),
    plain_words.term_from_glossary(
        "cp", "CP (child protection)", "The work done to keep a child safe."
    ),
]


def test_glossary_entries_become_terms_with_a_plain_alternative():
    assert TERMS[0].words == "ICPC"
    assert TERMS[0].plain == "The first big meeting about your child's safety."
    assert TERMS[1].words == "Core group"


def test_letters_are_found_as_written_and_phrases_in_any_case():
    found = plain_words.find_terms(
        "At the ICPC the core Group met. Core groups help. CPR, cp and ICPCs", TERMS
    )
    assert [(f.code, f.found, f.count) for f in found] == [
        ("icpc", "ICPC", 1),
        ("core-group", "core Group", 2),
    ]


def test_easy_words_score_easy_and_long_words_hard():
    easy = plain_words.advise(
        "We met your family. We talked about Ruby. She is happy at school. She likes her "
        "friends. We want her to feel safe at home. We will help you.",
        TERMS,
    )
    assert easy.band == "easy" and easy.ease is not None and easy.ease >= 60
    hard = plain_words.advise(
        "Notwithstanding considerable multi-agency intervention, safeguarding professionals "
        "remain significantly concerned regarding the cumulative psychological consequences "
        "of persistent intergenerational domestic victimisation experienced by the children, "
        "necessitating comprehensive therapeutic interventions and organisational coordination.",
        TERMS,
    )
    assert hard.band == "hard" and hard.has_advice


def test_a_short_text_gets_no_score_but_still_its_jargon():
    advice = plain_words.advise("See the ICPC.", TERMS)
    assert advice.ease is None and advice.band is None
    assert [f.code for f in advice.findings] == ["icpc"]


# --- PDF files ----------------------------------------------------------------------------


def a_pdf(**metadata):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if metadata:
        writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_real_pdf_is_accepted_with_its_pages_and_properties():
    checked = check_pdf(a_pdf(**{"/Author": "Sara Wells", "/Title": "Health report"}))
    assert checked.pages == 1
    assert checked.properties == {"author": "Sara Wells", "title": "Health report"}
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 100,
        b"<!doctype html><title>x</title>",
        b"%PDF-1.7\n%%EOF",
        b"",
        b"GIF89a" + b"\x00" * 50,
    ],
    ids=["jpeg", "html", "pdf-header-only", "empty", "gif"],
)
def test_anything_that_does_not_parse_as_a_pdf_is_refused(content):
    with pytest.raises(NotAcceptable) as refused:
        check_pdf(content)
    assert refused.value.code == "not_pdf"


def test_a_pdf_that_opens_without_a_password_but_is_protected_is_accepted():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert check_pdf(out.getvalue()).pages == 1


def test_a_pdf_with_an_attached_file_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("payload.exe", b"MZ")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(NotAcceptable) as refused:
        check_pdf(out.getvalue())
    assert refused.value.code == "active"
