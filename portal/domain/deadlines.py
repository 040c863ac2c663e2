"""Deadline engine for child protection conferences (England and Wales).

Pure Python, no web framework: give it a policy, the facts of one conference and a
working-day calendar, and it returns the due date or moment of every duty around that
conference. The arithmetic follows DOMAIN.md, "Conventions for deadline arithmetic".

Policy files
============
One TOML file per policy in ``portal/domain/policies/`` (the file name is the key)::

    key = "wakefield"              # must equal the file name without ".toml"
    name = "Wakefield"             # shown to people
    extends = "england"            # optional: start from another policy's duties

    [[duties.reports_to_chair]]    # one table per rule; a duty may have several rules
    kind = "working_days_before"   # see RULE_KINDS
    count = 1                      # days, hours or months (not for the "time_on_..." kind)
    conferences = ["initial"]      # optional: "initial" and/or "review" (see below)
    professional_duty = true       # a due date on a non-working day moves back
    source = "Wakefield procedures, 'Reports to Initial Child Protection Conference'"

Other rule fields: ``time`` (a TOML local time such as ``14:00:00``, only for
``time_on_previous_working_day``), ``anchor`` (what the rule counts from, see ANCHORS;
"before" rules count from the conference start and "after" rules from its end unless a
rule says otherwise), ``portal_default`` (true where no standard sets a timescale and the
portal uses common practice) and ``note`` (a few plain words added to the description).

Where someone who disagrees with the decision can take it (shown to the chair beside the
agencies' views, B&NES 6, Wakefield "Dissent for the Conference Decision")::

    [dissent]
    escalation = "Plain words: who a professional who disagrees goes to, and how."
    source = "Wakefield procedures, 'Dissent for the Conference Decision'"

What a late duty means for the meeting is policy too, one table per duty::

    [when_late.reports_to_family]  # see LATE_DUTIES
    action = "consider_postponing" # see LATE_ACTIONS
    source = "Dorset chairing standards 1.6"

Policy text shown to people (``name``, every ``note`` and ``source``) is written in English
in the file and translated like the code's own text: Babel extracts it with
``portal.domain.policies:extract_policy_text`` (see babel.cfg), so ``make i18n-check``
fails when a policy file gains text the catalogues lack.

A policy that extends another replaces the parent's rules duty by duty: a duty named in
the child file keeps only the child's rules; every other duty is inherited unchanged. The
same holds for ``when_late``.

Conference kinds
================
``initial``, ``review``, ``transfer_in`` and ``pre_birth``. A pre-birth conference is an
initial conference held before the baby is born, and in English procedures a transfer-in
conference is run to the initial conference rules (Doncaster handbook ch. 4, "Transfer in":
a first review at three months, then six-monthly). So for a rule limited to "initial" or
"review", both count as initial conferences. The one exception is ``icpc_by``: it counts
from the strategy discussion, whereas a transfer-in conference counts from the move into
the area, which the portal does not record, so no ``icpc_by`` is given for a transfer-in.
"""

from __future__ import annotations

import calendar as month_calendar
import gettext
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal, Protocol
from zoneinfo import ZoneInfo

from portal.domain.working_days import WorkingCalendar

LONDON = ZoneInfo("Europe/London")

DUTIES: tuple[str, ...] = (
    "icpc_by",
    "reports_to_family",
    "reports_to_chair",
    "decision_to_family",
    "plan_to_core_group",
    "first_core_group",
    "minutes",
    "first_review",
    "next_review",
)

CONFERENCE_KINDS: tuple[str, ...] = ("initial", "review", "transfer_in", "pre_birth")

# The procedure each kind of conference follows when a rule is limited with
# ``conferences = [...]`` (see the module docstring for why).
PROCEDURE_FOR_KIND: Mapping[str, str] = MappingProxyType(
    {"initial": "initial", "pre_birth": "initial", "transfer_in": "initial", "review": "review"}
)

_FIRST_CONFERENCES = frozenset({"initial", "pre_birth", "transfer_in"})

