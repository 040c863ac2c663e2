"""Pages every participant shares: the conference, its reports, the child's views,
the decision; and for those who run it, restrictions and the access history.

Everything shown comes through `portal.data.interfaces.visible`.
"""

from __future__ import annotations

import uuid

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from portal import reading_language
from portal.access import conference_roles, signed_in
from portal.conferences import bp, caseload
from portal.conferences.forms import RestrictionForm
from portal.data.interfaces import (
    advocacy,
    audit,
    authorities,
    caseload as caseload_store,
    conferences,
    deadlines as deadline_store,
    decision_versions,
    family,
    minutes as minutes_store,
    notifications,
    reports as report_store,
    restrictions as restriction_store,
    visible,
)
from portal.data.models import Participant, Restriction, RestrictionSubject, Role
from portal.domain import clock, published_plan, report_writing, translations
from portal.domain.family_answers import open_for_changes
from portal.domain.report_text import report_as_text
from portal.domain.vocabulary import (
    BOOKS_CONFERENCES,
    COUNCIL_AND_AGENCIES,
    FAMILY_ROLES,
    HOLDS_THE_CASE,
    PARENTS,
    RESTRICTABLE_ROLES,
    RUNS_THE_CONFERENCE,
    Category,
    Outcome,
)
from portal.labels import label, spoken_by_label
from portal.shared_forms import NewVersionForm, ReadForm, RemoveForm
from portal.widgets import options

EVERYONE = tuple(Role)


@bp.app_errorhandler(visible.PromiseNeeded)
def promise_first(error: visible.PromiseNeeded) -> Response:
    """Before a parent's first report opens, by any way in, the promise to keep them private;
    then on to the report itself."""
    report_page = url_for(
        "conferences.report", conference_id=error.conference_id, report_id=error.report_id
    )
    return redirect(
        url_for("family.agreement", conference_id=error.conference_id, next=report_page)
    )


@bp.get("")
@signed_in
def index() -> str | Response:
    if caseload.is_staff(current_user):
        return caseload.caseload_page()
    places = conferences.for_person(current_user.id)
    if len(places) == 1 and places[0].role == Role.YOUNG_PERSON:
        # A young person lands on their own pages, never on the parents' task list.
        return redirect(url_for("young_person.home", conference_id=places[0].conference_id))
    return render_template(
        "conferences/index.html",
        places=places,
        administers=authorities.administered_by(current_user),
        books=authorities.staff_authority(current_user, BOOKS_CONFERENCES) is not None,
        advocacy_service=advocacy.service_of(current_user),
    )


@bp.get("/<uuid:conference_id>")
@conference_roles(*EVERYONE, oversight=True)
def overview(conference_id: uuid.UUID) -> str | Response:
    if g.oversight:
        # A manager or the council's administrator, not in this conference: what it is, who
        # runs it and how its deadlines stand; nothing the family or professionals wrote.
        return render_template(
            "conferences/overview_oversight.html",
            conference=g.conference,
            holders=caseload_store.case_holders(conference_id),
            deadlines=deadline_store.for_conference(g.conference),
        )
    me: Participant = g.participant
    if me.role in PARENTS:
        return redirect(url_for("family.home", conference_id=conference_id))
    if me.role == Role.YOUNG_PERSON:
        return redirect(url_for("young_person.home", conference_id=conference_id))
    deadlines = deadline_store.for_conference(g.conference)
    reports = visible.reports(me)
    return render_template(
        "conferences/overview.html",
        conference=g.conference,
        me=me,
        deadlines=deadlines,
        people=visible.people(me),
        reports=reports,
        report_entries=translations.arrange(reports),
        views=visible.child_views(me),
        decisions=visible.decisions(me),
        runs_it=me.role in RUNS_THE_CONFERENCE,
        failed_family_messages=notifications.failed_for_family(conference_id, FAMILY_ROLES)
        if me.role in RUNS_THE_CONFERENCE
        else 0,
        manages_restrictions=me.role in HOLDS_THE_CASE,
        for_family=me.role in FAMILY_ROLES,
        writes_reports=report_writing.may_write(me.role),
        late_shares=report_store.late_shares(me, deadlines)
        if me.role in RUNS_THE_CONFERENCE
        else [],
        advocate_statements=advocacy.statements(me),
        shared_minutes=minutes_store.shared_for(me),
    )


