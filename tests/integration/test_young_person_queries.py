"""Maya's pages run the same number of queries with one view as with many."""

from __future__ import annotations

from sqlalchemy import event, select

from portal.data.models import ChildView, ChildViewFormat, Participant, SubmissionStatus
from portal.extensions import db


def _count(client, database, url):
    statements = []

    def record(_conn, _cursor, statement, _parameters, _context, _many):
        statements.append(statement)

    event.listen(database, "before_cursor_execute", record)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(database, "before_cursor_execute", record)
    return len(statements)


def _add_views(app, demo, how_many):
    with app.app_context():
        maya, amira = (
            db.session.scalars(
                select(Participant).where(
                    Participant.person_id == demo["people"][name],
                    Participant.conference_id == demo["conferences"]["khan"],
                )
            ).one()
            for name in ("maya", "amira")
        )
        for n in range(how_many):
            content = {"letter": f"Letter {n}"}
            db.session.add(
                ChildView(
                    conference_id=maya.conference_id,
                    child_id=maya.child_id,
                    format=ChildViewFormat.LETTER,
                    content=content,
                    sent_content=content,
                    share={"with": "chosen", "people": [str(amira.id)], "spoken_by": "myself"},
                    sent_share={"with": "chosen", "people": [str(amira.id)]},
                    audience=[str(amira.id)],
                    status=SubmissionStatus.SENT,
                )
            )
        db.session.commit()


def test_young_person_and_family_pages_do_not_grow_with_the_views(
    app, client, sign_in, database, demo
):
    khan = demo["conferences"]["khan"]
    pages = {
        "maya": [f"/conferences/{khan}/young-person", f"/conferences/{khan}/young-person/views"],
        "amira": [f"/conferences/{khan}/family"],
        "jo": [f"/conferences/{khan}/what-the-family-said"],
    }

    def counts():
        found = {}
        for who, urls in pages.items():
            sign_in(who)
            for url in urls:
                found[url] = _count(client, database, url)
        return found

    _add_views(app, demo, 1)
    few = counts()
    _add_views(app, demo, 20)
    many = counts()
    assert few == many
