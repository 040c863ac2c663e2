"""The council's own settings, for the people who run it: its staff, its timescale policy,
its closure days, and the advocacy service that takes its children's referrals."""

from __future__ import annotations

import uuid

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from portal import messages
from portal.access import authority_administrator
from portal.admin import bp
from portal.admin.forms import (
    AdvocacyServiceForm,
    ChangeRoleForm,
    ClosureDayForm,
    DeactivateForm,
    InviteAdvocateForm,
    InviteStaffForm,
    PolicyForm,
    ReactivateForm,
    ResendLinkForm,
)
from portal.data.interfaces import authorities, council
from portal.data.models import StaffRole
from portal.domain.council import Refusal
from portal.domain.deadlines import load_policy, policy_keys
from portal.shared_forms import RemoveForm
from portal.widgets import options


@bp.get("")
@authority_administrator
def settings() -> str:
    return render_template(
        "admin/settings.html",
        authority=g.authority,
        policy_name=load_policy(g.authority.policy_key).name,
        service=council.advocacy_service(g.authority),
    )


# --- Staff --------------------------------------------------------------------------------


@bp.get("/staff")
@authority_administrator
def staff() -> str:
    return render_template(
        "admin/staff.html", authority=g.authority, people=council.staff(g.authority)
    )


@bp.route("/staff/invite", methods=["GET", "POST"])
@authority_administrator
def invite_staff() -> str | Response:
    form = InviteStaffForm()
    if form.validate_on_submit():
        person = council.invite_staff(
            g.authority,
            current_user,
            full_name=form.full_name.data,
            email=form.email.data,
            role=StaffRole(form.role.data),
        )
        if person is not None:
            flash(
                _(
                    "We have sent %(name)s a link to set up their account. It works for 7 days.",
                    name=person.full_name,
                )
            )
            return redirect(url_for("admin.staff_member", person_id=person.id))
        form.email.errors.append(messages.EMAIL_IN_USE)
    return render_template("admin/invite_staff.html", form=form, authority=g.authority)


def _member(person_id: uuid.UUID) -> council.StaffLine:
    member = council.staff_member(g.authority, person_id)
    if member is None:
        abort(404)
    return member


def _member_page(person_id: uuid.UUID, role_form: ChangeRoleForm | None = None) -> str:
    member = _member(person_id)
    if role_form is None:
        role_form = ChangeRoleForm(data={"role": member.role.value})
    return render_template(
        "admin/staff_member.html",
        authority=g.authority,
        member=member,
        is_me=person_id == current_user.id,
        role_form=role_form,
        # The page's error summary shows the role form's errors.
        form=role_form if role_form.errors else None,
        resend_form=ResendLinkForm(),
        deactivate_form=DeactivateForm(),
        reactivate_form=ReactivateForm(),
    )


@bp.get("/staff/<uuid:person_id>")
@authority_administrator
def staff_member(person_id: uuid.UUID) -> str:
    return _member_page(person_id)


@bp.post("/staff/<uuid:person_id>/role")
@authority_administrator
def change_role(person_id: uuid.UUID) -> str | Response:
    form = ChangeRoleForm()
    if not form.validate_on_submit():
        return _member_page(person_id, form)
    try:
        refusal = council.change_role(
            g.authority, current_user, person_id, StaffRole(form.role.data)
        )
    except LookupError:
        abort(404)
    if refusal is Refusal.YOURSELF:
        flash(_("You cannot change your own role. Ask another administrator."))
    elif refusal is Refusal.LAST_ADMINISTRATOR:
        flash(
            _(
                "This is the council's last active administrator. Invite another administrator first."
            )
        )
    elif refusal is None:
        flash(_("Role changed. It applies from their next page."))
    return redirect(url_for("admin.staff_member", person_id=person_id))


