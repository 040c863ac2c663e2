"""Publishing the decision (the chair of the conference) and following its delivery for
24 hours (the chair, social worker and administrator).

Publishing is one POST and one transaction: a version of each decision that needs one,
then one outbox message per recipient and channel. The idempotency key names the
versions, the person and the channel, so a second POST (a double click, or a resend after
someone new was added) queues only what is missing.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from portal import fresh_sign_in, messages
from portal.access import conference_roles
from portal.data.interfaces import deadlines as deadline_store, publishing as store
from portal.data.models import Conference, Nation, Person, Role
from portal.delivery import compose, outbox
from portal.domain import clock, publishing
from portal.domain.deadlines import latest_on_time
from portal.domain.vocabulary import PARENTS, RUNS_THE_CONFERENCE
from portal.publishing import bp
from portal.publishing.forms import DoneAnotherWayForm, PublishForm

REFUSALS = {
    "not_held": lambda: _("Record that the meeting was held before you publish."),
    "no_decisions": lambda: _("There is no decision to publish yet."),
    "incomplete": lambda: _("Finish every child's decision before you publish."),
}
LANGUAGE_NAMES = {"en": lambda: _("English"), "cy": lambda: _("Welsh")}
WAYS = {
    "phone": lambda: _("Phone call"),
    "post": lambda: _("Printed and posted"),
    "hand": lambda: _("Delivered by hand"),
}


def _channels(person: Person) -> list[str]:
    """How the message goes, as the outbox chooses: email where they gave one, else text."""
    if person.email:
        return ["email"]
    if person.mobile:
        return ["sms"]
    return []


def _languages(conference: Conference, person: Person) -> list[str]:
    codes = compose.languages_for(
        person.preferred_language, conference.authority.nation == Nation.WALES
    )
    return [str(LANGUAGE_NAMES.get(code, lambda c=code: c)()) for code in codes]


def _link(conference: Conference, recipient: store.Recipient) -> str:
    role = recipient.participant.role
    if role in PARENTS:
        return url_for("family.home", conference_id=conference.id, _external=True)
    if role == Role.YOUNG_PERSON:
        return url_for("young_person.home", conference_id=conference.id, _external=True)
    return url_for("conferences.overview", conference_id=conference.id, _external=True)


def _send(conference: Conference, audience: store.Audience) -> int:
    """One message per recipient and channel for the versions they are told of (in the
    caller's transaction). Nobody not to be told is in `audience.recipients`."""
    queued = 0
    for recipient in audience.recipients:
        versions = [d.published for d in recipient.decisions if d.published is not None]
        if not versions:
            continue
        kind = publishing.message_kind(
            (v.number for v in versions),
            recipient.participant.role not in publishing.FAMILY_RECIPIENTS,
        )
        if outbox.send(
            kind,
            store.event_for(recipient),
            recipient.participant.person_id,
            {"link": _link(conference, recipient)},
            conference_id=conference.id,
        ):
            queued += 1
    return queued


def _page(form: PublishForm, status: int = 200) -> tuple[str, int]:
    conference = g.conference
    children = store.readiness(conference.id)
    refusal = publishing.refusal(conference.status, [c.complete for c in children])
    audience = store.audience(conference.id, [c.decision for c in children])
    return (
        render_template(
            "publishing/publish.html",
            conference=conference,
            children=children,
            refusal=REFUSALS[refusal]() if refusal else None,
            audience=audience,
            channels=_channels,
            languages_of=lambda person: _languages(conference, person),
            correction=any(c.changed for c in children),
            first=any(c.decision.published is None for c in children),
            form=form,
        ),
        status,
    )


@bp.route("/<uuid:conference_id>/publish", methods=["GET", "POST"])
@conference_roles(Role.CHAIR)
def publish(conference_id: uuid.UUID) -> Any:
    if not fresh_sign_in.recent():
        # Sign in again, then come back to this page (a POST's answers are not kept: the
        # chair presses Publish again).
        return redirect(
            fresh_sign_in.again_url(url_for("publishing.publish", conference_id=conference_id))
        )
    form = PublishForm()
    if not form.validate_on_submit():
        return _page(form, 400 if form.is_submitted() else 200)
    conference = g.conference
    children = store.readiness(conference.id)
    if publishing.refusal(conference.status, [c.complete for c in children]):
        return _page(form, 409)
    correction = any(c.changed for c in children)
    what_changed = (form.what_changed.data or "").strip()
    if correction and not what_changed:
        form.what_changed.errors = [str(messages.ENTER_WHAT_CHANGED)]
        return _page(form, 400)
    for child in children:
        if child.needs_version:
            store.add_version(
                child.decision, current_user.id, what_changed if child.changed else ""
            )
    if any(c.decision.outcome in store.WITH_A_PLAN for c in children):
        store.record_plan_sent(conference.id, clock.today_in_london(), current_user.id)
    audience = store.audience(conference.id, [c.decision for c in children])
    _send(conference, audience)
    # False: a double click's other request published first; its messages stand.
    store.commit()
    return redirect(url_for("publishing.published", conference_id=conference_id))


@bp.get("/<uuid:conference_id>/publish/done")
@conference_roles(Role.CHAIR)
def published(conference_id: uuid.UUID) -> str | Response:
    conference = g.conference
    children = [c for c in store.readiness(conference.id) if c.decision.published is not None]
    if not children:
        return redirect(url_for("publishing.publish", conference_id=conference_id))
    audience = store.audience(conference.id, [c.decision for c in children])
    return render_template(
        "publishing/published.html",
        conference=conference,
        children=children,
        audience=audience,
    )


def _due(conference: Conference) -> datetime | None:
    """The last moment the decision reaches the family on time."""
    line = deadline_store.for_conference(conference).get("decision_to_family")
    return latest_on_time(line.deadline.due) if line else None


@bp.get("/<uuid:conference_id>/decision-delivery")
@conference_roles(*RUNS_THE_CONFERENCE)
def delivery(conference_id: uuid.UUID) -> str:
    conference = g.conference
    lines = store.delivery(conference.id)
    due = _due(conference)
    left = publishing.time_left(due, clock.now()) if due else None
    return render_template(
        "publishing/delivery.html",
        conference=conference,
        lines=lines,
        published=bool(lines) or any(d.published for d in store.decisions(conference.id)),
        due=due,
        hours_left=int(left.total_seconds() // 3600) if left is not None else None,
        minutes_left=int(left.total_seconds() % 3600 // 60) if left is not None else None,
        overdue=left is not None and left.total_seconds() < 0,
        ways=WAYS,
    )


@bp.route(
    "/<uuid:conference_id>/decision-delivery/<uuid:participant_id>/another-way",
    methods=["GET", "POST"],
)
@conference_roles(*RUNS_THE_CONFERENCE)
def another_way(conference_id: uuid.UUID, participant_id: uuid.UUID) -> Any:
    recipient = store.recipient_in(conference_id, participant_id) or abort(404)
    form = DoneAnotherWayForm()
    if form.validate_on_submit():
        store.record_done_another_way(
            conference_id, participant_id, form.way.data, form.note.data.strip(), current_user.id
        )
        flash(_("It is recorded as done."))
        return redirect(url_for("publishing.delivery", conference_id=conference_id))
    return render_template(
        "publishing/another_way.html",
        conference=g.conference,
        recipient=recipient,
        form=form,
    ), (400 if request.method == "POST" else 200)
