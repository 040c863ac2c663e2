"""Signing in and out.

Families and young people: email or mobile, then a 6-digit code (or the link in
their first message). Professionals: email and password, then an authenticator code.
The answer never says whether an address is known.
"""

from __future__ import annotations

import io

import pyotp
import qrcode
import qrcode.image.svg
from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from markupsafe import Markup
from werkzeug.wrappers import Response

from portal import messages
from portal.access import public, signed_in
from portal.auth import bp
from portal.auth.forms import (
    AuthenticatorForm,
    CodeForm,
    ContactForm,
    ProfessionalForm,
    SignOutForm,
)
from portal.auth.session import (
    sign_in as start_signed_in_session,
    sign_out as end_signed_in_session,
)
from portal.data.interfaces import auth, notifications, people
from portal.data.models import Person
from portal.errors import render_error
from portal.extensions import limiter
from portal.public.routes import safe_next
from portal.shared_forms import ContinueForm

PENDING_CONTACT = "pending_contact"
PENDING_PROFESSIONAL = "pending_professional"
PENDING_TOTP = "pending_totp_secret"
UNKNOWN_TRIES = "unknown_tries"
NEXT = "next_after_sign_in"
ISSUER = "Family Conference Portal"


def _remember_next() -> None:
    target = request.args.get("next")
    if target:
        session[NEXT] = safe_next(target)


def _home_after_sign_in() -> Response:
    return redirect(safe_next(session.pop(NEXT, None) or url_for("conferences.index")))


def _contact_key() -> str:
    return (request.form.get("contact") or session.get(PENDING_CONTACT) or "").strip().lower()


def _too_many() -> tuple[str, int]:
    """Locked, or too many tries: the page says to wait 15 minutes (the lock-out time)."""
    return render_error(429)


def _send_code(person: Person | None) -> None:
    if person is None:
        return
    code = auth.issue_code(person)
    notifications.send_email(
        person,
        template="sign_in_code",
        subject=_("Your sign-in code"),
        body=_(
            "Your code to sign in is %(code)s\n\n"
            "It works for 15 minutes, once.\n\n"
            "If you did not ask for this code, you do not need to do anything.",
            code=code,
        ),
    )


# --- Families and young people ------------------------------------------------------------


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limiter.limit("20 per hour", methods=["POST"])
@limiter.limit("5 per 15 minutes", methods=["POST"], key_func=_contact_key)
def sign_in() -> str | Response:
    _remember_next()
    form = ContactForm()
    if form.validate_on_submit():
        contact = form.contact.data.strip()
        # The same next step whether or not we know the address.
        _send_code(auth.find_family_member(contact))
        session[PENDING_CONTACT] = contact
        session.pop(UNKNOWN_TRIES, None)
        return redirect(url_for("auth.enter_code"))
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-in/code", methods=["GET", "POST"])
@public
@limiter.limit("30 per hour", methods=["POST"])
def enter_code() -> str | Response | tuple[str, int]:
    contact = session.get(PENDING_CONTACT)
    if not contact:
        return redirect(url_for("auth.sign_in"))
    form = CodeForm()
    if form.validate_on_submit():
        person = auth.find_family_member(contact)
        if person is None:
            # Unknown address: behave as a known one with a wrong code, lock-out included.
            tries = int(session.get(UNKNOWN_TRIES, 0)) + 1
            session[UNKNOWN_TRIES] = tries
            if tries >= auth.MAX_WRONG_TRIES:
                return _too_many()
            form.code.errors.append(messages.CODE_WRONG)
        else:
            result = auth.check_code(person, form.code.data)
            if result.ok:
                session.pop(PENDING_CONTACT, None)
                start_signed_in_session(person)
                return _home_after_sign_in()
            if result.locked_until:
                return _too_many()
            form.code.errors.append(messages.CODE_WRONG)
    return render_template("auth/enter_code.html", form=form, contact=contact)


@bp.post("/sign-in/code/new")
@public
@limiter.limit("5 per 15 minutes", key_func=_contact_key)
def new_code() -> Response:
    contact = session.get(PENDING_CONTACT)
    if not contact:
        return redirect(url_for("auth.sign_in"))
    if not ContinueForm().validate_on_submit():
        abort(400)
    person = auth.find_family_member(contact)
    if person is not None and not auth.locked_until(person):
        _send_code(person)
    flash(_("We have sent a new code. Codes you had before will not work now."))
    return redirect(url_for("auth.enter_code"))


