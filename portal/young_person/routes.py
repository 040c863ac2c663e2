"""A young person's own pages: their meeting explained simply, their views in the form they
choose (each a draft until they send it), who sees each one, how they will take part, and
afterwards whether they felt heard (issue 12). Pictures are cleaned before they are kept
and served only to the people who may see the view they are in."""

from __future__ import annotations

import uuid
from typing import Any

from babel.lists import format_list
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from portal import messages
from portal.access import conference_roles
from portal.data.interfaces import (
    advocacy,
    after_meeting,
    audit,
    conferences,
    visible,
    young_person as store,
)
from portal.data.models import ChildView, ChildViewFormat, Participant, Role
from portal.domain import pictures
from portal.domain.letter import letter_to_html
from portal.domain.young_voice import (
    MAX_PICTURES_PER_VIEW,
    PICTURE_PLACES,
    ShareWith,
    has_words,
)
from portal.security import sanitise_html
from portal.young_person import bp, forms

EVERYONE = tuple(Role)

REFUSALS = {
    pictures.PictureRefused.EMPTY: messages.PICTURE_EMPTY,
    pictures.PictureRefused.TOO_BIG: messages.PICTURE_TOO_BIG,
    pictures.PictureRefused.NOT_A_PICTURE: messages.PICTURE_NOT_A_PICTURE,
    pictures.PictureRefused.HEIC_UNSUPPORTED: messages.PICTURE_HEIC,
    pictures.PictureRefused.TOO_MANY_PIXELS: messages.PICTURE_TOO_MANY_PIXELS,
}


def _me() -> Participant:
    participant: Participant = g.participant
    return participant


def _my_view(view_id: uuid.UUID) -> ChildView:
    found = store.my_view(_me(), view_id)
    if found is None:
        abort(404)
    return found


def _first_name(full_name: str) -> str:
    return full_name.split()[0] if full_name.strip() else full_name


def _names(me: Participant, people: list[uuid.UUID]) -> list[str]:
    by_id = {card.participant.id: card.name for card in visible.people(me)}
    return [by_id[person] for person in people if person in by_id]


def _name_list(names: list[str]) -> str:
    return format_list(names, locale=str(get_locale() or "en"))


# --- Home and the meeting explained ----------------------------------------------------------


@bp.get("")
@conference_roles(Role.YOUNG_PERSON)
def home(conference_id: uuid.UUID) -> str:
    me = _me()
    decisions = [d for d in visible.decisions(me) if d.published_at is not None]
    mine = after_meeting.for_child(me, me.child_id) if me.child_id else None
    return render_template(
        "young_person/home.html",
        # Their own version of the decision, or who will explain it (issue 11).
        my_decision=mine,
        conference=g.conference,
        me=me,
        views=store.my_views(me),
        reports=visible.reports(me),
        decisions=decisions,
        answers=store.answers(me),
        # What an advocate wrote on their behalf (issue 12), marked as the advocate's.
        advocate_statements=advocacy.statements(me),
    )


@bp.get("/about")
@conference_roles(Role.YOUNG_PERSON)
def about(conference_id: uuid.UUID) -> str:
    me = _me()
    people = [
        {"name": _first_name(card.name), "participant": card.participant}
        for card in visible.people(me)
        if not card.is_me
    ]
    return render_template("young_person/about.html", conference=g.conference, me=me, people=people)


# --- My views -----------------------------------------------------------------------------


@bp.route("/views", methods=["GET", "POST"])
@conference_roles(Role.YOUNG_PERSON)
def views(conference_id: uuid.UUID) -> str | Response:
    me = _me()
    form = forms.StartForm()
    if form.validate_on_submit():
        view = store.start_view(me, ChildViewFormat(form.format.data))
        return redirect(url_for(".edit_view", conference_id=conference_id, view_id=view.id))
    mine = store.my_views(me)
    return render_template(
        "young_person/views.html",
        conference=g.conference,
        views=mine,
        form=form,
        changed={view.id for view in mine if store.changed_since_sent(view)},
    )


def _edit_page(view: ChildView, form: Any, picture_form: Any, status: int = 200) -> Any:
    places = PICTURE_PLACES.get(view.format, ())
    return (
        render_template(
            "young_person/edit.html",
            conference=g.conference,
            view=view,
            words_form=form,
            # The layout's error summary and "Error:" title follow `form`: the one with errors.
            form=picture_form if picture_form.errors else form,
            picture_form=picture_form,
            takes_pictures=bool(places),
            houses=view.format == ChildViewFormat.THREE_HOUSES,
            questions=forms.question_fields(form),
            changed=store.changed_since_sent(view),
        ),
        status,
    )


