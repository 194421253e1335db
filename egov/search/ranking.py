"""The rerank (ADR 0007 §3): the engine's most relevant matches ordered by how much of the query's
meaning they cover. The engine decides what matches and how relevant each match is; this adds what
the two engines cannot express alike, so both databases agree on the order:

- coverage: the share of the query's meaningful words found in the title (then anywhere), squared
  (all of the meaning beats part of it), a word counting as found through its typo corrections and
  through a thesaurus alternative found whole;
- phrase: the share of the query's bigrams found in the title (proximity: the words side by side);
- the engine's relevance, scaled to the best match's;
- popularity (what nearly everyone means) and, last, a shorter title (the more general thing).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from egov.search.analysis import JOIN, Query, function_mask
from egov.search.thesaurus import Expansion

W_TITLE, W_ANYWHERE, W_PHRASE, W_RELEVANCE, W_POPULARITY, W_LENGTH = 3.0, 1.0, 1.0, 0.5, 0.6, 0.15


@dataclass(frozen=True)
class Reading:
    """A query with what it may also mean: typo corrections by word position, thesaurus expansions."""

    query: Query
    corrections: dict[int, tuple[str, ...]]
    expansions: tuple[Expansion, ...]
    unknown: frozenset[int] = frozenset()  # positions of words nothing indexed holds, nor a correction of
    # What coverage counts: single positions, or two neighbours that make a compound ("hộ tịch": its
    # words far apart in a name — "hộ gia đình … diện tích" — are not it). See ``compound_units``.
    units: tuple[tuple[int, ...], ...] = ()

    @property
    def counted_units(self) -> tuple[tuple[int, ...], ...]:
        return self.units or tuple((position,) for position in self.counted)

    @property
    def counted(self) -> tuple[int, ...]:
        """The meaningful positions whose coverage counts (an unknown word cannot be covered)."""
        known = tuple(position for position in self.query.meaningful if position not in self.unknown)
        return known or self.query.meaningful

    def forms(self, position: int) -> tuple[str, ...]:
        """The word at ``position`` as typed and as corrected."""
        return (self.query.words[position], *self.corrections.get(position, ()))

    @cached_property
    def pairs(self) -> tuple[int, ...]:
        """Positions of the first word of each pair of neighbours the phrase score counts (not two
        function words)."""
        meaningful = set(self.query.meaningful)
        return tuple(i for i in range(len(self.query.words) - 1) if i in meaningful or i + 1 in meaningful)

    def terms(self) -> list[str]:
        """What the engine is asked for: meaningful words (and corrections), bigrams, expansions."""
        found = [form for position in self.query.meaningful for form in self.forms(position)]
        found += [f"{a}{JOIN}{b}" for i in self.pairs for a in self.forms(i) for b in self.forms(i + 1)]
        for expansion in self.expansions:
            found += list(expansion.alternative)
            found += [f"{a}{JOIN}{b}" for a, b in zip(expansion.alternative, expansion.alternative[1:], strict=False)]
        return found

    def corrected_text(self) -> str | None:
        if not self.corrections:
            return None
        words = list(self.query.words)
        for position, alternatives in self.corrections.items():
            words[position] = alternatives[0] if alternatives else words[position]
        corrected = " ".join(words)
        return corrected if corrected != self.query.text else None


@dataclass(frozen=True)
class Candidate:
    key: str
    title: str  # analysed terms
    other: str  # analysed terms of the aliases and context
    popularity: float
    relevance: float

    @cached_property
    def title_terms(self) -> frozenset[str]:
        return frozenset(self.title.split())

    @cached_property
    def all_terms(self) -> frozenset[str]:
        return self.title_terms | frozenset(self.other.split())

    @cached_property
    def title_length(self) -> int:
        """The title's meaningful syllables ("Thủ tục đăng ký khai sinh" is as long as "Đăng ký khai sinh")."""
        words = [term for term in self.title.split() if JOIN not in term]
        return len(words) - sum(function_mask(words))


@dataclass(frozen=True)
class Ranked:
    key: str
    score: float
    covered: int  # how many of the query's counted units (words, compounds) it holds, anywhere


