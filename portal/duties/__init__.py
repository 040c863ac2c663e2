"""Duties after the meeting recorded as done, from the deadlines page."""

from flask import Blueprint

bp = Blueprint("duties", __name__, url_prefix="/conferences")

from portal.duties import routes  # noqa: E402, F401
