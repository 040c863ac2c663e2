"""Rules about a child's advocate: what the child is told, and the clock.

Pure rules, no database. The request's stored status says what the advocacy service
did (asked, arranged, declined); what the child reads adds whether the advocate has
been in touch yet (Middlesbrough standard 3; Doncaster chapter 5: the social worker
arranges an advocate for a young person who wants one).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from portal.domain.clock import LONDON
from portal.domain.vocabulary import AdvocateProgress, AdvocateRequestStatus, Role
from portal.domain.working_days import WorkingCalendar

# The social worker is told when no advocate is found within this many working days.
FIND_WITHIN_WORKING_DAYS = 1

# Who may ask for an advocate for a child: the child, a parent, or the social worker
# with the child's agreement (which the social worker's form records).
MAY_ASK = frozenset({Role.YOUNG_PERSON, Role.PARENT, Role.SOCIAL_WORKER})


def progress(status: AdvocateRequestStatus, has_been_in_touch: bool) -> AdvocateProgress:
    """What the child is told about their request."""
    if status == AdvocateRequestStatus.DECLINED:
        return AdvocateProgress.NOT_POSSIBLE
    if status == AdvocateRequestStatus.ARRANGED:
        return AdvocateProgress.IN_TOUCH if has_been_in_touch else AdvocateProgress.FOUND
    return AdvocateProgress.ASKED


def find_by(asked_at: datetime, calendar: WorkingCalendar) -> datetime:
    """The moment an advocate should have been found by: the end of the first working day
    after the day the child asked ("within N working days of an event" counts forward
    from the event's date, in London)."""
    asked_on = asked_at.astimezone(LONDON).date()
    due = calendar.add_working_days(asked_on, FIND_WITHIN_WORKING_DAYS)
    end_of_day = datetime.combine(due + timedelta(days=1), time(0, 0), tzinfo=LONDON)
    return end_of_day.astimezone(asked_at.tzinfo)


def social_worker_must_be_told(
    status: AdvocateRequestStatus,
    asked_at: datetime,
    told_at: datetime | None,
    now: datetime,
    calendar: WorkingCalendar,
) -> bool:
    """True once, when a request is still waiting after its working day has passed."""
    if status != AdvocateRequestStatus.REQUESTED or told_at is not None:
        return False
    return now >= find_by(asked_at, calendar)