@bp.post("/staff/<uuid:person_id>/resend-link")
@authority_administrator
def resend_link(person_id: uuid.UUID) -> Response:
    if not ResendLinkForm().validate_on_submit():
        abort(400)
    sent = council.resend_link(g.authority, current_user, person_id)
    if sent is None:
        abort(404)
    if sent:
        flash(_("We have sent a new link. Earlier links no longer work."))
    else:
        flash(_("No link was sent: this account is already set up, or is deactivated."))
    return redirect(url_for("admin.staff_member", person_id=person_id))


@bp.post("/staff/<uuid:person_id>/deactivate")
@authority_administrator
def deactivate_staff(person_id: uuid.UUID) -> Response:
    if not DeactivateForm().validate_on_submit():
        abort(400)
    try:
        refusal = council.deactivate(g.authority, current_user, person_id)
    except LookupError:
        abort(404)
    if refusal is Refusal.YOURSELF:
        flash(_("You cannot deactivate your own account. Ask another administrator."))
    elif refusal is Refusal.LAST_ADMINISTRATOR:
        flash(
            _(
                "This is the council's last active administrator. Invite another administrator first."
            )
        )
    elif refusal is None:
        flash(_("Account deactivated. They have been signed out everywhere."))
    return redirect(url_for("admin.staff_member", person_id=person_id))


@bp.post("/staff/<uuid:person_id>/reactivate")
@authority_administrator
def reactivate_staff(person_id: uuid.UUID) -> Response:
    if not ReactivateForm().validate_on_submit():
        abort(400)
    try:
        refusal = council.reactivate(g.authority, current_user, person_id)
    except LookupError:
        abort(404)
    if refusal is None:
        flash(_("Account reactivated. They can sign in again."))
    return redirect(url_for("admin.staff_member", person_id=person_id))


# --- Timescale policy ---------------------------------------------------------------------


@bp.route("/policy", methods=["GET", "POST"])
@authority_administrator
def policy() -> str | Response:
    form = PolicyForm()
    names = {key: load_policy(key).name for key in policy_keys()}
    # The national default first, then the councils' own by name.
    ordered = sorted(names, key=lambda key: (key != "england", _(names[key])))
    form.policy.choices = options([(key, _(names[key])) for key in ordered])
    if form.validate_on_submit():
        if council.change_policy(g.authority, current_user, form.policy.data):
            flash(
                _(
                    "The council now follows the %(policy)s timescales. Every conference's deadlines have been worked out again.",
                    policy=_(names[form.policy.data]),
                )
            )
        else:
            flash(_("Nothing changed: the council already follows these timescales."))
        return redirect(url_for("admin.settings"))
    if form.policy.data is None:
        form.policy.data = g.authority.policy_key
    return render_template("admin/policy.html", form=form, authority=g.authority)


# --- Closure days -------------------------------------------------------------------------


@bp.route("/closure-days", methods=["GET", "POST"])
@authority_administrator
def closure_days() -> str | Response:
    form = ClosureDayForm()
    if form.validate_on_submit():
        if authorities.add_closure_day(g.authority, form.day.data, form.reason.data):
            flash(_("Closure day added. Deadlines now skip it."))
            return redirect(url_for("admin.closure_days"))
        form.day.errors.append(messages.CLOSURE_EXISTS)
    return render_template(
        "admin/closure_days.html",
        form=form,
        remove_form=RemoveForm(),
        authority=g.authority,
        days=authorities.closure_days(g.authority),
    )


@bp.post("/closure-days/<uuid:closure_id>/remove")
@authority_administrator
def remove_closure_day(closure_id: uuid.UUID) -> Response:
    if not RemoveForm().validate_on_submit():
        abort(400)
    if not authorities.remove_closure_day(g.authority, closure_id):
        abort(404)
    flash(_("Closure day removed."))
    return redirect(url_for("admin.closure_days"))


# --- The advocacy service that takes the council's referrals -------------------------------


