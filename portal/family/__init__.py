from flask import Blueprint

bp = Blueprint("family", __name__, url_prefix="/conferences/<uuid:conference_id>/family")

from portal.family import routes  # noqa: E402, F401
