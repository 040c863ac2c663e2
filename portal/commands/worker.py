"""``flask worker``: deliver queued messages until stopped; ``--once`` drains and exits."""

from __future__ import annotations

import click
from flask import current_app

from portal.delivery import worker


@click.command("worker")
@click.option("--once", is_flag=True, help="Deliver what is due now, then exit (for cron).")
@click.option("--poll", default=1.0, show_default=True, help="Seconds to wait when nothing is due.")
def worker_command(once: bool, poll: float) -> None:
    """Deliver the outbox's messages by email and SMS, retrying those that fail."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    tried = worker.run(app, once=once, poll_seconds=poll)
    if once:
        click.echo(f"{tried} messages tried")
