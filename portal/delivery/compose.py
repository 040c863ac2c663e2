"""The words of each message, in the recipient's language, as plain text, HTML and SMS.

Subjects, previews and SMS texts say only that something is ready and how to sign in:
never report text, decisions, children's names or anything else about the case.
Councils in Wales write in Welsh and English together unless the person chose Welsh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import force_locale, gettext as _

from portal import i18n


@dataclass(frozen=True)
class Words:
    subject: str
    paragraphs: list[str]
    sms: str


@dataclass(frozen=True)
class Composed:
    subject: str
    text: str
    html: str
    sms: str


def _sign_in_code(params: dict[str, Any]) -> Words:
    code = params["code"]
    return Words(
        subject=_("Your sign-in code"),
        paragraphs=[
            _("Your code to sign in is %(code)s", code=code),
            _("It works for 15 minutes, once."),
            _("If you did not ask for this code, you do not need to do anything."),
        ],
        sms=_("Your code to sign in is %(code)s. It works for 15 minutes.", code=code),
    )


def _advocate_news(_params: dict[str, Any]) -> Words:
    # To the child (and whoever asked): an advocate was found, or cannot be. Nothing about
    # the case or the child, as in every message.
    return Words(
        subject=_("There is news for you"),
        paragraphs=[
            _("There is news about something you asked for."),
            _("Sign in to the portal to see it."),
        ],
        sms=_("There is news for you. Sign in to the portal to see it."),
    )


def _advocate_update(_params: dict[str, Any]) -> Words:
    # To the social worker: an advocacy service answered a referral.
    return Words(
        subject=_("An update on a conference"),
        paragraphs=[
            _("An advocacy service has answered a request for an advocate."),
            _("Sign in to the portal to see which conference and what happens next."),
        ],
        sms=_("An advocacy service has answered a request. Sign in to the portal to see it."),
    )


def _advocate_asked(_params: dict[str, Any]) -> Words:
    # To the social worker: someone asked for an advocate for a child.
    return Words(
        subject=_("An update on a conference"),
        paragraphs=[
            _("Someone has asked for an advocate for a young person."),
            _("Sign in to the portal to see which conference and what happens next."),
        ],
        sms=_("Someone has asked for an advocate. Sign in to the portal to see it."),
    )


def _advocate_not_found(_params: dict[str, Any]) -> Words:
    # To the social worker: no advocate found within 1 working day of the request.
    return Words(
        subject=_("Something needs your attention"),
        paragraphs=[
            _("A young person asked for an advocate and none has been found within 1 working day."),
            _("Sign in to the portal to see which conference, and arrange an advocate."),
        ],
        sms=_("An advocate has not been found in time. Sign in to the portal to see it."),
    )


def _advocate_referral(_params: dict[str, Any]) -> Words:
    # To the people of an advocacy service: a new referral is waiting.
    return Words(
        subject=_("A new referral"),
        paragraphs=[
            _("Your advocacy service has a new referral."),
            _("Sign in to the portal to see it and say if you can take it."),
        ],
        sms=_("Your advocacy service has a new referral. Sign in to the portal to see it."),
    )


KINDS: dict[str, Callable[[dict[str, Any]], Words]] = {
    "sign_in_code": _sign_in_code,
    "advocate_news": _advocate_news,
    "advocate_asked": _advocate_asked,
    "advocate_update": _advocate_update,
    "advocate_not_found": _advocate_not_found,
    "advocate_referral": _advocate_referral,
}


def languages_for(stored: str | None, in_wales: bool) -> list[str]:
    """Which languages a message is written in, first the one shown first."""
    language = i18n.supported(stored) or "en"
    if in_wales and language != "cy":
        return ["cy", language]
    return [language]


def compose(kind: str, params: dict[str, Any], languages: list[str], council: str) -> Composed:
    sections = []
    for language in languages:
        with force_locale(language):
            words = KINDS[kind](params)
        sections.append((language, i18n.text_direction(language), words))
    subject = " / ".join(words.subject for _language, _direction, words in sections)
    text = "\n\n---\n\n".join("\n\n".join(words.paragraphs) for _l, _d, words in sections)
    sms = "\n\n".join(words.sms for _language, _direction, words in sections)
    # Rendered without the page's context (no request, no signed-in person): only what
    # is passed here can appear in a message.
    html = current_app.jinja_env.get_template("messages/email.html").render(
        subject=subject,
        council=council,
        sections=sections,
        first_language=languages[0],
        first_direction=sections[0][1],
    )
    return Composed(subject=subject, text=text, html=html, sms=sms)
