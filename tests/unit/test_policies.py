"""Policy files: they load, follow the schema, cite sources and match the standards."""

from __future__ import annotations

import tomllib
from datetime import time
from importlib import resources
from io import BytesIO
from itertools import product
from pathlib import Path
from typing import Any

import polib
import pytest

from portal.domain.deadlines import (
    DUTIES,
    LATE_ACTIONS,
    LATE_DUTIES,
    PolicyError,
    Rule,
    UnknownPolicy,
    WhenLate,
    load_policy,
    parse_policy,
    policy_keys,
)
from portal.domain.policies import extract_policy_text

ROOT = Path(__file__).resolve().parents[2]
POLICY_KEYS = ["bath-ne-somerset", "doncaster", "dorset", "england", "middlesbrough", "wakefield"]
LOCAL_KEYS = [key for key in POLICY_KEYS if key != "england"]
PORTAL_DEFAULT_SOURCE = "Portal default (no national timescale)"


def raw_policy(key: str) -> dict[str, Any]:
    text = resources.files("portal.domain.policies").joinpath(f"{key}.toml").read_text("utf-8")
    return tomllib.loads(text)


def raw_rules(key: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (duty, item) for duty, items in raw_policy(key).get("duties", {}).items() for item in items
    ]


def test_policy_keys_lists_every_file() -> None:
    assert policy_keys() == POLICY_KEYS


@pytest.mark.parametrize("key", POLICY_KEYS)
def test_every_policy_loads(key: str) -> None:
    policy = load_policy(key)
    assert policy.key == key
    assert policy.name
    assert policy.all_rules()
    assert set(policy.duties) <= set(DUTIES)


@pytest.mark.parametrize("key", POLICY_KEYS)
def test_every_rule_in_every_file_has_a_source(key: str) -> None:
    for duty, item in raw_rules(key):
        assert isinstance(item.get("source"), str), (key, duty)
        assert item["source"].strip(), (key, duty)
    assert all(rule.source.strip() for rule in load_policy(key).all_rules())


@pytest.mark.parametrize("key", LOCAL_KEYS)
def test_every_local_policy_extends_england(key: str) -> None:
    assert raw_policy(key)["extends"] == "england"
    assert load_policy(key).extends == "england"


def test_england_extends_nothing_and_covers_every_duty() -> None:
    england = load_policy("england")
    assert "extends" not in raw_policy("england")
    assert england.extends is None
    assert list(england.duties) == list(DUTIES)


@pytest.mark.parametrize("key", POLICY_KEYS)
def test_every_policy_covers_every_duty_through_england(key: str) -> None:
    assert list(load_policy(key).duties) == list(DUTIES)


@pytest.mark.parametrize("key", POLICY_KEYS)
def test_portal_defaults_say_so(key: str) -> None:
    for rule in load_policy(key).all_rules():
        assert rule.portal_default == (rule.source == PORTAL_DEFAULT_SOURCE), rule


@pytest.mark.parametrize("key", POLICY_KEYS)
def test_every_rule_is_a_professional_duty(key: str) -> None:
    # Every duty in the vocabulary is done by professionals (share, send, hold), so a due
    # date on a non-working day always moves back.
    assert all(rule.professional_duty for rule in load_policy(key).all_rules())


def test_england_portal_defaults() -> None:
    england = load_policy("england")
    defaults = {rule.duty for rule in england.all_rules() if rule.portal_default}
    assert defaults == {
        "reports_to_family",
        "reports_to_chair",
        "plan_to_core_group",
        "first_core_group",
        "minutes",
    }


