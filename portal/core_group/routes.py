"""Core group meetings (dates, members, held), the plan updated after each one, and
progress against the plan at a review.

Dates follow the council's policy: the first meeting within its `first_core_group`
deadline, later ones at its interval, the plan updated within its `plan_update` days.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal import messages
from portal.access import conference_roles
from portal.core_group import bp
from portal.core_group.forms import (
    BEFORE_CONFERENCE,
    ENTER_BY_WHEN,
    ENTER_HOW,
    ENTER_WHO,
    PROGRESS_LABELS,
    TOO_MANY_MEMBERS,
    HeldForm,
    MeetingForm,
    plan_update_form,
    progress_form,
    progress_name,
    step_name,
)
from portal.data.interfaces import (
    core_group as store,
    deadlines as deadline_store,
    decision_versions,
    visible,
)
from portal.data.models import ConferenceKind, CoreGroupMeeting, Participant
from portal.delivery import outbox
from portal.domain import clock, core_group as rules
from portal.domain.deadlines import london_date
from portal.domain.vocabulary import PARENTS
from portal.templating import long_date

ARRANGES = tuple(rules.ARRANGES)
READS = (*rules.ARRANGES, *PARENTS)
PROGRESS_READERS = (*rules.RECORDS_PROGRESS, *PARENTS)


def _day(due: date | datetime) -> date:
    return london_date(due) if isinstance(due, datetime) else due


def _first_latest() -> date | None:
    line = deadline_store.for_conference(g.conference).get("first_core_group")
    return _day(line.deadline.due) if line is not None else None


def _page(form: MeetingForm | None = None) -> str:
    me: Participant = g.participant
    conference = g.conference
    policy = store.policy_of(conference)
    calendar = store.calendar_of(conference)
    found = store.meetings(conference.id)
    held = [meeting for meeting in found if meeting.held_on]
    may_arrange = me.role in rules.ARRANGES
    if form is None and may_arrange:
        form = MeetingForm(formdata=None, members="\n".join(store.default_members(conference.id)))
    updates = {
        meeting.id: rules.plan_update_due(meeting.held_on, policy.plan_update, calendar)
        for meeting in held
        if meeting.held_on
    }
    return render_template(
        "core_group/meetings.html",
        conference=conference,
        meetings=found,
        first_latest=_first_latest(),
        every_weeks=policy.core_group_every_weeks,
        next_by=rules.next_meeting_by(
            held[-1].held_on if held else None, policy.core_group_every_weeks
        ),
        has_plan_update_rule=bool(policy.plan_update),
        updates=updates,
        may_arrange=may_arrange,
        may_update=me.role in rules.UPDATES_PLAN,
        today=clock.today_in_london(),
        form=form,
        held_form=HeldForm(formdata=None),
    )


@bp.route("/<uuid:conference_id>/core-group", methods=["GET", "POST"])
@conference_roles(*READS)
def meetings(conference_id: uuid.UUID) -> str | Response:
    me: Participant = g.participant
    if me.role in PARENTS and visible.kept_from_decisions(me):
        abort(404)
    if request.method == "GET":
        return _page()
    if me.role not in rules.ARRANGES:
        abort(403)
    form = MeetingForm()
    if form.validate_on_submit():
        members = rules.members_from(form.members.data or "")
        is_first = not store.meetings(conference_id)
        latest = _first_latest()
        problem = rules.meeting_problem(
            form.meets_on.data, london_date(g.conference.starts_at), latest, is_first
        )
        if len(members) > rules.MOST_MEMBERS:
            form.members.errors = [str(TOO_MANY_MEMBERS)]
        elif problem == "before_conference":
            form.meets_on.errors = [str(BEFORE_CONFERENCE)]
        elif problem == "too_late":
            form.meets_on.errors = [
                _(
                    "The first core group must meet by %(date)s under this council's timescales",
                    date=long_date(latest),
                )
            ]
        else:
            store.add_meeting(conference_id, form.meets_on.data, members, me)
            flash(_("The meeting is added."))
            return redirect(url_for("core_group.meetings", conference_id=conference_id))
    return _page(form)


def _meeting(conference_id: uuid.UUID, meeting_id: uuid.UUID) -> CoreGroupMeeting:
    return store.meeting(conference_id, meeting_id) or abort(404)


@bp.post("/<uuid:conference_id>/core-group/<uuid:meeting_id>/held")
@conference_roles(*ARRANGES)
def held(conference_id: uuid.UUID, meeting_id: uuid.UUID) -> Response:
    found = _meeting(conference_id, meeting_id)
    if HeldForm().validate_on_submit():
        if rules.held_problem(found.meets_on, clock.today_in_london()):
            flash(_("A meeting can be recorded as held only on or after its day."))
        elif found.held_on is None:
            first = store.meetings(conference_id)[0]
            store.record_held(found, g.participant, is_first=first.id == found.id)
            flash(_("The meeting is recorded as held. Now update the plan."))
    return redirect(url_for("core_group.meetings", conference_id=conference_id))


@bp.route("/<uuid:conference_id>/core-group/<uuid:meeting_id>/plan-update", methods=["GET", "POST"])
@conference_roles(*rules.UPDATES_PLAN)
def plan_update(conference_id: uuid.UUID, meeting_id: uuid.UUID) -> str | Response:
    found = _meeting(conference_id, meeting_id)
    if found.held_on is None:
        abort(404)
    decisions = store.published_decisions(conference_id)
    if not decisions:
        abort(404)
    plans = [decision_versions.plan_published(d.published) for d in decisions]
    counts = [len(plan.actions) for plan in plans]
    if request.method == "GET":
        form = plan_update_form(counts, formdata=None)
        for d, plan in enumerate(plans):
            for s, step in enumerate(plan.actions):
                form[step_name(d, s, "what")].data = step.what
                form[step_name(d, s, "who")].data = step.who
                form[step_name(d, s, "by_when")].data = step.by_when
                form[step_name(d, s, "how")].data = step.how_we_will_know
    else:
        form = plan_update_form(counts)
        valid = form.validate_on_submit()
        # Every action is checked even when another field is wrong, so each error shows.
        if _smart(form, counts) and valid:
            changes = {
                decision.id: _steps(form, d, counts[d]) for d, decision in enumerate(decisions)
            }
            versions = store.update_plan(
                found, changes, form.what_changed.data or "", g.participant
            )
            path = url_for("conferences.overview", conference_id=conference_id)
            link = f"{current_app.config['PUBLIC_BASE_URL']}{path}"
            event = "plan-update:" + ",".join(str(v.id) for v in versions)
            for person in store.family_to_tell(conference_id, decisions):
                outbox.send(
                    "plan_updated",
                    event,
                    person.person_id,
                    {"url": link},
                    conference_id=conference_id,
                )
            store.commit()
            flash(_("The updated plan is published and the family has been told."))
            return redirect(url_for("core_group.meetings", conference_id=conference_id))
    policy = store.policy_of(g.conference)
    due = rules.plan_update_due(found.held_on, policy.plan_update, store.calendar_of(g.conference))
    return render_template(
        "core_group/plan_update.html",
        conference=g.conference,
        meeting=found,
        decisions=list(zip(decisions, counts, strict=True)),
        form=form,
        step_name=step_name,
        due=due,
    )


def _smart(form: Any, counts: list[int]) -> bool:
    """Each action kept says what, who, by when and how we will know (Dorset 3.1)."""
    ok = True
    for d, count in enumerate(counts):
        for s in range(count + 1):
            if not form[step_name(d, s, "what")].data:
                continue
            for part, message in (
                ("who", ENTER_WHO),
                ("by_when", ENTER_BY_WHEN),
                ("how", ENTER_HOW),
            ):
                field = form[step_name(d, s, part)]
                if not field.data and not field.errors:
                    field.errors = [str(message)]
                    ok = False
    return ok


def _steps(form: Any, d: int, count: int) -> list[store.Step]:
    return [
        store.Step(
            what=form[step_name(d, s, "what")].data,
            who=form[step_name(d, s, "who")].data or "",
            by_when=form[step_name(d, s, "by_when")].data,
            how_we_will_know=form[step_name(d, s, "how")].data or "",
        )
        for s in range(count + 1)
        if form[step_name(d, s, "what")].data
    ]


# --- Progress at a review ------------------------------------------------------------------


def _keys(reviewed: list[store.ReviewedPlan]) -> list[str]:
    return [
        f"{item.decision.id.hex}_{s}" for item in reviewed for s in range(len(item.plan.actions))
    ]


@bp.route("/<uuid:conference_id>/plan-progress", methods=["GET", "POST"])
@conference_roles(*PROGRESS_READERS)
def plan_progress(conference_id: uuid.UUID) -> str | Response:
    me: Participant = g.participant
    conference = g.conference
    if me.role in PARENTS and visible.kept_from_decisions(me):
        abort(404)
    if conference.kind != ConferenceKind.REVIEW or conference.previous_conference_id is None:
        abort(404)
    reviewed = store.reviewed_plans(conference)
    keys = _keys(reviewed)
    found = store.progress(conference_id)
    may_edit = me.role in rules.RECORDS_PROGRESS
    if not may_edit:
        if request.method == "POST":
            abort(403)
        return render_template(
            "core_group/progress_read.html",
            conference=conference,
            reviewed=reviewed,
            answers=(found.sent_answers if found else None) or {},
            sent_at=found.sent_at if found else None,
            labels=PROGRESS_LABELS,
        )
    if request.method == "GET":
        form = progress_form(keys, formdata=None)
        for key in keys:
            saved = (found.answers if found else {}).get(key, {})
            form[progress_name(key, "status")].data = saved.get("status")
            form[progress_name(key, "note")].data = saved.get("note", "")
    else:
        form = progress_form(keys)
        if form.validate_on_submit():
            answers = {
                key: {
                    "status": status
                    if (status := form[progress_name(key, "status")].data) in rules.PROGRESS
                    else "",
                    "note": form[progress_name(key, "note")].data or "",
                }
                for key in keys
            }
            sending = bool(form.send.data)
            problems = rules.progress_problems(answers, keys) if sending else {}
            for key in problems:
                form[progress_name(key, "status")].errors = [str(messages.CHOOSE_ONE)]
            store.save_progress(conference_id, answers, me, send=sending and not problems)
            if not problems:
                flash(
                    _("Progress is sent. The chair and the family can read it.")
                    if sending
                    else _("Your draft is saved.")
                )
                return redirect(url_for("core_group.plan_progress", conference_id=conference_id))
    return render_template(
        "core_group/progress.html",
        conference=conference,
        reviewed=reviewed,
        form=form,
        progress_name=progress_name,
        found=found,
    )
