"""Alphabetical order as each language has it (issue 13).

Python's own sort puts "Ł" after "Z" and mixes Welsh "ch" in with "c". ICU's collator,
with CLDR's tailoring for the language, sorts as a reader of that language expects:
Polish "ą" after "a", Spanish "ñ" after "n", Welsh "ch" after "c" and "dd" after "d",
Lithuanian "y" next to "i". Scripts other than the language's own sort after it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

import icu

T = TypeVar("T")


@lru_cache(maxsize=32)
def _collator(code: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(code.replace("-", "_")))


def sort_key(code: str) -> Callable[[str], bytes]:
    """A key function for ``sorted`` that orders text as the language ``code`` does."""
    collator = _collator(code)
    return collator.getSortKey  # type: ignore[no-any-return]


def sorted_for(code: str, items: Iterable[T], text: Callable[[T], str]) -> list[T]:
    """``items`` in the alphabetical order of the language ``code``, by ``text(item)``."""
    key = sort_key(code)
    return sorted(items, key=lambda item: key(text(item)))
