"""The arrangements sheet: one or two printed A4 pages for the chair and the organiser.

One horseshoe for the room (one for each part of a meeting in two parts) from everyone's
seating wishes, with what cannot all be met flagged; who joins which part; interpreters and
languages; how each person wants to be addressed; what helps them take part and what helps
if they are upset; and who speaks for each child and how.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import g, render_template
from flask_babel import gettext as _

from portal.access import conference_roles
from portal.data.interfaces import arrangements
from portal.domain import seating
from portal.domain.vocabulary import FAMILY_ROLES, Role
from portal.family_steps import read_back
from portal.professional.arrangements import bp
from portal.templating import and_list

# The answers that set the room, in the order the sheet gives them.
SHEET_STEPS = ("name", "language", "communication", "attendance", "upset", "support")


def _conflict_text(conflict: seating.Conflict, names: dict[str, str]) -> str:
    people = and_list(names.get(key, _("Someone no longer invited")) for key in conflict.people)
    about = names.get(conflict.about, _("Someone no longer invited"))
    if conflict.kind == seating.SAME_NEIGHBOUR:
        return _("%(people)s each asked to sit beside %(name)s.", people=people, name=about)
    if conflict.kind == seating.BESIDE_SOMEONE_KEEPING_APART:
        return _(
            "%(people)s asked to sit beside %(name)s, who asked that they do not sit near them. They are seated apart.",
            people=people,
            name=about,
        )
    if conflict.kind == seating.KEPT_APART_SHARE_NEIGHBOUR:
        return _(
            "%(people)s both asked to sit beside %(name)s, but must not sit near each other.",
            people=people,
            name=about,
        )
    return _(
        "%(people)s asked not to sit near %(name)s, but there are too few seats to keep them apart.",
        people=people,
        name=about,
    )


def _lines(words: Any, slug: str) -> list[Any]:
    if words is None or words.sent_at is None:
        return []
    return read_back(slug, words.answers.get(slug) or {}, words.people, words.shown)


@bp.get("/<uuid:conference_id>/arrangements")
@conference_roles(Role.CHAIR, Role.ADMINISTRATOR)
def sheet(conference_id: uuid.UUID) -> str:
    found = arrangements.for_sheet(g.participant)
    kinds = {str(card.participant.id): card.participant.role for card in found.people}
    family = [card for card in found.people if card.participant.role in FAMILY_ROLES]
    people = [
        {
            "card": card,
            "answers": [
                line
                for slug in SHEET_STEPS
                for line in _lines(found.words.get(card.participant.id), slug)
            ],
        }
        for card in family
    ]
    child_answers = [
        (card.name, lines)
        for card in family
        if (lines := _lines(found.words.get(card.participant.id), "child"))
    ]
    return render_template(
        "professional/arrangements.html",
        conference=g.conference,
        sheet=found,
        people=people,
        child_answers=child_answers,
        conflicts={
            horseshoe.part: [_conflict_text(c, found.names) for c in horseshoe.conflicts]
            for horseshoe in found.horseshoes
        },
        seat_kind=lambda key: (
            "chair"
            if kinds.get(key) == Role.CHAIR
            else ("beside" if kinds.get(key) in FAMILY_ROLES else "other")
        ),
    )
