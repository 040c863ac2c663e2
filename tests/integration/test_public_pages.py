from __future__ import annotations

import pytest

PUBLIC_PAGES = ["/", "/accessibility", "/privacy", "/cookies"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_load_for_anyone(client, path):
    response = client.get(path)
    assert response.status_code == 200


def test_start_page_names_the_council_not_gov_uk(client):
    page = client.get("/").get_data(as_text=True)
    assert "Northfield Borough Council" in page
    assert "GOV.UK" not in page
    assert "Crown copyright" not in page


def test_start_page_offers_exit_this_page(client):
    assert "govuk-exit-this-page" in client.get("/").get_data(as_text=True)


def test_footer_links_to_accessibility_privacy_and_cookies(client):
    page = client.get("/").get_data(as_text=True)
    for path in ("/accessibility", "/privacy", "/cookies"):
        assert f'href="{path}"' in page


def test_unknown_address_gives_a_translated_not_found_page(client):
    client.get("/language/cy")
    response = client.get("/no-such-page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert 'lang="cy"' in page
    assert "Page not found" not in page


def test_malformed_conference_id_is_not_found(client):
    assert client.get("/conferences/not-a-uuid").status_code == 404


def test_health_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_health_says_unavailable_when_the_database_does_not_answer(client, monkeypatch):
    from portal.data.interfaces import health

    monkeypatch.setattr(health, "database_answers", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unavailable"
