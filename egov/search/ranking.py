"""The rerank (ADR 0007 §3): the engine's most relevant matches ordered by how much of the query's
meaning they cover. The engine decides what matches and how relevant each match is; this adds what
the two engines cannot express alike, so both databases agree on the order:

- coverage: the share of the query's meaningful words found in the title (then anywhere), a word
  counting as found through its typo corrections and through a thesaurus alternative found whole;
- phrase: the share of the query's bigrams found in the title (proximity: the words side by side);
- the engine's relevance, scaled to the best match's;
- popularity (what nearly everyone means) and, last, a shorter title (the more general thing).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from egov.search.analysis import JOIN, Query, function_mask
from egov.search.thesaurus import Expansion

W_TITLE, W_ANYWHERE, W_PHRASE, W_RELEVANCE, W_POPULARITY, W_LENGTH = 3.0, 1.0, 1.0, 0.5, 0.6, 0.04


@dataclass(frozen=True)
class Reading:
    """A query with what it may also mean: typo corrections by word position, thesaurus expansions."""

    query: Query
    corrections: dict[int, tuple[str, ...]]
    expansions: tuple[Expansion, ...]

    def forms(self, position: int) -> tuple[str, ...]:
        """The word at ``position`` as typed and as corrected."""
        return (self.query.words[position], *self.corrections.get(position, ()))

    def terms(self) -> list[str]:
        """What the engine is asked for: meaningful words (and corrections), bigrams, expansions."""
        found = [form for position in self.query.meaningful for form in self.forms(position)]
        found += self.query.key_bigrams
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


def rank(reading: Reading, candidates: list[Candidate]) -> list[tuple[str, float]]:
    """(key, score) of the candidates, best first; ties by key, so the order is the same everywhere."""
    if not candidates:
        return []
    best_relevance = max(candidate.relevance for candidate in candidates) or 1.0
    scored = [(-_score(reading, candidate, best_relevance), candidate.key) for candidate in candidates]
    return [(key, -negative) for negative, key in sorted(scored)]


def _score(reading: Reading, candidate: Candidate, best_relevance: float) -> float:
    query = reading.query
    meaningful = query.meaningful
    in_title = sum(_found(reading, position, candidate.title_terms) for position in meaningful)
    anywhere = sum(_found(reading, position, candidate.all_terms) for position in meaningful)
    bigrams = query.key_bigrams
    phrase = sum(bigram in candidate.title_terms for bigram in bigrams) / len(bigrams) if bigrams else 0.0
    return (
        W_TITLE * in_title / len(meaningful)
        + W_ANYWHERE * anywhere / len(meaningful)
        + W_PHRASE * phrase
        + W_RELEVANCE * candidate.relevance / best_relevance
        + W_POPULARITY * candidate.popularity
        - W_LENGTH * candidate.title_length
    )


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
