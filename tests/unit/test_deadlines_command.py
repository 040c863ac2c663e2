"""The ``deadlines`` command: one JSON object out, one error line and status 2 on bad input."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from click.testing import CliRunner, Result
from flask import Flask

from portal.commands.deadlines import deadlines_command
from portal.domain.deadlines import policy_keys

WAKEFIELD_EXAMPLE = [
    "--authority",
    "wakefield",
    "--type",
    "initial",
    "--start",
    "2027-02-11T10:00",
    "--ended",
    "2027-02-11T12:00",
    "--strategy",
    "2027-01-25",
]


def run(*args: str) -> Result:
    return CliRunner().invoke(deadlines_command, list(args))


def answer(*args: str) -> dict[str, Any]:
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    payload = json.loads(result.stdout)
    assert isinstance(payload, dict)
    return payload


def test_the_wakefield_example() -> None:
    def entry(due: str, kind: str, rule: str, source: str) -> dict[str, str]:
        return {"due": due, "kind": kind, "rule": rule, "source": source}

    record = (
        "Wakefield procedures, 'Record of Conference and Child Protection Safety Plan Standards'"
    )
    assert answer(*WAKEFIELD_EXAMPLE) == {
        "authority": "wakefield",
        "deadlines": {
            "icpc_by": entry(
                "2027-02-15",
                "date",
                "within 15 working days of the strategy discussion",
                "Wakefield procedures, 'Booking a Conference'",
            ),
            "reports_to_family": entry(
                "2027-02-09",
                "date",
                "2 days before the meeting",
                "Wakefield procedures, 'Reports to Initial Child Protection Conference'",
            ),
            "reports_to_chair": entry(
                "2027-02-10",
                "date",
                "1 working day before the meeting",
                "Wakefield procedures, 'Reports to Initial Child Protection Conference'",
            ),
            "decision_to_family": entry(
                "2027-02-12T12:00:00+00:00",
                "moment",
                "within 24 hours of the end of the meeting",
                "Working Together to Safeguard Children 2023 "
                "(national default set in the portal issue)",
            ),
            "plan_to_core_group": entry(
                "2027-02-15",
                "date",
                "within 2 working days of the meeting (plan to everyone invited)",
                record,
            ),
            "first_core_group": entry(
                "2027-02-25", "date", "within 10 working days of the meeting", record
            ),
            "minutes": entry(
                "2027-03-04",
                "date",
                "within 15 working days of the meeting (record to everyone invited)",
                record,
            ),
            "first_review": entry(
                "2027-05-11",
                "date",
                "within 3 months of the meeting",
                "Working Together to Safeguard Children 2023, review conferences "
                "(first within 3 months)",
            ),
        },
    }


@pytest.mark.parametrize("kind", ["initial", "review", "transfer_in", "pre_birth"])
@pytest.mark.parametrize("key", policy_keys())
def test_every_policy_answers_with_valid_json(key: str, kind: str) -> None:
    payload = answer(
        "--authority",
        key,
        "--type",
        kind,
        "--start",
        "2027-03-29T10:00",
        "--ended",
        "2027-03-29T11:30",
        "--strategy",
        "2027-03-08",
    )
    assert set(payload) == {"authority", "deadlines"}
    assert payload["authority"] == key
    assert payload["deadlines"]
    for entry in payload["deadlines"].values():
        assert set(entry) == {"due", "kind", "rule", "source"}
        assert entry["rule"] and entry["source"]
        if entry["kind"] == "date":
            date.fromisoformat(entry["due"])
        else:
            assert entry["kind"] == "moment"
            assert entry["due"].endswith("+00:00")
            assert datetime.fromisoformat(entry["due"]).utcoffset() == timedelta(0)


def test_command_line_times_are_london_wall_time() -> None:
    payload = answer(
        "--authority",
        "england",
        "--type",
        "review",
        "--start",
        "2027-07-01T10:00",
        "--ended",
        "2027-07-01T12:00",
    )
    # 12:00 BST is 11:00 UTC; 24 hours later is 11:00 UTC the next day.
    assert payload["deadlines"]["decision_to_family"]["due"] == "2027-07-02T11:00:00+00:00"


def test_the_2pm_rule_on_the_command_line() -> None:
    payload = answer(
        "--authority", "middlesbrough", "--type", "initial", "--start", "2027-02-15T10:00"
    )
    assert payload["deadlines"]["reports_to_chair"]["due"] == "2027-02-12T14:00:00+00:00"
    assert "icpc_by" not in payload["deadlines"]


def test_closure_days_are_repeatable() -> None:
    base = ["--authority", "england", "--type", "initial", "--start", "2028-01-05T10:00"]
    assert answer(*base)["deadlines"]["reports_to_family"]["due"] == "2027-12-31"
    closed = answer(
        *base,
        "--closure-day",
        "2027-12-29",
        "--closure-day",
        "2027-12-30",
        "--closure-day",
        "2027-12-31",
    )
    assert closed["deadlines"]["reports_to_family"]["due"] == "2027-12-24"


def test_nation_option() -> None:
    base = ["--authority", "england", "--type", "review", "--start", "2027-12-01T10:00"]
    assert answer(*base)["deadlines"]["reports_to_family"]["due"] == "2027-11-29"
    scottish = answer(*base, "--nation", "scotland")
    assert scottish["deadlines"]["reports_to_family"]["due"] == "2027-11-26"


def test_hyphenated_conference_kinds_are_accepted() -> None:
    payload = answer(
        "--authority",
        "england",
        "--type",
        "pre-birth",
        "--start",
        "2027-02-11T10:00",
        "--strategy",
        "2027-01-25",
    )
    assert payload["deadlines"]["icpc_by"]["due"] == "2027-02-15"


def replaced(option: str, value: str) -> list[str]:
    args = list(WAKEFIELD_EXAMPLE)
    args[args.index(option) + 1] = value
    return args


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            replaced("--authority", "atlantis"),
            "Error: unknown authority 'atlantis'; choose one of: bath-ne-somerset, doncaster, "
            "dorset, england, middlesbrough, wakefield",
        ),
        (replaced("--start", "2027-02-30T10:00"), "Error: --start '2027-02-30T10:00' is not"),
        (replaced("--start", "tomorrow"), "Error: --start 'tomorrow' is not a valid time"),
        (replaced("--ended", "2027-02-11T25:00"), "Error: --ended '2027-02-11T25:00' is not"),
        (replaced("--strategy", "2027-13-01"), "Error: --strategy '2027-13-01' is not"),
        (replaced("--strategy", "25/01/2027"), "Error: --strategy '25/01/2027' is not"),
        (replaced("--type", "final"), "Error: --type is 'final'; choose one of"),
        (replaced("--ended", "2027-02-11T09:00"), "Error: the conference cannot end before"),
        (replaced("--start", "2027-03-28T01:30"), "Error: --start: 2027-03-28T01:30:00 does not"),
        ([*WAKEFIELD_EXAMPLE, "--closure-day", "soon"], "Error: --closure-day 'soon' is not"),
        ([*WAKEFIELD_EXAMPLE, "--nation", "wales"], "Error: unknown nation 'wales'"),
        ([*WAKEFIELD_EXAMPLE, "--colour", "blue"], "Error: No such option '--colour'"),
        (WAKEFIELD_EXAMPLE[:-1], "Error: Option '--strategy' requires an argument"),
        (WAKEFIELD_EXAMPLE[2:], "Error: --authority is required"),
        (["--authority", "dorset", "--type", "initial"], "Error: --start is required"),
        (["--authority", "dorset", "--start", "2027-02-11T10:00"], "Error: --type is missing"),
    ],
)
def test_bad_input_gives_one_error_line_and_status_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(message)


def test_the_command_runs_under_a_flask_app() -> None:
    app = Flask(__name__)
    app.cli.add_command(deadlines_command)
    runner = app.test_cli_runner()

    result = runner.invoke(args=["deadlines", *WAKEFIELD_EXAMPLE])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["authority"] == "wakefield"

    failed = runner.invoke(args=["deadlines", *replaced("--authority", "atlantis")])
    assert failed.exit_code == 2
    assert len(failed.stderr.splitlines()) == 1
    assert failed.stderr.startswith("Error: unknown authority 'atlantis'")
