"""The council's own settings, for the people who arrange its conferences."""

from __future__ import annotations

import uuid

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal import messages
from portal.access import authority_administrator
from portal.admin import bp
from portal.admin.forms import ClosureDayForm
from portal.data.interfaces import authorities
from portal.shared_forms import RemoveForm


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
