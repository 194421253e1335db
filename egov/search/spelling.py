"""Typo tolerance for search: correct a mistyped word to the words of what is searched (the catalogue's, the documents').

The vocabulary is every word of the folded search text of the active procedures. A query word that
is neither a word of the vocabulary nor part of one ("khia") is replaced by the vocabulary words
closest to it in Damerau-Levenshtein distance (optimal string alignment: a swap of two adjacent
letters counts as one edit, so "khia" → "khai" is one edit). Candidates are found with the
symmetric-delete method (SymSpell): words and queries are indexed by the strings left after
deleting up to ``d`` letters, so a lookup costs a few dictionary probes instead of a distance
computation against every word. Pure Python and deterministic, hence the same corrections on
SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

MIN_WORD_LENGTH = 3  # shorter words are too ambiguous to correct ("ho", "xa")
LONG_WORD_LENGTH = 7  # from this length two edits are allowed (Vietnamese syllables are shorter)


def max_distance(word: str) -> int:
    return 2 if len(word) >= LONG_WORD_LENGTH else 1


def osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def _deletes(word: str, distance: int) -> set[str]:
    """``word`` and every string obtained by deleting up to ``distance`` of its letters."""
    found = {word}
    for count in range(1, min(distance, len(word)) + 1):
        for positions in combinations(range(len(word)), count):
            drop = set(positions)
            found.add("".join(ch for index, ch in enumerate(word) if index not in drop))
    return found


@dataclass(frozen=True)
class Correction:
    """The words a query word may stand for, each with its distance (0: the word as typed)."""

    word: str
    alternatives: tuple[tuple[str, int], ...]
    is_known: bool = True  # a catalogue word (or the start of one), kept as typed

    @property
    def is_unchanged(self) -> bool:
        return self.alternatives == ((self.word, 0),)


@dataclass
class Vocabulary:
    words: frozenset[str]
    _joined: str = ""
    _index: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, words: Iterable[str]) -> Vocabulary:
        vocabulary = cls(words=frozenset(words))
        vocabulary._joined = "\n" + "\n".join(sorted(vocabulary.words)) + "\n"
        index: dict[str, set[str]] = defaultdict(set)
        for word in vocabulary.words:
            if len(word) >= MIN_WORD_LENGTH and word.isalpha():
                # a query word may be two edits away only if it is long, so a word shorter than
                # LONG_WORD_LENGTH - 2 never needs its two-letter deletions indexed
                depth = 2 if len(word) >= LONG_WORD_LENGTH - 2 else 1
                for variant in _deletes(word, depth):
                    index[variant].add(word)
        vocabulary._index = dict(index)
        return vocabulary

    def completions(self, start: str, *, limit: int) -> list[str]:
        """Words of the vocabulary that start with ``start`` (not itself), shortest first."""
        found: list[str] = []
        at = self._joined.find(f"\n{start}")
        while at >= 0 and len(found) < 10 * limit:
            end = self._joined.index("\n", at + 1)
            found.append(self._joined[at + 1 : end])
            at = self._joined.find(f"\n{start}", end)
        return sorted((word for word in found if word != start), key=lambda word: (len(word), word))[:limit]

    def knows(self, word: str) -> bool:
        """Whether ``word`` is a word of the catalogue or the start of one (a word being typed)."""
        return word in self.words or f"\n{word}" in self._joined

    def correct(self, word: str, *, known_too: bool = False) -> Correction:
        """What ``word`` may stand for. A known, short or numeric word stays as typed, with its
        i/y spelling variant when the catalogue has it ("ki" → also "ky": both spellings of such
        syllables are in everyday use); with ``known_too``, a known word of three letters or more
        also gets the catalogue words one edit away (a typo that happens to make another word:
        "khao" for "khoa"). An unknown word becomes the closest catalogue words; with nothing close
        enough it gets no alternative and the search ignores it."""
        correctable = len(word) >= MIN_WORD_LENGTH and word.isalpha()
        if self.knows(word) or not correctable:
            variants = {variant for variant in _i_y_variants(word) if variant in self.words}
            if known_too and correctable:
                variants |= {candidate for candidate, distance in self._near(word, 1) if distance == 1}
            alternatives = ((word, 0), *((variant, 1) for variant in sorted(variants)))
            return Correction(word=word, alternatives=alternatives, is_known=True)
        closest = self._near(word, max_distance(word))
        if not closest:
            return Correction(word=word, alternatives=(), is_known=False)
        best = closest[0][1]
        return Correction(word=word, alternatives=tuple(item for item in closest if item[1] == best), is_known=False)

    def _near(self, word: str, limit: int) -> list[tuple[str, int]]:
        """Catalogue words within ``limit`` edits of ``word`` (not itself), closest first."""
        candidates: set[str] = set()
        for variant in _deletes(word, limit):
            candidates |= self._index.get(variant, set())
        candidates.discard(word)
        scored = sorted((osa_distance(word, candidate), candidate) for candidate in candidates)
        return [(candidate, distance) for distance, candidate in scored if distance <= limit]


def is_i_y_variant(word: str, other: str) -> bool:
    return other in _i_y_variants(word)


def _i_y_variants(word: str) -> set[str]:
    """``word`` with one ``i`` written ``y`` or one ``y`` written ``i``."""
    swap = {"i": "y", "y": "i"}
    return {word[:index] + swap[ch] + word[index + 1 :] for index, ch in enumerate(word) if ch in swap}
