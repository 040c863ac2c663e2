"""The advocate clock: tell the social worker when no advocate has been found within
1 working day of a child asking (issue 12; Doncaster chapter 5 puts arranging an
advocate on the social worker). Run by the worker every so often and by
`flask advocate-clock` for cron; each request is told once.
"""

from __future__ import annotations

from datetime import datetime

from portal.data.interfaces import advocacy
from portal.delivery import outbox
from portal.domain import clock


def tell_social_workers(now: datetime | None = None) -> int:
    """Queue a message to each social worker of each request waiting too long; how many
    requests were told about. The message and the mark that it was sent are one change."""
    moment = now or clock.now()
    told = 0
    for request in advocacy.waiting_too_long(moment):
        asked = (request.asked_at or request.created_at).isoformat()
        for person_id in advocacy.social_workers(request.conference_id):
            outbox.send(
                "advocate_not_found",
                f"advocate-not-found:{request.id}:{asked}",
                person_id,
                {},
                conference_id=request.conference_id,
            )
        advocacy.mark_told(request, moment)
        advocacy.commit()
        told += 1
    return told
