"""The horseshoe: where the parent will sit, drawn from their choices."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Seat:
    label: str
    x: float
    y: float
    kind: str  # me, beside, apart, other, chair


def arrange(
    me: str, chair: str, beside: list[str], apart: list[str], others: list[str]
) -> list[Seat]:
    """Seats on a U below the chair. You sit at the bottom with the people you chose on either
    side; the people who should not sit near you go to the far ends, next to the chair."""
    order: list[tuple[str, str]] = [(me, "me")]
    for index, name in enumerate(beside):
        # Alternate left and right of you.
        if index % 2 == 0:
            order.insert(0, (name, "beside"))
        else:
            order.append((name, "beside"))
    middle = [(name, "other") for name in others]
    half = len(middle) // 2
    order = middle[:half] + order + middle[half:]
    far = [(name, "apart") for name in apart]
    order = far[: (len(far) + 1) // 2] + order + far[(len(far) + 1) // 2 :]
    count = len(order)
    seats = [Seat(chair, 200, 40, "chair")]
    for index, (name, kind) in enumerate(order):
        # From the left end (angle 180 degrees) round the bottom to the right end (0 degrees).
        angle = math.pi - (math.pi * (index + 0.5) / count) if count else math.pi / 2
        seats.append(Seat(name, 200 + 150 * math.cos(angle), 110 + 140 * math.sin(angle), kind))
    return seats