@bp.route("/views/<uuid:view_id>", methods=["GET", "POST"])
@conference_roles(Role.YOUNG_PERSON)
def edit_view(conference_id: uuid.UUID, view_id: uuid.UUID) -> Any:
    view = _my_view(view_id)
    form_class = forms.VIEW_FORMS.get(view.format)
    if form_class is None:  # an older kind of view: it can be read, not changed here
        abort(404)
    content = view.content or {}
    form = form_class(data={k: str(v) if isinstance(v, int) else v for k, v in content.items()})
    if form.validate_on_submit():
        store.save_words(view, form.answers())
        if form.next.data:
            return redirect(url_for(".who_sees_it", conference_id=conference_id, view_id=view.id))
        flash(_("Your draft is saved. Only you can see it."))
        return redirect(url_for(".edit_view", conference_id=conference_id, view_id=view.id))
    return _edit_page(view, form, forms.PictureForm())


@bp.errorhandler(RequestEntityTooLarge)
def picture_too_big(error: RequestEntityTooLarge) -> Any:
    """A file far bigger than 10 MB: the page again, with the error next to the field."""
    arguments = request.view_args or {}
    conference_id, view_id = arguments.get("conference_id"), arguments.get("view_id")
    if (
        request.endpoint != "young_person.add_picture"
        or not current_user.is_authenticated
        or not isinstance(conference_id, uuid.UUID)
    ):
        return error
    me = conferences.participation(current_user.id, conference_id, {Role.YOUNG_PERSON})
    view = store.my_view(me, view_id) if me and isinstance(view_id, uuid.UUID) else None
    if me is None or view is None:
        abort(404)
    g.conference, g.participant = me.conference, me
    form_class = forms.VIEW_FORMS[view.format]
    picture_form = forms.PictureForm(formdata=None)
    picture_form.picture.errors = [messages.PICTURE_TOO_BIG]
    return _edit_page(view, form_class(formdata=None, data=view.content or {}), picture_form, 413)


@bp.post("/views/<uuid:view_id>/pictures")
@conference_roles(Role.YOUNG_PERSON)
def add_picture(conference_id: uuid.UUID, view_id: uuid.UUID) -> Any:
    view = _my_view(view_id)
    places = PICTURE_PLACES.get(view.format, ())
    if not places:
        abort(404)
    picture_form = forms.PictureForm()
    form_class = forms.VIEW_FORMS[view.format]
    words_form = form_class(formdata=None, data=view.content or {})
    if not picture_form.validate_on_submit():
        return _edit_page(view, words_form, picture_form)
    upload = picture_form.picture.data
    place = picture_form.place.data if len(places) > 1 else places[0]
    error = None
    if upload is None or not getattr(upload, "filename", None):
        error = messages.CHOOSE_A_PICTURE
    elif place not in places:
        picture_form.place.errors = [messages.CHOOSE_HOUSE]
        return _edit_page(view, words_form, picture_form)
    elif len((view.content or {}).get("pictures") or []) >= MAX_PICTURES_PER_VIEW:
        error = messages.TOO_MANY_PICTURES
    else:
        # Read one byte more than allowed: enough to know it is too big, never the whole.
        data = upload.stream.read(pictures.MAX_BYTES + 1)
        try:
            clean = pictures.clean(data)
        except pictures.PictureRefused as refused:
            error = REFUSALS[refused.reason]
        else:
            store.add_picture(view, clean, picture_form.caption.data or "", place)
            flash(_("Your picture is added. Only you can see it until you send it."))
            return redirect(
                url_for(".edit_view", conference_id=conference_id, view_id=view.id) + "#pictures"
            )
    picture_form.picture.errors = [error]
    return _edit_page(view, words_form, picture_form)


@bp.post("/views/<uuid:view_id>/pictures/<uuid:picture_id>/remove")
@conference_roles(Role.YOUNG_PERSON)
def remove_picture(conference_id: uuid.UUID, view_id: uuid.UUID, picture_id: uuid.UUID) -> Any:
    view = _my_view(view_id)
    if not forms.SendForm().validate_on_submit():
        abort(400)
    if not store.remove_picture(view, picture_id):
        abort(404)
    flash(_("The picture is taken out."))
    return redirect(url_for(".edit_view", conference_id=conference_id, view_id=view.id))


@bp.get("/views/<uuid:view_id>/pictures/<uuid:picture_id>")
@conference_roles(*EVERYONE)
def picture(conference_id: uuid.UUID, view_id: uuid.UUID, picture_id: uuid.UUID) -> Response:
    """A picture, only to those who may see it; never sniffed, never a page of its own."""
    found = store.picture(_me(), view_id, picture_id)
    if found is None or found.data is None:
        abort(404)
    if _me().role != Role.YOUNG_PERSON:  # the child looking at their own draft is not news
        audit.record(current_user.id, conference_id, audit.VIEWED, "child_view_picture", found.id)
    response = Response(found.data, mimetype=found.content_type)
    response.headers["Content-Disposition"] = f'inline; filename="{found.stored_name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- Who sees it, check and send ----------------------------------------------------------


def _people_choices(me: Participant) -> list[tuple[str, str]]:
    return [
        (
            str(card.participant.id),
            _("%(name)s (%(role)s)", name=card.name, role=_role_words(card.participant)),
        )
        for card in visible.people(me)
        if not card.is_me
    ]


