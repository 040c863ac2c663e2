"""A parent's pages before the meeting: their home and task list, what will happen, the
promise to keep reports private, comments on reports, their child, and how the meeting
will work for them. Everything they write is saved as they go."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal import messages, reading_language
from portal.access import conference_roles
from portal.data.interfaces import (
    advocacy,
    after_meeting,
    deadlines as deadline_store,
    family,
    minutes as minutes_store,
    visible,
)
from portal.data.models import (
    AttendanceMode,
    CommentKind,
    Participant,
    Report,
    Role,
    SubmissionStatus,
)
from portal.deadline_text import due_text
from portal.domain import clock, translations
from portal.domain.family_answers import changed_since_sent, open_for_changes
from portal.domain.vocabulary import PARENTS
from portal.family import after, bp, forms, seating
from portal.family_steps import (
    ABOUT_CHILD_QUESTIONS,
    BY_SLUG,
    STEPS,
    AboutChildForm,
    StepForm,
    next_slug,
    read_back,
    with_people,
)
from portal.labels import label
from portal.security import safe_next
from portal.shared_forms import ContinueForm, ReadForm

FRAGMENT_HEADER = "X-Portal-Fragment"


def _me() -> Participant:
    participant: Participant = g.participant
    return participant


def _open_for_changes() -> bool:
    return open_for_changes(clock.now(), g.conference.starts_at)


# --- Home ---------------------------------------------------------------------------------


def _task(title: str, href: str, status: str, hint: str = "") -> dict[str, Any]:
    """One row of the GOV.UK task list."""
    words, colour = {
        "done": (_("Done"), "green"),
        "sent": (_("Sent"), "green"),
        "draft": (_("Draft saved"), "blue"),
        "changed": (_("Changed since you sent it"), "yellow"),
        "in_progress": (_("In progress"), "blue"),
        "not_started": (_("Not started"), "grey"),
    }[status]
    row: dict[str, Any] = {
        "title": {"text": title},
        "href": href,
        "status": {"tag": {"text": words, "classes": f"govuk-tag--{colour}"}},
    }
    if hint:
        row["hint"] = {"text": hint}
    return row


def _progress(record: Any, started: bool) -> str:
    """Sent; changed since it was sent (send it again); a draft; or not started."""
    if record is not None and record.sent_answers is not None:
        return "changed" if changed_since_sent(record.answers, record.sent_answers) else "sent"
    return "draft" if started else "not_started"


def _report_entries(me: Participant) -> list[translations.Entry[Report]]:
    """The reports a parent may read, each with its translated copies: the copy in their
    language first (ADR 0022). Reading the original or a copy counts as reading it."""
    return translations.arrange(visible.reports(me), reading_language.reader_languages(me.person))


@bp.get("")
@conference_roles(*PARENTS)
def home(conference_id: uuid.UUID) -> str:
    me = _me()
    if me.privacy_notice_seen_at is None:
        return render_template(
            "family/welcome.html",
            conference=g.conference,
            form=None,
            continue_form=ContinueForm(),
        )
    if after_meeting.is_held(g.conference):
        # Once the meeting is held, the home leads to each child's decision (issue 11).
        return render_template(
            "family/after_home.html",
            conference=g.conference,
            me=me,
            reports=_report_entries(me),
            read=family.reports_read(me),
            shared_minutes=minutes_store.shared_for(me),
            plan_meetings=not visible.kept_from_decisions(me),
            **after.after_meeting_context(me),
        )
    reports = _report_entries(me)
    read = family.reports_read(me)
    about = family.about_children(me)
    answers = family.preferences(me)
    deadlines = deadline_store.for_conference(g.conference)
    reports_due = deadlines.get("reports_to_family")
    read_count = sum(1 for entry in reports if entry.read(read))
    tasks = [
        _task(
            _("Read the reports"),
            "#reports",
            "done"
            if reports and read_count == len(reports)
            else "in_progress"
            if read_count
            else "not_started",
            # The council's deadline, not hers (issue 14).
            _("The reports should reach you by %(date)s.", date=due_text(reports_due.deadline.due))
            if reports_due
            else "",
        )
    ]
    for child in g.conference.children:
        record = about.get(child.id)
        tasks.append(
            _task(
                _("Tell us about %(name)s", name=child.first_name),
                url_for("family.about_child", conference_id=conference_id, child_id=child.id),
                _progress(record, record is not None),
            )
        )
    # A record the social worker started (say, the interpreter) is not the parent's own
    # start: until she answers something herself, the journey is "Not started".
    answered = answers is not None and bool(answers.answers)
    tasks.append(
        _task(
            _("How the meeting will work for you"),
            url_for("family.check_answers", conference_id=conference_id)
            if answered
            else url_for("family.step", conference_id=conference_id, slug=STEPS[0].slug),
            _progress(answers, answered),
            _("Where you sit, how you join, and what helps you"),
        )
    )
    return render_template(
        "family/home.html",
        conference=g.conference,
        me=me,
        people=visible.people(me),
        reports=reports,
        read=read,
        tasks=tasks,
        reports_due=reports_due,
        advocate_statements=advocacy.statements(me),
        # Only what a young person sent and chose to share with this parent (issue 12).
        shared_views=visible.child_views(me),
    )


@bp.post("/welcome")
@conference_roles(*PARENTS)
def welcome(conference_id: uuid.UUID) -> Response:
    if not ContinueForm().validate_on_submit():
        abort(400)
    family.mark_privacy_notice_seen(_me())
    return redirect(url_for("family.home", conference_id=conference_id))


@bp.get("/what-will-happen")
@conference_roles(*PARENTS)
def what_will_happen(conference_id: uuid.UUID) -> str:
    return render_template("family/what_will_happen.html", conference=g.conference, me=_me())


# --- Reports ------------------------------------------------------------------------------


@bp.route("/keep-reports-private", methods=["GET", "POST"])
@conference_roles(*PARENTS)
def agreement(conference_id: uuid.UUID) -> str | Response:
    form = forms.AgreementForm()
    target = safe_next(request.args.get("next")) if request.args.get("next") else None
    if form.validate_on_submit():
        family.agree_to_keep_reports_private(_me())
        return redirect(target or url_for("family.home", conference_id=conference_id))
    return render_template("family/agreement.html", conference=g.conference, form=form)


@bp.post("/reports/<uuid:report_id>/read")
@conference_roles(*PARENTS)
def mark_read(conference_id: uuid.UUID, report_id: uuid.UUID) -> Response:
    report = visible.report(_me(), report_id) or abort(404)
    if not ReadForm().validate_on_submit():
        abort(400)
    family.mark_read(_me(), report)
    flash(_("Thank you. We have noted that you have read this report."))
    return redirect(url_for("conferences.report", conference_id=conference_id, report_id=report_id))


COMMENT_TITLES = {
    CommentKind.NOT_UNDERSTOOD: lambda: _("What don't you understand?"),
    CommentKind.THINK_WRONG: lambda: _("What do you think is wrong?"),
}


@bp.route("/reports/<uuid:report_id>/sections/<int:section>/<kind>", methods=["GET", "POST"])
@conference_roles(*PARENTS)
def comment(
    conference_id: uuid.UUID, report_id: uuid.UUID, section: int, kind: str
) -> str | Response:
    me = _me()
    report = visible.report(me, report_id) or abort(404)
    sections = report.current_version.sections if report.current_version else []
    if kind not in {k.value for k in CommentKind} or not 0 <= section < len(sections):
        abort(404)
    form = forms.CommentForm()
    too_late = not _open_for_changes()
    if too_late and form.is_submitted():
        # Refused with the reason, and what they wrote is kept on the page.
        form.validate()
        form.text.errors = [messages.MEETING_STARTED]
    elif form.validate_on_submit():
        family.add_comment(me, report, section, CommentKind(kind), form.text.data)
        flash(
            _(
                "Thank you. The person who wrote the report and the chair will see what you said before the meeting."
            )
        )
        return redirect(
            url_for("conferences.report", conference_id=conference_id, report_id=report_id)
        )
    return render_template(
        "family/comment.html",
        conference=g.conference,
        report=report,
        section=sections[section],
        title=COMMENT_TITLES[CommentKind(kind)](),
        form=form,
        too_late=too_late,
    )


# --- About my child -----------------------------------------------------------------------


@bp.route("/children/<uuid:child_id>", methods=["GET", "POST"])
@conference_roles(*PARENTS)
def about_child(conference_id: uuid.UUID, child_id: uuid.UUID) -> str | Response:
    me = _me()
    child = next((c for c in g.conference.children if c.id == child_id), None) or abort(404)
    record = family.about_child(me, child_id)
    form = AboutChildForm(data=record.answers if record and request.method == "GET" else None)
    too_late = not _open_for_changes()
    if too_late and form.is_submitted():
        pass  # Refused: the page says the meeting has started, and keeps what they wrote.
    elif form.validate_on_submit():
        sending = bool(form.send.data)
        family.save_about_child(me, child_id, form.answers(), send=sending)
        if sending:
            # No child's name here: flashes travel in the session cookie.
            flash(_("Thank you. The chair and your social worker can now read what you sent."))
            return redirect(url_for("family.home", conference_id=conference_id))
        flash(_("Saved as a draft. Only you can see it until you send it."))
        return redirect(
            url_for("family.about_child", conference_id=conference_id, child_id=child_id)
        )
    return render_template(
        "family/about_child.html",
        conference=g.conference,
        child=child,
        form=form,
        questions=ABOUT_CHILD_QUESTIONS,
        record=record,
        too_late=too_late,
        changed=record is not None and changed_since_sent(record.answers, record.sent_answers),
    )


# --- How the meeting will work for me -----------------------------------------------------


def _people_names(me: Participant) -> dict[str, str]:
    """The people this parent may choose to sit beside or apart from."""
    return {
        str(card.participant.id): _(
            "%(name)s (%(role)s)", name=card.name, role=label(card.participant.role)
        )
        for card in visible.people(me)
        if not card.is_me
    }


def _form_for(slug: str, answers: dict[str, Any] | None) -> StepForm:
    form = with_people(
        BY_SLUG[slug].form(data=answers if request.method == "GET" else None),
        _people_names(_me()) if slug == "seating" else {},
    )
    if slug == "attendance" and g.conference.local_office is None:
        form.how.choices = [  # type: ignore[attr-defined]
            c for c in form.how.choices if c.value != AttendanceMode.LOCAL_OFFICE
        ]
    return form


def _seats(beside: list[str], apart: list[str]) -> list[seating.Seat]:
    me = _me()
    names = {
        str(card.participant.id): card.name.split(" ")[0]
        for card in visible.people(me)
        if not card.is_me and card.participant.role != Role.CHAIR
    }
    beside = [names[i] for i in beside if i in names]
    apart = [names[i] for i in apart if i in names and names[i] not in beside]
    others = [n for n in names.values() if n not in beside and n not in apart]
    return seating.arrange(_("You"), _("Chair"), beside, apart, others)


@bp.route("/meeting/<slug>", methods=["GET", "POST"])
@conference_roles(*PARENTS)
def step(conference_id: uuid.UUID, slug: str) -> str | Response:
    if slug not in BY_SLUG:
        abort(404)
    if not _open_for_changes():
        return redirect(url_for("family.check_answers", conference_id=conference_id))
    me = _me()
    record = family.preferences(me)
    saved = (record.answers or {}).get(slug) if record else None
    form = _form_for(slug, saved)
    if form.validate_on_submit():
        family.save_step(me, slug, form.answers())
        if request.form.get("preview"):
            # "Update the picture" without JavaScript: saved, and back to the same step.
            return redirect(request.full_path.rstrip("?"))
        following = next_slug(slug)
        if request.args.get("from") == "check" or following is None:
            return redirect(url_for("family.check_answers", conference_id=conference_id))
        return redirect(url_for("family.step", conference_id=conference_id, slug=following))
    index = [s.slug for s in STEPS].index(slug)
    extra: dict[str, Any] = {}
    if slug == "seating":
        extra["seats"] = _seats(form.beside.data or [], form.not_near.data or [])
    return render_template(
        "family/step.html",
        conference=g.conference,
        form=form,
        step=BY_SLUG[slug],
        number=index + 1,
        total=len(STEPS),
        previous=STEPS[index - 1].slug if index else None,
        **extra,
    )


@bp.get("/meeting/seating-picture")
@conference_roles(*PARENTS)
def seating_picture(conference_id: uuid.UUID) -> Response:
    """The horseshoe for the choices on the page, so the picture follows them as they change."""
    seats = _seats(request.args.getlist("beside"), request.args.getlist("not_near"))
    response = Response(
        render_template("family/_horseshoe.html", seats=seats), mimetype="text/html"
    )
    response.headers[FRAGMENT_HEADER] = "1"  # a part of a page, not a page
    return response


@bp.get("/meeting/check")
@conference_roles(*PARENTS)
def check_answers(conference_id: uuid.UUID) -> str:
    me = _me()
    record = family.preferences(me)
    answers = (record.answers or {}) if record else {}
    people = _people_names(me)
    sections = [
        (item, read_back(item.slug, answers.get(item.slug) or {}, people)) for item in STEPS
    ]
    return render_template(
        "family/check_answers.html",
        conference=g.conference,
        sections=sections,
        record=record,
        open_for_changes=_open_for_changes(),
        history=family.history(record) if record else [],
        send_form=forms.SendForm(),
        is_sent=record is not None and record.status == SubmissionStatus.SENT,
        changed=record is not None and changed_since_sent(record.answers, record.sent_answers),
    )


@bp.post("/meeting/send")
@conference_roles(*PARENTS)
def send(conference_id: uuid.UUID) -> Response:
    if not forms.SendForm().validate_on_submit():
        abort(400)
    if not _open_for_changes():
        abort(404)
    family.send_preferences(_me())
    return redirect(url_for("family.sent", conference_id=conference_id))


@bp.get("/meeting/sent")
@conference_roles(*PARENTS)
def sent(conference_id: uuid.UUID) -> str:
    return render_template("family/sent.html", conference=g.conference)
