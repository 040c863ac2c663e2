"""Writing, uploading and sharing a report; a new version; old versions; replies.

Drafts are their author's alone: another person's draft id gives 404, like another
conference's. Everything shared goes through `portal.reports.sharing`.
"""

from __future__ import annotations

import uuid

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from portal import messages
from portal.access import conference_roles
from portal.data.interfaces import audit, deadlines as deadline_store, family, reports, visible
from portal.data.models import Participant, ReportAudience, ReportDraft, ReportKind
from portal.domain import clock, limits, report_writing, translations
from portal.domain.languages import Language
from portal.domain.pdf_files import NotAcceptable, check_pdf
from portal.domain.vocabulary import COUNCIL_AND_AGENCIES
from portal.extensions import csrf
from portal.glossary import advise
from portal.reading_language import language_name
from portal.reports import bp, sharing
from portal.reports.forms import (
    CheckWordsForm,
    DeleteDraftForm,
    ReplyForm,
    ShareForm,
    StartForm,
    TranslateForm,
    UploadForm,
    answers_from,
    answers_into,
    field_name,
    writing_form,
)
from portal.shared_forms import NewVersionForm
from portal.widgets import options

WRITERS = tuple(report_writing.WRITES_REPORTS)
# Room for the form's other fields and the multipart framing around a 20 MB file.
MULTIPART_ALLOWANCE = 64 * 1024
PDF_PROBLEMS = {
    "not_pdf": messages.NOT_A_PDF,
    "encrypted": messages.PDF_PASSWORD,
    "empty": messages.PDF_EMPTY,
    "active": messages.PDF_ACTIVE,
}


def _draft(draft_id: uuid.UUID) -> ReportDraft:
    return reports.draft(g.participant, draft_id) or abort(404)


@bp.get("/<uuid:conference_id>/write")
@conference_roles(*WRITERS)
def index(conference_id: uuid.UUID) -> str:
    me: Participant = g.participant
    return render_template(
        "reports/index.html",
        conference=g.conference,
        drafts=reports.my_drafts(me),
        shared=reports.written_by_me(me),
        to_answer=reports.comments_to_answer(me),
    )


@bp.route("/<uuid:conference_id>/write/new", methods=["GET", "POST"])
@conference_roles(*WRITERS)
def start(conference_id: uuid.UUID) -> str | Response:
    me: Participant = g.participant
    form = StartForm()
    form.for_child.choices = options(
        [(str(child.id), child.first_name) for child in g.conference.children]
    )
    if request.method == "GET":
        form.agency.data = me.agency or me.person.agency or ""
    if form.validate_on_submit():
        audience = ReportAudience(form.audience.data)
        found = reports.start_draft(
            me,
            title=form.title.data,
            agency=form.agency.data,
            kind=ReportKind(form.kind.data),
            audience=audience,
            for_child_id=uuid.UUID(form.for_child.data)
            if audience == ReportAudience.CHILD
            else None,
            is_upload=form.way.data == "upload",
        )
        return redirect(url_for("reports.edit", conference_id=conference_id, draft_id=found.id))
    return render_template("reports/start.html", conference=g.conference, form=form)


