"""The record of the meeting (the minutes): written or uploaded by the conference
administrator, approved by the chair, shared with one action, read and questioned by the
family."""

from flask import Blueprint

bp = Blueprint("minutes", __name__, url_prefix="/conferences")

from portal.minutes import routes  # noqa: E402, F401
