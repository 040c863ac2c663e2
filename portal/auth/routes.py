"""Signing in and out.

Families and young people: email or mobile, then a 6-digit code (or the link in
their first message). Professionals: email and password, then an authenticator code.
The answer never says whether an address is known.
"""

from __future__ import annotations

import io
import secrets

import pyotp
import qrcode
import qrcode.image.svg
from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
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
    SetPasswordForm,
    SignInAgainForm,
    SignOutForm,
)
from portal.auth.session import (
    sign_in as start_signed_in_session,
    sign_out as end_signed_in_session,
)
from portal.data.interfaces import accounts, auth, people
from portal.data.models import Person
from portal.delivery import outbox
from portal.errors import render_error
from portal.extensions import limiter
from portal.fresh_sign_in import mark_now as mark_signed_in_again
from portal.security import safe_next, trust_this_browser, trusted_browser_key
from portal.shared_forms import ContinueForm

ATTEMPT = "sign_in_attempt"
PENDING_PROFESSIONAL = "pending_professional"
TOTP_SETUP_NONCE = "totp_setup_nonce"
NEXT = "next_after_sign_in"
ISSUER = "Family Conference Portal"


def _remember_next() -> None:
    target = request.args.get("next")
    if target:
        session[NEXT] = safe_next(target)


def _finish_sign_in(person: Person) -> Response:
    """Start the session and go where the person was going (kept across the new session)."""
    target = session.get(NEXT)
    start_signed_in_session(person)
    return redirect(safe_next(target or url_for("conferences.index")))


def _too_many() -> tuple[str, int]:
    """Too many tries: the page says to wait 15 minutes."""
    return render_error(429)


def _send_code(new: auth.NewCode | None) -> Response | tuple[str, int]:
    """Write the code and its message in one transaction; try sending after the response.

    The message is in the outbox before the page answers, so nothing is lost if the
    first try never happens (the worker sends it). Known and unknown addresses take the
    same path (an unknown one has its words composed and dropped); the only extra work
    for a known one is the message's row, and sending happens after the response, so neither the page nor its timing depends on the
    mail server.
    """
    if new is None:
        return _too_many()
    queued = None
    if new.person_id is None:
        # The words a message would have, composed and dropped: as with the stand-in
        # password hash, an unknown address costs what a known one does.
        outbox.compose_only("sign_in_code", {"code": new.code})
    else:
        queued = outbox.send(
            "sign_in_code",
            f"sign-in-code:{new.code_id}",
            new.person_id,
            {"code": new.code},
            holds_secret=True,
            channel=new.channel,
        )
    auth.commit()
    session[ATTEMPT] = str(new.attempt_id)
    response = redirect(url_for("auth.enter_code"))
    if queued is not None:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        notification_id = queued

        def send() -> None:
            with app.app_context():
                outbox.deliver_now([notification_id])

        response.call_on_close(send)
    return response


# --- Families and young people ------------------------------------------------------------


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limiter.limit("20 per hour", methods=["POST"])
def sign_in() -> str | Response | tuple[str, int]:
    _remember_next()
    form = ContactForm()
    if form.validate_on_submit():
        contact = auth.normalise_contact(form.contact.data)
        if contact is not None:
            session.pop(ATTEMPT, None)
            return _send_code(auth.add_code(contact=contact, trusted_key=trusted_browser_key()))
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-in/code", methods=["GET", "POST"])
@public
@limiter.limit("30 per hour", methods=["POST"])
def enter_code() -> str | Response | tuple[str, int]:
    attempt = auth.find_attempt(session.get(ATTEMPT))
    if attempt is None:
        return redirect(url_for("auth.sign_in"))
    form = CodeForm()
    if form.validate_on_submit():
        result = auth.check_code(attempt.id, form.code.data)
        if result.outcome is auth.CodeOutcome.SIGNED_IN and result.person is not None:
            session.pop(ATTEMPT, None)
            response = _finish_sign_in(result.person)
            return trust_this_browser(response, result.contact_key or "")
        if result.outcome is auth.CodeOutcome.USED_UP:
            form.code.errors.append(messages.CODE_USED_UP)
            return render_template("auth/enter_code.html", form=form), 429
        form.code.errors.append(messages.CODE_WRONG)
    return render_template("auth/enter_code.html", form=form)


