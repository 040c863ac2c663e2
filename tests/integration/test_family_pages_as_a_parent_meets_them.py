"""Issue 14: the family's pages as a frightened parent meets them.

The page checks (tests/pages.py) run on every page loaded here, so a stray "None" or
English report text without lang="en" in a Welsh page fails these tests too.
"""

from __future__ import annotations

import re

import html5lib
import pytest

from portal.family_steps import STEPS
from tests.pages import PageProblem, check_page, form_token


@pytest.fixture()
def khan(demo):
    return demo["conferences"]["khan"]


def family(khan, rest=""):
    return f"/conferences/{khan}/family{rest}"


def _document(html):
    return html5lib.parse(html, namespaceHTMLElements=False)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_no_question_shows_a_stray_none_under_it(client, sign_in, khan, language):
    sign_in("amira")
    client.get(f"/language/{language}")
    for step in STEPS:
        page = client.get(family(khan, f"/meeting/{step.slug}")).get_data(as_text=True)
        # The CheckedClient fails on "None"; this says which hint it was.
        assert not re.search(r'class="govuk-hint"[^>]*>\s*None\s*<', page), step.slug
        for hint_id in re.findall(r'id="([\w-]+-hint)"', page):
            # The hint is named by the field it belongs to (alone or beside an error).
            assert re.search(rf'aria-describedby="[^"]*\b{re.escape(hint_id)}\b', page), hint_id


def test_the_page_check_fails_on_a_stray_none(app):
    class Fake:
        headers = {"Content-Security-Policy": ""}
        mimetype = "text/html"

        def get_data(self, as_text=True):
            return (
                '<!DOCTYPE html><html lang="en" dir="ltr"><head><title>Q</title></head>'
                '<body><h1>Q</h1><div class="govuk-hint" id="x-hint">None</div></body></html>'
            )

    with pytest.raises(PageProblem, match="None"):
        check_page(Fake())


def test_the_page_check_fails_on_english_without_lang_in_a_welsh_page(app):
    class Fake:
        headers = {"Content-Security-Policy": ""}
        mimetype = "text/html"

        def __init__(self, paragraph):
            self.paragraph = paragraph

        def get_data(self, as_text=True):
            return (
                '<!DOCTYPE html><html lang="cy" dir="ltr"><head><title>Adroddiad</title></head>'
                f"<body><h1>Adroddiad</h1>{self.paragraph}</body></html>"
            )

    with pytest.raises(PageProblem, match='lang="en"'):
        check_page(Fake("<p>The police were called to the family home twice.</p>"))
    check_page(Fake('<p lang="en">The police were called to the family home twice.</p>'))
    check_page(Fake("<p>Mae'r adroddiad yn dweud beth sy'n poeni pobl.</p>"))


def test_the_page_check_fails_on_choices_with_no_question(app):
    class Fake:
        headers = {"Content-Security-Policy": ""}
        mimetype = "text/html"

        def __init__(self, legend):
            self.legend = legend

        def get_data(self, as_text=True):
            radios = (
                '<input type="radio" name="coming" value="a"><input type="radio" name="coming">'
            )
            return (
                '<!DOCTYPE html><html lang="en" dir="ltr"><head><title>Q</title></head>'
                f"<body><h1>Q</h1><fieldset>{self.legend}{radios}</fieldset></body></html>"
            )

    with pytest.raises(PageProblem, match="no question"):
        check_page(Fake(""))
    with pytest.raises(PageProblem, match="no question"):
        check_page(Fake('<legend class="govuk-fieldset__legend--s"></legend>'))
    check_page(Fake("<legend>Will you come to the meeting?</legend>"))


def test_a_young_persons_questions_are_shown_even_when_styled(client, sign_in, khan):
    """A template that styles a legend ({"legend": {"classes": ...}}) keeps the question."""
    sign_in("maya")
    page = client.get(f"/conferences/{khan}/young-person/taking-part").get_data(as_text=True)
    legends = [" ".join(x.split()) for x in re.findall(r"<legend[^>]*>(.*?)</legend>", page, re.S)]
    assert any("Will you come to the meeting?" in legend for legend in legends)


