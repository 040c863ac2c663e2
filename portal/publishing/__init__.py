"""Publishing the decision (the chair) and the 24-hour clock (issue 11 items 4 and 5)."""

from flask import Blueprint

bp = Blueprint("publishing", __name__, url_prefix="/conferences")

from portal.publishing import routes  # noqa: E402, F401
