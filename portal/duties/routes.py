"""Record a duty after the meeting as done: the day it was done, who said so, and when."""

from __future__ import annotations

import uuid

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from portal import messages
from portal.access import conference_roles
from portal.data.interfaces import deadlines as deadline_store
from portal.domain import clock, duties
from portal.domain.deadlines import london_date
from portal.domain.vocabulary import RUNS_THE_CONFERENCE
from portal.duties import bp
from portal.duties.forms import DutyDoneForm

PROBLEMS = {"future": messages.DONE_IN_FUTURE, "before_meeting": messages.DONE_BEFORE_MEETING}


@bp.route("/<uuid:conference_id>/deadlines/<duty>/done", methods=["GET", "POST"])
@conference_roles(*RUNS_THE_CONFERENCE)
def record(conference_id: uuid.UUID, duty: str) -> str | Response:
    conference = g.conference
    line = deadline_store.for_conference(conference).get(duty)
    if line is None or not duties.is_recorded(duty):
        abort(404)
    form = DutyDoneForm()
    if form.validate_on_submit():
        # The day it really took place, once recorded held (a meeting can move).
        held = conference.ended_at or conference.starts_at
        problem = duties.problem_with(form.done_on.data, clock.today_in_london(), london_date(held))
        if problem is None:
            deadline_store.record_done(conference.id, duty, form.done_on.data, current_user.id)
            flash(_("It is recorded as done."))
            return redirect(url_for("conferences.deadlines", conference_id=conference_id))
        form.done_on.errors = [str(PROBLEMS[problem])]
    elif not form.is_submitted() and line.done_on:
        form.done_on.data = line.done_on
    return render_template(
        "duties/record.html",
        conference=conference,
        line=line,
        question=duties.RECORDED[duty],
        form=form,
    )