def test_welsh_errors_say_gwall_not_error(client, sign_in, khan):
    sign_in("amira")
    client.get("/language/cy")
    path = family(khan, "/meeting/language")
    response = client.post(path, data={"csrf_token": form_token(client, path)})
    document = _document(response.get_data(as_text=True))
    prefixes = [
        "".join(span.itertext()).strip()
        for message in document.iter()
        if "govuk-error-message" in (message.get("class") or "")
        for span in message.iter("span")
        if "govuk-visually-hidden" in (span.get("class") or "")
    ]
    assert prefixes, "the page shows no error message"
    assert set(prefixes) == {"Gwall:"}, prefixes


def test_report_text_in_a_welsh_page_is_marked_as_english(client, sign_in, khan, demo):
    sign_in("amira")
    client.get("/language/cy")
    report = demo["reports"]["Social work report"]
    page = client.get(f"/conferences/{khan}/reports/{report}").get_data(as_text=True)
    document = _document(page)
    assert document.find(".//h1").get("lang") == "en"
    paragraphs = [p for p in document.iter("p") if p.get("lang") == "en"]
    assert paragraphs, "no report paragraph carries lang=en"
    english = client.get("/language/en") and client.get(f"/conferences/{khan}/reports/{report}")
    assert 'lang="en"' not in english.get_data(as_text=True).split("<body", 1)[1]


def test_welsh_dates_and_times_follow_the_locale(client, sign_in, khan):
    sign_in("amira")
    client.get("/language/cy")
    page = client.get(family(khan)).get_data(as_text=True)
    assert "Dydd " not in page, "a capital Dydd mid-sentence"
    assert re.search(r"dydd \w+ \d{1,2} \w+ \d{4}", page)
    assert not re.search(r"\d:\d\d\s?(AM|PM|am|pm|yb|yh)\b", page)


def test_english_times_are_british(client, sign_in, khan):
    sign_in("amira")
    page = client.get(family(khan)).get_data(as_text=True)
    assert not re.search(r"\d:\d\d\s?(AM|PM)\b", page)
    assert re.search(
        r"(Monday|Tuesday|Wednesday|Thursday|Friday) \d{1,2} \w+ \d{4} at \d\d:\d\d", page
    )


def test_lists_read_with_and_in_each_language(app):
    from flask_babel import force_locale

    from portal.templating import and_list

    with app.test_request_context():
        with force_locale("en"):
            assert and_list(["A short break", "A signal"]) == "A short break and A signal"
            assert and_list(["Priya", "Jo", "Sam"]) == "Priya, Jo and Sam"
        with force_locale("cy"):
            assert and_list(["Seibiant byr", "Arwydd"]) == "Seibiant byr ac Arwydd"
            assert and_list(["Priya", "Jo", "Sam"]) == "Priya, Jo, a Sam"
        assert and_list([]) == ""


def test_the_reports_line_is_the_councils_deadline_not_hers(client, sign_in, khan):
    sign_in("amira")
    page = client.get(family(khan)).get_data(as_text=True)
    assert "Due by" not in page
    assert page.count("The reports should reach you by") >= 2  # the task and the section


def test_an_untouched_journey_reads_not_started(client, sign_in, khan):
    sign_in("amira")
    page = client.get(family(khan)).get_data(as_text=True)
    row = page.split("How the meeting will work for you", 1)[1].split("</li>", 1)[0]
    assert "Not started" in row and "Draft saved" not in row
    assert f"/conferences/{khan}/family/meeting/name" in page


def test_check_your_answers_with_nothing_answered_does_not_offer_send(client, sign_in, khan):
    sign_in("amira")
    page = client.get(family(khan, "/meeting/check")).get_data(as_text=True)
    assert "You have not answered any questions yet" in page
    assert f'action="/conferences/{khan}/family/meeting/send"' not in page


def test_the_family_home_says_who_the_social_worker_is_and_how_to_reach_them(client, sign_in, khan):
    sign_in("amira")
    page = client.get(family(khan)).get_data(as_text=True)
    assert "Your social worker is Priya Patel" in page
    assert "01632 960000" in page and "conferences@northfield.example" in page
    what = client.get(family(khan, "/what-will-happen")).get_data(as_text=True)
    assert "Priya Patel" in what and "01632 960000" in what
