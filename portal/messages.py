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
ENTER_LANGUAGE = _l("Enter the language the interpreter should speak")
CONTROL_CHARACTER = _l(
    "Remove the hidden character from your answer. We have shown where it was with \ufffd."
)
MEETING_STARTED = _l(
    "The meeting has started, so this can no longer be changed. "
    "You can tell the chair at the meeting."
)
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
