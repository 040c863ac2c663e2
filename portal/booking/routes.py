"""Booking a conference (question pages, then check your answers), and arranging it: who
comes, the invitations, a new date, postponing or cancelling.

The answers so far are kept in a draft in the database, never in the browser's cookie:
they hold children's names and dates of birth, and must outlive a session that times out.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.access import conference_roles, council_staff
from portal.booking import bp, errors, notices
from portal.booking.forms import (
    LANGUAGE_CODES,
    BookForm,
    CallOffForm,
    ChairForm,
    ChildForm,
    FamilyMemberForm,
    InviteForm,
    KindForm,
    MovedForm,
    MoveForm,
    PartForm,
    PartnerForm,
    PlaceForm,
    PreviousForm,
    StaffMemberForm,
    StartForm,
    TimeForm,
    YoungPersonForm,
)
from portal.data.interfaces import booking as store
from portal.data.models import (
    BookingDraft,
    ConferenceKind,
    ConferencePart,
    ConferenceStatus,
    Participant,
    Role,
)
from portal.deadline_text import describe
from portal.domain import booking as rules, clock, collation
from portal.domain.deadlines import london_date
from portal.domain.vocabulary import BOOKS_CONFERENCES, FAMILY_ROLES, RUNS_THE_CONFERENCE
from portal.i18n import supported
from portal.labels import label
from portal.shared_forms import RemoveForm
from portal.templating import long_date, time_of_day
from portal.widgets import options

TIME_ERRORS = {
    rules.IN_THE_PAST: errors.IN_THE_PAST,
    rules.ENDS_BEFORE_START: errors.ENDS_BEFORE_START,
    rules.PART_TWO_OUTSIDE: errors.PART_TWO_OUTSIDE,
    rules.NO_PART_TWO: errors.NO_PART_TWO,
    rules.NO_SUCH_TIME: errors.NO_SUCH_TIME,
}


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _show_problems(form: Any, times: rules.MeetingTimes) -> bool:
    """Each problem next to its question; False when there were any."""
    for problem in times.problems:
        field = getattr(form, problem.field)
        field.errors = [*field.errors, TIME_ERRORS[problem.code]]
    return not times.problems


def _my_draft(booking_id: uuid.UUID) -> BookingDraft:
    return store.draft(g.authority, current_user, booking_id) or abort(404)


def _advice(kind: str | None, start: datetime | None) -> rules.InvitationAdvice | None:
    if kind is None or start is None:
        return None
    return rules.invitation_advice(
        store.policy_of(g.authority), kind, start, store.calendar(g.authority), clock.now()
    )


# --- The booking journey ------------------------------------------------------------------


@bp.route("/book", methods=["GET", "POST"])
@council_staff(*BOOKS_CONFERENCES)
def start() -> str | Response:
    form = StartForm()
    if form.validate_on_submit():
        booking = store.start_draft(g.authority, current_user)
        return redirect(url_for("booking.step", booking_id=booking.id, question="kind"))
    return render_template(
        "booking/start.html", form=form, drafts=store.drafts_of(g.authority, current_user)
    )


def _step_form(slug: str, booking: BookingDraft) -> Any:
    answers = booking.answers or {}
    if slug == "kind":
        return KindForm(data={"kind": answers.get("kind")})
    if slug == "previous":
        form = PreviousForm(data={"previous": answers.get("previous")})
        form.previous.choices = options(
            [("", _("Choose"))]
            + [
                (
                    str(item.id),
                    _(
                        "The %(family)s family, %(date)s",
                        family=item.family_name,
                        date=long_date(item.starts_at),
                    ),
                )
                for item in store.earlier_conferences(g.authority)
            ]
        )
        return form
    if slug == "moved":
        return MovedForm(data={"moved_on": _day(answers.get("moved_on"))})
    if slug == "children":
        return ChildForm()
    if slug == "time":
        form = TimeForm(
            data={
                "strategy_on": _day(answers.get("strategy_on")),
                "day": _day(answers.get("day")),
                **{key: answers.get(key) for key in ("starts", "ends", "two_parts", "part_two")},
            }
        )
        if answers.get("kind") not in rules.AFTER_A_STRATEGY_DISCUSSION:
            del form.strategy_on  # a review or transfer-in does not follow one
        return form
    if slug == "place":
        return PlaceForm(data={key: answers.get(key) for key in ("venue", "video", "local_office")})
    form = ChairForm(data={"chair": answers.get("chair")})
    form.chair.choices = options(
        [("", _("Choose"))] + [(str(p.id), p.full_name) for p in store.chairs(g.authority)]
    )
    return form


def _save_step(slug: str, form: Any, booking: BookingDraft) -> bool:
    """Keep this step's answers in the draft; False (with errors on the form) when wrong."""
    if slug == "kind":
        store.save_answers(booking, kind=form.kind.data)
    elif slug == "previous":
        found = None
        with contextlib.suppress(ValueError):
            found = store.earlier_conference(g.authority, uuid.UUID(form.previous.data))
        if found is None:
            form.previous.errors = [errors.CHOOSE_PREVIOUS]
            return False
        store.save_answers(booking, previous=str(found.id))
    elif slug == "moved":
        store.save_answers(booking, moved_on=form.moved_on.data.isoformat())
    elif slug == "children":
        children = list((booking.answers or {}).get("children", []))
        children.append(
            {
                "first_name": form.first_name.data,
                "last_name": form.last_name.data,
                "born": form.born.data.isoformat() if form.born.data else None,
                "expected": form.expected.data.isoformat() if form.expected.data else None,
            }
        )
        store.save_answers(booking, children=children)
    elif slug == "time":
        times = rules.meeting_times(
            form.day.data,
            form.starts.data,
            form.ends.data,
            form.two_parts.data == "yes",
            form.part_two.data,
            clock.now(),
        )
        if not _show_problems(form, times):
            return False
        store.save_answers(
            booking,
            strategy_on=form.strategy_on.data.isoformat()
            if "strategy_on" in form and form.strategy_on.data
            else None,
            day=form.day.data.isoformat(),
            starts=form.starts.data,
            ends=form.ends.data,
            two_parts=form.two_parts.data,
            part_two=form.part_two.data if form.two_parts.data == "yes" else "",
        )
    elif slug == "place":
        store.save_answers(
            booking,
            venue=form.venue.data,
            video=form.video.data,
            local_office=form.local_office.data,
        )
    else:
        if form.chair.data not in {str(p.id) for p in store.chairs(g.authority)}:
            form.chair.errors = [errors.CHOOSE_CHAIR]
            return False
        store.save_answers(booking, chair=form.chair.data)
    return True


