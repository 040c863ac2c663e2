"""The young person's own version of the decision, when the chair wrote one (issue 11).

Only the young person themself, and only once a version with a child's summary is
published and the visibility policy lets them see it; otherwise 404. Opening it and
"I have read this" are recorded like a parent's reading (`DecisionRead`).
"""

from __future__ import annotations

import uuid

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.access import conference_roles
from portal.data.interfaces import after_meeting, audit, visible
from portal.data.interfaces.after_meeting import PublishedDecision
from portal.data.models import Participant, Role
from portal.shared_forms import ReadForm
from portal.young_person import bp


def _my_decision(me: Participant) -> PublishedDecision | None:
    """The young person's own published decision, only when it has a child's version."""
    if me.child_id is None:
        return None
    found = after_meeting.for_child(me, me.child_id)
    return found if found is not None and found.plan.child_summary.strip() else None


@bp.get("/decision")
@conference_roles(Role.YOUNG_PERSON)
def decision(conference_id: uuid.UUID) -> str:
    me: Participant = g.participant
    found = _my_decision(me) or abort(404)
    audit.record(current_user.id, conference_id, audit.VIEWED, "decision", found.decision.id)
    read = after_meeting.record_opened(me, found.version)
    helpers = [
        card
        for card in visible.people(me)
        if card.participant.role in {Role.SOCIAL_WORKER, Role.ADVOCATE}
    ]
    return render_template(
        "young_person/decision.html",
        conference=g.conference,
        item=found,
        plan=found.plan,
        read=read,
        helpers=helpers,
        form=ReadForm(),
    )


@bp.post("/decision/read")
@conference_roles(Role.YOUNG_PERSON)
def confirm_decision(conference_id: uuid.UUID) -> Response:
    me: Participant = g.participant
    found = _my_decision(me) or abort(404)
    if not ReadForm().validate_on_submit():
        abort(400)
    after_meeting.confirm_read(me, found.version)
    flash(_("Thank you for reading it."))
    return redirect(url_for("young_person.decision", conference_id=conference_id))
