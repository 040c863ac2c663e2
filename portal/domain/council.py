"""Rules for setting up a council and keeping its staff, with no web framework in them."""

from __future__ import annotations

import enum
import re
import unicodedata

import phonenumbers

from portal.domain.vocabulary import StaffRole

SLUG_LENGTH = 60


def slug_for(name: str) -> str:
    """The council's short name for addresses and commands: "Wakefield Council" gives
    "wakefield-council". Accents are dropped; anything else becomes a hyphen."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:SLUG_LENGTH].rstrip("-")


class StaffStatus(enum.StrEnum):
    INVITED = "invited"  # has a set-up link, has not chosen a password yet
    ACTIVE = "active"
    DEACTIVATED = "deactivated"


def staff_status(is_active: bool, has_password: bool) -> StaffStatus:
    if not is_active:
        return StaffStatus.DEACTIVATED
    return StaffStatus.ACTIVE if has_password else StaffStatus.INVITED


class Refusal(enum.StrEnum):
    """Why a change to someone's account was refused."""

    YOURSELF = "yourself"  # an administrator cannot close their own account
    LAST_ADMINISTRATOR = "last_administrator"  # the council would have no one to run it
    NOT_NEEDED = "not_needed"  # already so: nothing to do


def may_deactivate(
    actor_id: object,
    target_id: object,
    target_role: StaffRole | None,
    active_administrators: int,
) -> Refusal | None:
    """None when the deactivation may go ahead.

    `active_administrators` counts the council's active administrators, the target included.
    """
    if actor_id == target_id:
        return Refusal.YOURSELF
    if target_role is StaffRole.ADMINISTRATOR and active_administrators <= 1:
        return Refusal.LAST_ADMINISTRATOR
    return None


def may_change_role(
    actor_id: object,
    target_id: object,
    current: StaffRole | None,
    wanted: StaffRole,
    target_active: bool,
    active_administrators: int,
) -> Refusal | None:
    """None when someone's role may change from `current` to `wanted`.

    No one changes their own role (an administrator could lock themselves out), and the
    council keeps at least one active administrator."""
    if current is wanted:
        return Refusal.NOT_NEEDED
    if actor_id == target_id:
        return Refusal.YOURSELF
    if current is StaffRole.ADMINISTRATOR and target_active and active_administrators <= 1:
        return Refusal.LAST_ADMINISTRATOR
    return None


# A phone number as a person reads it out: a UK landline or mobile, or an international one
# with its +. At most 40 characters (the column), and only what numbers are written with.
PHONE_LENGTH = 40
_PHONE_CHARACTERS = re.compile(r"^[0-9+()\- ]+$")


def phone_number_ok(text: str) -> bool:
    """True for a number someone could ring, written as people write them
    ("01632 960123", "+44 1632 960123", "(01632) 960 123"); False for words, letters or a
    number too short or too long to be one."""
    text = text.strip()
    if not text or len(text) > PHONE_LENGTH or not _PHONE_CHARACTERS.match(text):
        return False
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_possible_number(number))
