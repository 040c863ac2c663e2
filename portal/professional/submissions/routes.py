"""What the family and young people sent: for the chair, social worker and organiser.

Each family member's and young person's sent answers (never a draft), labelled by name in
the reader's language; the reports each could read, when they opened them and whether they
said they had read them; advocate requests; and what is still to come. What the policy hides
from this reader (a parent's safety request from the organiser) is already taken out.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import g, render_template

from portal.access import conference_roles
from portal.data.interfaces import submissions, young_person as young_person_store
from portal.domain.vocabulary import RUNS_THE_CONFERENCE
from portal.family_steps import STEPS, about_child_lines, read_back
from portal.professional.submissions import bp


def _steps(words: Any) -> list[tuple[Any, list[Any]]]:
    """Each sent step's questions and answers, in the reader's language."""
    if words is None or words.sent_at is None:
        return []
    return [
        (step.title, lines)
        for step in STEPS
        if (
            lines := read_back(
                step.slug, words.answers.get(step.slug) or {}, words.people, words.shown
            )
        )
    ]


@bp.get("/<uuid:conference_id>/what-the-family-said")
@conference_roles(*RUNS_THE_CONFERENCE)
def sent(conference_id: uuid.UUID) -> str:
    children = {c.id: c.first_name for c in g.conference.children}
    members = submissions.for_conference(g.participant)
    entries = [
        {
            "member": member,
            "steps": _steps(member.words),
            "about_children": [
                (
                    children.get(about.child_id, ""),
                    about.sent_at,
                    about_child_lines(about.sent_answers or {}),
                )
                for about in (member.words.about_children if member.words else [])
            ],
        }
        for member in members
    ]
    return render_template(
        "professional/submissions.html",
        conference=g.conference,
        entries=entries,
        # What each young person said about taking part, and whether they felt heard
        # (the chair and social worker only: the policy filters the rest).
        young_people=young_person_store.young_peoples_answers(g.participant),
    )
