"""After the conference: core group meetings, the plan updated after each one, and at a
review, progress against each action of the plan."""

from flask import Blueprint

bp = Blueprint("core_group", __name__, url_prefix="/conferences")

from portal.core_group import routes  # noqa: E402, F401