def _next_step(slug: str, booking: BookingDraft) -> Response:
    steps = rules.questions_for((booking.answers or {}).get("kind"))
    if slug == "children":  # add another, or continue from the same page
        return redirect(url_for("booking.step", booking_id=booking.id, question="children"))
    if request.args.get("check") == "1" and not rules.unanswered(
        booking.answers or {}, clock.now()
    ):
        return redirect(url_for("booking.check", booking_id=booking.id))
    later = steps[steps.index(slug) + 1 :] if slug in steps else []
    if later:
        return redirect(url_for("booking.step", booking_id=booking.id, question=later[0]))
    return redirect(url_for("booking.check", booking_id=booking.id))


@bp.route("/book/<uuid:booking_id>/<question>", methods=["GET", "POST"])
@council_staff(*BOOKS_CONFERENCES)
def step(booking_id: uuid.UUID, question: str) -> str | Response:
    slug = question
    booking = _my_draft(booking_id)
    answers = booking.answers or {}
    steps = rules.questions_for(answers.get("kind"))
    if slug not in steps:
        abort(404)
    form = _step_form(slug, booking)
    if form.validate_on_submit() and _save_step(slug, form, booking):
        return _next_step(slug, booking)
    index = steps.index(slug)
    times = rules.draft_times(answers, clock.now())
    return render_template(
        "booking/step.html",
        form=form,
        slug=slug,
        booking=booking,
        answers=answers,
        number=index + 1,
        total=len(steps) + 1,
        previous=steps[index - 1] if index else None,
        next_after_children=steps[index + 1] if slug == "children" else None,
        remove_form=RemoveForm(),
        day=_day,
        kind=answers.get("kind"),
        advice=_advice(answers.get("kind"), times.starts_at) if slug == "time" else None,
    )


