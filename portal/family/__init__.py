from flask import Blueprint

bp = Blueprint("family", __name__, url_prefix="/conferences/<uuid:conference_id>/family")

from portal.family import after, routes  # noqa: E402, F401