def rank(reading: Reading, candidates: list[Candidate]) -> list[Ranked]:
    """The candidates scored, best first; ties by key, so the order is the same everywhere."""
    if not candidates:
        return []
    best_relevance = max(candidate.relevance for candidate in candidates) or 1.0
    scored = [_score(reading, candidate, best_relevance) for candidate in candidates]
    return sorted(scored, key=lambda ranked: (-ranked.score, ranked.key))


def kept(reading: Reading, ranked: list[Ranked]) -> list[Ranked]:
    """What is shown: the matches holding every word the query counts when any does; else those
    holding as many as the best (one fewer for queries of three words or more). A word or two of the
    query found somewhere is noise once something holds its meaning, and an extra word never empties
    the result."""
    if not ranked:
        return []
    best = max(item.covered for item in ranked)
    size = len(reading.counted_units)
    floor = best if best == size or size <= 2 else best - 1
    return [item for item in ranked if item.covered >= floor]


def _score(reading: Reading, candidate: Candidate, best_relevance: float) -> Ranked:
    units = reading.counted_units
    in_title = sum(_unit_found(reading, unit, candidate.title_terms) for unit in units)
    anywhere = sum(_unit_found(reading, unit, candidate.all_terms) for unit in units)
    pairs = reading.pairs
    phrase = sum(_pair_found(reading, pair, candidate.title_terms) for pair in pairs) / len(pairs) if pairs else 0.0
    # Squared: the whole meaning in the title beats half of it there and the rest nowhere.
    score = (
        W_TITLE * (in_title / len(units)) ** 2
        + W_ANYWHERE * (anywhere / len(units)) ** 2
        + W_PHRASE * phrase
        + W_RELEVANCE * candidate.relevance / best_relevance
        + W_POPULARITY * candidate.popularity
        - W_LENGTH * math.log1p(candidate.title_length)
    )
    return Ranked(candidate.key, score, anywhere)


def compound_units(reading: Reading, pairs: frozenset[str]) -> tuple[tuple[int, ...], ...]:
    """The counted positions grouped left to right: two neighbours whose pair (as typed or corrected)
    is a known compound of the collection make one unit, any other word is a unit of its own."""
    counted = set(reading.counted)
    units: list[tuple[int, ...]] = []
    position = 0
    while position < len(reading.query.words):
        if position not in counted:
            position += 1
            continue
        following = position + 1
        if following in counted and any(
            f"{a}{JOIN}{b}" in pairs for a in reading.forms(position) for b in reading.forms(following)
        ):
            units.append((position, following))
            position += 2
        else:
            units.append((position,))
            position += 1
    return tuple(units)


def _unit_found(reading: Reading, unit: tuple[int, ...], found_terms: frozenset[str]) -> bool:
    if len(unit) == 1:
        return _found(reading, unit[0], found_terms)
    first, second = unit
    if _pair_found(reading, first, found_terms):
        return True
    return any(
        expansion.start <= first
        and second < expansion.end
        and all(word in found_terms for word in expansion.alternative)
        for expansion in reading.expansions
    )


def _pair_found(reading: Reading, position: int, found_terms: frozenset[str]) -> bool:
    """Whether the words at ``position`` and the next are side by side, as typed or as corrected (the
    next one perhaps still being typed)."""
    if any(f"{a}{JOIN}{b}" in found_terms for a in reading.forms(position) for b in reading.forms(position + 1)):
        return True
    query = reading.query
    if query.partial and position + 2 == len(query.words):
        starts = [f"{a}{JOIN}{query.words[-1]}" for a in reading.forms(position)]
        return any(term.startswith(start) for term in found_terms for start in starts)
    return False


def _found(reading: Reading, position: int, found_terms: frozenset[str]) -> bool:
    if any(form in found_terms for form in reading.forms(position)):
        return True
    query = reading.query
    if query.partial and position == len(query.words) - 1:  # a word being typed: the start of a word
        start = query.words[position]
        if any(term.startswith(start) and JOIN not in term for term in found_terms):
            return True
    return any(
        expansion.start <= position < expansion.end and all(word in found_terms for word in expansion.alternative)
        for expansion in reading.expansions
    )