@pytest.mark.parametrize(
    ("key", "own_duties"),
    [
        ("england", set(DUTIES)),
        (
            "dorset",
            {
                "reports_to_family",
                "reports_to_chair",
                "decision_to_family",
                "plan_to_core_group",
                "minutes",
                "first_review",
            },
        ),
        ("bath-ne-somerset", {"plan_to_core_group"}),
        (
            "doncaster",
            {
                "icpc_by",
                "reports_to_family",
                "reports_to_chair",
                "decision_to_family",
                "minutes",
                "first_review",
                "next_review",
            },
        ),
        (
            "middlesbrough",
            {
                "icpc_by",
                "reports_to_family",
                "reports_to_chair",
                "decision_to_family",
                "plan_to_core_group",
                "minutes",
            },
        ),
        (
            "wakefield",
            {
                "icpc_by",
                "reports_to_family",
                "reports_to_chair",
                "plan_to_core_group",
                "first_core_group",
                "minutes",
            },
        ),
    ],
)
def test_inheritance_replaces_only_the_duties_a_file_names(key: str, own_duties: set[str]) -> None:
    policy = load_policy(key)
    england = load_policy("england")
    assert policy.own_duties == own_duties
    for duty in set(DUTIES) - own_duties:
        assert policy.rules_for(duty) == england.rules_for(duty)


def summary(rule: Rule) -> tuple[str, int | time | None, tuple[str, ...]]:
    amount = rule.at if rule.kind == "time_on_previous_working_day" else rule.count
    return (rule.kind, amount, tuple(sorted(rule.conferences)))


# The timescales as read in the standards (DOMAIN.md table, checked against the texts).
EXPECTED_RULES = {
    ("england", "icpc_by"): [("working_days_after", 15, ())],
    ("england", "reports_to_family"): [("working_days_before", 2, ())],
    ("england", "reports_to_chair"): [("working_days_before", 2, ())],
    ("england", "decision_to_family"): [("hours_after", 24, ())],
    ("england", "plan_to_core_group"): [("working_days_after", 2, ())],
    ("england", "first_core_group"): [("working_days_after", 10, ())],
    ("england", "minutes"): [("working_days_after", 20, ())],
    ("england", "first_review"): [("months_after", 3, ())],
    ("england", "next_review"): [("months_after", 6, ())],
    ("dorset", "reports_to_family"): [("hours_before", 24, ())],
    ("dorset", "reports_to_chair"): [("hours_before", 24, ())],
    ("dorset", "decision_to_family"): [
        ("hours_after", 24, ()),
        ("working_days_after", 1, ()),
    ],
    ("dorset", "plan_to_core_group"): [("working_days_after", 1, ())],
    ("dorset", "minutes"): [("working_days_after", 20, ())],
    ("dorset", "first_review"): [("months_after", 3, ())],
    ("bath-ne-somerset", "plan_to_core_group"): [("working_days_after", 2, ())],
    ("doncaster", "icpc_by"): [("working_days_after", 15, ())],
    ("doncaster", "reports_to_family"): [("working_days_before", 2, ())],
    ("doncaster", "reports_to_chair"): [
        ("working_days_before", 2, ("initial",)),
        ("working_days_before", 5, ("review",)),
    ],
    ("doncaster", "decision_to_family"): [("hours_after", 24, ())],
    ("doncaster", "minutes"): [("working_days_after", 20, ())],
    ("doncaster", "first_review"): [("months_after", 3, ())],
    ("doncaster", "next_review"): [("months_after", 6, ())],
    ("middlesbrough", "icpc_by"): [("working_days_after", 15, ())],
    ("middlesbrough", "reports_to_family"): [("calendar_days_before", 3, ())],
    ("middlesbrough", "reports_to_chair"): [("time_on_previous_working_day", time(14), ())],
    ("middlesbrough", "decision_to_family"): [("calendar_days_after", 1, ())],
    ("middlesbrough", "plan_to_core_group"): [
        ("working_days_after", 10, ("initial",)),
        ("working_days_after", 20, ("review",)),
    ],
    ("middlesbrough", "minutes"): [
        ("working_days_after", 10, ("initial",)),
        ("working_days_after", 20, ("review",)),
    ],
    ("wakefield", "icpc_by"): [("working_days_after", 15, ())],
    ("wakefield", "reports_to_family"): [
        ("calendar_days_before", 2, ("initial",)),
        ("working_days_before", 2, ("review",)),
    ],
    ("wakefield", "reports_to_chair"): [
        ("working_days_before", 1, ("initial",)),
        ("working_days_before", 2, ("review",)),
    ],
    ("wakefield", "plan_to_core_group"): [("working_days_after", 2, ())],
    ("wakefield", "first_core_group"): [("working_days_after", 10, ())],
    ("wakefield", "minutes"): [("working_days_after", 15, ())],
}


