"""Oversight (a manager or the council's administrator opening a conference they are not in)
reaches only the pages decided in ADR 13: a new page never becomes open to it by accident."""

from __future__ import annotations

from portal.domain.vocabulary import SEES_EVERY_CONFERENCE

OPEN_TO_OVERSIGHT = {"conferences.overview", "conferences.deadlines"}


def test_only_the_overview_and_the_deadlines_are_open_to_oversight(app):
    found = {
        endpoint
        for endpoint, view in app.view_functions.items()
        if getattr(view, "access_oversight", frozenset())
    }
    assert found == OPEN_TO_OVERSIGHT


def test_oversight_is_for_the_staff_who_see_every_conference(app):
    for endpoint in OPEN_TO_OVERSIGHT:
        assert app.view_functions[endpoint].access_oversight == SEES_EVERY_CONFERENCE
