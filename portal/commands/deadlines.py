"""``flask deadlines``: print the deadlines of one conference as a JSON object.

Example::

    flask --app portal deadlines --authority wakefield --type initial \\
        --start 2027-02-11T10:00 --ended 2027-02-11T12:00 --strategy 2027-01-25

Times typed on the command line are London wall-clock times. Any problem with the input is
reported as one line on standard error with exit status 2, so scripts can rely on it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, NoReturn

import click

from portal.domain.deadlines import (
    CONFERENCE_KINDS,
    ConferenceFacts,
    UnknownPolicy,
    compute_deadlines,
    from_london_wall_time,
    load_policy,
    policy_keys,
    to_json_dict,
)
from portal.domain.working_days import NATIONS, WorkingCalendar


class _OneLineErrors(click.Command):
    """Report click's own usage errors (missing value, unknown option) as a single line."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            _fail(ctx, error.format_message())


def _fail(ctx: click.Context, message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    ctx.exit(2)


def _parse_moment(ctx: click.Context, option: str, value: str) -> datetime:
    try:
        wall_time = datetime.fromisoformat(value)
    except ValueError:
        _fail(ctx, f"{option} {value!r} is not a valid time like 2027-02-11T10:00")
    try:
        return from_london_wall_time(wall_time)
    except ValueError as error:
        _fail(ctx, f"{option}: {error}")


def _parse_date(ctx: click.Context, option: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(ctx, f"{option} {value!r} is not a valid date like 2027-01-25")


@click.command("deadlines", cls=_OneLineErrors)
@click.option("--authority", metavar="KEY", help="Policy key, e.g. wakefield.")
@click.option(
    "--type",
    "conference_type",
    metavar="KIND",
    help=f"Conference kind: {', '.join(CONFERENCE_KINDS)}.",
)
@click.option("--start", metavar="YYYY-MM-DDTHH:MM", help="Start, London time.")
@click.option("--ended", metavar="YYYY-MM-DDTHH:MM", help="End, London time (optional).")
@click.option("--strategy", metavar="YYYY-MM-DD", help="Date of the strategy discussion.")
@click.option(
    "--closure-day",
    "closure_days",
    metavar="YYYY-MM-DD",
    multiple=True,
    help="A local closure day that is not a working day (repeatable).",
)
@click.option(
    "--nation",
    default="england-and-wales",
    show_default=True,
    metavar="NATION",
    help=f"Bank holidays to use: {', '.join(NATIONS)}.",
)
@click.pass_context
def deadlines_command(
    ctx: click.Context,
    authority: str | None,
    conference_type: str | None,
    start: str | None,
    ended: str | None,
    strategy: str | None,
    closure_days: Sequence[str],
    nation: str,
) -> None:
    """Print the deadlines of one conference as JSON."""
    keys = policy_keys()
    if not authority:
        _fail(ctx, f"--authority is required; choose one of: {', '.join(keys)}")
    try:
        policy = load_policy(authority)
    except UnknownPolicy:
        _fail(ctx, f"unknown authority {authority!r}; choose one of: {', '.join(keys)}")

    # Accept "pre-birth" as well as "pre_birth": people type hyphens.
    kind = (conference_type or "").replace("-", "_")
    if kind not in CONFERENCE_KINDS:
        shown = repr(conference_type) if conference_type else "missing"
        _fail(ctx, f"--type is {shown}; choose one of: {', '.join(CONFERENCE_KINDS)}")
    if not start:
        _fail(ctx, "--start is required, e.g. --start 2027-02-11T10:00 (London time)")
    if nation not in NATIONS:
        _fail(ctx, f"unknown nation {nation!r}; choose one of: {', '.join(NATIONS)}")

    start_moment = _parse_moment(ctx, "--start", start)
    ended_moment = _parse_moment(ctx, "--ended", ended) if ended else None
    strategy_day = _parse_date(ctx, "--strategy", strategy) if strategy else None
    closures = [_parse_date(ctx, "--closure-day", value) for value in closure_days]

    try:
        facts = ConferenceFacts(
            kind=kind,
            start=start_moment,
            ended=ended_moment,
            strategy_discussion=strategy_day,
        )
    except ValueError as error:
        _fail(ctx, str(error))

    calendar = WorkingCalendar(nation, closures)
    payload: dict[str, Any] = to_json_dict(policy, compute_deadlines(policy, facts, calendar))
    click.echo(json.dumps(payload, indent=2))
