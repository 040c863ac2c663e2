"""Every error message a form can show, translated lazily, in one place."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ENTER_CONTACT = _l("Enter your email address or mobile phone number")
CONTACT_FORMAT = _l(
    "Enter an email address like name@example.com, or a mobile number like 07700 900 982"
)
ENTER_CODE = _l("Enter the 6-digit code we sent you")
CODE_FORMAT = _l("The code must be 6 numbers")
CODE_WRONG = _l("The code is not right or has run out. Check it, or get a new code.")
CODE_USED_UP = _l(
    "This code has been tried too many times and has stopped working. Send a new code below."
)
ENTER_EMAIL = _l("Enter your email address")
EMAIL_FORMAT = _l("Enter an email address in the correct format, like name@example.com")
ENTER_PASSWORD = _l("Enter your password")
PASSWORD_WRONG = _l("The email address or password is not right")
ENTER_AUTHENTICATOR_CODE = _l("Enter the 6-digit code from your authenticator app")
AUTHENTICATOR_CODE_WRONG = _l("The code is not right. Enter the code your app shows now.")
TOO_LONG = _l("This must be %(max)d characters or fewer")
ENTER_REASON = _l("Enter why this is being kept private")
CHOOSE_WHAT = _l("Choose what to keep private")
CHOOSE_WHO = _l("Choose who it is hidden from")
ENTER_DATE = _l("Enter a real date, like 29 12 2027")
ENTER_CLOSURE_REASON = _l("Enter why the council is closed")
CLOSURE_EXISTS = _l("That day is already a closure day")
CHOOSE_ONE = _l("Choose one option")
ENTER_TEXT = _l("Enter your answer")
NOT_BOTH_SEATING = _l("Choose each person for only one of these lists")
AGREE_TO_CONTINUE = _l("Tick the box to say you will keep the reports private")
ENTER_LANGUAGE = _l("Enter the language you want to use in the meeting")
CONTROL_CHARACTER = _l(
    "Remove the hidden character from your answer. We have shown where it was with \ufffd."
)
MEETING_STARTED = _l(
    "The meeting has started, so this can no longer be changed. "
    "You can tell the chair at the meeting."
)
# Setting up an account and the council's staff (issue 10).
CHOOSE_PASSWORD = _l("Enter a password")
PASSWORD_TOO_SHORT = _l("Your password must be %(min)d characters or more")
PASSWORD_IS_EMAIL = _l("Your password must not be your email address")
CONFIRM_PASSWORD = _l("Enter your password again")
PASSWORDS_DIFFER = _l("The passwords do not match. Enter the same password twice.")
ENTER_FULL_NAME = _l("Enter their full name")
ENTER_STAFF_EMAIL = _l("Enter their work email address")
EMAIL_IN_USE = _l("Someone in the portal already uses this email address")
CHOOSE_STAFF_ROLE = _l("Choose what they do for the council")
CHOOSE_POLICY = _l("Choose the timescales the council follows")
# The advocacy service that takes the council's referrals.
ENTER_SERVICE_NAME = _l("Enter the name of the advocacy service")
ENTER_SERVICE_EMAIL = _l("Enter the email address where the service takes referrals")
ENTER_SERVICE_PHONE = _l("Enter the service's phone number")
SERVICE_PHONE_FORMAT = _l(
    "Enter a phone number, like 01632 960 123 or +44 1632 960 123, with no words in it"
)
# Reports professionals write or upload (portal.reports) and duties recorded as done.
ENTER_TITLE = _l("Enter the title of the report")
ENTER_AGENCY = _l("Enter the agency the report is from")
CHOOSE_CHILD = _l("Choose the child this version is written for")
SCALE_NUMBER = _l("Enter a whole number from 0 to 10, or leave it blank")
CHOOSE_FILE = _l("Choose a PDF file to upload")
PDF_TOO_BIG = _l("The file must be 20 MB or smaller")
NOT_A_PDF = _l("The file must be a PDF. This file is not a PDF, whatever its name says.")
PDF_PASSWORD = _l(
    "The PDF needs a password to open. Save it without a password, then upload it again."
)
PDF_EMPTY = _l("The PDF has no pages")
PDF_ACTIVE = _l(
    "The PDF has a script or other files inside it. Save it again as a plain PDF (for "
    "example with Print to PDF), then upload that."
)
WRITE_SOMETHING = _l("Write under at least one heading for one child before you share the report")
ENTER_CHANGE = _l("Say in plain words what changed since the last version")
ENTER_REPLY = _l("Enter your reply")
DONE_IN_FUTURE = _l("The date must be today or in the past")
DONE_BEFORE_MEETING = _l("The date must be on or after the day of the meeting")
YOUNG_PERSON_MUST_AGREE = _l(
    "Tick the box to say the young person wants an advocate. Ask them first."
)
ENTER_ADVOCATE_NAME = _l("Enter the name of the person you would like")
ENTER_DECLINE_WORDS = _l("Say in plain words why you cannot take it, for the young person")
NOT_IN_THE_FUTURE = _l("The date must be today or in the past")
ALREADY_AN_ADVOCATE_HERE = _l(
    "You already support another young person in this meeting. Ask a colleague to take this one."
)
ENTER_WHY_NOT_POSSIBLE = _l("Say in plain words why it is not possible, for the young person")
# A young person's views and pictures (issue 12): short, plain words for a child.
CHOOSE_A_PICTURE = _l("Choose a picture to add")
PICTURE_EMPTY = _l("That file is empty. Choose a picture.")
PICTURE_TOO_BIG = _l("That picture is too big. It must be 10 MB or less.")
PICTURE_NOT_A_PICTURE = _l("That is not a picture we can take. Send a JPEG or PNG photo.")
PICTURE_HEIC = _l(
    "We cannot take this kind of iPhone photo. In Settings, then Camera, then Formats, "
    "choose Most Compatible. Then take the photo again."
)
PICTURE_TOO_MANY_PIXELS = _l("That picture is too large. Take a smaller photo and try again.")
TOO_MANY_PICTURES = _l("You have added as many pictures as you can to this one.")
CHOOSE_HOUSE = _l("Choose which house it is for")
CHOOSE_PEOPLE = _l("Tick the people who can see it")
NO_ADVOCATE_YET = _l("You do not have an advocate yet. Pick someone else for now.")
NOTHING_TO_SEND = _l("There is nothing in it yet. Write something or add a picture first.")
# Publishing a decision and the 24-hour clock (issue 11 items 4 and 5).
PASSWORD_AGAIN_WRONG = _l("The password is not right")
ENTER_WHAT_CHANGED = _l("Say in a sentence what changed")
CHOOSE_ALTERNATIVE = _l("Choose how the decision reached them")
ENTER_ALTERNATIVE_NOTE = _l("Say what was done, for example who you spoke to")
