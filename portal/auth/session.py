"""Flask-Login wiring: who the signed-in person is."""

from __future__ import annotations

from flask import Flask, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager
from werkzeug.wrappers import Response

from portal.data.interfaces import people
from portal.data.models import Person


def init_app(app: Flask, login_manager: LoginManager) -> None:
    login_manager.init_app(app)
    # Sessions are checked on the server instead (see start_session): phones change
    # address between wifi and mobile data, which "strong" protection treats as theft.
    login_manager.session_protection = None
    login_manager.login_message = _l("Sign in to continue.")

    @login_manager.user_loader
    def load_person(person_id: str) -> Person | None:
        return people.get(person_id)

    @login_manager.unauthorized_handler
    def send_to_sign_in() -> Response:
        return redirect(url_for("public.start", next=request.path))


def start_session(person_id: object, *, is_professional: bool) -> dict[str, object]:
    """What the server-side session holds for a signed-in person (Flask-Login's keys)."""
    return {"_user_id": str(person_id), "_fresh": True}
