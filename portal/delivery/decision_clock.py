"""The 24-hour clock: four hours before the decision_to_family deadline, tell the chair,
social worker and administrator if a decision is not published yet or has not reached a
family member (issue 11 item 5). Run by the worker every so often; each conference is
told once per cause (the outbox's idempotency key names the conference and the cause).

The message names no family and no child: it says a decision has not reached everyone
and links to the delivery page, which lists the other ways (phone, post, by hand).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from flask import current_app

from portal.data.interfaces import deadlines, publishing as store
from portal.delivery import outbox
from portal.domain import clock, publishing
from portal.domain.deadlines import latest_on_time


def _link(conference_id: uuid.UUID) -> str:
    """The delivery page's absolute address (written outside any request)."""
    adapter = current_app.url_map.bind("localhost")
    path = adapter.build("publishing.delivery", {"conference_id": conference_id})
    return f"{current_app.config['PUBLIC_BASE_URL']}{path}"


def escalate(now: datetime | None = None) -> int:
    """Queue the escalations that are due; how many conferences were escalated now."""
    moment = now or clock.now()
    escalated = 0
    for conference in store.conferences_on_the_clock(moment):
        line = deadlines.for_conference(conference).get("decision_to_family")
        if line is None:
            continue
        found = store.decisions(conference.id)
        lines = store.delivery(conference.id)
        facts = publishing.ClockFacts(
            due=latest_on_time(line.deadline.due),
            now=moment,
            all_published=bool(found) and all(d.published is not None for d in found),
            family_unreached=sum(1 for item in lines if item.is_family and not item.reached),
        )
        causes = publishing.escalation_causes(facts)
        for cause in causes:
            for person_id in store.runners(conference.id):
                outbox.send(
                    "decision_not_delivered",
                    f"decision-escalation:{conference.id}:{cause}",
                    person_id,
                    {"link": _link(conference.id), "cause": cause},
                    conference_id=conference.id,
                )
        store.commit()
        escalated += 1 if causes else 0
    return escalated
