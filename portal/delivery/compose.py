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
from portal.labels import label
from portal.templating import long_date, time_of_day


@dataclass(frozen=True)
class Words:
    subject: str
    paragraphs: list[str]
    sms: str
    # A paragraph that is a web address: the HTML part makes it a link.
    link: str | None = None


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


def _set_up_link(params: dict[str, Any]) -> Words:
    """A professional's one-time link to choose a password and set up an authenticator.

    It names the council that sent it, never a family or a child.
    """
    council, url = params["council"], params["url"]
    expires = _(
        "%(date)s at %(time)s",
        date=long_date(params["expires_at"]),
        time=time_of_day(params["expires_at"]),
    )
    if params.get("for_a_conference"):
        why = _(
            "%(council)s has invited you to a child protection conference. Set up your "
            "account on the portal to see the meeting's details and its reports.",
            council=council,
        )
    elif params.get("advocacy_service"):
        why = _(
            "%(council)s has made you an account on the Family Conference Portal, to see "
            "the referrals for an advocate that its children make to %(service)s.",
            council=council,
            service=params["advocacy_service"],
        )
    elif params.get("staff_role"):
        why = _(
            "%(council)s has made you an account on the Family Conference Portal, as %(role)s.",
            council=council,
            role=label(params["staff_role"]).lower(),
        )
    else:
        why = _(
            "%(council)s has made you an account on the Family Conference Portal.", council=council
        )
    return Words(
        subject=_("Set up your account on the Family Conference Portal"),
        paragraphs=[
            why,
            _("Use this link to choose a password and set up an authenticator app on your phone:"),
            url,
            _("The link works once, until %(expires)s.", expires=expires),
            _(
                "If it has run out, ask the portal administrator at %(council)s to send a new one.",
                council=council,
            ),
            _("If you were not expecting this email, you do not need to do anything."),
        ],
        sms=_("Set up your account on the Family Conference Portal: %(url)s", url=url),
        link=url,
    )


def _report_ready(_params: dict[str, Any]) -> Words:
    return Words(
        subject=_("A new report is ready to read"),
        paragraphs=[
            _("A new report for your meeting is ready to read."),
            _(
                "Sign in to the portal to read it. You can tell us if there is something you "
                "do not understand, or something you think is wrong."
            ),
        ],
        sms=_("A new report is ready to read. Sign in to the portal to see it."),
    )


def _report_changed(_params: dict[str, Any]) -> Words:
    return Words(
        subject=_("A report has changed"),
        paragraphs=[
            _("A report for your meeting has changed."),
            _("Sign in to the portal to see what changed."),
        ],
        sms=_("A report has changed. Sign in to the portal to see what changed."),
    )


def _report_reply(_params: dict[str, Any]) -> Words:
    return Words(
        subject=_("There is a reply to what you said"),
        paragraphs=[
            _("Someone has replied to what you said about a report."),
            _("Sign in to the portal to read their reply."),
        ],
        sms=_(
            "There is a reply to what you said about a report. Sign in to the portal to read it."
        ),
    )


# What a late report may mean for the meeting, by the policy's action (no case details).
_LATE_CONSEQUENCES: dict[str, Callable[[], str]] = {
    "consider_postponing": lambda: _(
        "Under this council's standards, think about whether the meeting should be moved."
    ),
    "stand_down": lambda: _("Under this council's standards, the meeting may be stood down."),
}