@bp.post("/book/<uuid:booking_id>/children/<int:index>/remove")
@council_staff(*BOOKS_CONFERENCES)
def remove_child(booking_id: uuid.UUID, index: int) -> Response:
    booking = _my_draft(booking_id)
    if not RemoveForm().validate_on_submit():
        abort(400)
    children = list((booking.answers or {}).get("children", []))
    if not 0 <= index < len(children):
        abort(404)
    del children[index]
    store.save_answers(booking, children=children)
    return redirect(url_for("booking.step", booking_id=booking_id, question="children"))


def _booking(answers: dict[str, Any]) -> store.Booking:
    """The booking the answers make; answers to questions this kind no longer asks (the
    booker changed the kind) are left out."""
    times = rules.draft_times(answers, clock.now())
    kind = ConferenceKind(answers["kind"])
    asked = rules.questions_for(kind.value)
    children = [
        store.NewChild(
            c["first_name"], c["last_name"], _day(c.get("born")), _day(c.get("expected"))
        )
        for c in (answers.get("children", []) if "children" in asked else [])
    ]
    previous = (
        store.earlier_conference(g.authority, uuid.UUID(answers["previous"]))
        if "previous" in asked and answers.get("previous")
        else None
    )
    family = previous.family_name if previous else (children[0].last_name if children else "")
    assert times.starts_at is not None
    return store.Booking(
        kind=kind,
        family_name=family,
        children=children,
        previous_conference_id=previous.id if previous else None,
        transfer_in_on=_day(answers.get("moved_on"))
        if kind is ConferenceKind.TRANSFER_IN
        else None,
        strategy_discussion_on=_day(answers.get("strategy_on"))
        if kind.value in rules.AFTER_A_STRATEGY_DISCUSSION
        else None,
        starts_at=times.starts_at,
        expected_end_at=times.ends_at,
        venue=answers.get("venue"),
        virtual_link=answers.get("video"),
        local_office=answers.get("local_office"),
        in_two_parts=answers.get("two_parts") == "yes",
        part_two_starts_at=times.part_two_at,
        chair_id=uuid.UUID(answers["chair"]),
    )


@bp.route("/book/<uuid:booking_id>/check", methods=["GET", "POST"])
@council_staff(*BOOKS_CONFERENCES)
def check(booking_id: uuid.UUID) -> str | Response:
    booking = _my_draft(booking_id)
    answers = booking.answers or {}
    unfinished = rules.unanswered(answers, clock.now())
    form = BookForm()
    if form.validate_on_submit() and not unfinished:
        try:
            conference = store.book(g.authority, current_user, _booking(answers), booking.id)
        except store.NotBookable:
            store.rollback()
            flash(
                _(
                    "Something in this booking is no longer right. Check the chair and the conference it follows."
                )
            )
            return redirect(url_for("booking.check", booking_id=booking_id))
        flash(_("Conference booked. Now add the people to invite."))
        return redirect(url_for("booking.people", conference_id=conference.id))
    times = rules.draft_times(answers, clock.now())
    chair = next((p for p in store.chairs(g.authority) if str(p.id) == answers.get("chair")), None)
    previous = (
        store.earlier_conference(g.authority, uuid.UUID(answers["previous"]))
        if answers.get("previous")
        else None
    )
    return render_template(
        "booking/check.html",
        form=form,
        booking=booking,
        answers=answers,
        steps=rules.questions_for(answers.get("kind")),
        unfinished=unfinished,
        times=times,
        chair=chair,
        previous=previous,
        day=_day,
        kind=ConferenceKind(answers["kind"]) if answers.get("kind") else None,
        advice=_advice(answers.get("kind"), times.starts_at),
    )