@pytest.mark.parametrize(("key", "duty"), sorted(EXPECTED_RULES))
def test_timescales_match_the_standards(key: str, duty: str) -> None:
    rules = load_policy(key).rules_for(duty)
    assert [summary(rule) for rule in rules] == EXPECTED_RULES[(key, duty)]


def test_every_own_rule_is_pinned_by_the_table_above() -> None:
    pinned = {key_duty for key_duty in EXPECTED_RULES}
    own = {(key, duty) for key in POLICY_KEYS for duty in load_policy(key).own_duties}
    assert own == pinned


@pytest.mark.parametrize(
    ("key", "source_start"),
    [
        ("dorset", "Dorset chairing standards"),
        ("bath-ne-somerset", "B&NES chair quality standards"),
        ("doncaster", "Doncaster chair handbook"),
        ("middlesbrough", "Middlesbrough core standards"),
        ("wakefield", "Wakefield procedures"),
    ],
)
def test_local_rules_cite_their_own_standard(key: str, source_start: str) -> None:
    policy = load_policy(key)
    for duty in policy.own_duties:
        for rule in policy.rules_for(duty):
            assert rule.source.startswith(source_start), rule


@pytest.mark.parametrize("key", ["nowhere", "", "England", "../england", "england.toml"])
def test_unknown_policy(key: str) -> None:
    with pytest.raises(UnknownPolicy, match="unknown authority") as caught:
        load_policy(key)
    assert isinstance(caught.value, ValueError)
    assert "wakefield" in str(caught.value)


def valid_raw() -> dict[str, Any]:
    return {
        "key": "sample",
        "name": "Sample",
        "extends": "england",
        "duties": {
            "minutes": [
                {
                    "kind": "working_days_after",
                    "count": 5,
                    "professional_duty": True,
                    "source": "Sample standards 1",
                }
            ]
        },
    }


def test_parse_policy_accepts_a_valid_policy_and_inherits() -> None:
    policy = parse_policy("sample", valid_raw())
    assert policy.own_duties == {"minutes"}
    assert summary(policy.rules_for("minutes")[0]) == ("working_days_after", 5, ())
    assert policy.rules_for("icpc_by") == load_policy("england").rules_for("icpc_by")


def without(mapping: dict[str, Any], field: str) -> dict[str, Any]:
    return {name: value for name, value in mapping.items() if name != field}


def with_rule(**changes: Any) -> dict[str, Any]:
    raw = valid_raw()
    base = raw["duties"]["minutes"][0]
    raw["duties"]["minutes"] = [{**base, **changes}]
    return raw


def rule_without(field: str) -> dict[str, Any]:
    raw = valid_raw()
    raw["duties"]["minutes"] = [without(raw["duties"]["minutes"][0], field)]
    return raw