# The conferences a duty exists for at all. ``icpc_by`` leaves out transfer-in conferences
# (anchored on the move, not a strategy discussion); the first core group and first review
# follow a first conference in the area; ``next_review`` is six months from a review.
DUTY_CONFERENCE_KINDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "icpc_by": frozenset({"initial", "pre_birth"}),
        "reports_to_family": frozenset(CONFERENCE_KINDS),
        "reports_to_chair": frozenset(CONFERENCE_KINDS),
        "decision_to_family": frozenset(CONFERENCE_KINDS),
        "plan_to_core_group": frozenset(CONFERENCE_KINDS),
        "first_core_group": _FIRST_CONFERENCES,
        "minutes": frozenset(CONFERENCE_KINDS),
        "first_review": _FIRST_CONFERENCES,
        "next_review": frozenset({"review"}),
    }
)

# After each core group meeting the plan is updated: ``[[plan_update]]`` tables with an
# "after" kind, counted from the day the meeting was held (Wakefield: 2 working days).
# ``core_group_every_weeks`` is how often core groups meet after the first (Wakefield: 4).
# Neither is one of DUTIES: they repeat for each meeting, so portal.domain.core_group
# works them out; a policy without them leaves it to the council.
PLAN_UPDATE = "plan_update"

# How early invitations must go out: ``[[invitations]]`` tables with the rule fields above
# (a "before" kind only). Not one of DUTIES: no national rule sets it, so a policy without
# it simply gives no advice (Doncaster handbook ch. 2: reviews at least 10 working days).
INVITATIONS = "invitations"

RULE_KINDS: tuple[str, ...] = (
    "working_days_before",
    "working_days_after",
    "hours_before",
    "hours_after",
    "calendar_days_before",
    "calendar_days_after",
    "months_after",
    "time_on_previous_working_day",
)

# conference: the conference start; conference_end: its end (the start while the end is
# not yet recorded); strategy_discussion: the date of the strategy discussion.
ANCHORS: tuple[str, ...] = ("conference", "conference_end", "strategy_discussion")

_BEFORE_KINDS = frozenset(
    {"working_days_before", "hours_before", "calendar_days_before", "time_on_previous_working_day"}
)
_HOUR_KINDS = frozenset({"hours_before", "hours_after"})
_RULE_FIELDS = frozenset(
    {
        "kind",
        "count",
        "time",
        "anchor",
        "conferences",
        "professional_duty",
        "portal_default",
        "source",
        "note",
    }
)
# ``disagree``: how a family member can disagree or complain (portal.domain.disagreeing).
_POLICY_FIELDS = frozenset(
    {
        "key",
        "name",
        "extends",
        "duties",
        "when_late",
        "invitations",
        "dissent",
        "disagree",
        "plan_update",
        "core_group_every_weeks",
    }
)
_DISSENT_FIELDS = frozenset({"escalation", "source", "portal_default"})
_WHEN_LATE_FIELDS = frozenset({"action", "source", "portal_default"})

# What a council's standards say happens when a duty is late; each (duty, action) pair has
# its own translated warning in portal/deadline_text.py.
LATE_DUTIES: tuple[str, ...] = ("reports_to_family", "reports_to_chair")
LATE_ACTIONS: tuple[str, ...] = ("consider_postponing", "stand_down")
_POLICY_PACKAGE = "portal.domain.policies"
_KEY_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

DueKind = Literal["date", "moment"]
Due = date | datetime


class UnknownPolicy(ValueError):
    """No policy file has the requested key."""


class PolicyError(ValueError):
    """A policy file does not follow the schema."""


class Translator(Protocol):
    """What rule descriptions need from a catalogue: gettext.NullTranslations for English,
    or the reader's Babel translations on a page."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


ENGLISH: Translator = gettext.NullTranslations()


@dataclass(frozen=True)
class Rule:
    """One timescale for one duty, as written in a policy file."""

    duty: str
    kind: str
    count: int | None
    at: time | None
    anchor: str
    conferences: frozenset[str]
    professional_duty: bool
    portal_default: bool
    source: str
    note: str = ""

    def applies_to(self, conference_kind: str) -> bool:
        if not self.conferences:
            return True
        return PROCEDURE_FOR_KIND[conference_kind] in self.conferences

    def describe(self, translator: Translator = ENGLISH) -> str:
        """The rule in the reader's words, e.g. "2 working days before the meeting"."""
        return describe_rule(self, translator)