@bp.get("/<uuid:conference_id>/reports/<uuid:report_id>")
@conference_roles(*EVERYONE)
def report(conference_id: uuid.UUID, report_id: uuid.UUID) -> str | Response:
    me: Participant = g.participant
    found = visible.report(me, report_id) or abort(404)
    parent = me.role in PARENTS
    audit.record(current_user.id, conference_id, audit.VIEWED, "report", found.id)
    deadlines = deadline_store.for_conference(g.conference)
    comments = family.comments(me, found)
    version = found.current_version
    professional = me.role in COUNCIL_AND_AGENCIES
    can_revise = report_writing.may_revise(me.role, me.person_id, found.author_id)
    # Translated copies (ADR 0022): a copy links to its original; an original lists its
    # copies, the one in the reader's language first. Both come through `visible`.
    original = visible.original_of(me, found)
    copies = visible.copies_of(me, found) if found.translation_of_id is None else []
    first = translations.first_copy(copies, reading_language.reader_languages(me.person))
    original_version = original.current_version if original else None
    return render_template(
        "conferences/report.html",
        conference=g.conference,
        report=found,
        original=original,
        behind_original=original_version is not None
        and version is not None
        and translations.behind_original(original_version.created_at, version.created_at),
        first_copy=first if me.role in FAMILY_ROLES else None,
        other_copies=[c for c in copies if c is not first or me.role not in FAMILY_ROLES],
        can_translate=can_revise and translations.may_translate(found),
        # Where the family reads English and theirs is another language, and no copy in
        # theirs is here: they can ask for an interpreter or a copy (as under a decision).
        interpreter=reading_language.interpreter_line(me.person)
        if parent and found.translation_of_id is None and first is None
        else "",
        deadlines=deadlines,
        late=deadline_store.shared_late(found, deadlines),
        for_family=me.role in FAMILY_ROLES,
        parent=parent,
        # Comments close when the meeting starts (they are for the meeting to read).
        can_comment=open_for_changes(clock.now(), g.conference.starts_at),
        read=found.id in family.reports_read(me) if parent else False,
        # A new version after they said they had read it: they are told, and can say so again.
        changed_since_read=parent
        and version is not None
        and version.number > 1
        and (read_moment := report_store.read_at(me, found.id)) is not None
        and read_moment < version.created_at,
        read_form=ReadForm(),
        comments=comments,
        me_id=me.id,
        replies=report_store.replies(comments),
        can_reply=can_revise,
        can_revise=can_revise,
        new_version_form=NewVersionForm() if can_revise else None,
        # Everyone who reads it sees what changed; earlier versions are for professionals.
        changes=[v for v in reversed(found.versions) if v.number > 1 and v.change_note],
        versions=found.versions if professional else [],
        stored=report_store.file_content(version) if version else None,
    )


@bp.get("/<uuid:conference_id>/reports/<uuid:report_id>/download")
@conference_roles(*EVERYONE)
def download_report(conference_id: uuid.UUID, report_id: uuid.UUID) -> Response:
    """The only way a report's file leaves the portal: access-checked, audited, and sent
    as an attachment the browser must not sniff or show inline."""
    me: Participant = g.participant
    found = visible.report(me, report_id) or abort(404)
    version = found.current_version
    number = request.args.get("version", type=int)
    if number is not None:
        # Earlier versions are for professionals only.
        if me.role not in COUNCIL_AND_AGENCIES:
            abort(404)
        version = report_store.version(found, number) or abort(404)
    audit.record(current_user.id, conference_id, audit.DOWNLOADED, "report", found.id)
    stored = report_store.file_content(version) if version else None
    suffix = f"-v{version.number}" if version and number is not None else ""
    if stored is not None:
        response = Response(stored.content, mimetype="application/pdf")
        filename = f"report-{found.id}{suffix}.pdf"
    else:
        text = report_as_text(found.title, found.agency, version.sections if version else [])
        response = Response(text, mimetype="text/plain")
        filename = f"report-{found.id}{suffix}.txt"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/<uuid:conference_id>/views/<uuid:view_id>")