# --- Who comes: the conference's own pages ------------------------------------------------


def _language_choices() -> list[tuple[str, str]]:
    from babel import Locale

    from portal.i18n import select_locale

    reader = select_locale()
    named = [(code, Locale.parse(reader).languages.get(code, code)) for code in LANGUAGE_CODES]
    # Languages we offer first, then the others; each group in the reader's alphabetical order.
    in_order = collation.sorted_for(reader, named, lambda pair: pair[1])
    return [
        ("", _("Choose")),
        *sorted(in_order, key=lambda pair: supported(pair[0]) is None),
    ]


def _parts(form: Any) -> None:
    if not g.conference.in_two_parts:
        form.part.data = ConferencePart.BOTH.value
        form.part.raw_data = [ConferencePart.BOTH.value]


def _refused(form: Any, refusal: store.Refused) -> None:
    message = {
        store.ALREADY_INVITED: errors.ALREADY_INVITED,
        store.ADDRESS_IS_A_PROFESSIONAL: errors.ADDRESS_IS_A_PROFESSIONAL,
        store.ADDRESS_IS_FAMILY: errors.ADDRESS_IS_FAMILY,
        store.ADDRESS_IN_USE: errors.ADDRESS_IN_USE,
        store.NOT_OUR_STAFF: errors.CHOOSE_STAFF,
        store.NOT_OUR_CHILD: errors.CHOOSE_CHILD,
    }[refusal.code]
    field = getattr(form, refusal.field)
    field.errors = [*field.errors, message]


@bp.get("/conferences/<uuid:conference_id>/people")
@conference_roles(*RUNS_THE_CONFERENCE)
def people(conference_id: uuid.UUID) -> str:
    everyone = store.people(conference_id)
    previous, plan = store.previous_plan(g.conference)
    return render_template(
        "booking/people.html",
        conference=g.conference,
        previous=previous,
        plan=plan,
        family=[p for p in everyone if p.role in FAMILY_ROLES],
        professionals=[p for p in everyone if p.role not in FAMILY_ROLES],
        waiting=[p for p in everyone if p.invited_at is None],
        invite_form=InviteForm(),
        remove_form=RemoveForm(),
        advice=rules.invitation_advice(
            store.policy_of(g.conference.authority),
            g.conference.kind.value,
            g.conference.starts_at,
            store.calendar(g.conference.authority),
            clock.now(),
        ),
        open_for_changes=g.conference.status is ConferenceStatus.SCHEDULED,
    )


def _contact_form(form: Any) -> Any:
    form.language.choices = options(_language_choices())
    _parts(form)
    return form


def _added(form: Any, add: Callable[[], str]) -> Response | None:
    """Add someone (`add` returns their name): a banner with their name and back to the
    people page; or the refusal next to its field, with nothing saved."""
    try:
        name = add()
    except store.Refused as refusal:
        store.rollback()
        _refused(form, refusal)
        return None
    flash(_("%(name)s added.", name=name))
    return redirect(url_for("booking.people", conference_id=g.conference.id))


@bp.route("/conferences/<uuid:conference_id>/people/family", methods=["GET", "POST"])
@conference_roles(*RUNS_THE_CONFERENCE)
def add_family(conference_id: uuid.UUID) -> str | Response:
    form = _contact_form(FamilyMemberForm())
    if form.validate_on_submit():
        added = _added(
            form,
            lambda: (
                store.add_family_member(
                    g.conference,
                    full_name=form.full_name.data,
                    relationship=form.relationship.data,
                    email=form.email.data or None,
                    mobile=form.mobile_number(),
                    language=form.language.data or None,
                    needs_interpreter=form.needs_interpreter.data,
                    part=ConferencePart(form.part.data),
                ).person.full_name
            ),
        )
        if added is not None:
            return added
    return render_template(
        "booking/add_person.html",
        conference=g.conference,
        form=form,
        heading=_("Add a family member"),
    )