def describe_rule(rule: Rule, translator: Translator = ENGLISH) -> str:
    """The one description of a rule, its note included, in the translator's language.

    The literal ``ngettext``/``gettext`` calls below are what Babel extracts; the page
    passes the reader's catalogue, the command line plain English.
    """
    ngettext = translator.ngettext
    count = rule.count if rule.count is not None else 0
    from_strategy = rule.anchor == "strategy_discussion"
    if rule.kind == "working_days_before":
        text = ngettext(
            "%(num)d working day before the meeting",
            "%(num)d working days before the meeting",
            count,
        )
    elif rule.kind == "calendar_days_before":
        text = ngettext("%(num)d day before the meeting", "%(num)d days before the meeting", count)
    elif rule.kind == "hours_before":
        text = ngettext(
            "%(num)d hour before the meeting starts",
            "%(num)d hours before the meeting starts",
            count,
        )
    elif rule.kind == "working_days_after" and from_strategy:
        text = ngettext(
            "within %(num)d working day of the strategy discussion",
            "within %(num)d working days of the strategy discussion",
            count,
        )
    elif rule.kind == "working_days_after":
        text = ngettext(
            "within %(num)d working day of the meeting",
            "within %(num)d working days of the meeting",
            count,
        )
    elif rule.kind == "calendar_days_after" and from_strategy:
        text = ngettext(
            "within %(num)d day of the strategy discussion",
            "within %(num)d days of the strategy discussion",
            count,
        )
    elif rule.kind == "calendar_days_after":
        text = ngettext(
            "within %(num)d day of the meeting", "within %(num)d days of the meeting", count
        )
    elif rule.kind == "hours_after" and rule.anchor == "conference_end":
        text = ngettext(
            "within %(num)d hour of the end of the meeting",
            "within %(num)d hours of the end of the meeting",
            count,
        )
    elif rule.kind == "hours_after":
        text = ngettext(
            "within %(num)d hour of the start of the meeting",
            "within %(num)d hours of the start of the meeting",
            count,
        )
    elif rule.kind == "months_after" and from_strategy:
        text = ngettext(
            "within %(num)d month of the strategy discussion",
            "within %(num)d months of the strategy discussion",
            count,
        )
    elif rule.kind == "months_after":
        text = ngettext(
            "within %(num)d month of the meeting", "within %(num)d months of the meeting", count
        )
    else:
        text = translator.gettext("by %(time)s on the working day before the meeting") % {
            "time": rule.at.strftime("%H:%M") if rule.at is not None else ""
        }
        return _with_note(text, rule, translator)
    return _with_note(text % {"num": count}, rule, translator)


def _with_note(text: str, rule: Rule, translator: Translator) -> str:
    if not rule.note:
        return text
    return translator.gettext("%(rule)s (%(note)s)") % {
        "rule": text,
        "note": translator.gettext(rule.note),
    }


@dataclass(frozen=True)
class WhenLate:
    """What a council's standards say happens when one duty is late."""

    duty: str
    action: str  # one of LATE_ACTIONS
    source: str
    portal_default: bool = False


@dataclass(frozen=True)
class LateWarning:
    """A late duty whose policy says what that means for the meeting."""

    deadline: Deadline
    when_late: WhenLate


@dataclass(frozen=True)
class DissentRoute:
    """Where a professional who disagrees with a decision can take it, in the council's
    policy (English in the file, translated on the page like every policy text)."""

    escalation: str
    source: str
    portal_default: bool = False


@dataclass(frozen=True)
class Policy:
    """All rules of one authority, inheritance already applied."""

    key: str
    name: str
    extends: str | None
    duties: Mapping[str, tuple[Rule, ...]]
    # The duties this policy's own file sets (the rest are inherited).
    own_duties: frozenset[str]
    # What happens when a duty is late, by duty (inherited duty by duty like the rules).
    when_late: Mapping[str, WhenLate] = field(default_factory=lambda: MappingProxyType({}))
    # How early invitations must go out (``[[invitations]]``, see INVITATIONS): advice for
    # the booker, not a duty with a status. Replaced as a whole by a file that sets it.
    invitations: tuple[Rule, ...] = ()
    # Where a professional who disagrees with the decision can take it (``[dissent]``).
    dissent: DissentRoute | None = None
    # After each core group meeting (see PLAN_UPDATE); inherited unless the file sets them.
    plan_update: tuple[Rule, ...] = ()
    core_group_every_weeks: int | None = None

    def rules_for(self, duty: str) -> tuple[Rule, ...]:
        return self.duties.get(duty, ())

    def all_rules(self) -> list[Rule]:
        return [rule for duty in DUTIES for rule in self.rules_for(duty)]