def _report_late(params: dict[str, Any]) -> Words:
    paragraphs = [_("A report for a meeting you chair was shared after its deadline.")]
    consequence = _LATE_CONSEQUENCES.get(str(params.get("action") or ""))
    if consequence is not None:
        paragraphs.append(consequence())
    paragraphs.append(_("Sign in to the portal to see which report and when it was shared."))
    return Words(
        subject=_("A report was shared late"),
        paragraphs=paragraphs,
        sms=_("A report was shared late. Sign in to the portal to see it."),
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


def _with_link(paragraphs: list[str], params: dict[str, Any]) -> tuple[list[str], str | None]:
    url = params.get("url")
    return ([*paragraphs, str(url)], str(url)) if url else (paragraphs, None)


def _minutes_ready(params: dict[str, Any]) -> Words:
    # Never the minutes' words: only that they are ready, and where.
    paragraphs, link = _with_link(
        [
            _("The record of your meeting (the minutes) is ready to read."),
            _("Sign in to the portal to read it. You can tell us if something in it is wrong."),
        ],
        params,
    )
    return Words(
        subject=_("The minutes are ready"),
        paragraphs=paragraphs,
        sms=_("The minutes of your meeting are ready. Sign in to the portal to read them."),
        link=link,
    )


def _minutes_changed(params: dict[str, Any]) -> Words:
    paragraphs, link = _with_link(
        [
            _("The record of your meeting (the minutes) has been corrected."),
            _("Sign in to the portal to see what changed."),
        ],
        params,
    )
    return Words(
        subject=_("The minutes have changed"),
        paragraphs=paragraphs,
        sms=_("The minutes of your meeting have changed. Sign in to the portal to see them."),
        link=link,
    )


def _minutes_reply(params: dict[str, Any]) -> Words:
    paragraphs, link = _with_link(
        [
            _("Someone has replied to what you said about the minutes."),
            _("Sign in to the portal to read their reply."),
        ],
        params,
    )
    return Words(
        subject=_("There is a reply to what you said"),
        paragraphs=paragraphs,
        sms=_(
            "There is a reply to what you said about the minutes. Sign in to the portal to read it."
        ),
        link=link,
    )


def _plan_updated(params: dict[str, Any]) -> Words:
    # After a core group meeting; the plan's words stay in the portal.
    paragraphs, link = _with_link(
        [
            _("The plan has been updated after the core group meeting."),
            _("Sign in to the portal to see the plan and what changed."),
        ],
        params,
    )
    return Words(
        subject=_("The plan has been updated"),
        paragraphs=paragraphs,
        sms=_("The plan has been updated. Sign in to the portal to see what changed."),
        link=link,
    )


def _decision_published(params: dict[str, Any]) -> Words:
    # To a parent, carer or young person: the decision is ready. Never its words.
    link = params["link"]
    return Words(
        subject=_("The decision from your meeting is ready"),
        paragraphs=[
            _("The decision and plan from your meeting are ready to read."),
            _("Sign in to the portal to read them:"),
            link,
            _("If you have a question, ask your social worker."),
        ],
        sms=_("The decision from your meeting is ready. Sign in to read it: %(link)s", link=link),
        link=link,
    )


def _decision_published_professional(params: dict[str, Any]) -> Words:
    link = params["link"]
    return Words(
        subject=_("A conference decision is ready"),
        paragraphs=[
            _("The decision and plan from a conference you were invited to are ready."),
            _("Sign in to the portal to read them:"),
            link,
        ],
        sms=_("A conference decision is ready. Sign in to read it: %(link)s", link=link),
        link=link,
    )


def _decision_corrected(params: dict[str, Any]) -> Words:
    link = params["link"]
    return Words(
        subject=_("The decision has been corrected"),
        paragraphs=[
            _("The decision and plan from the meeting have been corrected."),
            _("Sign in to the portal to read them and see what changed:"),
            link,
            _("If you have a question, ask your social worker."),
        ],
        sms=_("The decision has been corrected. Sign in to see what changed: %(link)s", link=link),
        link=link,
    )


def _decision_not_delivered(params: dict[str, Any]) -> Words:
    # To the chair, social worker and administrator, 4 hours before the deadline.
    link = params["link"]
    if params.get("cause") == "unpublished":
        first = _("A decision from a conference you are part of is not published yet.")
    else:
        first = _("A decision from a conference you are part of has not reached everyone yet.")
    return Words(
        subject=_("Something needs your attention"),
        paragraphs=[
            first,
            _(
                "The family should have it within 24 hours of the meeting, and that time "
                "is nearly up. You can phone them, print and post it, or take it by hand."
            ),
            _("Sign in to the portal to see who it has not reached:"),
            link,
        ],
        sms=_("A decision has not reached everyone in time. Sign in to see: %(link)s", link=link),
        link=link,
    )


KINDS: dict[str, Callable[[dict[str, Any]], Words]] = {
    "sign_in_code": _sign_in_code,
    "set_up_link": _set_up_link,
    "report_ready": _report_ready,
    "report_changed": _report_changed,
    "report_reply": _report_reply,
    "report_late": _report_late,
    "advocate_news": _advocate_news,
    "advocate_asked": _advocate_asked,
    "advocate_update": _advocate_update,
    "advocate_not_found": _advocate_not_found,
    "advocate_referral": _advocate_referral,
    "minutes_ready": _minutes_ready,
    "minutes_changed": _minutes_changed,
    "minutes_reply": _minutes_reply,
    "plan_updated": _plan_updated,
    "decision_published": _decision_published,
    "decision_published_professional": _decision_published_professional,
    "decision_corrected": _decision_corrected,
    "decision_not_delivered": _decision_not_delivered,
}


def _conference_kinds() -> dict[str, Callable[[dict[str, Any]], Words]]:
    # Imported here: those messages build on `Words` above.
    from portal.delivery import conference_messages

    return conference_messages.KINDS


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
            words = {**KINDS, **_conference_kinds()}[kind](params)
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
