"""``flask council set-up``: make a council and its first administrator.

Example::

    flask --app portal council set-up --name "Wakefield Council" --policy wakefield \\
        --nation england --admin-email a.admin@wakefield.example --admin-name "Alex Admin"

It creates the council with its timescale policy and the administrator's account (no
password), queues an email with a one-time link to choose a password and set up an
authenticator app, and prints the same link. Run again for the same council, it says
what exists and changes nothing; ``--resend-link`` sends a new link to an administrator
who has not set up their account (the old link stops working).

Bad input is reported on standard error with exit status 2, and nothing is saved. It
runs in production as in development: it is how a council starts.
"""

from __future__ import annotations

from typing import NoReturn

import click
from email_validator import EmailNotValidError, validate_email
from flask.cli import with_appcontext

from portal.data.interfaces import council as councils
from portal.data.interfaces.accounts import SentLink
from portal.data.models import Authority, Nation
from portal.domain import limits
from portal.domain.clock import LONDON
from portal.domain.council import slug_for
from portal.domain.deadlines import policy_keys


def _fail(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    raise SystemExit(2)


def _checked_email(value: str) -> str:
    try:
        return str(validate_email(value.strip(), check_deliverability=False).normalized).lower()
    except EmailNotValidError:
        _fail(f"--admin-email {value!r} is not an email address like name@council.gov.uk")


def _checked_text(option: str, value: str, longest: int) -> str:
    value = value.strip()
    if not value:
        _fail(f"{option} must not be empty")
    if len(value) > longest:
        _fail(f"{option} must be {longest} characters or fewer")
    if any(ord(character) < 0x20 or 0x7F <= ord(character) <= 0x9F for character in value):
        _fail(f"{option} contains a control character")
    return value


def _print_link(link: SentLink) -> None:
    click.echo("")
    click.echo("One-time link to choose a password and set up an authenticator app")
    until = link.expires_at.astimezone(LONDON).strftime("%A %-d %B %Y at %H:%M")
    click.echo(f"(works once, until {until}, London time):")
    click.echo(f"  {link.url}")
    click.echo("The same link is in an email queued for them; the message worker sends it.")


@click.group("council")
def council_group() -> None:
    """Set up a council that will use the portal."""


@council_group.command("set-up")
@click.option("--name", required=True, help='The council\'s name, e.g. "Wakefield Council".')
@click.option("--policy", "policy_key", required=True, help="Timescale policy key, e.g. wakefield.")
@click.option(
    "--nation",
    required=True,
    help=f"Whose bank holidays apply: {', '.join(nation.value for nation in Nation)}.",
)
@click.option("--admin-email", required=True, help="The first administrator's work email.")
@click.option("--admin-name", required=True, help="The first administrator's full name.")
@click.option(
    "--resend-link",
    is_flag=True,
    help="Send a new set-up link to an administrator who has not set up their account.",
)
@with_appcontext
def set_up_command(
    name: str,
    policy_key: str,
    nation: str,
    admin_email: str,
    admin_name: str,
    resend_link: bool,
) -> None:
    """Create the council and its first administrator, and send them a set-up link."""
    name = _checked_text("--name", name, 200)
    admin_name = _checked_text("--admin-name", admin_name, limits.FULL_NAME)
    if not slug_for(name):
        _fail("--name needs at least one letter or number")
    keys = policy_keys()
    if policy_key not in keys:
        _fail(f"unknown policy {policy_key!r}; choose one of: {', '.join(keys)}")
    nations = [member.value for member in Nation]
    if nation not in nations:
        _fail(f"unknown nation {nation!r}; choose one of: {', '.join(nations)}")
    email = _checked_email(admin_email)
    if len(email) > limits.EMAIL:
        _fail(f"--admin-email must be {limits.EMAIL} characters or fewer")

    existing = councils.find_council(name)
    if existing is not None:
        _already_there(existing, policy_key, nation, email, resend_link)
        return

    someone = councils.find_person_by_email(email)
    if someone is not None:
        _fail(
            f"{email} is already used by someone in the portal; "
            "give the new council's administrator their own work address"
        )
    made = councils.set_up_council(
        name=name,
        policy_key=policy_key,
        nation=Nation(nation),
        admin_email=email,
        admin_name=admin_name,
    )
    click.echo(f"Council set up: {made.authority.name} ({made.authority.slug})")
    click.echo(f"  timescale policy: {policy_key}; bank holidays: {nation}")
    click.echo(f"First administrator: {made.administrator.full_name} <{made.administrator.email}>")
    _print_link(made.link)


def _already_there(
    existing: Authority, policy_key: str, nation: str, email: str, resend_link: bool
) -> None:
    """Say what exists and change nothing (except a new link, when asked for one)."""
    click.echo(
        f"The council {existing.name} ({existing.slug}) already exists. Nothing was changed."
    )
    click.echo(f"  timescale policy: {existing.policy_key}; bank holidays: {existing.nation}")
    if existing.policy_key != policy_key or str(existing.nation) != nation:
        click.echo(
            f"  You asked for policy {policy_key} and nation {nation}: an administrator "
            "changes the policy on the portal's Council settings page."
        )
    admins = councils.administrators(existing)
    for admin in admins:
        status = "set up" if admin.password_hash else "has not set up their account yet"
        if not admin.is_active:
            status = "deactivated"
        click.echo(f"  administrator: {admin.full_name} <{admin.email}> ({status})")
    wanted = next((admin for admin in admins if admin.email == email), None)
    if wanted is None:
        click.echo(
            f"  {email} is not one of its administrators: an administrator invites more "
            "staff on the portal's Staff page."
        )
        return
    if not resend_link:
        if wanted.password_hash is None and wanted.is_active:
            click.echo("  To send them a new set-up link, run this again with --resend-link.")
        return
    if not wanted.is_active:
        click.echo(f"  No link sent: {email}'s account is deactivated.")
        return
    if wanted.password_hash is not None:
        click.echo(f"  No link sent: {email} has already set up their account.")
        return
    click.echo(f"A new set-up link for {wanted.full_name}; earlier links no longer work.")
    _print_link(councils.resend_first_link(wanted))
