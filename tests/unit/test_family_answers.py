"""What the family's answers mean, without a request or a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from portal.domain import family_answers
from portal.domain.report_text import report_as_text
from portal.domain.vocabulary import AttendanceMode


def test_a_draft_that_says_the_same_as_what_was_sent_is_not_a_change():
    sent = {"times": {"hard_times": "Mornings"}, "name": {"pronouns": ""}}
    assert not family_answers.changed_since_sent({"times": {"hard_times": "Mornings"}}, sent)
    assert family_answers.changed_since_sent({"times": {"hard_times": "Evenings"}}, sent)
    assert not family_answers.changed_since_sent({"times": {"hard_times": "x"}}, None)


def test_the_columns_come_from_what_was_sent():
    columns = family_answers.columns(
        {
            "language": {"language": "ur", "interpreter": "yes", "dialect": "Pahari"},
            "attendance": {"how": "video"},
        }
    )
    assert columns["language"] == "ur"
    assert columns["needs_interpreter"] is True
    assert columns["interpreter_language"] == "Urdu (Pahari)"
    assert columns["attendance"] == AttendanceMode.VIDEO
    assert columns["address_as"] is None


def test_an_advocate_is_wanted_only_when_asked_for():
    assert family_answers.wants_advocate({"support": {"advocate": "yes"}})
    assert not family_answers.wants_advocate({"support": {"advocate": "no"}})
    assert not family_answers.wants_advocate({})


def test_answers_are_open_until_the_meeting_starts():
    start = datetime(2027, 2, 11, 10, tzinfo=UTC)
    assert family_answers.open_for_changes(start - timedelta(seconds=1), start)
    assert not family_answers.open_for_changes(start, start)


def test_a_report_as_text_is_the_words_as_written():
    text = report_as_text(
        "Social work report",
        "Children's Services",
        [{"heading": "Worries & strengths", "text": "Maya's <b>school</b>"}],
    )
    assert text == (
        "Social work report\nChildren's Services\n\nWorries & strengths\n\nMaya's <b>school</b>\n"
    )


def test_the_forms_ask_the_steps_in_the_domain_order(app):
    from portal.family_steps import STEPS

    assert tuple(step.slug for step in STEPS) == family_answers.STEP_SLUGS


def test_the_meeting_language_is_a_code_or_the_familys_own_words():
    def columns(answer):
        return family_answers.columns({"language": answer})

    assert columns({"language": "pl", "interpreter": "no"})["language"] == "pl"
    assert columns({"language": "pl", "interpreter": "no"})["interpreter_language"] is None
    other = columns({"language": "other", "language_other": "Tigrinya", "interpreter": "yes"})
    assert other["language"] == "Tigrinya"
    assert other["interpreter_language"] == "Tigrinya"
    # Sent before the list: a name is read as its code, its interpreter's language kept.
    old = columns({"language": "Urdu", "interpreter": "yes", "interpreter_language": "Urdu"})
    assert old["language"] == "ur"
    assert old["interpreter_language"] == "Urdu"
    assert (
        columns({"language": "ar", "interpreter": "yes", "dialect": ""})["interpreter_language"]
        == "Arabic"
    )
