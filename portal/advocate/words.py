"""Plain words for a child about their advocate request (Middlesbrough standard 3: a
request that cannot be met is explained openly to the child)."""

from __future__ import annotations

from flask_babel import LazyString, lazy_gettext as _l

from portal.domain.vocabulary import AdvocateDeclineReason

WHY_NOT_FOR_THE_CHILD: dict[AdvocateDeclineReason, LazyString] = {
    AdvocateDeclineReason.NO_ONE_FREE: _l("No advocate is free before your meeting."),
    AdvocateDeclineReason.TOO_SOON: _l("Your meeting is too soon for an advocate to get ready."),
    AdvocateDeclineReason.NOT_OUR_AREA: _l("The advocates we asked do not work where you live."),
    AdvocateDeclineReason.YOUNG_PERSON_SAID_NO: _l(
        "You told them you do not want an advocate now."
    ),
}


def why_not(reason: AdvocateDeclineReason | None, words: str) -> list[str]:
    """The reason in plain words, then anything the service wrote for the child."""
    said = [str(WHY_NOT_FOR_THE_CHILD[reason])] if reason in WHY_NOT_FOR_THE_CHILD else []
    if words:
        said.append(words)
    return said
