from flask import Blueprint

bp = Blueprint("submissions", __name__, url_prefix="/conferences")

from portal.professional.submissions import routes  # noqa: E402, F401
