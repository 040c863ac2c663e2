"""Every error message of the booking pages, translated lazily, in one place."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

CHOOSE_PREVIOUS = _l("Choose the conference this review follows")
ENTER_FIRST_NAME = _l("Enter the child's first name")
ENTER_LAST_NAME = _l("Enter the child's last name")
ENTER_BIRTH = _l("Enter the date of birth, or the expected date of birth for a baby not yet born")
BORN_IN_THE_FUTURE = _l(
    "The date of birth must be today or in the past. For a baby not yet born, give the expected date."
)
BORN_OR_EXPECTED = _l("Enter a date of birth or an expected date of birth, not both")
ENTER_TIME = _l("Enter a time, like 10:00 or 2pm")
TIME_FORMAT = _l("Enter a real time, like 10:00, 14:30 or 2pm")
IN_THE_PAST = _l("The conference must be in the future")
ENDS_BEFORE_START = _l("The end time must be after the start time")
PART_TWO_OUTSIDE = _l("Part two must start after the conference starts and before it ends")
NO_PART_TWO = _l("Enter when part two starts")
NO_SUCH_TIME = _l("That time does not exist on that day, because the clocks go forward")
VENUE_OR_VIDEO = _l("Enter a venue or a video link")
VIDEO_LINK = _l("Enter a video link that starts with https://")
CHOOSE_CHAIR = _l("Choose a chair of this council")
ENTER_NAME = _l("Enter their full name")
ENTER_RELATIONSHIP = _l("Enter how they are related to the children")
ENTER_A_CONTACT = _l("Enter an email address or a mobile phone number, so we can invite them")
NOT_AN_EMAIL = _l("Enter an email address like name@example.com")
NOT_A_PHONE = _l(
    "Enter a UK mobile number like 07700 900 982, or an international number starting with +"
)
CHOOSE_CHILD = _l("Choose the young person")
CHOOSE_STAFF = _l("Choose a member of the council's staff")
ENTER_AGENCY = _l("Enter their agency")
ENTER_EMAIL = _l("Enter their work email address")
ALREADY_INVITED = _l("This person is already in this conference")
ADDRESS_IS_A_PROFESSIONAL = _l(
    "This address belongs to a professional. Enter the family member's own address."
)
ADDRESS_IS_FAMILY = _l(
    "This address belongs to a family member. Enter the professional's work address."
)
ADDRESS_IN_USE = _l(
    "The email address and the mobile number belong to two different people. Check them."
)
ENTER_DETAILS = _l("Enter the reason in a few words")
