"""Signing in again before something that matters (publishing a decision).

The moment someone last entered their password (and second factor) is kept in their
signed session cookie: set when they sign in and when they sign in again at
`auth.sign_in_again`. Any blueprint may ask whether it is recent; only `auth` sets it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import session, url_for

from portal.domain import clock, publishing

AUTHENTICATED_AT = "authed"


def mark_now() -> None:
    session[AUTHENTICATED_AT] = int(clock.now().timestamp())


def authenticated_at() -> datetime | None:
    stamp = session.get(AUTHENTICATED_AT)
    if not isinstance(stamp, int):
        return None
    return datetime.fromtimestamp(stamp, UTC)


def recent() -> bool:
    """Signed in (again) within the last 15 minutes."""
    return publishing.signed_in_recently(authenticated_at(), clock.now())


def again_url(next_path: str) -> str:
    return url_for("auth.sign_in_again", next=next_path)