@bp.route("/advocacy", methods=["GET", "POST"])
@authority_administrator
def advocacy() -> str | Response:
    service = council.advocacy_service(g.authority)
    form = AdvocacyServiceForm()
    if form.validate_on_submit():
        council.save_advocacy_service(
            g.authority,
            current_user,
            name=form.name.data,
            email=form.email.data,
            phone=form.phone.data,
        )
        if service is None:
            flash(
                _(
                    "The advocacy service is set up. Children's referrals go to it from now "
                    "on. Invite the people who work for it."
                )
            )
        else:
            flash(_("The advocacy service's details are saved."))
        return redirect(url_for("admin.advocacy"))
    if not form.is_submitted() and service is not None:
        form.name.data = service.name
        form.email.data = service.contact_email
        form.phone.data = service.contact_phone
    return render_template(
        "admin/advocacy.html",
        authority=g.authority,
        service=service,
        form=form,
        people=council.advocates(g.authority),
    )


@bp.route("/advocacy/invite", methods=["GET", "POST"])
@authority_administrator
def invite_advocate() -> str | Response:
    service = council.advocacy_service(g.authority)
    if service is None:
        flash(_("Set up the advocacy service first. Then invite the people who work for it."))
        return redirect(url_for("admin.advocacy"))
    form = InviteAdvocateForm()
    if form.validate_on_submit():
        person = council.invite_advocate(
            g.authority, current_user, full_name=form.full_name.data, email=form.email.data
        )
        if person is not None:
            flash(
                _(
                    "We have sent %(name)s a link to set up their account. It works for 7 days.",
                    name=person.full_name,
                )
            )
            return redirect(url_for("admin.advocate", person_id=person.id))
        form.email.errors.append(messages.EMAIL_IN_USE)
    return render_template(
        "admin/invite_advocate.html", form=form, authority=g.authority, service=service
    )


@bp.get("/advocacy/people/<uuid:person_id>")
@authority_administrator
def advocate(person_id: uuid.UUID) -> str:
    person = council.advocate(g.authority, person_id)
    if person is None:
        abort(404)
    return render_template(
        "admin/advocate.html",
        authority=g.authority,
        service=council.advocacy_service(g.authority),
        member=person,
        resend_form=ResendLinkForm(),
        deactivate_form=DeactivateForm(),
        reactivate_form=ReactivateForm(),
    )


@bp.post("/advocacy/people/<uuid:person_id>/resend-link")
@authority_administrator
def resend_advocate_link(person_id: uuid.UUID) -> Response:
    if not ResendLinkForm().validate_on_submit():
        abort(400)
    sent = council.resend_link(g.authority, current_user, person_id, advocates=True)
    if sent is None:
        abort(404)
    if sent:
        flash(_("We have sent a new link. Earlier links no longer work."))
    else:
        flash(_("No link was sent: this account is already set up, or is deactivated."))
    return redirect(url_for("admin.advocate", person_id=person_id))


@bp.post("/advocacy/people/<uuid:person_id>/deactivate")
@authority_administrator
def deactivate_advocate(person_id: uuid.UUID) -> Response:
    if not DeactivateForm().validate_on_submit():
        abort(400)
    try:
        refusal = council.deactivate(g.authority, current_user, person_id, advocates=True)
    except LookupError:
        abort(404)
    if refusal is None:
        flash(_("Account deactivated. They have been signed out everywhere."))
    return redirect(url_for("admin.advocate", person_id=person_id))


@bp.post("/advocacy/people/<uuid:person_id>/reactivate")
@authority_administrator
def reactivate_advocate(person_id: uuid.UUID) -> Response:
    if not ReactivateForm().validate_on_submit():
        abort(400)
    try:
        refusal = council.reactivate(g.authority, current_user, person_id, advocates=True)
    except LookupError:
        abort(404)
    if refusal is None:
        flash(_("Account reactivated. They can sign in again."))
    return redirect(url_for("admin.advocate", person_id=person_id))
