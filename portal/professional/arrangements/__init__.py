from flask import Blueprint

bp = Blueprint("arrangements", __name__, url_prefix="/conferences")

from portal.professional.arrangements import routes  # noqa: E402, F401
