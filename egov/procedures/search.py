"""Accent-insensitive search of the procedure catalogue by code and by words as typed.

Since issue 14 the words of a query go to the search layer (``egov.search``, ADR 0007) and this
module answers the queries that look like a code (the exact code, then codes starting with it); the
word tiers below still order what a code query finds in the search text.

Everything here works on text folded by :func:`egov.core.text.fold` (lower case, no diacritics,
``đ`` → ``d``), which the catalogue's write path stores in ``Procedure.name_folded`` and
``Procedure.search_text``. The database only narrows the candidates with ``LIKE '%word%'`` (the same
on SQLite and PostgreSQL for folded text; PostgreSQL answers it from trigram indexes); the final
match and the order are decided here, in Python, so both databases return the same results.

A query word matches a word of the text that starts with it: "khai si" finds "khai sinh" (a word
still being typed) but "hon" does not match inside "thong". Punctuation separates words. Vietnamese
words are mostly compounds of one-syllable words ("hộ tịch", "khai sinh"), so the query must also be
found as few phrases: at most one per two query words ("ho tich" is one phrase, not "hộ gia đình …
diện tích"; "khai sinh cap xa" may be "khai sinh" in the name and "cấp xã" in the agency).

Ranking, best first:
0. the exact national code ("1.001193");
1. codes starting with the query ("1.0011"), in code order;
2. the words as a phrase in the name ("dang ky khai sinh"), whole words before a phrase whose last
   word is still being typed;
3. all the words in the name, in any order (whole words before word starts), the closer together
   the better;
4. the words found only in the field or agency text.
Within a tier: fewer typo corrections, then the earlier the match in the name, then the shorter name
(the more specific procedure), then the code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from egov.core.text import fold

_NON_WORD = re.compile(r"[\W_]+")
_CODE = re.compile(r"^\d+(?:\.\d*)?$")  # national codes look like 1.001193; a prefix is fine

TIER_CODE = 0
TIER_CODE_PREFIX = 1
TIER_PHRASE = 2
TIER_NAME_WORDS = 3
TIER_OTHER_TEXT = 4
WHOLE, START = 0, 1  # how a word matched: the whole word, or the start of a word

RankKey = tuple[int, int, int, int, int, str]


@dataclass(frozen=True)
class ParsedQuery:
    """A query folded and split into words; ``code`` when the whole query looks like a code."""

    words: tuple[str, ...]
    code: str | None

    @property
    def is_empty(self) -> bool:
        return not self.words and self.code is None


@dataclass(frozen=True)
class Candidate:
    """A procedure that passed the database filter: what matching and ranking need."""

    id: int
    code: str
    name_folded: str
    search_text: str

    @property
    def text(self) -> str:
        return f"{self.name_folded} {self.search_text}"

    @cached_property
    def spaced_text(self) -> str:
        """The raw folded text after a space: a cheap first test (" w" in it means a word starts
        with w; fold() leaves single spaces, so " a b" in it means the phrase), before normalising."""
        return f" {self.text}"

    @cached_property
    def words_text(self) -> str:
        """The name and search text, normalised: word tests become substring tests."""
        return normalised(self.text)

    @cached_property
    def words_name(self) -> str:
        return normalised(self.name_folded)


def words_of(folded: str) -> list[str]:
    """Words of already-folded text: punctuation separates words ("1.001193" → "1", "001193")."""
    return _NON_WORD.sub(" ", folded).split()


def normalised(folded: str) -> str:
    """``" w1 w2 … "``: the words of folded text, space-padded, for word-start and phrase tests."""
    return " " + " ".join(words_of(folded)) + " "


def parse_query(q: str) -> ParsedQuery:
    folded = fold(q or "")
    compact = folded.replace(" ", "")
    return ParsedQuery(words=tuple(words_of(folded)), code=compact if _CODE.match(compact) else None)


def max_phrases(word_count: int) -> int:
    return (word_count + 1) // 2


def phrase_count(text: str, words: tuple[str, ...]) -> int:
    """How few phrases of ``text`` (normalised) cover ``words`` in order, each phrase's last word
    possibly partial; a large number when a word is missing. Greedy longest phrases are optimal:
    any part of a phrase found is found too."""
    count, start = 0, 0
    while start < len(words):
        end = start + 1
        if f" {words[start]}" not in text:
            return len(words) + 1
        while end < len(words) and f" {' '.join(words[start : end + 1])}" in text:
            end += 1
        count, start = count + 1, end
    return count


def _phrases_ok(candidate: Candidate, words: tuple[str, ...]) -> bool:
    if len(words) < 2 or f" {' '.join(words)}" in candidate.spaced_text:
        return True
    return phrase_count(candidate.words_text, words) <= max_phrases(len(words))


def _word_starts(candidate: Candidate, needles: list[str]) -> bool:
    if all(needle in candidate.spaced_text for needle in needles):
        return True
    return all(needle in candidate.words_text for needle in needles)  # after punctuation: "(thuc"


def rank_plain(query: ParsedQuery, candidates: Iterable[Candidate]) -> list[int]:
    """Ids of the candidates that match the words as typed (or the code), best first."""
    needles = [f" {word}" for word in query.words]  # a word of the text starts with it
    keyed: list[tuple[RankKey, int]] = []
    for candidate in candidates:
        code_key = _code_key(query, candidate)
        if code_key is not None:
            keyed.append((code_key, candidate.id))
            continue
        if needles and _word_starts(candidate, needles) and _phrases_ok(candidate, query.words):
            keyed.append((_name_key(query.words, candidate, corrections=0), candidate.id))
    return [candidate_id for _key, candidate_id in sorted(keyed)]


def _code_key(query: ParsedQuery, candidate: Candidate) -> RankKey | None:
    if query.code is None:
        return None
    if candidate.code == query.code:
        return (TIER_CODE, 0, 0, 0, 0, candidate.code)
    if candidate.code.startswith(query.code):
        return (TIER_CODE_PREFIX, 0, 0, 0, 0, candidate.code)
    return None


def _name_key(words: tuple[str, ...], candidate: Candidate, *, corrections: int) -> RankKey:
    name = candidate.words_name
    length = len(name)
    phrase = " ".join(words)
    for quality, needle in ((WHOLE, f" {phrase} "), (START, f" {phrase}")):
        position = name.find(needle)
        if position >= 0:
            return (TIER_PHRASE, corrections, quality, position, length, candidate.code)
    worst, positions = WHOLE, []
    for word in words:
        position = name.find(f" {word} ")
        quality = WHOLE
        if position < 0:
            position, quality = name.find(f" {word}"), START
        if position < 0:
            return (TIER_OTHER_TEXT, corrections, 0, 0, length, candidate.code)
        worst = max(worst, quality)
        positions.append(position)
    # the closer together the words, the better ("đăng ký lại khai sinh" before a name with
    # "đăng ký" at the start and "khai …" and "… sinh" far apart)
    return (TIER_NAME_WORDS, corrections, worst, max(positions) - min(positions), length, candidate.code)
