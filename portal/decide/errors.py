"""Every error message of the pages after the meeting, translated lazily, in one place.

The keys are the problem codes of `portal.domain.decisions`, by field.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal import messages

HELD = {
    ("day", "cancelled"): _l("This meeting was cancelled, so it cannot be recorded as held"),
    ("day", "missing"): messages.ENTER_DATE,
    ("day", "future"): _l("The date must be today or in the past"),
    ("starts", "missing"): _l("Enter the time it started, like 10:00 or 2pm"),
    ("starts", "not_a_time"): _l(
        "That time does not exist on that day, because the clocks go forward"
    ),
    ("starts", "future"): _l("The start time must be in the past"),
    ("ends", "missing"): _l("Enter the time it ended, like 12:00"),
    ("ends", "not_a_time"): _l(
        "That time does not exist on that day, because the clocks go forward"
    ),
    ("ends", "future"): _l("The end time must be in the past"),
    ("ends", "before_start"): _l("The end time must be after the start time"),
}
TIME_FORMAT = _l("Enter a real time, like 10:00, 14:30 or 2pm")
CHOOSE_HOW = _l("Choose how they took part, or that they did not")
CHOOSE_PART = _l("Choose which part they were at")

CHOOSE_OUTCOME = _l("Choose what the meeting decided")
DECISION = {
    ("outcome", "missing"): CHOOSE_OUTCOME,
    ("outcome", "plan_ended_not_review"): _l("Only a review meeting can end a plan"),
    ("category", "missing"): _l("Choose the category of the child protection plan"),
    ("plan_ended_reason", "missing"): _l("Enter why the plan ends"),
    ("reasons", "missing"): _l("Enter the reasons for the decision"),
    ("dissent", "missing"): _l(
        "An agency disagrees: enter the dissent, in the words it asked to be recorded"
    ),
    ("contingency_plan", "missing"): _l(
        "Enter the contingency plan: what happens if the plan is not working"
    ),
    ("visiting_frequency", "missing"): _l("Enter how often the social worker will visit"),
    ("core_group_members", "missing"): _l("Choose or enter the members of the core group"),
    ("first_core_group_on", "missing"): _l("Enter the date of the first core group meeting"),
    ("first_core_group_on", "before_meeting"): _l(
        "The first core group meeting must be on or after the day of this meeting"
    ),
    ("review_on", "missing"): _l("Enter the date of the review meeting"),
    ("review_on", "before_meeting"): _l("The review must be after the day of this meeting"),
    ("review_on", "before_core_group"): _l("The review must be after the first core group meeting"),
    ("family_summary", "missing"): _l("Write what was decided for the family, in plain words"),
    ("child_summary", "missing"): _l(
        "Write the version for the child, or untick the box if you will not write one"
    ),
    ("no_actions", "missing"): _l("Add at least one action to the plan"),
    ("exclusion_reason", "missing"): _l("Enter why they must not receive the decision"),
}
# Limits from the council's policy: the message gives the latest allowed date.
FIRST_CORE_GROUP_TOO_LATE = _l(
    "Under this council's timescales the first core group meeting must be on or before %(date)s"
)
REVIEW_TOO_LATE = _l("Under this council's timescales the review must be on or before %(date)s")

ACTION = {
    ("what", "missing"): _l("Enter what will be done"),
    ("who", "missing"): _l("Enter who will do it: a named person or a role"),
    ("who", "vague"): _l(
        "Name one person or role who will do it, like Priya Patel or the social worker"
    ),
    ("by_when", "missing"): messages.ENTER_DATE,
    ("by_when", "not_future"): _l("The date it is done by must be in the future"),
    ("by_when", "after_review"): _l("The date it is done by must be on or before the review"),
    ("how_we_will_know", "missing"): _l("Enter how we will know it is done"),
    ("how_we_will_know", "vague"): _l(
        "Say what people will see when it is done, like a letter from the course or a school record"
    ),
}
AGENCY = {
    ("agency", "missing"): _l("Enter the agency"),
    ("view", "missing"): _l("Enter the agency's view"),
}
