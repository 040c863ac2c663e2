"""One horseshoe from everyone's wishes, and the wishes that cannot all be met."""

from __future__ import annotations

from portal.domain.seating import (
    BESIDE_SOMEONE_KEEPING_APART,
    KEPT_APART_SHARE_NEIGHBOUR,
    SAME_NEIGHBOUR,
    SEATED_NEAR,
    Wish,
    conflicts,
    plan,
    seats,
)

PEOPLE = ["amira", "daniel", "priya", "tom", "sam", "maya"]


def adjacent(order, a, b):
    return abs(order.index(a) - order.index(b)) == 1


def test_everyone_gets_one_seat_and_people_who_asked_sit_together():
    wishes = [Wish("amira", beside=("priya",)), Wish("maya", beside=("sam",))]
    order = plan(PEOPLE, wishes)
    assert sorted(order) == sorted(PEOPLE)
    assert adjacent(order, "amira", "priya")
    assert adjacent(order, "maya", "sam")
    assert conflicts(wishes, PEOPLE, order) == []


def test_people_who_must_be_kept_apart_go_to_opposite_ends():
    wishes = [Wish("amira", beside=("priya",), not_near=("daniel",))]
    order = plan(PEOPLE, wishes)
    assert {order[0], order[-1]} == {"amira", "daniel"}
    assert conflicts(wishes, PEOPLE, order) == []


def test_two_people_asking_to_sit_beside_the_same_person_is_flagged():
    wishes = [Wish("amira", beside=("priya",)), Wish("daniel", beside=("priya",))]
    found = conflicts(wishes, PEOPLE, plan(PEOPLE, wishes))
    assert [(c.kind, c.people, c.about) for c in found] == [
        (SAME_NEIGHBOUR, ("amira", "daniel"), "priya")
    ]
    assert found[0].safety_request_of == ()


def test_asking_to_sit_beside_someone_who_asked_to_keep_apart_is_flagged_and_not_honoured():
    wishes = [Wish("amira", not_near=("daniel",)), Wish("daniel", beside=("amira",))]
    order = plan(PEOPLE, wishes)
    assert not adjacent(order, "amira", "daniel")
    found = conflicts(wishes, PEOPLE, order)
    assert [(c.kind, c.people, c.about, c.safety_request_of) for c in found] == [
        (BESIDE_SOMEONE_KEEPING_APART, ("daniel",), "amira", ("amira",))
    ]


def test_two_people_kept_apart_who_both_want_the_same_neighbour_is_flagged():
    wishes = [
        Wish("amira", beside=("priya",), not_near=("daniel",)),
        Wish("daniel", beside=("priya",)),
    ]
    order = plan(PEOPLE, wishes)
    kinds = {c.kind for c in conflicts(wishes, PEOPLE, order)}
    assert KEPT_APART_SHARE_NEIGHBOUR in kinds
    assert SAME_NEIGHBOUR in kinds
    assert not adjacent(order, "amira", "daniel")


def test_a_plan_that_cannot_keep_people_apart_says_so():
    # Two seats only: they cannot be kept apart.
    wishes = [Wish("amira", not_near=("daniel",))]
    order = plan(["amira", "daniel"], wishes)
    assert [c.kind for c in conflicts(wishes, ["amira", "daniel"], order)] == [SEATED_NEAR]


def test_wishes_about_people_not_in_this_part_are_left_out():
    part_one = ["amira", "priya", "tom"]
    wishes = [
        Wish("amira", beside=("priya",), not_near=("daniel",)),
        Wish("daniel", beside=("priya",)),
    ]
    order = plan(part_one, wishes)
    assert sorted(order) == sorted(part_one)
    assert conflicts(wishes, part_one, order) == []


def test_a_person_has_only_two_sides():
    wishes = [
        Wish("amira", beside=("priya",)),
        Wish("daniel", beside=("priya",)),
        Wish("tom", beside=("priya",)),
    ]
    order = plan(PEOPLE, wishes)
    beside_priya = [p for p in ("amira", "daniel", "tom") if adjacent(order, p, "priya")]
    assert len(beside_priya) == 2


def test_the_same_wishes_give_the_same_plan_and_seats_fill_the_horseshoe():
    wishes = [Wish("amira", beside=("priya",), not_near=("daniel",))]
    assert plan(PEOPLE, wishes) == plan(PEOPLE, wishes)
    placed = seats(plan(PEOPLE, wishes))
    assert [s.person for s in placed] == plan(PEOPLE, wishes)
    assert placed[0].x < 200 < placed[-1].x
    assert all(40 < s.y <= 250 for s in placed)