def _role_words(participant: Participant) -> str:
    relation = (participant.relationship_to_child or "").lower()
    if participant.role == Role.PARENT and relation == "mother":
        return _("your mum")
    if participant.role == Role.PARENT and relation == "father":
        return _("your dad")
    return {
        Role.PARENT: _("your parent or carer"),
        Role.YOUNG_PERSON: _("young person"),
        Role.ADVOCATE: _("advocate"),
        Role.SOCIAL_WORKER: _("social worker"),
        Role.CHAIR: _("chair"),
        Role.ADMINISTRATOR: _("sets up the meeting"),
        Role.PROFESSIONAL: _("works with you or your family"),
        Role.INTERPRETER: _("interpreter"),
        Role.SUPPORTER: _("supporter"),
    }[participant.role]


@bp.route("/views/<uuid:view_id>/who-sees-it", methods=["GET", "POST"])
@conference_roles(Role.YOUNG_PERSON)
def who_sees_it(conference_id: uuid.UUID, view_id: uuid.UUID) -> Any:
    me, view = _me(), _my_view(view_id)
    share = view.share or {}
    form = forms.ShareForm(
        data={
            "share_with": share.get("with"),
            "people": share.get("people") or [],
            "spoken_by": share.get("spoken_by"),
        }
    )
    form.people.choices = forms.options(_people_choices(me))
    if form.validate_on_submit():
        choice = ShareWith(form.share_with.data)
        chosen = form.people.data if choice == ShareWith.CHOSEN else []
        draft = {"with": choice.value, "people": chosen, "spoken_by": form.spoken_by.data}
        if choice == ShareWith.CHOSEN and not chosen:
            form.people.errors = [messages.CHOOSE_PEOPLE]
        else:
            store.save_share(view, draft)
            if choice == ShareWith.ADVOCATE and not store.audience_of(me, view):
                form.share_with.errors = [messages.NO_ADVOCATE_YET]
            else:
                return redirect(url_for(".check", conference_id=conference_id, view_id=view.id))
    return render_template(
        "young_person/who_sees_it.html", conference=g.conference, view=view, form=form
    ), 200


@bp.route("/views/<uuid:view_id>/check", methods=["GET", "POST"])
@conference_roles(Role.YOUNG_PERSON)
def check(conference_id: uuid.UUID, view_id: uuid.UUID) -> Any:
    me, view = _me(), _my_view(view_id)
    if not (view.share or {}).get("with"):
        return redirect(url_for(".who_sees_it", conference_id=conference_id, view_id=view.id))
    people = store.audience_of(me, view)
    form = forms.SendForm()
    problem = None
    if not has_words(view.content or {}):
        problem = messages.NOTHING_TO_SEND
    elif not people:
        problem = messages.NO_ADVOCATE_YET
    if form.validate_on_submit() and problem is None:
        store.send(me, view)
        flash(_("Sent. Thank you for telling us."))
        return redirect(url_for(".views", conference_id=conference_id))
    return render_template(
        "young_person/check.html",
        conference=g.conference,
        view=view,
        form=form,
        who=_name_list(_names(me, people)),
        spoken_by=(view.share or {}).get("spoken_by"),
        problem=problem,
    )


# --- Taking part, and was I heard? --------------------------------------------------------


@bp.route("/taking-part", methods=["GET", "POST"])
@conference_roles(Role.YOUNG_PERSON)
def taking_part(conference_id: uuid.UUID) -> Any:
    me = _me()
    record = store.answers(me)
    form = forms.TakingPartForm(data=record.taking_part if record else None)
    if form.validate_on_submit():
        store.send_taking_part(me, form.answers())
        flash(_("Sent. The chair and your social worker will read it."))
        return redirect(url_for(".home", conference_id=conference_id))
    return render_template(
        "young_person/taking_part.html", conference=g.conference, form=form, record=record
    ), 200


@bp.route("/was-i-heard", methods=["GET", "POST"])
@conference_roles(Role.YOUNG_PERSON)
def was_i_heard(conference_id: uuid.UUID) -> Any:
    me = _me()
    published = [d for d in visible.decisions(me) if d.published_at is not None]
    if not published:
        # Only after the decision is published (issue 12): until then there is nothing to ask.
        return render_template("young_person/not_yet.html", conference=g.conference)
    record = store.answers(me)
    form = forms.HeardForm(data=record.heard if record and record.heard else None)
    if form.validate_on_submit():
        store.send_heard(me, form.answers())
        flash(_("Sent. Thank you. The chair and your social worker will read it."))
        return redirect(url_for(".was_i_heard", conference_id=conference_id))
    sent = [view for view in store.my_views(me) if view.sent_at is not None]
    return render_template(
        "young_person/was_i_heard.html",
        conference=g.conference,
        form=form,
        views=sent,
        opened=store.opened_by_chair(me),
        decisions=published,
        record=record,
    ), 200


@bp.app_template_filter("letter")
def letter_filter(text: str | None) -> Any:
    """A young person's letter as HTML: built by the tiny markup, then sanitised (the only
    way a person's words become Markup)."""
    return sanitise_html(letter_to_html(text or ""))
