"""``flask decision-clock``: four hours before a decision is due to the family, tell the
chair, social worker and administrator what has not reached them (the worker also does
this every minute or so)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from portal.delivery import decision_clock


@click.command("decision-clock")
@with_appcontext
def decision_clock_command() -> None:
    """Queue an escalation for each conference whose decision has not reached the family."""
    escalated = decision_clock.escalate()
    click.echo(f"{escalated} conferences escalated")
