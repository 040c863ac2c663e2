"""How a family member can disagree or complain: one route per policy, inherited like duties."""

from __future__ import annotations

import pytest

from portal.domain import disagreeing
from portal.domain.deadlines import PolicyError, load_policy, policy_keys


@pytest.mark.parametrize("key", policy_keys())
def test_every_policy_has_a_route_that_starts_with_a_person(key: str) -> None:
    load_policy(key)  # the [disagree] table is part of the schema
    route = disagreeing.route_for(key)
    assert route is not None
    assert route.first_contact in disagreeing.FIRST_CONTACTS
    assert route.words and route.source


def test_a_policy_without_its_own_route_inherits_the_national_one() -> None:
    assert disagreeing.route_for("dorset") == disagreeing.route_for("england")
    assert disagreeing.route_for("england").portal_default


def test_wakefield_names_its_complaints_and_appeals_process() -> None:
    route = disagreeing.route_for("wakefield")
    assert route != disagreeing.route_for("england")
    assert "complaints and appeals" in route.words
    assert route.link.startswith("http")
    assert not route.portal_default


def test_an_unknown_policy_has_no_route() -> None:
    assert disagreeing.route_for("nowhere") is None


@pytest.mark.parametrize(
    "raw",
    [
        "not a table",
        {"source": "x"},
        {"words": "Tell the chair.", "source": ""},
        {"words": "Tell the chair.", "source": "x", "first_contact": "the mayor"},
        {"words": "Tell the chair.", "source": "x", "link": "javascript:alert(1)"},
        {"words": "Tell the chair.", "source": "x", "phone": "0800"},
    ],
)
def test_a_route_that_breaks_the_schema_is_refused(raw: object) -> None:
    with pytest.raises(PolicyError):
        disagreeing.parse_route(raw, "test.toml")