def with_late(duty: str = "reports_to_chair", **changes: Any) -> dict[str, Any]:
    late = {"action": "stand_down", "source": "Sample standards 2", **changes}
    return {**valid_raw(), "when_late": {duty: late}}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (rule_without("source"), "every rule needs a source"),
        (with_rule(source="   "), "every rule needs a source"),
        (with_rule(kind="fortnights_after"), "kind must be one of"),
        (with_rule(count=0), "count must be a whole number"),
        (with_rule(count=True), "count must be a whole number"),
        (with_rule(count="2"), "count must be a whole number"),
        (with_rule(time=time(14)), "only time_on_previous_working_day takes a time"),
        (with_rule(kind="time_on_previous_working_day"), "takes a time"),
        (with_rule(anchor="lunch"), "anchor must be one of"),
        (with_rule(kind="hours_after", anchor="strategy_discussion"), "hours need a moment"),
        (with_rule(kind="working_days_before", anchor="conference_end"), "counts back"),
        (with_rule(conferences=["final"]), "conferences must list"),
        (with_rule(conferences=[]), "conferences must list"),
        (with_rule(professional_duty="yes"), "professional_duty must be true or false"),
        (with_rule(sauce="Sample"), "unknown rule fields"),
        ({**valid_raw(), "duties": {"lunch": []}}, "unknown duty 'lunch'"),
        ({**valid_raw(), "duties": {"minutes": []}}, "at least one rule"),
        ({**valid_raw(), "key": "other"}, "key must be 'sample'"),
        ({**valid_raw(), "extends": "nowhere"}, "extends must name another policy file"),
        ({**valid_raw(), "colour": "blue"}, "unknown fields"),
        (without(valid_raw(), "name"), "name must be a non-empty string"),
        (with_late(duty="minutes"), "when_late covers only"),
        (with_late(action="cancel"), "action must be one of"),
        (with_late(source=" "), "needs a source"),
        (with_late(colour="red"), "unknown fields"),
    ],
)
def test_parse_policy_rejects_malformed_data(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        parse_policy("sample", raw)


# ---------------------------------------------------------------------------
# What a late duty means, and the text people read, live in the policy files


def test_what_a_late_duty_means_comes_from_the_policy_file() -> None:
    # A council that stands a meeting down needs only its own file, no list in the code.
    policy = parse_policy("sample", with_late())
    assert policy.when_late["reports_to_chair"] == WhenLate(
        duty="reports_to_chair", action="stand_down", source="Sample standards 2"
    )
    # Inherited from England, duty by duty, like the rules.
    assert (
        policy.when_late["reports_to_family"]
        == load_policy("england").when_late["reports_to_family"]
    )


@pytest.mark.parametrize(
    ("key", "duty", "action", "source"),
    [
        ("england", "reports_to_family", "consider_postponing", PORTAL_DEFAULT_SOURCE),
        ("dorset", "reports_to_family", "consider_postponing", "Dorset chairing standards 1.6"),
        (
            "middlesbrough",
            "reports_to_chair",
            "stand_down",
            "Middlesbrough core standards, standard 1 (IRO; all professionals)",
        ),
    ],
)
def test_late_duties_cite_their_standard(key: str, duty: str, action: str, source: str) -> None:
    late = load_policy(key).when_late[duty]
    assert (late.action, late.source) == (action, source)
    assert late.portal_default == (source == PORTAL_DEFAULT_SOURCE)


@pytest.mark.parametrize("key", [key for key in POLICY_KEYS if key != "middlesbrough"])
def test_only_middlesbrough_stands_a_meeting_down(key: str) -> None:
    assert "reports_to_chair" not in load_policy(key).when_late


def test_every_late_action_has_a_translated_warning() -> None:
    from portal.deadline_text import LATE_WARNINGS

    assert set(LATE_WARNINGS) == set(product(LATE_DUTIES, LATE_ACTIONS))


@pytest.mark.parametrize("key", POLICY_KEYS)
def test_policy_text_people_read_is_in_the_catalogue(key: str) -> None:
    catalogue = {entry.msgid for entry in polib.pofile(str(ROOT / "translations" / "messages.pot"))}
    text = resources.files("portal.domain.policies").joinpath(f"{key}.toml").read_bytes()
    shown = [message for _, _, message, _ in extract_policy_text(BytesIO(text), (), (), {})]
    policy = load_policy(key)
    assert policy.name in shown
    assert {rule.note for rule in policy.all_rules() if rule.note} <= set(shown)
    assert set(shown) <= catalogue
