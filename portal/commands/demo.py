"""`flask --app portal demo`: load the demo scenario (never in production)."""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import with_appcontext

from portal import demo
from portal.data.interfaces import demo_conferences
from portal.domain.clock import now, today_in_london


@click.command("demo")
@click.option(
    "--conferences",
    "extra",
    type=click.IntRange(0, 100_000),
    default=0,
    help="Also add this many realistic conferences to the demo council (for benchmarks).",
)
@with_appcontext
def demo_command(extra: int) -> None:
    """Load the demo families and professionals, and print how to sign in."""
    if current_app.config["PORTAL_ENV"] == "production":
        click.echo("Error: the demo scenario cannot be loaded in production.", err=True)
        raise SystemExit(2)
    demo.load(today_in_london())
    click.echo("Demo scenario loaded: Northfield Borough Council, the Khan and Brown families.")
    if extra:
        started = time.perf_counter()
        total = demo_conferences.add_conferences("northfield", extra, now())
        click.echo(
            f"Added {extra} conferences in {time.perf_counter() - started:.1f} s; "
            f"the council now has {total}."
        )
    click.echo(demo.SIGN_IN_TEXT)
