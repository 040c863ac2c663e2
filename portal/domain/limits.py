"""How long each typed answer may be: one number per field, used by the form that asks and
the column that keeps it, so a form never accepts what the database would refuse."""

from __future__ import annotations

# Preferences columns copied out of the answers (see `portal.domain.family_answers`).
SHORT_ANSWER = 200  # names and other one-line answers
PRONOUNS = 60
LANGUAGE = 60
INTERPRETER_LANGUAGE = 100
# A dialect for the interpreter: with a language's name (LANGUAGE) it fits INTERPRETER_LANGUAGE.
DIALECT = 30
# Kept in JSON or Text: a limit that keeps pages readable and rows small.
LONG_ANSWER = 2000
RESTRICTION_REASON = 1000
CLOSURE_REASON = 200
# A professional's own password: long enough to be a passphrase (three random words, as
# the National Cyber Security Centre advises), short enough to hash quickly.
PASSWORD_MIN = 12
PASSWORD_MAX = 200
# A person's name and an email address, as the person table keeps them.
FULL_NAME = 200
EMAIL = 254
# Reports written by professionals (see portal.reports).
REPORT_TITLE = 300
AGENCY = 200
REPORT_SECTION = 8000  # one Signs of Safety heading for one child
CHANGE_NOTE = 1000
REPLY = 2000
PDF_BYTES = 20 * 1024 * 1024  # 20 MB: the largest report a council sends by email
# A young person's letter, and a picture's caption (issue 12).
LETTER = 10000
CAPTION = 200
