"""How a family member can disagree with a decision, or complain, under a council's policy.

Each policy file may have a ``[disagree]`` table; a policy without one inherits its
parent's (``extends``), like its duties. The words are written for families in plain
English and translated through the catalogues (babel.cfg extracts them). No Flask.

    [disagree]
    words = "If you do not agree with the decision, tell the chair. ..."
    first_contact = "chair"        # who to tell first: see FIRST_CONTACTS
    link = "https://..."           # optional: the council's published procedure
    source = "Wakefield procedures, 'Dissent'"
    portal_default = true          # optional: no standard sets the route
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from portal.domain.deadlines import PolicyError, policy_keys

FIRST_CONTACTS: tuple[str, ...] = ("chair", "social_worker")
_FIELDS = frozenset({"words", "first_contact", "link", "source", "portal_default"})


@dataclass(frozen=True)
class DisagreeRoute:
    """What a council tells a family member who disagrees with the decision."""

    words: str
    first_contact: str
    source: str
    link: str = ""
    portal_default: bool = False


def parse_route(raw: Any, origin: str) -> DisagreeRoute:
    """A ``[disagree]`` table checked against the schema (raises PolicyError)."""
    if not isinstance(raw, dict):
        raise PolicyError(f"{origin}: disagree must be a table")
    unknown = set(raw) - _FIELDS
    if unknown:
        raise PolicyError(f"{origin}: unknown fields in disagree {sorted(unknown)}")
    words, source = raw.get("words"), raw.get("source")
    if not isinstance(words, str) or not words.strip():
        raise PolicyError(f"{origin}: disagree.words must be a non-empty string")
    if not isinstance(source, str) or not source.strip():
        raise PolicyError(f"{origin}: disagree.source must be a non-empty string")
    first_contact = raw.get("first_contact", "chair")
    if first_contact not in FIRST_CONTACTS:
        raise PolicyError(f"{origin}: disagree.first_contact must be one of {FIRST_CONTACTS}")
    link = raw.get("link", "")
    if not isinstance(link, str) or (link and not link.startswith(("https://", "http://"))):
        raise PolicyError(f"{origin}: disagree.link must be a web address")
    return DisagreeRoute(
        words=words.strip(),
        first_contact=first_contact,
        source=source.strip(),
        link=link,
        portal_default=bool(raw.get("portal_default", False)),
    )


@cache
def route_for(policy_key: str) -> DisagreeRoute | None:
    """The policy's route, or its parent's when the file sets none."""
    if policy_key not in policy_keys():
        return None
    text = resources.files("portal.domain.policies").joinpath(f"{policy_key}.toml")
    raw = tomllib.loads(text.read_text(encoding="utf-8"))
    if "disagree" in raw:
        return parse_route(raw["disagree"], f"{policy_key}.toml")
    parent = raw.get("extends")
    return route_for(parent) if isinstance(parent, str) and parent != policy_key else None
