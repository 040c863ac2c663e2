"""How long each typed answer may be: one number per field, used by the form that asks and
the column that keeps it, so a form never accepts what the database would refuse."""

from __future__ import annotations

# Preferences columns copied out of the answers (see `portal.domain.family_answers`).
SHORT_ANSWER = 200  # names and other one-line answers
PRONOUNS = 60
LANGUAGE = 60
INTERPRETER_LANGUAGE = 100
# Kept in JSON or Text: a limit that keeps pages readable and rows small.
LONG_ANSWER = 2000
RESTRICTION_REASON = 1000
CLOSURE_REASON = 200
# A young person's letter, and a picture's caption (issue 12).
LETTER = 10000
CAPTION = 200