@bp.route("/conferences/<uuid:conference_id>/people/young-person", methods=["GET", "POST"])
@conference_roles(*RUNS_THE_CONFERENCE)
def add_young_person(conference_id: uuid.UUID) -> str | Response:
    form = _contact_form(YoungPersonForm())
    children = {str(c.id): c for c in g.conference.children}
    form.child.choices = options(
        [("", _("Choose"))] + [(key, c.full_name) for key, c in children.items()]
    )
    if form.validate_on_submit():
        if form.child.data not in children:
            form.child.errors = [errors.CHOOSE_CHILD]
        else:

            def add_young_person() -> str:
                store.add_young_person(
                    g.conference,
                    child_id=uuid.UUID(form.child.data),
                    email=form.email.data or None,
                    mobile=form.mobile_number(),
                    language=form.language.data or None,
                    needs_interpreter=form.needs_interpreter.data,
                    part=ConferencePart(form.part.data),
                )
                return children[form.child.data].full_name

            added = _added(form, add_young_person)
            if added is not None:
                return added
    return render_template(
        "booking/add_person.html",
        conference=g.conference,
        form=form,
        heading=_("Add a young person"),
    )


@bp.route("/conferences/<uuid:conference_id>/people/professional", methods=["GET", "POST"])
@conference_roles(*RUNS_THE_CONFERENCE)
def add_professional(conference_id: uuid.UUID) -> str | Response:
    authority = g.conference.authority
    staff_form = StaffMemberForm()
    partner_form = PartnerForm()
    already = {p.person_id for p in store.people(conference_id)}
    staff_form.staff_member.choices = options(
        [("", _("Choose"))]
        + [(str(p.id), p.full_name) for p in store.staff(authority) if p.id not in already]
    )
    if not g.conference.in_two_parts:
        staff_form.staff_part.data = ConferencePart.BOTH.value
        staff_form.staff_part.raw_data = [ConferencePart.BOTH.value]
    _parts(partner_form)
    failed = None
    if request.method == "POST" and "staff_member" in request.form:
        failed = staff_form
        if staff_form.validate_on_submit():
            try:
                chosen = uuid.UUID(staff_form.staff_member.data)
            except ValueError:
                chosen = uuid.uuid4()
            added = _added(
                staff_form,
                lambda: (
                    store.add_staff_member(
                        g.conference, authority, chosen, ConferencePart(staff_form.staff_part.data)
                    ).person.full_name
                ),
            )
            if added is not None:
                return added
    elif request.method == "POST":
        failed = partner_form
        if partner_form.validate_on_submit():
            added = _added(
                partner_form,
                lambda: (
                    store.add_partner_professional(
                        g.conference,
                        full_name=partner_form.full_name.data,
                        agency=partner_form.agency.data,
                        email=partner_form.email.data,
                        role=Role(partner_form.role.data),
                        part=ConferencePart(partner_form.part.data),
                    )[0].person.full_name
                ),
            )
            if added is not None:
                return added
    return render_template(
        "booking/add_professional.html",
        conference=g.conference,
        form=failed,
        staff_form=staff_form,
        partner_form=partner_form,
    )


@bp.route(
    "/conferences/<uuid:conference_id>/people/<uuid:participant_id>/part", methods=["GET", "POST"]
)
@conference_roles(*RUNS_THE_CONFERENCE)
def change_part(conference_id: uuid.UUID, participant_id: uuid.UUID) -> str | Response:
    """Who joins which part of a meeting in two parts (Dorset 1.8, Middlesbrough standard 4)."""
    conference = g.conference
    found = store.participant(conference, participant_id)
    if found is None or not conference.in_two_parts:
        abort(404)
    form = PartForm(data={"part": found.part.value})
    if form.validate_on_submit():
        was = notices.start_for(conference, found, conference.starts_at)
        store.set_part(found, ConferencePart(form.part.data))
        if found.invited_at is not None and conference.status is ConferenceStatus.SCHEDULED:
            notices.part_changed(conference, found, was)
        store.commit()
        flash(
            _(
                "Saved. %(name)s joins: %(part)s.",
                name=found.person.full_name,
                part=label(found.part),
            )
        )
        return redirect(url_for("booking.people", conference_id=conference_id))
    return render_template("booking/change_part.html", conference=conference, form=form, who=found)