@conference_roles(*EVERYONE)
def child_view(conference_id: uuid.UUID, view_id: uuid.UUID) -> str:
    me: Participant = g.participant
    found = visible.child_view(me, view_id) or abort(404)
    audit.record(current_user.id, conference_id, audit.VIEWED, "child_view", found.id)
    own = me.role == Role.YOUNG_PERSON
    # Everyone but the child reads what was sent, never a later draft (ADR 0007).
    share = (found.share if own else found.sent_share) or {}
    spoken_by = share.get("spoken_by")
    return render_template(
        "conferences/child_view.html",
        conference=g.conference,
        view=found,
        content=(found.content if own else found.sent_content) or {},
        spoken_by=spoken_by_label(spoken_by),
        back=url_for("family.home", conference_id=conference_id) if me.role in PARENTS else None,
    )


@bp.get("/<uuid:conference_id>/decisions/<uuid:decision_id>")
@conference_roles(*EVERYONE)
def decision(conference_id: uuid.UUID, decision_id: uuid.UUID) -> str | Response:
    """A child's decision as it was published; its working copy only to those holding the
    case, marked as not yet published. Parents and the young person read it on their own
    pages, in plain words, where "I have read this" is recorded."""
    me = g.participant
    found = visible.decision(me, decision_id) or abort(404)
    if me.role in PARENTS:
        return redirect(
            url_for("family.decision", conference_id=conference_id, child_id=found.child_id)
        )
    published = found.published
    if me.role == Role.YOUNG_PERSON and published and published.content.get("child_summary"):
        return redirect(url_for("young_person.decision", conference_id=conference_id))
    audit.record(current_user.id, conference_id, audit.VIEWED, "decision", found.id)
    plan = (
        decision_versions.plan_published(published)
        if published is not None
        else decision_versions.plan_of(found)
    )
    changed_since = published is not None and bool(
        published_plan.changed_parts(plan, decision_versions.plan_of(found))
    )
    return render_template(
        "conferences/decision.html",
        conference=g.conference,
        decision=found,
        plan=plan,
        outcome=Outcome(plan.outcome),
        category=Category(plan.category) if plan.category else None,
        version=published,
        changed_since=changed_since,
        me=me,
    )


@bp.get("/<uuid:conference_id>/deadlines")
@conference_roles(*RUNS_THE_CONFERENCE, oversight=True)
def deadlines(conference_id: uuid.UUID) -> str:
    found = deadline_store.for_conference(g.conference)
    return render_template(
        "conferences/deadlines.html",
        conference=g.conference,
        deadlines=found,
        # Each report (or translated copy) shared late, by name; not for a manager's
        # read-only view, which shows nothing people wrote.
        late_shares=report_store.late_shares(g.participant, found) if g.participant else [],
    )


@bp.get("/<uuid:conference_id>/access-history")
@conference_roles(*RUNS_THE_CONFERENCE)
def access_history(conference_id: uuid.UUID) -> str:
    token = request.args.get("before")
    before = audit.Position.parse(token) if token else None
    if token and before is None:
        abort(404)
    page = audit.history_page(conference_id, before)
    return render_template(
        "conferences/access_history.html",
        conference=g.conference,
        lines=page.lines,
        older=page.older.token() if page.older else None,
        first_page=before is None,
        page_size=audit.PAGE_SIZE,
    )


@bp.get("/<uuid:conference_id>/who-has-seen-my-views")
@conference_roles(Role.YOUNG_PERSON)
def who_opened_my_views(conference_id: uuid.UUID) -> str:
    me: Participant = g.participant
    lines = audit.who_opened_child_views(conference_id, me.child_id) if me.child_id else []
    return render_template("conferences/who_opened.html", conference=g.conference, lines=lines)


