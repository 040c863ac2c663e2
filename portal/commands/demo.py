"""`flask --app portal demo`: load the demo scenario (never in production)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from portal import demo
from portal.domain.clock import today_in_london


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load the demo families and professionals, and print how to sign in."""
    if current_app.config["PORTAL_ENV"] == "production":
        click.echo("Error: the demo scenario cannot be loaded in production.", err=True)
        raise SystemExit(2)
    demo.load(today_in_london())
    click.echo("Demo scenario loaded: Northfield Borough Council, the Khan and Brown families.")
    click.echo(demo.SIGN_IN_TEXT)
