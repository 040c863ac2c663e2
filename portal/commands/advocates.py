"""``flask advocate-clock``: tell social workers about children still waiting for an
advocate after 1 working day (the worker also does this every minute or so)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from portal.delivery import advocate_clock


@click.command("advocate-clock")
@with_appcontext
def advocate_clock_command() -> None:
    """Queue a message to the social worker of each request with no advocate in time."""
    told = advocate_clock.tell_social_workers()
    click.echo(f"{told} requests told to their social worker")