def _restriction_choices(me: Participant) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """What can be kept private, and from whom, in this conference."""
    what: list[tuple[str, str]] = [("", _("Choose"))]
    for item in visible.reports(me):
        what.append(
            (f"report:{item.id}", _("Report: %(title)s", title=reading_language.report_name(item)))
        )
    for view in visible.child_views(me):
        what.append(
            (
                f"child_view:{view.id}",
                _(
                    "%(name)s's views (%(format)s)",
                    name=view.child.first_name,
                    format=label(view.format),
                ),
            )
        )
    for item in visible.decisions(me):
        what.append((f"decision:{item.id}", _("Decision for %(name)s", name=item.child.first_name)))
    cards = visible.people(me)
    for card in cards:
        what.append(
            (f"address:{card.participant.person_id}", _("%(name)s's address", name=card.name))
        )
        what.append(
            (
                f"preferences:{card.participant.id}",
                _("%(name)s's answers about the meeting", name=card.name),
            )
        )
    who: list[tuple[str, str]] = [("", _("Choose")), ("children", _("Every young person"))]
    for role in sorted(RESTRICTABLE_ROLES):
        who.append((f"role:{role.value}", _("Everyone who is: %(role)s", role=label(role))))
    for card in cards:
        if not card.is_me:
            who.append(
                (
                    f"participant:{card.participant.id}",
                    _("%(name)s (%(role)s)", name=card.name, role=label(card.participant.role)),
                )
            )
    return what, who


@bp.route("/<uuid:conference_id>/restrictions", methods=["GET", "POST"])
@conference_roles(*HOLDS_THE_CASE)
def manage_restrictions(conference_id: uuid.UUID) -> str | Response:
    me: Participant = g.participant
    form = RestrictionForm()
    what_choices, who_choices = _restriction_choices(me)
    form.what.choices, form.hidden_from.choices = options(what_choices), options(who_choices)
    if form.validate_on_submit():
        kind, _sep, key = form.what.data.partition(":")
        target, _sep, whom = form.hidden_from.data.partition(":")
        subject = {
            "report": RestrictionSubject.REPORT,
            "child_view": RestrictionSubject.CHILD_VIEW,
            "decision": RestrictionSubject.DECISION,
            "address": RestrictionSubject.PERSON,
            "preferences": RestrictionSubject.PREFERENCES,
        }[kind]
        restriction_store.add(
            me,
            subject,
            uuid.UUID(key),
            form.reason.data.strip(),
            field="address" if kind == "address" else None,
            hidden_from_participant_id=uuid.UUID(whom) if target == "participant" else None,
            hidden_from_role=Role(whom) if target == "role" else None,
            hidden_from_children=target == "children",
        )
        flash(_("It is now kept private."))
        return redirect(url_for("conferences.manage_restrictions", conference_id=conference_id))
    what_names = dict(what_choices)
    who_names = dict(who_choices)
    return render_template(
        "conferences/restrictions.html",
        conference=g.conference,
        form=form,
        remove_form=RemoveForm(),
        restrictions=restriction_store.for_conference(conference_id),
        what_names=what_names,
        who_names=who_names,
    )


@bp.post("/<uuid:conference_id>/restrictions/<uuid:restriction_id>/remove")
@conference_roles(*HOLDS_THE_CASE)
def remove_restriction(conference_id: uuid.UUID, restriction_id: uuid.UUID) -> Response:
    if not RemoveForm().validate_on_submit():
        abort(400)
    if not restriction_store.remove(g.participant, restriction_id):
        abort(404)
    flash(_("It is no longer kept private."))
    return redirect(url_for("conferences.manage_restrictions", conference_id=conference_id))


_SUBJECT_KEYS = {
    RestrictionSubject.REPORT: "report",
    RestrictionSubject.CHILD_VIEW: "child_view",
    RestrictionSubject.DECISION: "decision",
    RestrictionSubject.PERSON: "address",
    RestrictionSubject.PREFERENCES: "preferences",
}


@bp.app_template_global()
def restriction_what(restriction: Restriction, names: dict[str, str]) -> str:
    key = f"{_SUBJECT_KEYS.get(restriction.subject, restriction.subject.value)}:{restriction.subject_id}"
    return names.get(key, _("Something that is no longer in this meeting"))


@bp.app_template_global()
def restriction_who(restriction: Restriction, names: dict[str, str]) -> str:
    if restriction.hidden_from_children:
        return names["children"]
    if restriction.hidden_from_role is not None:
        return names.get(
            f"role:{restriction.hidden_from_role.value}", label(restriction.hidden_from_role)
        )
    return names.get(
        f"participant:{restriction.hidden_from_participant_id}", _("Someone no longer invited")
    )