@bp.post("/sign-in/code/new")
@public
@limiter.limit("20 per hour")
def new_code() -> Response | tuple[str, int]:
    attempt = auth.find_attempt(session.get(ATTEMPT))
    if attempt is None:
        return redirect(url_for("auth.sign_in"))
    if not ContinueForm().validate_on_submit():
        abort(400)
    response = _send_code(auth.add_code(earlier=attempt, trusted_key=trusted_browser_key()))
    if isinstance(response, Response):
        flash(_("We have sent a new code. The code you had before still works."))
    return response


@bp.route("/sign-in/link/<token>", methods=["GET", "POST"])
@public
@limiter.limit("20 per hour", methods=["POST"])
def invitation(token: str) -> str | Response:
    form = ContinueForm()
    # Opening the link only shows a button: mail scanners that follow links must not use it.
    if form.validate_on_submit():
        person = auth.use_invitation(token)
        if person is not None:
            return _finish_sign_in(person)
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
        email = form.email.data.strip().lower()
        # Counted before checking, the same for a known and an unknown address.
        try_number = auth.count_professional_try(email)
        if try_number > auth.MAX_WRONG_TRIES:
            return _too_many()
        person = auth.find_professional(email)
        if auth.check_password(person, form.password.data) and person is not None:
            if current_app.config["DEMO_SKIP_SECOND_FACTOR"]:
                auth.signed_in_professional(person)
                return _finish_sign_in(person)
            session[PENDING_PROFESSIONAL] = str(person.id)
            if person.totp_secret:
                return redirect(url_for("auth.authenticator"))
            return redirect(url_for("auth.authenticator_set_up"))
        if try_number == auth.MAX_WRONG_TRIES:
            return _too_many()
        form.password.errors.append(messages.PASSWORD_WRONG)
    return render_template("auth/professional.html", form=form)


def _pending_professional() -> Person | None:
    person = people.get(session.get(PENDING_PROFESSIONAL, ""))
    if person is None or not person.is_professional or not person.email:
        return None
    return person


def _second_factor(person: Person, secret: str, form: AuthenticatorForm) -> bool | None:
    """True when the code is right and unused; None when tries have run out."""
    assert person.email is not None
    try_number = auth.count_professional_try(person.email)
    if try_number > auth.MAX_WRONG_TRIES:
        return None
    if auth.use_authenticator_code(person, secret, form.code.data):
        return True
    if try_number == auth.MAX_WRONG_TRIES:
        return None
    form.code.errors.append(messages.AUTHENTICATOR_CODE_WRONG)
    return False


@bp.route("/sign-in/authenticator", methods=["GET", "POST"])
@public
@limiter.limit("10 per 15 minutes", methods=["POST"])
def authenticator() -> str | Response | tuple[str, int]:
    person = _pending_professional()
    if person is None or not person.totp_secret:
        return redirect(url_for("auth.professional"))
    form = AuthenticatorForm()
    if form.validate_on_submit():
        passed = _second_factor(person, person.totp_secret, form)
        if passed is None:
            return _too_many()
        if passed:
            session.pop(PENDING_PROFESSIONAL, None)
            auth.signed_in_professional(person)
            return _finish_sign_in(person)
    return render_template("auth/authenticator.html", form=form)


