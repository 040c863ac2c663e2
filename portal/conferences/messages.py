"""Messages about a conference: who was sent what, whether it arrived, and resending."""

from __future__ import annotations

import uuid
from datetime import timedelta

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.access import conference_roles
from portal.conferences import bp
from portal.data.interfaces import notifications
from portal.domain.vocabulary import RUNS_THE_CONFERENCE
from portal.shared_forms import ContinueForm

# Sign-in messages are shown for this long; messages about the conference always.
SIGN_IN_MESSAGES_FOR = timedelta(days=30)


@bp.get("/<uuid:conference_id>/messages")
@conference_roles(*RUNS_THE_CONFERENCE)
def messages(conference_id: uuid.UUID) -> str:
    lines = notifications.for_conference(conference_id, SIGN_IN_MESSAGES_FOR)
    return render_template(
        "conferences/messages.html",
        conference=g.conference,
        lines=lines,
        failed=[line for line in lines if line.status == "failed"],
        form=ContinueForm(),
    )


@bp.post("/<uuid:conference_id>/messages/<uuid:notification_id>/resend")
@conference_roles(*RUNS_THE_CONFERENCE)
def resend(conference_id: uuid.UUID, notification_id: uuid.UUID) -> Response:
    if not ContinueForm().validate_on_submit():
        abort(400)
    lines = notifications.for_conference(conference_id, SIGN_IN_MESSAGES_FOR)
    # Only a message of this conference's own list can be sent again.
    if notifications.resend(notification_id, [line.id for line in lines]):
        flash(_("The message will be sent again in the next minute."))
    else:
        flash(_("This message cannot be sent again. A sign-in code is never kept once it fails."))
    return redirect(url_for("conferences.messages", conference_id=conference_id))
