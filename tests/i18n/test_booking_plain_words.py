"""What a family reads about their meeting being booked, moved, put off or cancelled is in
plain words: the invitation, the messages, and the family home afterwards."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.data.models import Notification
from portal.extensions import db
from tests.i18n.test_plain_words import _page_text, reading_problems, unexplained_acronyms
from tests.pages import form_token


def _family_messages(app, conference_id, template):
    with app.app_context():
        return list(
            db.session.scalars(
                select(Notification).where(
                    Notification.conference_id == conference_id,
                    Notification.template == template,
                    Notification.language == "en",
                )
            )
        )


@pytest.mark.parametrize("reason", ["reports_late_to_chair", "family_cannot_attend", "other"])
@pytest.mark.parametrize("action", ["postpone", "cancel"])
def test_a_family_told_of_a_meeting_put_off_or_cancelled_reads_it_easily(
    app, client, sign_in, demo, action, reason
):
    khan = demo["conferences"]["khan"]
    sign_in("priya")
    path = f"/conferences/{khan}/postpone-or-cancel"
    response = client.post(
        path,
        data={
            "action": action,
            "reason": reason,
            "details": "The police report was not with the chair by 2pm the day before.",
            "csrf_token": form_token(client, path),
        },
    )
    assert response.status_code == 302
    messages = _family_messages(app, khan, "called_off_family")
    assert messages, "the family was not told"
    problems = []
    for message in messages:
        problems += reading_problems("message", message.body)
        problems += [f"message uses {found}" for found in unexplained_acronyms(message.body)]
    sign_in("amira")
    home = f"/conferences/{khan}/family"
    problems += reading_problems(home, _page_text(client, home))
    assert problems == [], "\n".join(problems)


def test_a_family_invitation_is_easy_to_read(app, client, sign_in, demo):
    khan = demo["conferences"]["khan"]
    sign_in("priya")
    people = f"/conferences/{khan}/people"
    client.post(
        f"{people}/family",
        data={
            "full_name": "Nadia Khan",
            "relationship": "aunt",
            "email": "nadia.khan@family.example",
            "language": "en",
            "part": "both",
            "csrf_token": form_token(client, people),
        },
    )
    client.post(f"/conferences/{khan}/invitations", data={"csrf_token": form_token(client, people)})
    (invitation,) = _family_messages(app, khan, "invitation_family")
    assert_plain(invitation.body)


def assert_plain(body: str) -> None:
    # The link itself is not words a person reads.
    text = " ".join(part for part in body.split() if "://" not in part and "@" not in part)
    assert reading_problems("invitation", text) == []
    assert unexplained_acronyms(body) == []


def test_a_young_persons_invitation_is_easy_to_read(app, client, sign_in, demo):
    from portal.data.models import Child

    khan = demo["conferences"]["khan"]
    sign_in("priya")
    people = f"/conferences/{khan}/people"
    with app.app_context():
        leo = db.session.scalars(select(Child).where(Child.first_name == "Leo")).one()
        leo_id = str(leo.id)
    response = client.post(
        f"{people}/young-person",
        data={
            "child": leo_id,
            "email": "leo.khan@family.example",
            "language": "en",
            "part": "part_one",
            "csrf_token": form_token(client, people),
        },
    )
    assert response.status_code == 302
    client.post(f"/conferences/{khan}/invitations", data={"csrf_token": form_token(client, people)})
    (invitation,) = _family_messages(app, khan, "invitation_young_person")
    assert_plain(invitation.body)
