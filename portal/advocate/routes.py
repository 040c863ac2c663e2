"""Advocates: a child (or a parent, or the social worker with the child's agreement) asks
for one; the advocacy service sees its referrals before anyone from it takes part, accepts
or declines; the advocate reads what the child shared with them, writes a statement on
the child's behalf and records meeting the child.

Every change and the messages it causes are committed together (ADR 0008).
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from portal import messages
from portal.access import advocacy_service, conference_roles
from portal.advocate import bp
from portal.advocate.forms import (
    NAMED,
    SERVICE,
    AcceptForm,
    AskForm,
    ContactForm,
    DeclineForm,
    SettleForm,
    StatementForm,
)
from portal.advocate.words import why_not
from portal.data.interfaces import advocacy, audit, visible
from portal.data.models import (
    AdvocateContactWay,
    AdvocateDeclineReason,
    AdvocateRequest,
    AdvocateRequestStatus,
    Participant,
    Role,
    SubmissionStatus,
)
from portal.delivery import outbox
from portal.domain import advocates, clock
from portal.domain.vocabulary import HOLDS_THE_CASE
from portal.labels import label
from portal.widgets import options

EVERYONE = tuple(Role)


# --- Asking, and what became of it ------------------------------------------------------------


def _status_lines(me: Participant, requests: list[AdvocateRequest]) -> list[dict[str, Any]]:
    met = advocacy.contacts(r.id for r in requests)
    calendar = advocacy.calendar_for(g.conference.authority)
    now = clock.now()
    lines = []
    for request in requests:
        contacts = met.get(request.id, [])
        asked_at = request.asked_at or request.created_at
        lines.append(
            {
                "request": request,
                "child": request.child,
                "progress": advocates.progress(request.status, bool(contacts)),
                "advocate": request.advocate.person if request.advocate else None,
                "agency": request.advocate.agency if request.advocate else None,
                "last_contact": contacts[0] if contacts else None,
                "why_not": why_not(request.decline_reason, request.decline_words),
                # The social worker sees when the working day to find one has passed.
                "late": me.role == Role.SOCIAL_WORKER
                and advocates.social_worker_must_be_told(
                    request.status, asked_at, None, now, calendar
                ),
            }
        )
    return lines


def _ask_form(me: Participant) -> AskForm:
    form = AskForm()
    service = advocacy.service_for(g.conference.authority_id)
    form.who.choices = options(
        [
            (
                SERVICE,
                _("An advocate from %(service)s", service=service.name)
                if service
                else _("An advocate the council finds for you"),
            ),
            (NAMED, _("Someone I know and trust")),
        ]
    )
    if me.role == Role.YOUNG_PERSON:
        del form.child
    else:
        form.child.choices = options([(str(c.id), c.first_name) for c in g.conference.children])
    if me.role != Role.SOCIAL_WORKER:
        del form.agreed
    return form


@bp.route("/conferences/<uuid:conference_id>/advocate", methods=["GET", "POST"])
@conference_roles(*advocates.MAY_ASK)
def ask(conference_id: uuid.UUID) -> str | Response:
    me: Participant = g.participant
    if me.role == Role.YOUNG_PERSON and me.child_id is None:
        abort(404)
    form = _ask_form(me)
    if form.validate_on_submit():
        child_id = me.child_id if me.role == Role.YOUNG_PERSON else uuid.UUID(form.child.data)
        named = form.named_advocate.data if form.who.data == NAMED else None
        asked = advocacy.ask(me, child_id, named, young_person_agreed=me.role == Role.SOCIAL_WORKER)
        if asked.new:
            _tell_about_new_request(me, asked.request)
            advocacy.commit()
            flash(_("You have asked for an advocate. You can see here what happens next."))
        else:
            flash(_("An advocate has already been asked for. We have not asked twice."))
        return redirect(url_for("advocate.ask", conference_id=conference_id))
    requests = advocacy.requests_for_children(conference_id)
    if me.role == Role.YOUNG_PERSON:
        requests = [r for r in requests if r.for_child_id == me.child_id]
    lines = _status_lines(me, requests)
    # A child sees the form only when there is nothing open to wait for.
    open_request = any(line["progress"] != "not_possible" for line in lines)
    return render_template(
        "advocate/ask.html",
        conference=g.conference,
        me=me,
        form=form,
        lines=lines,
        show_form=not (me.role == Role.YOUNG_PERSON and open_request),
        for_child=me.role == Role.YOUNG_PERSON,
    )


def _tell_about_new_request(me: Participant, request: AdvocateRequest) -> None:
    asked = (request.asked_at or clock.now()).isoformat()
    if request.advocacy_service_id is not None:
        for person_id in advocacy.service_people(request.advocacy_service_id):
            outbox.send(
                "advocate_referral",
                f"advocate-referral:{request.id}:{asked}",
                person_id,
                {},
            )
    for person_id in advocacy.social_workers(request.conference_id):
        if person_id != me.person_id:
            outbox.send(
                "advocate_asked",
                f"advocate-asked:{request.id}:{asked}",
                person_id,
                {},
                conference_id=request.conference_id,
            )


def _tell_about_answer(request: AdvocateRequest) -> None:
    """The child (and a parent who asked) hear there is news; the social worker hears the
    service answered. One message each per answer."""
    event = f"{request.id}:{request.status}:{(request.resolved_at or clock.now()).isoformat()}"
    family = {advocacy.young_person(request.conference_id, request.for_child_id)}  # type: ignore[arg-type]
    if request.requested_by.role == Role.PARENT:
        family.add(request.requested_by.person_id)
    for person_id in family - {None}:
        outbox.send(
            "advocate_news",
            f"advocate-news:{event}",
            person_id,  # type: ignore[arg-type]
            {},
            conference_id=request.conference_id,
        )
    for person_id in advocacy.social_workers(request.conference_id):
        outbox.send(
            "advocate_update",
            f"advocate-update:{event}",
            person_id,
            {},
            conference_id=request.conference_id,
        )


@bp.route(
    "/conferences/<uuid:conference_id>/advocate/requests/<uuid:request_id>",
    methods=["GET", "POST"],
)
@conference_roles(Role.SOCIAL_WORKER)
def settle(conference_id: uuid.UUID, request_id: uuid.UUID) -> str | Response:
    """The social worker records what happened to a request they arranged themselves."""
    request = advocacy.request_in(conference_id, request_id) or abort(404)
    form = SettleForm()
    if request.status != AdvocateRequestStatus.REQUESTED:
        flash(_("This request has already been answered."))
        return redirect(url_for("advocate.ask", conference_id=conference_id))
    if form.validate_on_submit():
        if form.outcome.data == "found":
            advocacy.arranged_by_social_worker(request, current_user)
        else:
            advocacy.decline(request, current_user, AdvocateDeclineReason.OTHER, form.words.data)
        _tell_about_answer(request)
        advocacy.commit()
        flash(_("Saved. The young person can see what happened."))
        return redirect(url_for("advocate.ask", conference_id=conference_id))
    return render_template(
        "advocate/settle.html", conference=g.conference, request=request, form=form
    )


# --- The advocacy service: its referrals ------------------------------------------------------


@bp.get("/advocacy/referrals")
@advocacy_service
def referrals() -> str:
    found = advocacy.referrals(g.advocacy_service)
    return render_template(
        "advocate/referrals.html",
        service=g.advocacy_service,
        waiting=[r for r in found if r.request.status == AdvocateRequestStatus.REQUESTED],
        answered=[r for r in found if r.request.status != AdvocateRequestStatus.REQUESTED],
        today=clock.today_in_london(),
    )


def _referral_page(found: advocacy.Referral, decline_form: DeclineForm | None = None) -> str:
    request = found.request
    mine = (
        request.advocate is not None
        and request.advocate.person_id == current_user.id
        and request.status == AdvocateRequestStatus.ARRANGED
    )
    return render_template(
        "advocate/referral.html",
        service=g.advocacy_service,
        referral=found,
        request=request,
        accept_form=AcceptForm(),
        form=decline_form or DeclineForm(),
        mine=mine,
        why_not=why_not(request.decline_reason, request.decline_words),
        today=clock.today_in_london(),
    )


def _referral(request_id: uuid.UUID) -> advocacy.Referral:
    return advocacy.referral(g.advocacy_service, request_id) or abort(404)


@bp.get("/advocacy/referrals/<uuid:request_id>")
@advocacy_service
def referral(request_id: uuid.UUID) -> str:
    return _referral_page(_referral(request_id))


@bp.post("/advocacy/referrals/<uuid:request_id>/accept")
@advocacy_service
def accept(request_id: uuid.UUID) -> Response:
    found = _referral(request_id)
    if not AcceptForm().validate_on_submit():
        abort(400)
    request = found.request
    if request.status != AdvocateRequestStatus.REQUESTED:
        flash(_("This referral has already been answered."))
        return redirect(url_for("advocate.referral", request_id=request_id))
    participant = advocacy.accept(request, current_user, g.advocacy_service.name)
    if participant is None:
        flash(str(messages.ALREADY_AN_ADVOCATE_HERE))
        return redirect(url_for("advocate.referral", request_id=request_id))
    _tell_about_answer(request)
    advocacy.commit()
    audit.record(
        current_user.id,
        request.conference_id,
        audit.ADVOCATE_ACCEPTED,
        "advocate_request",
        request.id,
    )
    flash(_("You are now %(name)s's advocate for this meeting.", name=found.child.first_name))
    return redirect(url_for("advocate.case", conference_id=request.conference_id))


@bp.post("/advocacy/referrals/<uuid:request_id>/decline")
@advocacy_service
def decline(request_id: uuid.UUID) -> str | Response:
    found = _referral(request_id)
    request = found.request
    if request.status != AdvocateRequestStatus.REQUESTED:
        flash(_("This referral has already been answered."))
        return redirect(url_for("advocate.referral", request_id=request_id))
    form = DeclineForm()
    if not form.validate_on_submit():
        return _referral_page(found, form)
    advocacy.decline(
        request, current_user, AdvocateDeclineReason(form.reason.data), form.words.data or ""
    )
    _tell_about_answer(request)
    advocacy.commit()
    audit.record(
        current_user.id,
        request.conference_id,
        audit.ADVOCATE_DECLINED,
        "advocate_request",
        request.id,
    )
    flash(_("You have declined the referral. The social worker has been told."))
    return redirect(url_for("advocate.referrals"))


# --- The advocate's work for the child ----------------------------------------------------


def _my_request() -> AdvocateRequest:
    return advocacy.request_of(g.participant) or abort(404)


def _case_page(request: AdvocateRequest, contact_form: ContactForm | None = None) -> str:
    me: Participant = g.participant
    statement = advocacy.statement_for(request)
    return render_template(
        "advocate/case.html",
        conference=g.conference,
        request=request,
        child=request.child,
        views=visible.child_views(me),
        statement=statement,
        contacts=advocacy.contacts([request.id])[request.id],
        form=contact_form or ContactForm(),
    )


@bp.get("/conferences/<uuid:conference_id>/advocate/case")
@conference_roles(Role.ADVOCATE)
def case(conference_id: uuid.UUID) -> str:
    return _case_page(_my_request())


@bp.post("/conferences/<uuid:conference_id>/advocate/met")
@conference_roles(Role.ADVOCATE)
def record_contact(conference_id: uuid.UUID) -> str | Response:
    request = _my_request()
    form = ContactForm(today=clock.today_in_london())
    if not form.validate_on_submit():
        return _case_page(request, form)
    advocacy.record_contact(
        request, current_user, form.met_on.data, AdvocateContactWay(form.way.data)
    )
    advocacy.commit()
    audit.record(
        current_user.id, conference_id, audit.MET_YOUNG_PERSON, "advocate_request", request.id
    )
    flash(_("You have recorded that you met %(name)s.", name=request.child.first_name))
    return redirect(url_for("advocate.case", conference_id=conference_id))


def _shareable(me: Participant) -> list[tuple[str, str]]:
    """People the child may agree to show the statement to, beyond those who always see it."""
    return [
        (
            str(card.participant.id),
            _("%(name)s (%(role)s)", name=card.name, role=label(card.participant.role)),
        )
        for card in visible.people(me)
        if not card.is_me
        and card.participant.role not in HOLDS_THE_CASE
        and card.participant.role != Role.YOUNG_PERSON
    ]


@bp.route("/conferences/<uuid:conference_id>/advocate/statement", methods=["GET", "POST"])
@conference_roles(Role.ADVOCATE)
def statement(conference_id: uuid.UUID) -> str | Response:
    me: Participant = g.participant
    request = _my_request()
    existing = advocacy.statement_for(request)
    if existing is not None and existing.status == SubmissionStatus.SENT:
        return redirect(
            url_for(
                "advocate.show_statement", conference_id=conference_id, statement_id=existing.id
            )
        )
    form = StatementForm(obj=existing)
    form.shared_with.choices = options(_shareable(me))
    if form.validate_on_submit():
        chosen = [uuid.UUID(value) for value in form.shared_with.data or []]
        saved = advocacy.save_statement(request, me, form.text.data, chosen, send=form.send.data)
        advocacy.commit()
        if saved.status == SubmissionStatus.SENT:
            audit.record(
                current_user.id, conference_id, audit.STATEMENT_SENT, "advocate_statement", saved.id
            )
            flash(_("You have sent the statement."))
            return redirect(
                url_for(
                    "advocate.show_statement", conference_id=conference_id, statement_id=saved.id
                )
            )
        flash(_("Your draft is saved. Nobody else can see it until you send it."))
        return redirect(url_for("advocate.statement", conference_id=conference_id))
    return render_template(
        "advocate/statement.html",
        conference=g.conference,
        child=request.child,
        form=form,
        draft=existing,
    )


@bp.get("/conferences/<uuid:conference_id>/advocate-statements/<uuid:statement_id>")
@conference_roles(*EVERYONE)
def show_statement(conference_id: uuid.UUID, statement_id: uuid.UUID) -> str:
    me: Participant = g.participant
    found = advocacy.statement(me, statement_id) or abort(404)
    audit.record(current_user.id, conference_id, audit.VIEWED, "advocate_statement", found.id)
    return render_template(
        "advocate/show_statement.html",
        conference=g.conference,
        statement=found,
        child=found.child,
        author=found.written_by.person,
        agency=found.written_by.agency,
        is_author=found.written_by_id == me.id,
    )
