from flask import Blueprint

bp = Blueprint("public", __name__)

from portal.public import glossary, routes  # noqa: E402, F401