@bp.route("/sign-in/link/<token>", methods=["GET", "POST"])
@public
@limiter.limit("20 per hour", methods=["POST"])
def invitation(token: str) -> str | Response:
    form = ContinueForm()
    # Opening the link only shows a button: mail scanners that follow links must not use it.
    if form.validate_on_submit():
        person = auth.use_invitation(token)
        if person is not None:
            start_signed_in_session(person)
            return _home_after_sign_in()
    valid = auth.find_invitation(token) is not None
    return render_template("auth/invitation.html", form=form, valid=valid)


# --- Professionals ------------------------------------------------------------------------


@bp.route("/sign-in/professional", methods=["GET", "POST"])
@public
@limiter.limit("10 per 15 minutes", methods=["POST"])
def professional() -> str | Response | tuple[str, int]:
    _remember_next()
    form = ProfessionalForm()
    if form.validate_on_submit():
        person = auth.find_professional(form.email.data)
        if person is not None and auth.locked_until(person):
            return _too_many()
        if person is not None and auth.check_password(person, form.password.data):
            if current_app.config["DEMO_SKIP_SECOND_FACTOR"]:
                start_signed_in_session(person)
                return _home_after_sign_in()
            session[PENDING_PROFESSIONAL] = str(person.id)
            if person.totp_secret:
                return redirect(url_for("auth.authenticator"))
            return redirect(url_for("auth.authenticator_set_up"))
        if person is not None:
            until = auth.record_failure(person)
            if until:
                return _too_many()
        form.password.errors.append(messages.PASSWORD_WRONG)
    return render_template("auth/professional.html", form=form)


def _pending_professional() -> Person | None:
    person = people.get(session.get(PENDING_PROFESSIONAL, ""))
    if person is None or not person.is_professional:
        return None
    return person


@bp.route("/sign-in/authenticator", methods=["GET", "POST"])
@public
@limiter.limit("10 per 15 minutes", methods=["POST"])
def authenticator() -> str | Response | tuple[str, int]:
    person = _pending_professional()
    if person is None or not person.totp_secret:
        return redirect(url_for("auth.professional"))
    form = AuthenticatorForm()
    if form.validate_on_submit():
        if auth.locked_until(person):
            return _too_many()
        if pyotp.TOTP(person.totp_secret).verify(auth.clean_code(form.code.data), valid_window=1):
            session.pop(PENDING_PROFESSIONAL, None)
            start_signed_in_session(person)
            return _home_after_sign_in()
        until = auth.record_failure(person)
        if until:
            return _too_many()
        form.code.errors.append(messages.AUTHENTICATOR_CODE_WRONG)
    return render_template("auth/authenticator.html", form=form)


def _qr_svg(uri: str) -> Markup:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    svg = svg[svg.index("<svg") :]
    # Our own generated SVG (no user input); labelled for screen readers by the page.
    return Markup(svg.replace("<svg ", '<svg role="img" aria-labelledby="qr-label" ', 1))  # noqa: S704


@bp.route("/sign-in/authenticator/set-up", methods=["GET", "POST"])
@public
@limiter.limit("10 per 15 minutes", methods=["POST"])
def authenticator_set_up() -> str | Response:
    person = _pending_professional()
    if person is None:
        return redirect(url_for("auth.professional"))
    if person.totp_secret:
        return redirect(url_for("auth.authenticator"))
    secret = session.get(PENDING_TOTP) or pyotp.random_base32()
    session[PENDING_TOTP] = secret
    form = AuthenticatorForm()
    if form.validate_on_submit():
        if pyotp.TOTP(secret).verify(auth.clean_code(form.code.data), valid_window=1):
            auth.save_totp_secret(person, secret)
            session.pop(PENDING_TOTP, None)
            session.pop(PENDING_PROFESSIONAL, None)
            start_signed_in_session(person)
            return _home_after_sign_in()
        form.code.errors.append(messages.AUTHENTICATOR_CODE_WRONG)
    uri = pyotp.TOTP(secret).provisioning_uri(
        name=person.email or str(person.id), issuer_name=ISSUER
    )
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render_template(
        "auth/authenticator_set_up.html", form=form, qr=_qr_svg(uri), secret=grouped
    )


# --- Signing out and staying signed in ----------------------------------------------------


@bp.post("/sign-out")
@signed_in
def sign_out() -> Response:
    if not SignOutForm().validate_on_submit():
        abort(400)
    end_signed_in_session()
    return redirect(url_for("auth.signed_out"))


@bp.get("/signed-out")
@public
def signed_out() -> str:
    return render_template("auth/signed_out.html")


@bp.post("/session/extend")
@signed_in
def extend_session() -> Response:
    """The timeout warning's "Stay signed in": the request itself renews the session."""
    if not ContinueForm().validate_on_submit():
        abort(400)
    if request.accept_mimetypes.best == "application/json":
        return Response(status=204)
    return redirect(safe_next(request.form.get("next")))
