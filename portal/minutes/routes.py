"""The minutes: the staff page (write or upload, approve, share, answer the family) and
the readers' page (read, download, say something is wrong).

Who may open the minutes is decided once, in `portal.domain.visibility.can_see_minutes`:
anyone kept from a decision of the conference gets 404 here and no message.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from portal import messages
from portal.access import conference_roles
from portal.data.interfaces import audit, deadlines as deadline_store, minutes as store
from portal.data.models import Minutes, Participant, Role
from portal.delivery import outbox
from portal.domain import clock, limits, minutes as rules
from portal.domain.deadlines import london_date
from portal.domain.pdf_files import NotAcceptable, check_pdf
from portal.domain.vocabulary import PARENTS, RUNS_THE_CONFERENCE
from portal.extensions import csrf
from portal.minutes import bp
from portal.minutes.forms import (
    EMPTY,
    ENTER_CHANGE,
    NOT_APPROVED,
    ApproveForm,
    MinutesTextForm,
    MinutesUploadForm,
    RemovePdfForm,
    ReplyForm,
    ShareForm,
    SomethingWrongForm,
)

EVERYONE = tuple(Role)
STAFF = tuple(RUNS_THE_CONFERENCE)
MULTIPART_ALLOWANCE = 64 * 1024
PDF_PROBLEMS = {
    "not_pdf": messages.NOT_A_PDF,
    "encrypted": messages.PDF_PASSWORD,
    "empty": messages.PDF_EMPTY,
    "active": messages.PDF_ACTIVE,
}
SHARE_PROBLEMS = {"empty": EMPTY, "not_approved": NOT_APPROVED, "no_change_note": ENTER_CHANGE}


def _public_url(endpoint: str, **values: object) -> str:
    """An absolute link for a message (written for someone who is not on the page)."""
    path = url_for(endpoint, **values)
    return f"{current_app.config['PUBLIC_BASE_URL']}{path}"


def _staff_page(
    found: Minutes | None,
    text_form: MinutesTextForm | None = None,
    upload_form: MinutesUploadForm | None = None,
    share_form: ShareForm | None = None,
    reply_forms: dict[uuid.UUID, ReplyForm] | None = None,
) -> str:
    me: Participant = g.participant
    conference = g.conference
    line = deadline_store.for_conference(conference).get("minutes")
    today = clock.today_in_london()
    due_day = None
    if line is not None:
        due = line.deadline.due
        due_day = london_date(due) if isinstance(due, datetime) else due
    if text_form is None:
        text_form = MinutesTextForm(formdata=None, text=found.text if found else "")
    found_comments = store.comments(found) if found else []
    forms = reply_forms or {}
    with_errors = [
        each
        for each in (text_form, upload_form, share_form, *forms.values())
        if each is not None and each.errors
    ]
    return render_template(
        "minutes/staff.html",
        conference=conference,
        minutes=found,
        stage=store.stage(found),
        may_write=me.role in rules.WRITES,
        may_approve=me.role in rules.APPROVES,
        may_reply=me.role in rules.REPLIES,
        text_form=text_form,
        upload_form=upload_form or MinutesUploadForm(formdata=None),
        remove_form=RemovePdfForm(formdata=None),
        approve_form=ApproveForm(formdata=None),
        share_form=share_form or ShareForm(formdata=None),
        is_correction=bool(found and found.versions),
        stored=store.file_of(found.file_id) if found else None,
        line=line,
        days_left=rules.days_left(due_day, today) if due_day else None,
        comments=found_comments,
        reply_forms={c.id: forms.get(c.id) or ReplyForm(formdata=None) for c in found_comments},
        readers=store.readers(conference.id),
        form=with_errors[0] if with_errors else None,
    )


@bp.route("/<uuid:conference_id>/minutes/write", methods=["GET", "POST"])
@conference_roles(*STAFF)
def write(conference_id: uuid.UUID) -> str | Response:
    me: Participant = g.participant
    found = store.of_conference(conference_id)
    if request.method == "GET":
        return _staff_page(found)
    if me.role not in rules.WRITES:
        abort(403)
    form = MinutesTextForm()
    if form.validate_on_submit():
        found = found or store.start(g.conference, me)
        store.save_text(found, form.text.data or "", me)
        flash(_("The draft is saved. Nobody outside the council sees it until it is shared."))
        return redirect(url_for("minutes.write", conference_id=conference_id))
    return _staff_page(found, text_form=form)


@bp.post("/<uuid:conference_id>/minutes/upload")
@csrf.exempt  # the form checks its own token, after the size check (as reports do)
@conference_roles(*rules.WRITES)
def upload(conference_id: uuid.UUID) -> str | Response:
    me: Participant = g.participant
    found = store.of_conference(conference_id)
    if _too_big():
        form = MinutesUploadForm(formdata=None)
        form.file.errors = [str(messages.PDF_TOO_BIG)]
        return _staff_page(found, upload_form=form)
    form = MinutesUploadForm()
    if form.validate_on_submit():
        storage = form.file.data
        problem: object | None = None
        if storage is None or not getattr(storage, "filename", ""):
            problem = messages.CHOOSE_FILE
        else:
            content = storage.stream.read(limits.PDF_BYTES + 1)
            if len(content) > limits.PDF_BYTES:
                problem = messages.PDF_TOO_BIG
            else:
                try:
                    checked = check_pdf(content)
                except NotAcceptable as refused:
                    problem = PDF_PROBLEMS[refused.code]
                else:
                    found = found or store.start(g.conference, me)
                    store.attach_pdf(found, me, content, checked)
                    flash(_("The PDF is uploaded. The chair approves it before it is shared."))
                    return redirect(url_for("minutes.write", conference_id=conference_id))
        form.file.errors = [str(problem)]
    return _staff_page(found, upload_form=form)


def _too_big() -> bool:
    declared = request.content_length
    if declared is not None and declared > limits.PDF_BYTES + MULTIPART_ALLOWANCE:
        return True
    request.max_content_length = limits.PDF_BYTES + MULTIPART_ALLOWANCE
    try:
        request.files  # noqa: B018 - parse now, so a body over the limit is caught here
    except RequestEntityTooLarge:
        return True
    return False


@bp.post("/<uuid:conference_id>/minutes/remove-pdf")
@conference_roles(*rules.WRITES)
def remove_pdf(conference_id: uuid.UUID) -> Response:
    found = store.of_conference(conference_id)
    if found is not None and RemovePdfForm().validate_on_submit():
        store.remove_pdf(found)
        flash(_("The PDF is removed."))
    return redirect(url_for("minutes.write", conference_id=conference_id))


@bp.post("/<uuid:conference_id>/minutes/approve")
@conference_roles(*rules.APPROVES)
def approve(conference_id: uuid.UUID) -> str | Response:
    found = store.of_conference(conference_id)
    if found is None or not store.has_content(found):
        flash(_("There is nothing to approve yet."))
        return redirect(url_for("minutes.write", conference_id=conference_id))
    if ApproveForm().validate_on_submit():
        store.approve(found, g.participant)
        flash(_("You have approved the minutes. They can now be shared."))
    return redirect(url_for("minutes.write", conference_id=conference_id))


@bp.post("/<uuid:conference_id>/minutes/share")
@conference_roles(*rules.WRITES)
def share(conference_id: uuid.UUID) -> str | Response:
    me: Participant = g.participant
    found = store.of_conference(conference_id)
    form = ShareForm()
    if not form.validate_on_submit():
        return _staff_page(found, share_form=form)
    is_correction = bool(found and found.versions)
    if found is not None and found.versions and not store.changed_since_shared(found):
        # A second click, or nothing new: the minutes are shared already.
        flash(_("These minutes are already shared."))
        return redirect(url_for("minutes.write", conference_id=conference_id))
    problem = rules.problem_sharing(
        store.has_content(found),
        bool(found and found.approved_at),
        is_correction,
        form.what_changed.data or "",
    )
    if problem is not None or found is None:
        form.what_changed.errors = [str(SHARE_PROBLEMS[problem or "empty"])]
        return _staff_page(found, share_form=form)
    version = store.add_version(found, me, form.what_changed.data or "")
    kind = "minutes_changed" if version.number > 1 else "minutes_ready"
    link = _public_url("minutes.read", conference_id=conference_id)
    for reader in store.readers(conference_id):
        if reader.person_id == me.person_id:
            continue
        outbox.send(
            kind,
            f"minutes-version:{version.id}",
            reader.person_id,
            {"url": link},
            conference_id=conference_id,
        )
    store.commit()
    flash(_("The minutes are shared. Everyone who may read them has been told."))
    return redirect(url_for("minutes.write", conference_id=conference_id))


@bp.post("/<uuid:conference_id>/minutes/comments/<uuid:comment_id>/reply")
@conference_roles(*rules.REPLIES)
def reply(conference_id: uuid.UUID, comment_id: uuid.UUID) -> str | Response:
    found = store.of_conference(conference_id) or abort(404)
    comment = store.comment(found, comment_id) or abort(404)
    form = ReplyForm()
    if not form.validate_on_submit():
        return _staff_page(found, reply_forms={comment.id: form})
    replied = store.reply(comment, g.participant, form.text.data or "")
    outbox.send(
        "minutes_reply",
        f"minutes-reply:{comment.id}:{comment.replied_at.isoformat() if comment.replied_at else ''}",
        replied.to_person_id,
        {"url": _public_url("minutes.read", conference_id=conference_id)},
        conference_id=conference_id,
    )
    store.commit()
    flash(_("Your reply is sent."))
    return redirect(url_for("minutes.write", conference_id=conference_id))


# --- Readers ----------------------------------------------------------------------------


def _readable() -> Minutes:
    me: Participant = g.participant
    found = store.of_conference(me.conference_id)
    if found is None or not found.versions or not store.may_see(me, found):
        abort(404)
    return found


@bp.route("/<uuid:conference_id>/minutes", methods=["GET", "POST"])
@conference_roles(*EVERYONE)
def read(conference_id: uuid.UUID) -> str | Response:
    me: Participant = g.participant
    found = _readable()
    may_comment = me.role in PARENTS
    form = SomethingWrongForm() if may_comment else None
    if request.method == "POST":
        if form is None:
            abort(403)
        if form.validate_on_submit():
            store.add_comment(found, me, form.what.data or "", form.why.data or "")
            flash(_("Thank you. We have sent what you said to the people who wrote the minutes."))
            return redirect(url_for("minutes.read", conference_id=conference_id) + "#yours")
    else:
        audit.record(current_user.id, conference_id, audit.VIEWED, "minutes", found.id)
    version = found.shared
    assert version is not None
    return render_template(
        "minutes/read.html",
        conference=g.conference,
        minutes=found,
        version=version,
        paragraphs=rules.paragraphs(version.text),
        stored=store.file_of(version.file_id),
        form=form,
        mine=store.comments(found, me) if may_comment else [],
        is_staff=me.role in RUNS_THE_CONFERENCE,
    )


@bp.get("/<uuid:conference_id>/minutes/download")
@conference_roles(*EVERYONE)
def download(conference_id: uuid.UUID) -> Response:
    """The shared minutes' PDF, access-checked and audited, as an attachment; `?draft=1`
    gives those who write and approve them the working copy's PDF."""
    me: Participant = g.participant
    if request.args.get("draft") and me.role in rules.WRITES:
        found = store.of_conference(conference_id) or abort(404)
        file_id = found.file_id
    else:
        found = _readable()
        file_id = found.shared.file_id if found.shared else None
    stored = store.file_of(file_id) or abort(404)
    audit.record(current_user.id, conference_id, audit.DOWNLOADED, "minutes", found.id)
    response = Response(stored.content, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="minutes-{found.id}.pdf"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
