from flask import Blueprint

bp = Blueprint(
    "young_person", __name__, url_prefix="/conferences/<uuid:conference_id>/young-person"
)

from portal.young_person import decision, routes  # noqa: E402, F401
