"""Vietnamese analysis, the same for every engine (ADR 0007): text becomes terms before any engine
sees it, so SQLite and PostgreSQL index and match the very same terms.

- Folding: lower case, no diacritics, ``đ`` → ``d`` (``egov.core.text.fold``): citizens type on
  phones without diacritics.
- Syllables: Vietnamese writes one syllable per word; punctuation separates them.
- Bigrams: every pair of neighbouring syllables is a term too (``khai_sinh``): compounds ("khai
  sinh", "hộ tịch", "kết hôn") score as units, and a phrase needs no positional query.
- Function words: words that carry no meaning in a request ("làm", "xin", "cho", "thủ tục", "ở
  đâu"…) are left out of what must match and weigh little in the order; they still form bigrams with
  their neighbours ("giấy phép" is a term although "giấy" alone says nothing).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from egov.core.text import fold

_SYLLABLE = re.compile(r"[a-z0-9]+")
JOIN = "_"  # a bigram's two syllables; a token character of both engines' term syntax

# Function words of requests, folded (one or several syllables): what a citizen adds around the name
# of what he wants. Folding merges syllables ("căn"/"cần", "đầu"/"đâu", "tử"/"từ", "công"/"cổng"):
# a syllable that also folds from a content word ("can", "dau", "tu", "cong", "tai", "thi", "di")
# is left out, or kept only inside a phrase ("o dau", "can gi").
FUNCTION_PHRASES = frozenset(
    {
        # asking and doing
        "lam", "xin", "muon", "duoc", "nop",
        # for whom, of what
        "cho", "cua", "toi", "em", "minh", "con toi", "nha toi", "gia dinh toi", "nguoi nha", "cho con", "cho be",
        # question words and particles
        "o dau", "nhu the nao", "the nao", "bao lau", "bao nhieu", "gi", "nao", "khong", "vay",
        "ra sao", "lam sao", "can gi", "can nhung gi", "huong dan", "mat bao lau",
        # generic nouns of the domain
        "thu tuc", "ho so", "giay", "giay to", "dich vu", "truc tuyen", "online",
        # joining words
        "va", "voi", "ve", "la", "khi", "nhung", "cac", "mot",
    }
)  # fmt: skip
_LONGEST_FUNCTION = max(len(phrase.split()) for phrase in FUNCTION_PHRASES)


def syllables(text: str) -> list[str]:
    """The folded syllables of ``text`` (numbers are syllables too: "nhà cấp 4")."""
    return _SYLLABLE.findall(fold(text or ""))


def bigrams(words: list[str]) -> list[str]:
    return [f"{first}{JOIN}{second}" for first, second in itertools.pairwise(words)]


def terms(text: str) -> list[str]:
    """What a field of a document is indexed as: its syllables, then its bigrams."""
    words = syllables(text)
    return words + bigrams(words)


def function_mask(words: list[str]) -> list[bool]:
    """For each word, whether it belongs to a function phrase (longest phrases first)."""
    mask = [False] * len(words)
    position = 0
    while position < len(words):
        for size in range(min(_LONGEST_FUNCTION, len(words) - position), 0, -1):
            if " ".join(words[position : position + size]) in FUNCTION_PHRASES:
                mask[position : position + size] = [True] * size
                position += size
                break
        else:
            position += 1
    return mask


@dataclass(frozen=True)
class Query:
    """A query as the engines and the rerank see it.

    ``words`` are the folded syllables as typed; ``meaningful`` the positions of the words that are
    not function words (all of them when the query is nothing but function words); ``partial``
    whether the last word may be the start of a word still being typed.
    """

    text: str
    words: tuple[str, ...]
    meaningful: tuple[int, ...]
    partial: bool

    @property
    def is_empty(self) -> bool:
        return not self.words

    @property
    def key_words(self) -> tuple[str, ...]:
        return tuple(self.words[position] for position in self.meaningful)

    @property
    def key_bigrams(self) -> tuple[str, ...]:
        """Bigrams of neighbouring words, but for pairs of two function words."""
        meaningful = set(self.meaningful)
        pairs = zip(range(len(self.words)), self.words, self.words[1:], strict=False)
        return tuple(f"{a}{JOIN}{b}" for index, a, b in pairs if index in meaningful or index + 1 in meaningful)


def parse(text: str, *, partial: bool = False) -> Query:
    words = syllables(text)
    mask = function_mask(words)
    meaningful = tuple(index for index, is_function in enumerate(mask) if not is_function)
    if not meaningful:  # "thủ tục" alone: the function words are all there is to look for
        meaningful = tuple(range(len(words)))
    return Query(text=" ".join(words), words=tuple(words), meaningful=meaningful, partial=partial and bool(words))
