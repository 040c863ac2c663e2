"""Rules for a council and its staff, without a request or a database."""

from __future__ import annotations

import uuid

import pytest

from portal.domain.council import (
    Refusal,
    StaffStatus,
    may_deactivate,
    phone_number_ok,
    slug_for,
    staff_status,
)
from portal.domain.vocabulary import StaffRole


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Wakefield Council", "wakefield-council"),
        ("  Bath & North East Somerset  ", "bath-north-east-somerset"),
        ("Cyngor Gwynedd", "cyngor-gwynedd"),
        ("Ynys Môn", "ynys-mon"),
        ("!!!", ""),
        ("x" * 80, "x" * 60),
    ],
)
def test_a_councils_slug_comes_from_its_name(name, slug):
    assert slug_for(name) == slug


def test_an_account_is_invited_until_a_password_is_chosen():
    assert staff_status(is_active=True, has_password=False) is StaffStatus.INVITED
    assert staff_status(is_active=True, has_password=True) is StaffStatus.ACTIVE
    assert staff_status(is_active=False, has_password=True) is StaffStatus.DEACTIVATED
    assert staff_status(is_active=False, has_password=False) is StaffStatus.DEACTIVATED


def test_no_one_closes_their_own_account():
    me = uuid.uuid4()
    assert may_deactivate(me, me, StaffRole.ADMINISTRATOR, 3) is Refusal.YOURSELF
    assert may_deactivate(me, me, StaffRole.CHAIR, 3) is Refusal.YOURSELF


def test_the_last_active_administrator_stays():
    me, them = uuid.uuid4(), uuid.uuid4()
    assert may_deactivate(me, them, StaffRole.ADMINISTRATOR, 1) is Refusal.LAST_ADMINISTRATOR
    assert may_deactivate(me, them, StaffRole.ADMINISTRATOR, 2) is None
    # Anyone else may go whatever the number of administrators.
    assert may_deactivate(me, them, StaffRole.SOCIAL_WORKER, 1) is None


def test_roles_change_but_never_ones_own_nor_the_last_administrators():
    from portal.domain.council import may_change_role

    me, them = uuid.uuid4(), uuid.uuid4()
    admin, chair = StaffRole.ADMINISTRATOR, StaffRole.CHAIR
    assert may_change_role(me, them, chair, admin, True, 1) is None
    assert may_change_role(me, them, chair, chair, True, 1) is Refusal.NOT_NEEDED
    assert may_change_role(me, me, admin, chair, True, 3) is Refusal.YOURSELF
    assert may_change_role(me, them, admin, chair, True, 1) is Refusal.LAST_ADMINISTRATOR
    assert may_change_role(me, them, admin, chair, True, 2) is None
    # A deactivated administrator is not one of the active ones the council relies on.
    assert may_change_role(me, them, admin, chair, False, 1) is None


@pytest.mark.parametrize(
    "number",
    [
        "01632 960123",
        "01632 960 123",
        "(01632) 960 123",
        "+44 1632 960123",
        "07700 900982",
        "0800 123 4567",
        "+1 202 555 0143",
        "  01632 960123  ",
    ],
)
def test_a_phone_number_as_people_write_it(number):
    assert phone_number_ok(number)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "123",
        "ring the office",
        "01632 960123 ext 4",
        "01632 96O123",
        "0163296012345678",
        "+" + "4" * 40,
        "01632\n960123",
    ],
)
def test_not_a_phone_number(text):
    assert not phone_number_ok(text)
