"""A parent's pages after the meeting: each child's decision and plan, "I have read this",
and what the home page says once the meeting is held (issue 11, item 6).

Which decisions a parent may read comes from `portal.data.interfaces.after_meeting`, which
applies the visibility policy; a decision hidden from this parent is a 404 here and is
never named or counted on their home page.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.access import conference_roles
from portal.data.interfaces import after_meeting, audit, deadlines as deadline_store, visible
from portal.data.models import Participant, Role
from portal.domain import clock, disagreeing
from portal.domain.vocabulary import PARENTS
from portal.family import bp
from portal.reading_language import interpreter_line
from portal.shared_forms import ReadForm

# What each outcome means, for a parent (Dorset 2.9: no jargon).
OUTCOME_MEANS = {
    "child_protection_plan": _l(
        "%(name)s will have a child protection plan. This is a written plan to keep "
        "%(name)s safe. You and a small group of people will work on it together."
    ),
    "child_in_need_plan": _l(
        "%(name)s will have a child in need plan. This is a plan of help and support for "
        "your family. It is not a child protection plan."
    ),
    "early_help": _l(
        "Your family will be offered early help. This is support from local services, "
        "such as a family worker."
    ),
    "no_plan": _l("The meeting decided that %(name)s does not need a plan."),
}

# The parts of a published version, named for a parent (keys of published_plan.PARTS).
PART_NAMES = {
    "outcome": _l("What the meeting decided"),
    "category": _l("The main worry"),
    "plan_ended_reason": _l("Why the plan ended"),
    "reasons": _l("Why"),
    "agency_views": _l("What each service thinks"),
    "dissent": _l("Who did not agree"),
    "family_summary": _l("The summary for you"),
    "child_summary": _l("The version for your child"),
    "actions": _l("The plan"),
    "contingency_plan": _l("If things do not get better"),
    "visiting_frequency": _l("How often the social worker will visit"),
    "core_group_members": _l("Who is in the core group"),
    "first_core_group_on": _l("First core group meeting"),
    "review_on": _l("Next review meeting"),
}


def _me() -> Participant:
    participant: Participant = g.participant
    return participant


def outcome_means(outcome: str, name: str) -> str:
    words = OUTCOME_MEANS.get(outcome)
    return str(words) % {"name": name} if words else ""


def _disagree_context(me: Participant) -> dict[str, Any]:
    """How to disagree or complain under this council's policy, and whom to contact."""
    authority = g.conference.authority
    return {
        "disagree": disagreeing.route_for(authority.policy_key),
        "chairs": [card for card in visible.people(me) if card.participant.role == Role.CHAIR],
        "authority": authority,
    }


def after_meeting_context(me: Participant) -> dict[str, Any]:
    """What the home page shows once the meeting is held."""
    deadline = deadline_store.for_conference(g.conference).get("decision_to_family")
    return {
        "after": after_meeting.after_meeting(me),
        "decision_due": deadline.deadline.due if deadline else None,
        "decision_overdue": deadline is not None and _passed(deadline.deadline.due),
        "outcome_means": outcome_means,
        **_disagree_context(me),
    }


def _passed(due: date | datetime) -> bool:
    if isinstance(due, datetime):
        return clock.now() > due
    return clock.today_in_london() > due


@bp.get("/decisions/<uuid:child_id>")
@conference_roles(*PARENTS)
def decision(conference_id: uuid.UUID, child_id: uuid.UUID) -> str:
    me = _me()
    found = after_meeting.for_child(me, child_id) or abort(404)
    audit.record(current_user.id, conference_id, audit.VIEWED, "decision", found.decision.id)
    read = after_meeting.record_opened(me, found.version)
    before = next(
        (v for v in found.decision.versions if v.number == found.version.number - 1), None
    )
    return render_template(
        "family/after_decision.html",
        conference=g.conference,
        me=me,
        item=found,
        plan=found.plan,
        read=read,
        before=before,
        part_names=[str(PART_NAMES[p]) for p in found.version.changed_parts if p in PART_NAMES],
        outcome_words=outcome_means(found.plan.outcome, found.child.first_name),
        interpreter=interpreter_line(me.person),
        form=ReadForm(),
        **_disagree_context(me),
    )


@bp.post("/decisions/<uuid:child_id>/read")
@conference_roles(*PARENTS)
def confirm_decision(conference_id: uuid.UUID, child_id: uuid.UUID) -> Response:
    me = _me()
    found = after_meeting.for_child(me, child_id) or abort(404)
    if not ReadForm().validate_on_submit():
        abort(400)
    after_meeting.confirm_read(me, found.version)
    # No child's name here: flashes travel in the session cookie.
    flash(_("Thank you. We have noted that you have read the decision and plan."))
    return redirect(url_for("family.decision", conference_id=conference_id, child_id=child_id))
