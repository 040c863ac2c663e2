"""Reports professionals write or upload, share with the family and the chair, revise, and
answer the family's comments on."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/conferences")

from portal.reports import routes  # noqa: E402, F401
