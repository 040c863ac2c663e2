"""The request's transaction, for the error handler."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from portal.extensions import db


def abandon() -> None:
    """Roll back whatever the failed request left half-done, so the error page can still
    read (the signed-in person, the language) instead of failing in turn."""
    try:
        db.session.rollback()
    except SQLAlchemyError:  # the connection itself is gone: the pool replaces it
        db.session.remove()