@dataclass(frozen=True)
class ConferenceFacts:
    """What is known about one conference. Moments must carry a time zone."""

    kind: str
    start: datetime
    ended: datetime | None = None
    strategy_discussion: date | None = None

    def __post_init__(self) -> None:
        if self.kind not in CONFERENCE_KINDS:
            choices = ", ".join(CONFERENCE_KINDS)
            raise ValueError(f"unknown conference kind {self.kind!r}; choose one of: {choices}")
        _require_aware(self.start, "start")
        if self.ended is not None:
            _require_aware(self.ended, "ended")
            if self.ended < self.start:
                raise ValueError("the conference cannot end before it starts")


@dataclass(frozen=True, kw_only=True)
class RuleOutcome:
    """When one rule makes a duty due."""

    due: Due  # a date, or an aware datetime in UTC
    kind: DueKind
    rule: str
    source: str
    portal_default: bool
    # For a professional duty whose date fell on a non-working day: the date it moved from.
    moved_from: date | None = None
    # The rule itself, so that pages can describe it in the reader's language.
    spec: Rule | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class Deadline(RuleOutcome):
    """A duty's target (the earliest of its rules) with the other rules kept alongside."""

    key: str
    alternatives: tuple[RuleOutcome, ...] = ()


# ---------------------------------------------------------------------------
# Loading policy files


def policy_keys() -> list[str]:
    """Keys of every policy file shipped with the portal, sorted."""
    return list(_policy_keys())


@cache
def _policy_keys() -> tuple[str, ...]:
    # The files ship with the portal and never change while it runs: list them once.
    folder = resources.files(_POLICY_PACKAGE)
    return tuple(
        sorted(
            entry.name.removesuffix(".toml")
            for entry in folder.iterdir()
            if entry.name.endswith(".toml") and entry.is_file()
        )
    )


def load_policy(key: str) -> Policy:
    """The policy with this key, its ``extends`` chain resolved."""
    if not isinstance(key, str) or key not in policy_keys():
        choices = ", ".join(policy_keys())
        raise UnknownPolicy(f"unknown authority {key!r}; choose one of: {choices}")
    return _load_policy(key, ())


def parse_policy(key: str, raw: Mapping[str, Any]) -> Policy:
    """Build a policy from already-parsed TOML, checking it against the schema.

    Raises PolicyError when the data does not follow the schema; ``extends`` must name a
    policy file shipped with the portal.
    """
    return _build_policy(key, raw, (), f"{key}.toml")


@cache
def _load_policy(key: str, chain: tuple[str, ...]) -> Policy:
    if key in chain:
        loop = " -> ".join((*chain, key))
        raise PolicyError(f"policy inheritance loops: {loop}")
    if not _KEY_PATTERN.fullmatch(key) or key not in policy_keys():
        raise UnknownPolicy(f"unknown authority {key!r}")
    origin = f"{key}.toml"
    text = resources.files(_POLICY_PACKAGE).joinpath(origin).read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PolicyError(f"{origin}: {error}") from error
    return _build_policy(key, raw, chain, origin)


