"""The conference administrator keeps the council's closure days; deadlines skip them."""

from __future__ import annotations

import re

import pytest

from tests.pages import form_token

PATH = "/council/closure-days"


def add(client, day, month, year, reason="Closed between Christmas and New Year"):
    return client.post(
        PATH,
        data={"day": [day, month, year], "reason": reason, "csrf_token": form_token(client, PATH)},
    )


def test_the_administrator_finds_the_page_from_their_meetings(client, sign_in):
    sign_in("chris")
    assert 'href="/council/closure-days"' in client.get("/conferences").get_data(as_text=True)
    sign_in("jo")
    assert 'href="/council/closure-days"' not in client.get("/conferences").get_data(as_text=True)


def test_adding_and_removing_a_closure_day(client, sign_in):
    sign_in("chris")
    response = add(client, "29", "12", "2031")
    assert response.status_code == 302
    page = client.get(PATH).get_data(as_text=True)
    assert "Monday 29 December 2031" in page
    remove = re.search(r'action="(/council/closure-days/[^"]+/remove)"', page).group(1)
    assert client.post(remove, data={"csrf_token": form_token(client, PATH)}).status_code == 302
    assert "Monday 29 December 2031" not in client.get(PATH).get_data(as_text=True)


def test_a_date_that_does_not_exist_gets_an_error_and_keeps_what_was_typed(client, sign_in):
    sign_in("chris")
    response = add(client, "31", "2", "2031", reason="Staff training")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Enter a real date, like 29 12 2027" in page
    assert 'value="31"' in page
    assert 'value="Staff training"' in page


def test_the_same_day_twice_is_refused(client, sign_in):
    sign_in("chris")
    add(client, "30", "12", "2031")
    page = add(client, "30", "12", "2031").get_data(as_text=True)
    assert "That day is already a closure day" in page


def test_the_date_fields_are_translated(client, sign_in):
    sign_in("chris", language="cy")
    page = client.get(PATH).get_data(as_text=True)
    labels = re.findall(
        r'<label class="govuk-label govuk-date-input__label"[^>]*>\s*([^<]*?)\s*</label>', page
    )
    assert labels == ["Diwrnod", "Mis", "Blwyddyn"]


@pytest.mark.parametrize("name", ["jo", "priya", "morgan", "tom"])
def test_only_the_councils_administrator_keeps_its_settings(client, sign_in, name):
    sign_in(name)
    assert client.get(PATH, follow_redirects=False).status_code == 404


def test_a_deactivated_administrator_no_longer_reaches_the_settings(client, sign_in, demo, app):
    from portal.data.models import Person
    from portal.extensions import db

    sign_in("chris")
    with app.app_context():
        db.session.get(Person, demo["people"]["chris"]).is_active = False
        db.session.commit()
    assert client.get(PATH, follow_redirects=False).status_code in {302, 404}