@bp.route("/sign-in/again", methods=["GET", "POST"])
@signed_in
@limiter.limit("10 per 15 minutes", methods=["POST"])
def sign_in_again() -> str | Response | tuple[str, int]:
    """Enter the password again (and the authenticator code, where the person has one)
    before something that matters, such as publishing a decision; then go back there."""
    person = current_user
    if not person.is_professional or not person.email:
        abort(404)
    target = safe_next(request.args.get("next") or url_for("conferences.index"))
    needs_code = bool(person.totp_secret) and not current_app.config["DEMO_SKIP_SECOND_FACTOR"]
    form = SignInAgainForm()
    if form.validate_on_submit():
        try_number = auth.count_professional_try(person.email)
        if try_number > auth.MAX_WRONG_TRIES:
            return _too_many()
        if not auth.check_password(person, form.password.data):
            form.password.errors.append(messages.PASSWORD_AGAIN_WRONG)
        elif needs_code and not (form.code.data or "").strip():
            form.code.errors.append(messages.ENTER_AUTHENTICATOR_CODE)
        elif needs_code and not auth.use_authenticator_code(
            person, person.totp_secret, form.code.data
        ):
            form.code.errors.append(messages.AUTHENTICATOR_CODE_WRONG)
        else:
            mark_signed_in_again()
            return redirect(target)
        if try_number == auth.MAX_WRONG_TRIES:
            return _too_many()
    return render_template("auth/again.html", form=form, needs_code=needs_code, target=target)


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
def authenticator_set_up() -> str | Response | tuple[str, int]:
    person = _pending_professional()
    if person is None:
        return redirect(url_for("auth.professional"))
    if person.totp_secret:
        return redirect(url_for("auth.authenticator"))
    # The cookie holds a random nonce; the secret is derived from it on the server.
    nonce = session.get(TOTP_SETUP_NONCE) or secrets.token_urlsafe(16)
    session[TOTP_SETUP_NONCE] = nonce
    secret = auth.setup_secret(person, nonce)
    form = AuthenticatorForm()
    if form.validate_on_submit():
        passed = _second_factor(person, secret, form)
        if passed is None:
            return _too_many()
        if passed:
            auth.save_totp_secret(person, secret)
            session.pop(TOTP_SETUP_NONCE, None)
            session.pop(PENDING_PROFESSIONAL, None)
            auth.signed_in_professional(person)
            return _finish_sign_in(person)
    uri = pyotp.TOTP(secret).provisioning_uri(
        name=person.email or str(person.id), issuer_name=ISSUER
    )
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render_template(
        "auth/authenticator_set_up.html", form=form, qr=_qr_svg(uri), secret=grouped
    )


# --- Setting up an account through a one-time link ---------------------------------------


@bp.route("/account/set-up/<token>", methods=["GET", "POST"])
@public
@limiter.limit("20 per hour", methods=["POST"])
def set_up_account(token: str) -> str | Response | tuple[str, int]:
    """A professional's first password, then on to the authenticator: the link alone
    signs no one in, and opening it (as mail scanners do) changes nothing."""
    found = accounts.find_set_up_link(token)
    if found.state is not accounts.LinkState.USABLE or found.person is None:
        return _set_up_link_not_working(found)
    form = SetPasswordForm(email=found.person.email or "")
    if form.validate_on_submit():
        person = accounts.use_set_up_link(token, form.password.data)
        if person is None:
            return _set_up_link_not_working(accounts.find_set_up_link(token))
        # The same step as a right password on the sign-in page: the second factor next.
        session.pop(TOTP_SETUP_NONCE, None)
        session[PENDING_PROFESSIONAL] = str(person.id)
        flash(_("Your password is saved. Now set up your authenticator app."))
        if person.totp_secret:
            return redirect(url_for("auth.authenticator"))
        return redirect(url_for("auth.authenticator_set_up"))
    return render_template("auth/set_up_account.html", form=form, person=found.person)


def _set_up_link_not_working(found: accounts.FoundLink) -> tuple[str, int]:
    council = (
        accounts.council_name_for(found.link, found.person)
        if found.link is not None and found.person is not None
        else None
    )
    status = 404 if found.state is accounts.LinkState.UNKNOWN else 410
    page = render_template(
        "auth/set_up_link_not_working.html", state=found.state.value, council=council
    )
    return page, status


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
    # Opened while still signed in (a bookmark, the back button): say so and offer the
    # button, rather than claim a sign-out that has not happened.
    still_signed_in = bool(current_user.is_authenticated)
    return render_template(
        "auth/signed_out.html", still_signed_in=still_signed_in, form=SignOutForm()
    )


@bp.post("/session/extend")
@signed_in
def extend_session() -> Response:
    """The timeout warning's "Stay signed in": the request itself renews the session."""
    if not ContinueForm().validate_on_submit():
        abort(400)
    if request.accept_mimetypes.best == "application/json":
        return Response(status=204)
    return redirect(safe_next(request.form.get("next")))
