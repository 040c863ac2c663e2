"""Your meetings, for council staff: a bounded caseload with each conference's next deadline."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, select

from portal.data.models import Conference, ConferenceStatus, Person, Role
from portal.extensions import db
from tests import factories


def families(page: str) -> list[str]:
    return re.findall(r"The (\w+) family</a>", page)


def test_priya_sees_the_conferences_she_runs_with_the_next_deadline(client, sign_in):
    sign_in("priya")
    page = client.get("/conferences").get_data(as_text=True)
    assert families(page) == ["Khan"]  # Brown was held last week: in the past tab
    assert "Next: " in page
    past = client.get("/conferences?when=past").get_data(as_text=True)
    assert families(past) == ["Brown"]


def test_a_family_keeps_the_short_list_of_their_own_meetings(client, sign_in):
    sign_in("amira")
    page = client.get("/conferences").get_data(as_text=True)
    assert "Choose a meeting to get ready for it." in page
    assert "Next: " not in page


def test_a_partner_professional_keeps_the_short_list(client, sign_in):
    sign_in("tom")
    page = client.get("/conferences").get_data(as_text=True)
    assert "Choose a meeting to get ready for it." in page


def _add(app, demo, count, *, family="Extra", start_days=10, with_priya=False, **fields):
    """Conferences in the demo council, some with Priya as social worker."""
    with app.app_context():
        khan = db.session.get(Conference, demo["conferences"]["khan"])
        priya = db.session.get(Person, demo["people"]["priya"])
        made = []
        for n in range(count):
            conference = factories.conference(
                khan.authority,
                family_name=f"{family}{n:03d}",
                starts_at=datetime.now(UTC) + timedelta(days=start_days, hours=n),
                **fields,
            )
            if with_priya:
                factories.participant(conference, priya, Role.SOCIAL_WORKER)
            factories.report(conference)
            made.append(conference.id)
        db.session.commit()
    return made


def test_the_list_is_paged_by_25_and_every_page_can_be_reached(app, client, sign_in, demo):
    _add(app, demo, 30, with_priya=True)
    sign_in("priya")
    first = client.get("/conferences").get_data(as_text=True)
    assert len(families(first)) == 25
    after = re.search(r'href="(/conferences\?[^"]*after=[^"]+)"', first).group(1)
    second = client.get(after.replace("&amp;", "&")).get_data(as_text=True)
    assert len(families(second)) == 6  # Khan and 30 more, 31 in all
    assert set(families(first)).isdisjoint(families(second))
    assert "First page" in second


def test_sorting_by_family_and_filtering_by_status(app, client, sign_in, demo):
    _add(app, demo, 3, family="Zed", with_priya=True)
    _add(app, demo, 2, family="Abe", with_priya=True, status=ConferenceStatus.POSTPONED)
    sign_in("priya")
    by_name = families(client.get("/conferences?sort=family").get_data(as_text=True))
    assert by_name == sorted(by_name)
    assert by_name[0] == "Abe000"
    postponed = families(client.get("/conferences?status=postponed").get_data(as_text=True))
    assert postponed == ["Abe000", "Abe001"]


def test_a_made_up_cursor_or_choice_shows_the_first_page(client, sign_in):
    sign_in("priya")
    for query in ("after=nonsense", "after=WyJ4IiwieSJd", "sort=evil&status=gone&when=later"):
        response = client.get(f"/conferences?{query}")
        assert response.status_code == 200
        assert families(response.get_data(as_text=True)) == ["Khan"]


def test_morgan_the_manager_sees_every_conference_of_the_council_and_can_filter(
    app, client, sign_in, demo
):
    _add(app, demo, 2, family="Other")
    sign_in("morgan")
    page = client.get("/conferences").get_data(as_text=True)
    assert set(families(page)) == {"Khan", "Other000", "Other001"}
    assert "Social worker" in page and "Chair" in page
    priya = demo["people"]["priya"]
    mine = families(client.get(f"/conferences?social_worker={priya}").get_data(as_text=True))
    assert mine == ["Khan"]
    # Jo, a chair, sees only her own, and cannot use the manager's filters.
    sign_in("jo")
    assert families(client.get("/conferences").get_data(as_text=True)) == ["Khan"]


def test_another_councils_conferences_never_appear(app, client, sign_in):
    with app.app_context():
        factories.conference(family_name="Elsewhere")
        db.session.commit()
    sign_in("morgan")
    assert "Elsewhere" not in client.get("/conferences").get_data(as_text=True)


def test_morgan_opens_the_overview_and_deadlines_read_only(client, sign_in, demo):
    sign_in("morgan")
    khan = demo["conferences"]["khan"]
    page = client.get(f"/conferences/{khan}").get_data(as_text=True)
    assert "You are not in this conference" in page
    assert "Jo Evans" in page and "Priya Patel" in page
    assert "Social work report" not in page  # nothing anyone wrote
    assert "14 Elm Road" not in page
    assert client.get(f"/conferences/{khan}/deadlines").status_code == 200
    for path in ("what-the-family-said", "access-history", "restrictions", "messages"):
        assert client.get(f"/conferences/{khan}/{path}").status_code == 404


@pytest.fixture()
def count_queries(app):
    statements: list[str] = []

    def listener(*args):
        statements.append(args[2])

    def counted(client, path):
        with app.app_context():
            engine = db.engines[None]
        event.listen(engine, "before_cursor_execute", listener)
        try:
            statements.clear()
            assert client.get(path).status_code == 200
            return len(statements)
        finally:
            event.remove(engine, "before_cursor_execute", listener)

    return counted


@pytest.mark.parametrize("who", ["priya", "morgan"])
def test_the_number_of_queries_does_not_grow_with_the_caseload(
    app, client, sign_in, demo, count_queries, who
):
    sign_in(who)
    _add(app, demo, 5, family="Few", with_priya=True)
    few = count_queries(client, "/conferences")
    _add(app, demo, 45, family="Many", with_priya=True)
    many = count_queries(client, "/conferences")
    assert 0 < many == few
    with app.app_context():
        assert len(db.session.scalars(select(Conference)).all()) >= 52  # the data really grew
