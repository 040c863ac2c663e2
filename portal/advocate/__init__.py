"""Advocates (issue 12): asking for one for a child, and the advocacy service's pages."""

from flask import Blueprint

bp = Blueprint("advocate", __name__)

from portal.advocate import routes  # noqa: E402, F401