@bp.route("/<uuid:conference_id>/write/<uuid:draft_id>", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, after the size check below (see _upload)
@conference_roles(*WRITERS)
def edit(conference_id: uuid.UUID, draft_id: uuid.UUID) -> str | Response:
    found = _draft(draft_id)
    if found.is_upload:
        return _upload(found)
    children = reports.children(g.conference)
    form = writing_form(children)
    if request.method == "GET":
        answers_into(form, children, found.answers or {})
    advice = {}
    if form.validate_on_submit():
        reports.save_answers(found, answers_from(form, children))
        if form.preview.data:
            return redirect(
                url_for("reports.preview", conference_id=conference_id, draft_id=found.id)
            )
        if not form.check.data:
            flash(_("Your draft is saved. Only you can see it until you share it."))
            return redirect(url_for("reports.edit", conference_id=conference_id, draft_id=found.id))
        # "Check my words": saved, then the same page with advice under each answer.
        advice = {
            name: advise(form[name].data)
            for index in range(len(children))
            for part in (*report_writing.HEADINGS, report_writing.SCALE_REASON)
            if form[name := field_name(index, part)].data
        }
    return render_template(
        "reports/edit.html",
        conference=g.conference,
        draft=found,
        form=form,
        children=list(enumerate(children)),
        field_name=field_name,
        advice=advice,
        delete_form=DeleteDraftForm(),
    )


def _upload(found: ReportDraft) -> str | Response:
    if request.method == "POST" and _too_big():
        form = UploadForm(formdata=None)
        form.file.errors = [str(messages.PDF_TOO_BIG)]
        return _upload_page(found, form)
    form = UploadForm()
    if form.validate_on_submit():
        problem = _store_pdf(found, form)
        if problem is None:
            flash(_("The PDF is uploaded. Check it, then share it."))
            return redirect(
                url_for("reports.preview", conference_id=found.conference_id, draft_id=found.id)
            )
        form.file.errors = [str(problem)]
    return _upload_page(found, form)


def _too_big() -> bool:
    """Whether the upload is over the limit, found before the form reads the body: from the
    size the browser declared (nothing read), or while parsing with this route's limit."""
    declared = request.content_length
    if declared is not None and declared > limits.PDF_BYTES + MULTIPART_ALLOWANCE:
        return True
    request.max_content_length = limits.PDF_BYTES + MULTIPART_ALLOWANCE
    try:
        request.files  # noqa: B018 - parse now, so a body over the limit is caught here
    except RequestEntityTooLarge:
        return True
    return False


def _store_pdf(found: ReportDraft, form: UploadForm) -> object | None:
    storage = form.file.data
    if storage is None or not getattr(storage, "filename", ""):
        return messages.CHOOSE_FILE
    stream = storage.stream
    stream.seek(0, 2)
    size = stream.tell()
    if size > limits.PDF_BYTES:
        # Werkzeug keeps a large upload in a temporary file: it is never read into memory.
        return messages.PDF_TOO_BIG
    stream.seek(0)
    content = stream.read()
    try:
        checked = check_pdf(content)
    except NotAcceptable as refused:
        return PDF_PROBLEMS[refused.code]
    reports.attach_pdf(g.participant, found, content, checked)
    return None


def _upload_page(found: ReportDraft, form: UploadForm) -> str:
    return render_template(
        "reports/upload.html",
        conference=g.conference,
        draft=found,
        form=form,
        stored=reports.draft_file(found),
        delete_form=DeleteDraftForm(formdata=None),
    )


@bp.post("/<uuid:conference_id>/write/check-words")
@conference_roles(*WRITERS)
def check_words(conference_id: uuid.UUID) -> Response:
    """Advice on one answer as it is typed (the editor's script; without it, "Check my
    words" gives the same advice). Posted, so the words never sit in a URL or a log."""
    form = CheckWordsForm()
    if not form.validate_on_submit():
        abort(400)
    response = Response(
        render_template(
            "reports/_check_words.html",
            advice=advise(form.text.data or ""),
            id=request.args.get("for", ""),
        ),
        mimetype="text/html",
    )
    response.headers["X-Portal-Fragment"] = "1"  # a part of a page, not a page
    return response


@bp.get("/<uuid:conference_id>/write/<uuid:draft_id>/preview")
@conference_roles(*WRITERS)
def preview(conference_id: uuid.UUID, draft_id: uuid.UUID) -> str:
    found = _draft(draft_id)
    sections = sharing.sections_of(g.conference, found)
    return render_template(
        "reports/preview.html",
        conference=g.conference,
        draft=found,
        sections=sections,
        stored=reports.draft_file(found),
        advice=[advise(section.get("text", "")) for section in sections],
        children=reports.child_names(g.conference),
    )


@bp.route("/<uuid:conference_id>/write/<uuid:draft_id>/share", methods=["GET", "POST"])
@conference_roles(*WRITERS)
def share(conference_id: uuid.UUID, draft_id: uuid.UUID) -> str | Response:
    me: Participant = g.participant
    found = _draft(draft_id)
    form = ShareForm()
    sections = sharing.sections_of(g.conference, found)
    is_new_version = found.report_id is not None
    if request.method == "GET":
        form.change_note.data = found.change_note
    if form.validate_on_submit():
        note = form.change_note.data or ""
        problems = report_writing.share_problems(
            found.is_upload, found.file_id is not None, sections, is_new_version, note
        )
        if any(problem.code == "change_note" for problem in problems):
            form.change_note.errors = [str(messages.ENTER_CHANGE)]
        elif not problems:
            found.change_note = note
            shared = sharing.share(me, g.conference, found)
            flash(
                _("The new version is shared. The family has been told what changed.")
                if shared.is_new_version
                else _("The report is shared.")
            )
            return redirect(
                url_for(
                    "conferences.report", conference_id=conference_id, report_id=shared.report.id
                )
            )
    return render_template(
        "reports/share.html",
        conference=g.conference,
        draft=found,
        form=form,
        nothing_to_share=not sections,
        nothing_message=messages.CHOOSE_FILE if found.is_upload else messages.WRITE_SOMETHING,
        is_new_version=is_new_version,
        late=sharing.late_if_shared_now(g.conference, found, clock.now()),
        deadlines=deadline_store.for_conference(g.conference),
    )


@bp.post("/<uuid:conference_id>/write/<uuid:draft_id>/delete")
@conference_roles(*WRITERS)
def delete(conference_id: uuid.UUID, draft_id: uuid.UUID) -> Response:
    found = _draft(draft_id)
    if not DeleteDraftForm().validate_on_submit():
        abort(400)
    reports.delete_draft(found)
    flash(_("The draft is deleted."))
    return redirect(url_for("reports.index", conference_id=conference_id))


@bp.post("/<uuid:conference_id>/reports/<uuid:report_id>/new-version")
@conference_roles(*WRITERS)
def new_version(conference_id: uuid.UUID, report_id: uuid.UUID) -> Response:
    me: Participant = g.participant
    found = visible.report(me, report_id) or abort(404)
    if not report_writing.may_revise(me.role, me.person_id, found.author_id):
        abort(404)
    if not NewVersionForm().validate_on_submit():
        abort(400)
    draft = reports.draft_for_new_version(me, found)
    return redirect(url_for("reports.edit", conference_id=conference_id, draft_id=draft.id))


@bp.route("/<uuid:conference_id>/reports/<uuid:report_id>/translate", methods=["GET", "POST"])
@conference_roles(*WRITERS)
def translate(conference_id: uuid.UUID, report_id: uuid.UUID) -> str | Response:
    """Add a translated copy of a report (ADR 0022): its language here, then the PDF is
    uploaded, checked and shared like a report's, with its own sharing time."""
    me: Participant = g.participant
    found = visible.report(me, report_id) or abort(404)
    if not (
        report_writing.may_revise(me.role, me.person_id, found.author_id)
        and translations.may_translate(found)
    ):
        abort(404)
    taken = reports.copy_languages(found)
    form = TranslateForm()
    form.language.choices = options(
        [
            (language.code, _language_choice(language))
            for language in translations.COPY_LANGUAGES
            if language.code not in taken
        ]
    )
    if form.validate_on_submit():
        draft = reports.start_translation(me, found, form.language.data)
        return redirect(url_for("reports.edit", conference_id=conference_id, draft_id=draft.id))
    return render_template(
        "reports/translate.html", conference=g.conference, report=found, form=form
    )


def _language_choice(language: Language) -> Markup:
    """ "Urdu (اردو)": its name in the page's language, and in itself, marked as such."""
    name = language_name(language.code)
    if name == language.own_name:
        return Markup('<span lang="%s" dir="%s">%s</span>') % (
            language.code,
            language.direction,
            name,
        )
    return Markup('%s (<span lang="%s" dir="%s">%s</span>)') % (
        name,
        language.code,
        language.direction,
        language.own_name,
    )


@bp.get("/<uuid:conference_id>/reports/<uuid:report_id>/versions/<int:number>")
@conference_roles(*COUNCIL_AND_AGENCIES)
def version(conference_id: uuid.UUID, report_id: uuid.UUID, number: int) -> str:
    found = visible.report(g.participant, report_id) or abort(404)
    shown = reports.version(found, number) or abort(404)
    audit.record(current_user.id, conference_id, audit.VIEWED, "report_version", shown.id)
    return render_template(
        "reports/version.html",
        conference=g.conference,
        report=found,
        version=shown,
        stored=reports.file_content(shown),
    )


@bp.route(
    "/<uuid:conference_id>/reports/<uuid:report_id>/comments/<uuid:comment_id>/reply",
    methods=["GET", "POST"],
)
@conference_roles(*WRITERS)
def reply(conference_id: uuid.UUID, report_id: uuid.UUID, comment_id: uuid.UUID) -> str | Response:
    me: Participant = g.participant
    found = visible.report(me, report_id) or abort(404)
    if not report_writing.may_revise(me.role, me.person_id, found.author_id):
        abort(404)
    # Only a comment this person may read (restrictions applied), on this report.
    comment = next((c for c in family.comments(me, found) if c.id == comment_id), None)
    if comment is None:
        abort(404)
    form = ReplyForm()
    if form.validate_on_submit():
        sharing.reply(me, comment, form.text.data)
        flash(_("Your reply is sent. They will see it under what they said."))
        return redirect(
            url_for("conferences.report", conference_id=conference_id, report_id=found.id)
        )
    sections = found.current_version.sections if found.current_version else []
    return render_template(
        "reports/reply.html",
        conference=g.conference,
        report=found,
        comment=comment,
        section=sections[comment.section] if 0 <= comment.section < len(sections) else None,
        earlier=reports.replies([comment]).get(comment.id, []),
        form=form,
    )
