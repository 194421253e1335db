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

import functools
import math
from dataclasses import dataclass
from functools import cached_property

from egov.search.analysis import JOIN, Query, function_mask
from egov.search.thesaurus import Expansion

W_TITLE, W_ANYWHERE, W_PHRASE, W_RELEVANCE, W_POPULARITY, W_LENGTH = 3.0, 1.0, 1.0, 0.5, 0.6, 0.15
W_EXACT = 1.0


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
    # The last word may be being typed: the words of the collection it starts.
    completions: frozenset[str] = frozenset()

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

    @cached_property
    def form_sets(self) -> dict[int, frozenset[str]]:
        """Each counted word's forms (as typed, as corrected; the words it starts, if being typed)."""
        last = len(self.query.words) - 1
        return {
            position: frozenset(self.forms(position)) | (self.completions if position == last else frozenset())
            for position in self.counted
        }

    @cached_property
    def pair_sets(self) -> dict[int, frozenset[str]]:
        """For each pair the phrase score counts (by its first position), the bigrams it may be."""
        last = len(self.query.words) - 1
        found: dict[int, frozenset[str]] = {}
        for i in self.pairs:
            seconds = set(self.forms(i + 1)) | (set(self.completions) if i + 1 == last else set())
            found[i] = frozenset(f"{a}{JOIN}{b}" for a in self.forms(i) for b in seconds)
        return found

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

    @property
    def title_length(self) -> int:
        return _title_facts(self.title)[0]

    @property
    def title_words(self) -> tuple[str, ...]:
        return _title_facts(self.title)[1]


@functools.lru_cache(maxsize=65536)
def _title_facts(title: str) -> tuple[int, tuple[str, ...]]:
    """A title's meaningful syllables ("Thủ tục đăng ký khai sinh" is as long as "Đăng ký khai sinh")
    and its syllables in order; kept per title: the same titles come back query after query."""
    words = [term for term in title.split() if JOIN not in term]
    return len(words) - sum(function_mask(words)), tuple(words)


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
    in_title = _units_found(reading, candidate.title_terms)
    anywhere = _units_found(reading, candidate.all_terms)
    pairs = reading.pair_sets
    title = candidate.title_terms
    phrase = sum(not terms.isdisjoint(title) for terms in pairs.values()) / len(pairs) if pairs else 0.0
    # Squared: the whole meaning in the title beats half of it there and the rest nowhere.
    score = (
        W_TITLE * (in_title / len(units)) ** 2
        + W_ANYWHERE * (anywhere / len(units)) ** 2
        + W_PHRASE * phrase
        # In tenths: the engines' relevance differs in its details (bm25, ts_rank), and the two
        # databases must agree on the order; what the engine says strongly still counts.
        + W_RELEVANCE * round(candidate.relevance / best_relevance, 1)
        + W_POPULARITY * candidate.popularity
        + W_EXACT * (candidate.title_words == reading.query.words)  # the name typed in full
        - W_LENGTH * math.log1p(candidate.title_length)
    )
    return Ranked(candidate.key, score, anywhere)


def _units_found(reading: Reading, found_terms: frozenset[str]) -> int:
    """How many of the reading's units ``found_terms`` holds: a word in one of its forms (or, being
    typed, a word it starts), a compound side by side, or either through a thesaurus alternative
    found whole."""
    spans = [(e.start, e.end) for e in reading.expansions if all(word in found_terms for word in e.alternative)]
    count = 0
    for unit in reading.counted_units:
        first, last = unit[0], unit[-1]
        if len(unit) == 1:
            found = not reading.form_sets[first].isdisjoint(found_terms)
        else:
            found = not reading.pair_sets[first].isdisjoint(found_terms)
        if not found:
            found = any(start <= first and last < end for start, end in spans)
        count += found
    return count


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