def _build_policy(key: str, raw: Mapping[str, Any], chain: tuple[str, ...], origin: str) -> Policy:
    unknown = set(raw) - _POLICY_FIELDS
    if unknown:
        raise PolicyError(f"{origin}: unknown fields {sorted(unknown)}")
    if raw.get("key") != key:
        raise PolicyError(f"{origin}: key must be {key!r}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise PolicyError(f"{origin}: name must be a non-empty string")
    extends = raw.get("extends")
    if extends is not None and (not isinstance(extends, str) or extends not in policy_keys()):
        raise PolicyError(f"{origin}: extends must name another policy file")
    raw_duties = raw.get("duties", {})
    if not isinstance(raw_duties, dict):
        raise PolicyError(f"{origin}: duties must be a table")

    own: dict[str, tuple[Rule, ...]] = {}
    for duty, raw_rules in raw_duties.items():
        if duty not in DUTIES:
            raise PolicyError(f"{origin}: unknown duty {duty!r}")
        if not isinstance(raw_rules, list) or not raw_rules:
            raise PolicyError(f"{origin}: duties.{duty} must list at least one rule")
        own[duty] = tuple(_parse_rule(duty, item, f"{origin}, duties.{duty}") for item in raw_rules)

    raw_when_late = raw.get("when_late", {})
    if not isinstance(raw_when_late, dict):
        raise PolicyError(f"{origin}: when_late must be a table")
    own_when_late = {
        duty: _parse_when_late(duty, item, f"{origin}, when_late.{duty}")
        for duty, item in raw_when_late.items()
    }

    raw_invitations = raw.get("invitations")
    invitations: tuple[Rule, ...] = ()
    if raw_invitations is not None:
        if not isinstance(raw_invitations, list) or not raw_invitations:
            raise PolicyError(f"{origin}: invitations must list at least one rule")
        invitations = tuple(
            _parse_rule(INVITATIONS, item, f"{origin}, invitations") for item in raw_invitations
        )
        if any(rule.kind not in _BEFORE_KINDS for rule in invitations):
            raise PolicyError(f"{origin}: invitations go out before the meeting")

    raw_dissent = raw.get("dissent")
    dissent = _parse_dissent(raw_dissent, f"{origin}, dissent") if raw_dissent is not None else None
    raw_plan_update = raw.get("plan_update")
    plan_update: tuple[Rule, ...] = ()
    if raw_plan_update is not None:
        if not isinstance(raw_plan_update, list) or not raw_plan_update:
            raise PolicyError(f"{origin}: plan_update must list at least one rule")
        plan_update = tuple(
            _parse_rule(PLAN_UPDATE, item, f"{origin}, plan_update") for item in raw_plan_update
        )
        if any(
            rule.kind not in ("working_days_after", "calendar_days_after") for rule in plan_update
        ):
            raise PolicyError(f"{origin}: plan_update counts days after the core group meeting")
    every_weeks = raw.get("core_group_every_weeks")
    if every_weeks is not None and (
        isinstance(every_weeks, bool) or not isinstance(every_weeks, int) or every_weeks < 1
    ):
        raise PolicyError(f"{origin}: core_group_every_weeks must be a whole number of weeks")

    merged: dict[str, tuple[Rule, ...]] = {}
    when_late: dict[str, WhenLate] = {}
    if extends is not None:
        parent = _load_policy(extends, (*chain, key))
        merged.update(parent.duties)
        when_late.update(parent.when_late)
        if raw_invitations is None:
            invitations = parent.invitations
        if dissent is None:
            dissent = parent.dissent
        if raw_plan_update is None:
            plan_update = parent.plan_update
        if every_weeks is None:
            every_weeks = parent.core_group_every_weeks
    merged.update(own)
    when_late.update(own_when_late)
    ordered = {duty: merged[duty] for duty in DUTIES if duty in merged}
    return Policy(
        key=key,
        name=name.strip(),
        extends=extends,
        duties=MappingProxyType(ordered),
        own_duties=frozenset(own),
        when_late=MappingProxyType({duty: when_late[duty] for duty in DUTIES if duty in when_late}),
        invitations=invitations,
        dissent=dissent,
        plan_update=plan_update,
        core_group_every_weeks=every_weeks,
    )


def _parse_dissent(raw: Any, origin: str) -> DissentRoute:
    if not isinstance(raw, dict):
        raise PolicyError(f"{origin}: must be a table")
    unknown = set(raw) - _DISSENT_FIELDS
    if unknown:
        raise PolicyError(f"{origin}: unknown fields {sorted(unknown)}")
    texts = {}
    for field_name in ("escalation", "source"):
        value = raw.get(field_name)
        if not isinstance(value, str) or not value.strip():
            raise PolicyError(f"{origin}: needs {field_name}")
        texts[field_name] = " ".join(value.split())
    portal_default = raw.get("portal_default", False)
    if not isinstance(portal_default, bool):
        raise PolicyError(f"{origin}: portal_default must be true or false")
    return DissentRoute(texts["escalation"], texts["source"], portal_default)


def _parse_when_late(duty: str, raw: Any, origin: str) -> WhenLate:
    if duty not in LATE_DUTIES:
        raise PolicyError(f"{origin}: when_late covers only {', '.join(LATE_DUTIES)}")
    if not isinstance(raw, dict):
        raise PolicyError(f"{origin}: must be a table")
    unknown = set(raw) - _WHEN_LATE_FIELDS
    if unknown:
        raise PolicyError(f"{origin}: unknown fields {sorted(unknown)}")
    action = raw.get("action")
    if action not in LATE_ACTIONS:
        raise PolicyError(f"{origin}: action must be one of {', '.join(LATE_ACTIONS)}")
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        raise PolicyError(f"{origin}: needs a source")
    portal_default = raw.get("portal_default", False)
    if not isinstance(portal_default, bool):
        raise PolicyError(f"{origin}: portal_default must be true or false")
    return WhenLate(duty=duty, action=action, source=source.strip(), portal_default=portal_default)


def _parse_rule(duty: str, raw: Any, origin: str) -> Rule:
    if not isinstance(raw, dict):
        raise PolicyError(f"{origin}: each rule must be a table")
    unknown = set(raw) - _RULE_FIELDS
    if unknown:
        raise PolicyError(f"{origin}: unknown rule fields {sorted(unknown)}")

    kind = raw.get("kind")
    if kind not in RULE_KINDS:
        raise PolicyError(f"{origin}: kind must be one of {', '.join(RULE_KINDS)}")

    count = raw.get("count")
    at = raw.get("time")
    if kind == "time_on_previous_working_day":
        if count is not None or not isinstance(at, time):
            raise PolicyError(f"{origin}: {kind} takes a time (e.g. 14:00:00) and no count")
    else:
        if at is not None:
            raise PolicyError(f"{origin}: only time_on_previous_working_day takes a time")
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise PolicyError(f"{origin}: count must be a whole number of at least 1")

    default_anchor = "conference" if kind in _BEFORE_KINDS else "conference_end"
    anchor = raw.get("anchor", default_anchor)
    if anchor not in ANCHORS:
        raise PolicyError(f"{origin}: anchor must be one of {', '.join(ANCHORS)}")
    if kind in _BEFORE_KINDS and anchor != "conference":
        raise PolicyError(f"{origin}: a {kind} rule counts back from the conference")
    if kind in _HOUR_KINDS and anchor == "strategy_discussion":
        raise PolicyError(f"{origin}: hours need a moment; the strategy discussion is a date")

    conferences = raw.get("conferences", [])
    if (
        not isinstance(conferences, list)
        or not all(item in ("initial", "review") for item in conferences)
        or (("conferences" in raw) and not conferences)
    ):
        raise PolicyError(f"{origin}: conferences must list 'initial' and/or 'review'")

    flags: dict[str, bool] = {}
    for flag in ("professional_duty", "portal_default"):
        value = raw.get(flag, False)
        if not isinstance(value, bool):
            raise PolicyError(f"{origin}: {flag} must be true or false")
        flags[flag] = value

    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        raise PolicyError(f"{origin}: every rule needs a source")
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise PolicyError(f"{origin}: note must be text")

    return Rule(
        duty=duty,
        kind=kind,
        count=count,
        at=at,
        anchor=anchor,
        conferences=frozenset(conferences),
        professional_duty=flags["professional_duty"],
        portal_default=flags["portal_default"],
        source=source.strip(),
        note=note.strip(),
    )


# ---------------------------------------------------------------------------
# Time helpers


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must carry a time zone (got {moment.isoformat()})")


def london_date(moment: datetime) -> date:
    """The calendar date in London at ``moment``."""
    return moment.astimezone(LONDON).date()


def from_london_wall_time(value: datetime) -> datetime:
    """A London wall-clock time (as typed by a person) as an aware moment in UTC.

    A time that already carries a zone is only converted to UTC. A wall time skipped when
    the clocks go forward does not exist and is refused. A time repeated when the clocks go
    back is taken at its first occurrence (still summer time), the earlier of the two
    moments. The result is in UTC because Python never treats a London time inside the
    repeated hour as equal to any time in another zone (PEP 495), which would surprise
    callers comparing moments.
    """
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    aware = value.replace(tzinfo=LONDON, fold=0)
    if aware.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != value.replace(fold=0):
        raise ValueError(f"{value.isoformat()} does not exist in London (the clocks go forward)")
    return aware.astimezone(UTC)


def add_months(day: date, months: int) -> date:
    """Same day of the month ``months`` later, clamped to the end of a shorter month."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year = day.year + years
    month = month_index + 1
    last_day = month_calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))


def latest_on_time(due: Due) -> datetime:
    """The last instant at which a duty still counts as done on time, in UTC.

    A moment is itself. A date means the end of that day in London (23:59:59.999999
    Europe/London), which is how a date and a moment are compared when choosing the target
    and when judging whether something was done in time.
    """
    if isinstance(due, datetime):
        return due.astimezone(UTC)
    next_midnight = datetime.combine(due + timedelta(days=1), time(0), tzinfo=LONDON)
    return next_midnight.astimezone(UTC) - timedelta(microseconds=1)


def format_due(due: Due) -> str:
    """``YYYY-MM-DD`` for a date, ISO 8601 in UTC with its offset for a moment."""
    if isinstance(due, datetime):
        return due.astimezone(UTC).isoformat()
    return due.isoformat()


# ---------------------------------------------------------------------------
# Computing deadlines


def _anchor_moment(anchor: str, facts: ConferenceFacts) -> datetime | None:
    if anchor == "conference":
        return facts.start
    if anchor == "conference_end":
        # Until the end is recorded, "after the conference" counts from its start: the
        # deadline can only move later once the end is known, never earlier.
        return facts.ended if facts.ended is not None else facts.start
    return None


def _anchor_date(anchor: str, facts: ConferenceFacts) -> date | None:
    if anchor == "strategy_discussion":
        return facts.strategy_discussion
    moment = _anchor_moment(anchor, facts)
    return london_date(moment) if moment is not None else None


def evaluate_rule(
    rule: Rule, facts: ConferenceFacts, calendar: WorkingCalendar
) -> RuleOutcome | None:
    """When ``rule`` makes its duty due, or None while its anchor event is unknown."""
    if rule.kind in _HOUR_KINDS:
        moment = _anchor_moment(rule.anchor, facts)
        if moment is None or rule.count is None:
            return None
        # Real elapsed hours: the arithmetic is done in UTC, because adding a timedelta to
        # a London time keeps the wall clock and would be an hour out across a clock change.
        elapsed = timedelta(hours=rule.count)
        start = moment.astimezone(UTC)
        due_moment = start - elapsed if rule.kind == "hours_before" else start + elapsed
        return _outcome(rule, due_moment, "moment")

    anchor_day = _anchor_date(rule.anchor, facts)
    if anchor_day is None:
        return None

    if rule.kind == "time_on_previous_working_day":
        # "2pm the day before" means that clock time on the previous working day (DOMAIN.md),
        # so a Monday conference needs the reports by Friday afternoon.
        day = calendar.previous_working_day(anchor_day)
        at = rule.at if rule.at is not None else time(0)
        local = datetime.combine(day, at, tzinfo=LONDON)
        return _outcome(rule, local.astimezone(UTC), "moment")

    count = rule.count if rule.count is not None else 0
    if rule.kind == "working_days_before":
        due_day = calendar.add_working_days(anchor_day, -count)
    elif rule.kind == "working_days_after":
        due_day = calendar.add_working_days(anchor_day, count)
    elif rule.kind == "calendar_days_before":
        due_day = anchor_day - timedelta(days=count)
    elif rule.kind == "calendar_days_after":
        due_day = anchor_day + timedelta(days=count)
    else:
        due_day = add_months(anchor_day, count)

    moved_from: date | None = None
    if rule.professional_duty and not calendar.is_working_day(due_day):
        # Professionals cannot be expected to share, send or hold anything on a weekend,
        # bank holiday or closure day, so the date moves back, never later (DOMAIN.md).
        moved_from = due_day
        due_day = calendar.previous_working_day(due_day)
    return _outcome(rule, due_day, "date", moved_from)


def _outcome(rule: Rule, due: Due, kind: DueKind, moved_from: date | None = None) -> RuleOutcome:
    return RuleOutcome(
        due=due,
        kind=kind,
        rule=rule.describe(),
        source=rule.source,
        portal_default=rule.portal_default,
        moved_from=moved_from,
        spec=rule,
    )


def compute_deadlines(
    policy: Policy, facts: ConferenceFacts, calendar: WorkingCalendar
) -> dict[str, Deadline]:
    """Every duty that applies to this conference, in the order of DUTIES.

    A duty is left out when it does not exist for this kind of conference or when none of
    its rules can be worked out yet (for example ``icpc_by`` without a strategy discussion).
    """
    deadlines: dict[str, Deadline] = {}
    for duty in DUTIES:
        if facts.kind not in DUTY_CONFERENCE_KINDS[duty]:
            continue
        outcomes: list[RuleOutcome] = []
        for rule in policy.rules_for(duty):
            if not rule.applies_to(facts.kind):
                continue
            outcome = evaluate_rule(rule, facts, calendar)
            if outcome is not None:
                outcomes.append(outcome)
        if outcomes:
            deadlines[duty] = _choose_target(duty, outcomes)
    return deadlines


@lru_cache(maxsize=4096)
def deadlines_for(
    policy_key: str, nation: str, closure_days: frozenset[date], facts: ConferenceFacts
) -> Mapping[str, Deadline]:
    """`compute_deadlines` for a conference, remembered by everything its answer depends on.

    The key is the whole input (the policy, the nation's bank holidays, the council's
    closure days and the conference's own facts), so a change to any of them is a new key
    and nothing is ever stale; a page view only looks the answer up.
    """
    calendar = WorkingCalendar(nation, closure_days)
    return MappingProxyType(compute_deadlines(load_policy(policy_key), facts, calendar))


def _choose_target(duty: str, outcomes: Sequence[RuleOutcome]) -> Deadline:
    # Where two rules cover one duty (Dorset 4.1 and 4.3: 24 hours and 1 working day), the
    # earlier deadline is the target and the others are kept so that both can be shown. On a
    # tie the rule written first in the policy file wins.
    target_index = min(
        range(len(outcomes)), key=lambda index: (latest_on_time(outcomes[index].due), index)
    )
    target = outcomes[target_index]
    others = tuple(item for index, item in enumerate(outcomes) if index != target_index)
    return Deadline(
        key=duty,
        due=target.due,
        kind=target.kind,
        rule=target.rule,
        source=target.source,
        portal_default=target.portal_default,
        moved_from=target.moved_from,
        spec=target.spec,
        alternatives=others,
    )


def invitations_due(
    policy: Policy, facts: ConferenceFacts, calendar: WorkingCalendar
) -> Deadline | None:
    """When invitations must have gone out for this conference, or None when the policy
    says nothing for its kind (the earliest of several rules, as for duties)."""
    outcomes = [
        outcome
        for rule in policy.invitations
        if rule.applies_to(facts.kind)
        and (outcome := evaluate_rule(rule, facts, calendar)) is not None
    ]
    return _choose_target(INVITATIONS, outcomes) if outcomes else None


def deadline_status(
    deadline: RuleOutcome,
    done_at: datetime | None,
    now: datetime,
    due_soon: timedelta = timedelta(days=2),
) -> str:
    """Classify a deadline as "met", "done_late", "missed", "due_soon" or "upcoming".

    Met: done on or before the due date or moment. Done late: done, after it. Missed: only
    while not done and the due date or moment has passed. Due soon: not done and due within
    ``due_soon`` of now.
    """
    _require_aware(now, "now")
    limit = latest_on_time(deadline.due)
    if done_at is not None:
        _require_aware(done_at, "done_at")
        return "met" if done_at.astimezone(UTC) <= limit else "done_late"
    current = now.astimezone(UTC)
    if current > limit:
        return "missed"
    if limit - current <= due_soon:
        return "due_soon"
    return "upcoming"


def to_json_dict(policy: Policy | str, deadlines: Mapping[str, Deadline]) -> dict[str, Any]:
    """The portable form: authority key and, per duty, the target's due, kind, rule, source."""
    key = policy if isinstance(policy, str) else policy.key
    return {
        "authority": key,
        "deadlines": {
            duty: {
                "due": format_due(deadline.due),
                "kind": deadline.kind,
                "rule": deadline.rule,
                "source": deadline.source,
            }
            for duty, deadline in deadlines.items()
        },
    }
