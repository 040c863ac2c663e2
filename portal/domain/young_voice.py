"""A young person's voice: the choices they make about their views and their meeting
(issue 12; Doncaster chapter 5, Dorset 2.7-2.8, Middlesbrough standard 3).

Plain enumerations and pure rules; no Flask, no database.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from portal.domain.vocabulary import ChildViewFormat, Role


class ShareWith(enum.StrEnum):
    """Who sees one view. The choice is kept as words; what is stored for the policy is the
    list of people it meant when the view was sent."""

    EVERYONE = "everyone"  # everyone invited to the meeting
    CHOSEN = "chosen"  # the people the child ticked, by name
    CHAIR_AND_SOCIAL_WORKER = "chair_and_social_worker"
    ADVOCATE = "advocate"  # only the child's own advocate


class SpokenBy(enum.StrEnum):
    """What happens to a view at the meeting."""

    MYSELF = "myself"
    ADVOCATE = "advocate"
    CHAIR_READS_OUT = "chair_reads_out"
    CHAIR_READS_QUIETLY = "chair_reads_quietly"  # the chair reads it but not out loud


class Coming(enum.StrEnum):
    ALL = "all"
    PART = "part"
    NOT_AT_ALL = "not_at_all"


class Joining(enum.StrEnum):
    IN_THE_ROOM = "in_the_room"
    VIDEO = "video"
    PHONE = "phone"
    MY_VIEWS_ONLY = "my_views_only"  # not joining; their views and advocate speak for them


class MeetChair(enum.StrEnum):
    # Doncaster offers every child over 10 a meeting with the chair after the conference.
    BEFORE = "before"
    AFTER = "after"
    BOTH = "both"
    NO = "no"


class Heard(enum.StrEnum):
    YES = "yes"
    A_BIT = "a_bit"
    NO = "no"


# The faces scale: 1 (very sad) to 5 (very happy), each with its own words.
FEELINGS = ("home", "school", "family", "friends")
FACES = (1, 2, 3, 4, 5)
HOUSES = ("worries", "good_things", "dreams")
# The formats a child can start. "Know and decide" is what they want the meeting to know
# and to decide.
FORMATS = (
    ChildViewFormat.LETTER,
    ChildViewFormat.WORDS_AND_PICTURES,
    ChildViewFormat.THREE_HOUSES,
    ChildViewFormat.FEELINGS_SCALE,
    ChildViewFormat.KNOW_AND_DECIDE,
)
# Formats that can hold pictures, and where in them a picture goes.
PICTURE_PLACES: dict[ChildViewFormat, tuple[str, ...]] = {
    ChildViewFormat.WORDS_AND_PICTURES: ("words",),
    ChildViewFormat.THREE_HOUSES: HOUSES,
}
MAX_PICTURES_PER_VIEW = 12


@dataclass(frozen=True)
class Invited:
    """Someone the child can choose, as the rule needs them."""

    participant_id: uuid.UUID
    role: Role
    child_id: uuid.UUID | None = None


def audience(
    choice: ShareWith,
    chosen: Iterable[uuid.UUID],
    invited: Iterable[Invited],
    child_id: uuid.UUID,
    me: uuid.UUID,
) -> list[uuid.UUID]:
    """The people a view goes to, by participant id, for the child's choice. Only people
    invited to this meeting can be in it; the child never needs to be (they always see it)."""
    others = [person for person in invited if person.participant_id != me]
    if choice == ShareWith.EVERYONE:
        return [person.participant_id for person in others]
    if choice == ShareWith.CHOSEN:
        ticked = set(chosen)
        return [person.participant_id for person in others if person.participant_id in ticked]
    if choice == ShareWith.CHAIR_AND_SOCIAL_WORKER:
        return [
            person.participant_id
            for person in others
            if person.role in {Role.CHAIR, Role.SOCIAL_WORKER}
        ]
    return [
        person.participant_id
        for person in others
        if person.role == Role.ADVOCATE and person.child_id == child_id
    ]


def has_words(content: dict[str, object]) -> bool:
    """Whether a view has anything in it yet (words, a picture or a face)."""
    for value in content.values():
        if isinstance(value, str) and value.strip():
            return True
        if isinstance(value, list | dict) and value:
            return True
        if isinstance(value, int) and not isinstance(value, bool):
            return True
    return False
