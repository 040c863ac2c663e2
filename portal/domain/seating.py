"""One seating plan for the whole meeting, from everyone's wishes, and what does not fit.

Each family member may ask to sit beside people and ask that someone does not sit near them
(a safety request: only the chair and social worker may see it, see `visibility`). The chair
needs one horseshoe that honours as much as it can, and to know what cannot all be honoured:

- two people asked to sit beside the same person;
- someone asked to sit beside a person who asked that they keep apart;
- two people who must be kept apart both asked to sit beside the same person;
- the plan still puts someone next to a person they asked to keep away from.

People are plain keys (a participant's id as text); the pages name them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

SAME_NEIGHBOUR = "same_neighbour"
BESIDE_SOMEONE_KEEPING_APART = "beside_someone_keeping_apart"
KEPT_APART_SHARE_NEIGHBOUR = "kept_apart_share_neighbour"
SEATED_NEAR = "seated_near"


@dataclass(frozen=True)
class Wish:
    """What one person asked for: who to sit beside, and who should not sit near them."""

    person: str
    beside: tuple[str, ...] = ()
    not_near: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conflict:
    """Wishes that cannot all be met. `people` asked; `about` is the person they asked about.
    `safety_request_of` names whose request not to sit near someone this comes from, so that a
    page can leave it out for anyone who may not see that request."""

    kind: str
    people: tuple[str, ...]
    about: str
    safety_request_of: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Seat:
    person: str
    x: float
    y: float


def _present(wishes: Sequence[Wish], people: Sequence[str]) -> list[Wish]:
    """Wishes of the people in this horseshoe, about people in it."""
    here = set(people)
    return [
        Wish(
            wish.person,
            tuple(p for p in wish.beside if p in here and p != wish.person),
            tuple(p for p in wish.not_near if p in here and p != wish.person),
        )
        for wish in wishes
        if wish.person in here
    ]


def _apart(wishes: Sequence[Wish]) -> set[frozenset[str]]:
    return {frozenset((wish.person, other)) for wish in wishes for other in wish.not_near}


def plan(people: Sequence[str], wishes: Sequence[Wish]) -> list[str]:
    """Everyone in `people` once, in seat order from one end of the horseshoe to the other
    (the chair sits at the top, between the two ends).

    People who asked to sit together are put side by side where each still has a free side
    and nobody asked to keep them apart; people who must be kept apart go to opposite ends;
    everyone else fills the middle, never next to someone they must be kept from if it can
    be helped. The same wishes always give the same plan.
    """
    wishes = _present(wishes, people)
    apart = _apart(wishes)
    neighbours: dict[str, list[str]] = {person: [] for person in people}
    group = {person: person for person in people}

    def root(person: str) -> str:
        while group[person] != person:
            person = group[person]
        return person

    for wish in wishes:
        for other in wish.beside:
            if (
                frozenset((wish.person, other)) in apart
                or len(neighbours[wish.person]) >= 2
                or len(neighbours[other]) >= 2
                or root(wish.person) == root(other)
            ):
                continue
            neighbours[wish.person].append(other)
            neighbours[other].append(wish.person)
            group[root(wish.person)] = root(other)

    chains: list[list[str]] = []
    placed: set[str] = set()
    for person in people:
        if person in placed or len(neighbours[person]) == 2:
            continue
        chain = [person]
        while True:
            following = [n for n in neighbours[chain[-1]] if n not in chain]
            if not following:
                break
            chain.append(following[0])
        placed.update(chain)
        chains.append(chain)

    # The first pair to keep apart anchors the two ends.
    left: list[str] = []
    right: list[str] = []
    for pair in sorted(sorted(pair) for pair in apart):
        first, second = pair
        a = next(c for c in chains if first in c)
        b = next(c for c in chains if second in c)
        if a is not b:
            left = a if a[0] == first else a[::-1]
            right = b if b[-1] == second else b[::-1]
            chains = [c for c in chains if c is not a and c is not b]
            break

    order = list(left)
    remaining = list(chains)
    while remaining:
        last = len(remaining) == 1
        choice: tuple[int, list[str]] = (0, remaining[0])  # nothing fits: reported as a conflict
        for index, chain in enumerate(remaining):
            fits = [
                option
                for option in (chain, chain[::-1])
                if (not order or frozenset((order[-1], option[0])) not in apart)
                and not (last and right and frozenset((option[-1], right[0])) in apart)
            ]
            if fits:
                choice = (index, fits[0])
                break
        order.extend(choice[1])
        del remaining[choice[0]]
    order.extend(right)
    return order


def conflicts(
    wishes: Sequence[Wish], people: Sequence[str], order: Sequence[str] | None = None
) -> list[Conflict]:
    """What cannot all be honoured among the wishes of the people in this horseshoe; with the
    plan's `order`, also anyone it still seats next to someone they must be kept from."""
    wishes = _present(wishes, people)
    found: list[Conflict] = []
    by_person = {wish.person: wish for wish in wishes}
    for about in people:
        askers = tuple(wish.person for wish in wishes if about in wish.beside)
        if len(askers) >= 2:
            found.append(Conflict(SAME_NEIGHBOUR, askers, about))
    for wish in wishes:
        for other in wish.not_near:
            theirs = by_person.get(other)
            if theirs is not None and wish.person in theirs.beside:
                found.append(
                    Conflict(BESIDE_SOMEONE_KEEPING_APART, (other,), wish.person, (wish.person,))
                )
            if theirs is not None:
                for shared in wish.beside:
                    if shared in theirs.beside:
                        found.append(
                            Conflict(
                                KEPT_APART_SHARE_NEIGHBOUR,
                                (wish.person, other),
                                shared,
                                (wish.person,),
                            )
                        )
    if order is not None:
        for left, right in itertools.pairwise(order):
            for person, other in ((left, right), (right, left)):
                if other in by_person.get(person, Wish(person)).not_near:
                    found.append(Conflict(SEATED_NEAR, (person,), other, (person,)))
    return found


def seats(order: Sequence[str]) -> list[Seat]:
    """Where each seat is drawn on a U below the chair (a 400 by 290 picture; the chair's
    seat is at the top, 200 by 40), from the left end round the bottom to the right end."""
    count = len(order)
    placed = []
    for index, person in enumerate(order):
        angle = math.pi - (math.pi * (index + 0.5) / count)
        placed.append(Seat(person, 200 + 150 * math.cos(angle), 110 + 140 * math.sin(angle)))
    return placed
