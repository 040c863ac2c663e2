"""After the meeting, for the chair (and the organiser): recording that the meeting was
held, and recording the decision for each child with the words for the family."""

from flask import Blueprint

bp = Blueprint("decide", __name__, url_prefix="/conferences")

from portal.decide import routes  # noqa: E402, F401
