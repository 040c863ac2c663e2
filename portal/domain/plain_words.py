"""Plain words for families: advice on what a professional writes, never a block.

Dorset 2.9 asks for no jargon or acronyms; Doncaster chapter 4 for records the family and
young person can follow. `advise` finds the glossary's letters and jargon in a text, each
with a plain alternative, and gives the Flesch reading ease (60 or more is what the
portal's own family pages reach). Pure: the caller passes the glossary's terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import textstat

EASY_ENOUGH = 60.0  # the bar the family pages meet (tests/i18n/test_plain_words.py)
FAIRLY_HARD = 50.0
# Fewer words than this give a score that swings on one long word: no score is shown.
FEWEST_WORDS = 20


@dataclass(frozen=True)
class Term:
    code: str  # the glossary's anchor, e.g. "icpc"
    words: str  # what is matched, e.g. "ICPC" or "core group"
    plain: str  # what to write instead, or explain


@dataclass(frozen=True)
class Finding:
    code: str
    found: str  # as written in the text
    plain: str
    count: int


@dataclass(frozen=True)
class Advice:
    words: int
    ease: float | None  # Flesch reading ease, None for a text too short to score
    band: str | None  # "easy", "fairly_hard", "hard"
    findings: tuple[Finding, ...]

    @property
    def has_advice(self) -> bool:
        return bool(self.findings) or self.band in {"fairly_hard", "hard"}


_LEADING_LETTERS = re.compile(r"^([A-Z][A-Z0-9]+)\s*\((.+)\)$")
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)")
_WORD = re.compile(r"[A-Za-z']+")


def term_from_glossary(code: str, name: str, explanation: str) -> Term:
    """A glossary entry as a term to look for: "ICPC (initial child protection conference)"
    is looked for as "ICPC"; the plain alternative is the explanation's first sentence."""
    match = _LEADING_LETTERS.match(name.strip())
    words = match.group(1) if match else name.strip()
    first = _FIRST_SENTENCE.match(explanation.strip())
    return Term(code=code, words=words, plain=first.group(1) if first else explanation.strip())


def _pattern(term: Term) -> re.Pattern[str]:
    escaped = r"\s+".join(re.escape(part) for part in term.words.split())
    if term.words.isupper() or any(ch.isdigit() for ch in term.words):
        # Letters are matched as written: "CP" is jargon, "cp" in a word is not.
        return re.compile(rf"(?<![A-Za-z0-9]){escaped}(?![A-Za-z0-9])")
    return re.compile(rf"(?<![A-Za-z]){escaped}s?(?![A-Za-z])", re.IGNORECASE)


def find_terms(text: str, terms: Iterable[Term]) -> tuple[Finding, ...]:
    """Each term found, once, in the order it first appears."""
    found: list[tuple[int, Finding]] = []
    for term in terms:
        matches = list(_pattern(term).finditer(text))
        if matches:
            first = matches[0]
            found.append(
                (first.start(), Finding(term.code, first.group(0), term.plain, len(matches)))
            )
    return tuple(finding for _start, finding in sorted(found, key=lambda pair: pair[0]))


def reading_ease(text: str) -> float | None:
    if len(_WORD.findall(text)) < FEWEST_WORDS:
        return None
    return round(float(textstat.flesch_reading_ease(text)), 1)


def band_of(ease: float | None) -> str | None:
    if ease is None:
        return None
    if ease >= EASY_ENOUGH:
        return "easy"
    return "fairly_hard" if ease >= FAIRLY_HARD else "hard"


def advise(text: str, terms: Sequence[Term]) -> Advice:
    ease = reading_ease(text)
    return Advice(
        words=len(_WORD.findall(text)),
        ease=ease,
        band=band_of(ease),
        findings=find_terms(text, terms),
    )
