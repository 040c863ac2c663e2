from flask import Blueprint

bp = Blueprint("conferences", __name__, url_prefix="/conferences")

from portal.conferences import messages, routes  # noqa: E402, F401
