"""The words of messages about a conference: invitations, a new date, postponing and
cancelling. Composed in each recipient's language (see `compose`).

Subjects and texts never name the family, a child or anything about the case. The body
gives the date and time (people must know when to come) and how to sign in; where the
meeting is and why it was moved are on the portal's pages, behind sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask_babel import gettext as _

from portal import labels
from portal.delivery.compose import Words
from portal.templating import long_date, time_of_day


def _when(moment: str) -> dict[str, str]:
    start = datetime.fromisoformat(moment)
    return {"date": long_date(start), "time": time_of_day(start)}


def _family_invitation(params: dict[str, Any]) -> Words:
    when = _when(params["starts_at"])
    paragraphs = [
        _("Hello %(name)s,", name=params["name"]),
        _("You are invited to a meeting about your family on %(date)s at %(time)s.", **when),
        _(
            "At the meeting, your social worker and the people who work with your family "
            "talk with you about how to keep your children safe. The chair runs the meeting "
            "and makes sure everyone is heard."
        ),
        _(
            "You can get ready online first. You can read the reports, say what you think "
            "and tell us what will help you on the day."
        ),
    ]
    return _with_how_to_sign_in(params, when, paragraphs)


def _with_how_to_sign_in(
    params: dict[str, Any], when: dict[str, str], paragraphs: list[str]
) -> Words:
    """A family member's or young person's invitation: what it is about, then how to sign in
    (their own link, or a code to the address we have)."""
    if params.get("link"):
        paragraphs.append(
            _("To sign in, open this link: %(link)s (it works for 14 days).", link=params["link"])
        )
    paragraphs += [
        _(
            "Or go to %(address)s and sign in with this email address or mobile number. "
            "We will send you a code.",
            address=params["sign_in"],
        ),
        _("If you have a question, ask your social worker."),
    ]
    return Words(
        subject=_("You are invited to a meeting"),
        paragraphs=paragraphs,
        sms=_(
            "You are invited to a meeting on %(date)s at %(time)s. Sign in to get ready: %(link)s",
            link=params.get("link") or params["sign_in"],
            **when,
        ),
    )


def _young_person_invitation(params: dict[str, Any]) -> Words:
    when = _when(params["starts_at"])
    paragraphs = [
        _("Hello %(name)s,", name=params["name"]),
        _(
            "You are invited to a meeting about you and your family on %(date)s at %(time)s.",
            **when,
        ),
        _(
            "At the meeting, the people who help your family talk about how to keep you safe. "
            "What you think matters. You can tell them in your own words, or in a letter or "
            "a drawing."
        ),
        _(
            "You can ask your social worker for an advocate. An advocate is someone who helps "
            "you say what you want to say."
        ),
    ]
    return _with_how_to_sign_in(params, when, paragraphs)


def _professional_invitation(params: dict[str, Any]) -> Words:
    when = _when(params["starts_at"])
    paragraphs = [
        _("Hello %(name)s,", name=params["name"]),
        _(
            "You are invited to a child protection conference on %(date)s at %(time)s.",
            **when,
        ),
    ]
    if params.get("part_two_at"):
        paragraphs.append(
            _(
                "The conference is in two parts. You are invited to part two, from %(time)s.",
                time=time_of_day(datetime.fromisoformat(params["part_two_at"])),
            )
            if params.get("part") == "part_two"
            else _("The conference is in two parts. You are invited to part one.")
        )
    paragraphs += [
        _(
            "Sign in to see where it is held, who is invited, the reports and the deadlines: "
            "%(address)s",
            address=params["sign_in"],
        ),
    ]
    return Words(
        subject=_("Invitation to a conference"),
        paragraphs=paragraphs,
        sms=_(
            "You are invited to a conference on %(date)s at %(time)s. Details: %(address)s",
            address=params["sign_in"],
            **when,
        ),
    )


def _moved(params: dict[str, Any]) -> Words:
    before, after = _when(params["was"]), _when(params["starts_at"])
    return Words(
        subject=_("A meeting has a new date or time"),
        paragraphs=[
            _(
                "The meeting you are invited to on %(date)s at %(time)s has moved.",
                **before,
            ),
            _("It is now on %(date)s at %(time)s.", **after),
            _("If you cannot come at the new time, please tell your social worker."),
            _("Sign in to see the details: %(address)s", address=params["sign_in"]),
        ],
        sms=_(
            "The meeting on %(was)s has moved to %(date)s at %(time)s. Details: %(address)s",
            was=before["date"],
            address=params["sign_in"],
            **after,
        ),
    )


def _family_called_off(params: dict[str, Any]) -> Words:
    when = _when(params["starts_at"])
    reason = labels.status_reason_for_family(params.get("reason"))
    if params["cancelled"]:
        subject = _("Your meeting is cancelled")
        paragraphs = [
            _("The meeting about your family on %(date)s at %(time)s is cancelled.", **when),
            *([reason] if reason else []),
            _("Your social worker will talk with you about what happens next."),
        ]
        sms = _(
            "The meeting on %(date)s is cancelled. Your social worker will be in touch.", **when
        )
    else:
        subject = _("Your meeting is put off")
        paragraphs = [
            _(
                "The meeting about your family on %(date)s at %(time)s will not go ahead "
                "on that day.",
                **when,
            ),
            *([reason] if reason else []),
            _("We are sorry for the change. We will tell you the new date as soon as we can."),
        ]
        sms = _(
            "The meeting on %(date)s will not go ahead that day. We will tell you the new date.",
            **when,
        )
    paragraphs.append(_("If you have a question, ask your social worker."))
    return Words(subject=subject, paragraphs=paragraphs, sms=sms)


def _professional_called_off(params: dict[str, Any]) -> Words:
    when = _when(params["starts_at"])
    reason = labels.status_reason(params.get("reason"))
    if params["cancelled"]:
        subject = _("Conference cancelled")
        first = _("The conference on %(date)s at %(time)s is cancelled.", **when)
    else:
        subject = _("Conference postponed")
        first = _(
            "The conference on %(date)s at %(time)s is postponed. A new date will follow.",
            **when,
        )
    return Words(
        subject=subject,
        paragraphs=[
            first,
            _("Reason: %(reason)s", reason=reason),
            _("Sign in for details: %(address)s", address=params["sign_in"]),
        ],
        sms=f"{first} {_('Details: %(address)s', address=params['sign_in'])}",
    )


KINDS: dict[str, Callable[[dict[str, Any]], Words]] = {
    "invitation_family": _family_invitation,
    "invitation_young_person": _young_person_invitation,
    "invitation_professional": _professional_invitation,
    "conference_moved": _moved,
    "called_off_family": _family_called_off,
    "called_off_professional": _professional_called_off,
}
