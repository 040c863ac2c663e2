"""Who the signed-in person is, and how long they stay signed in.

Sessions are checked on the server on every request: a `SignInSession` row that
sign-out ends, an absolute limit from when it started, and an idle limit from the
last request (families 30 minutes idle and 12 hours in all; professionals 30
minutes idle and 20 hours in all). Signing in always starts a new session.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, flash, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, login_user, logout_user
from werkzeug.wrappers import Response

from portal.data.interfaces import auth
from portal.data.models import Person, SignInSession
from portal.domain import clock
from portal.fresh_sign_in import AUTHENTICATED_AT

IDLE_LIMIT = timedelta(minutes=30)
FAMILY_LIMIT = timedelta(hours=12)
PROFESSIONAL_LIMIT = timedelta(hours=20)
WARN_BEFORE = timedelta(minutes=2)

SESSION_ID = "sid"
LAST_SEEN = "seen"
# The last request is noted to the minute, not the second: the cookie then changes (and
# is sent again) about once a minute while someone is active, not with every response.
SEEN_STEP_SECONDS = 60


def absolute_limit(is_professional: bool) -> timedelta:
    return PROFESSIONAL_LIMIT if is_professional else FAMILY_LIMIT


def session_keys(record: SignInSession, person: Person) -> dict[str, object]:
    """What the signed cookie holds: Flask-Login's keys, our session id and the last request."""
    return {
        "_user_id": str(person.id),
        "_fresh": True,
        SESSION_ID: str(record.id),
        LAST_SEEN: int(clock.now().timestamp()),
        # Signing in is entering the password: it counts as signing in again.
        AUTHENTICATED_AT: int(clock.now().timestamp()),
    }


def sign_in(person: Person) -> None:
    """Start a new session: nothing from before signing in is carried over."""
    language = session.get("language")
    session.clear()
    record = auth.start_session(person)
    login_user(person)
    session.update(session_keys(record, person))
    if language:
        session["language"] = language


def sign_out() -> None:
    auth.end_session(session.get(SESSION_ID))
    logout_user()
    session.clear()


def seconds_left() -> int:
    """Idle seconds left in this session, for the timeout warning."""
    seen = int(session.get(LAST_SEEN, 0))
    return max(0, int(IDLE_LIMIT.total_seconds()) - (int(clock.now().timestamp()) - seen))


def init_app(app: Flask, login_manager: LoginManager) -> None:
    login_manager.init_app(app)
    # Sessions are checked on the server instead (below): phones change address between
    # wifi and mobile data, which Flask-Login's "strong" protection treats as theft.
    login_manager.session_protection = None
    login_manager.login_message = _l("Sign in to continue.")

    app.jinja_env.globals.update(
        session_seconds_left=seconds_left,
        session_warn_before=int(WARN_BEFORE.total_seconds()),
        session_idle_limit=int(IDLE_LIMIT.total_seconds()),
    )

    @login_manager.user_loader
    def load_person(person_id: str) -> Person | None:
        found = auth.signed_in(session.get(SESSION_ID), person_id)
        if found is None:
            return None
        record, person = found
        now = clock.now()
        seen = int(session.get(LAST_SEEN, 0))
        idle = now.timestamp() - seen
        if idle > IDLE_LIMIT.total_seconds():
            return None
        if now - record.started_at > absolute_limit(person.is_professional):
            return None
        return person

    @app.before_request
    def refresh_session() -> Response | None:
        if request.endpoint in {"static", None} or "_user_id" not in session:
            return None
        if current_user.is_authenticated:
            now = int(clock.now().timestamp())
            stale = now - int(session.get(LAST_SEEN, 0)) >= SEEN_STEP_SECONDS
            # "Stay signed in" renews to the second: the warning counts from that moment.
            if stale or request.endpoint == "auth.extend_session":
                session[LAST_SEEN] = now
            return None
        # The session ran out or was ended elsewhere: say so, then sign in again.
        session.clear()
        flash(
            _l(
                "You have been signed out to keep your information safe. Anything you saved is kept."
            )
        )
        return None

    @login_manager.unauthorized_handler
    def send_to_sign_in() -> Response:
        return redirect(url_for("auth.sign_in", next=request.path))