@bp.post("/conferences/<uuid:conference_id>/people/<uuid:participant_id>/remove")
@conference_roles(*RUNS_THE_CONFERENCE)
def remove_person(conference_id: uuid.UUID, participant_id: uuid.UUID) -> Response:
    if not RemoveForm().validate_on_submit():
        abort(400)
    if participant_id == g.participant.id or not store.remove(g.conference, participant_id):
        abort(404)
    flash(_("They are no longer on the list."))
    return redirect(url_for("booking.people", conference_id=conference_id))


@bp.post("/conferences/<uuid:conference_id>/invitations")
@conference_roles(*RUNS_THE_CONFERENCE)
def send_invitations(conference_id: uuid.UUID) -> Response:
    if not InviteForm().validate_on_submit():
        abort(400)
    if g.conference.status is not ConferenceStatus.SCHEDULED:
        abort(404)
    waiting = store.not_yet_invited(conference_id)
    count = notices.invite(g.conference, waiting)
    store.mark_invited(waiting, clock.now())
    store.commit()
    flash(_("Invitations sent: %(count)d.", count=count))
    return redirect(url_for("booking.people", conference_id=conference_id))


def _others_invited(me: Participant) -> list[Participant]:
    return [p for p in store.invited(me.conference_id) if p.id != me.id]


@bp.route("/conferences/<uuid:conference_id>/date", methods=["GET", "POST"])
@conference_roles(*RUNS_THE_CONFERENCE)
def change_date(conference_id: uuid.UUID) -> str | Response:
    conference = g.conference
    if conference.status in {ConferenceStatus.CANCELLED, ConferenceStatus.HELD}:
        abort(404)
    form = MoveForm(
        data={
            "day": london_date(conference.starts_at),
            "starts": time_of_day(conference.starts_at),
            "ends": time_of_day(conference.expected_end_at),
            "part_two": time_of_day(conference.part_two_starts_at),
        }
    )
    if form.validate_on_submit():
        times = rules.meeting_times(
            form.day.data,
            form.starts.data,
            form.ends.data,
            conference.in_two_parts,
            form.part_two.data,
            clock.now(),
        )
        if _show_problems(form, times) and times.starts_at is not None:
            was = conference.starts_at
            store.move(conference, times.starts_at, times.ends_at, times.part_two_at)
            if times.starts_at != was:
                notices.moved(conference, was, _others_invited(g.participant))
            store.commit()
            flash(
                _(
                    "The date is changed. Everyone invited will be told, and the deadlines now follow the new date."
                )
            )
            advice = rules.invitation_advice(
                store.policy_of(conference.authority),
                conference.kind.value,
                conference.starts_at,
                store.calendar(conference.authority),
                clock.now(),
            )
            if advice is not None and advice.late:
                flash(
                    _(
                        "The new date leaves less time than this council's rules ask for "
                        "invitations (%(rule)s). Phone the people invited as well.",
                        rule=describe(advice.deadline.spec),
                    )
                )
            return redirect(url_for("booking.people", conference_id=conference_id))
    return render_template("booking/change_date.html", conference=conference, form=form)


@bp.route("/conferences/<uuid:conference_id>/postpone-or-cancel", methods=["GET", "POST"])
@conference_roles(*RUNS_THE_CONFERENCE)
def call_off(conference_id: uuid.UUID) -> str | Response:
    conference = g.conference
    if conference.status is not ConferenceStatus.SCHEDULED:
        abort(404)
    form = CallOffForm()
    if form.validate_on_submit():
        status = (
            ConferenceStatus.CANCELLED
            if form.action.data == rules.CANCEL
            else ConferenceStatus.POSTPONED
        )
        store.call_off(conference, status, form.reason.data, form.details.data)
        notices.called_off(conference, _others_invited(g.participant))
        store.commit()
        flash(_("Done. Everyone invited will be told."))
        return redirect(url_for("booking.people", conference_id=conference_id))
    return render_template("booking/call_off.html", conference=conference, form=form)
