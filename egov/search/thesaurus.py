"""The thesaurus at query time: which phrases of a query have other words that mean the same.

Entries in force today (``ThesaurusEntry``) are read once per process and read again when any entry
is added, closed or changed (a cheap stamp query per search): an edit works at the next query.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db.models import Count, Max, Q

from egov.core import clock
from egov.search.analysis import syllables
from egov.search.models import Direction, ThesaurusEntry


@dataclass(frozen=True)
class Expansion:
    """Query words ``start``..``end`` (exclusive) may also be read as ``alternative`` (syllables)."""

    start: int
    end: int
    alternative: tuple[str, ...]


Phrase = tuple[str, ...]
_lock = threading.Lock()
_cached: tuple[tuple[object, ...], dict[Phrase, set[Phrase]]] | None = None


def expansions(words: tuple[str, ...]) -> list[Expansion]:
    """Every phrase of the thesaurus found in ``words``, with each of its alternatives."""
    table = _table()
    if not table:
        return []
    longest = max(len(phrase) for phrase in table)
    found: list[Expansion] = []
    for start in range(len(words)):
        for size in range(1, min(longest, len(words) - start) + 1):
            for alternative in sorted(table.get(words[start : start + size], ())):
                found.append(Expansion(start, start + size, alternative))
    return found


def _table() -> dict[Phrase, set[Phrase]]:
    global _cached
    today = clock.today()
    in_force = ThesaurusEntry.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today), valid_from__lte=today)
    stamp_row = ThesaurusEntry.objects.aggregate(n=Count("id"), changed=Max("updated_at"), closed=Max("valid_to"))
    stamp = (today, stamp_row["n"], stamp_row["changed"], stamp_row["closed"])
    cached = _cached
    if cached is not None and cached[0] == stamp:
        return cached[1]
    table: dict[Phrase, set[Phrase]] = {}
    for everyday, official, direction in in_force.values_list("everyday", "official", "direction"):
        everyday_phrases = [tuple(syllables(text)) for text in everyday]
        official_phrases = [tuple(syllables(text)) for text in official]
        pairs = [(everyday_phrases, official_phrases)]
        if direction == Direction.BOTH:
            pairs.append((official_phrases, everyday_phrases))
        for sources, targets in pairs:
            for source in filter(None, sources):
                table.setdefault(source, set()).update(target for target in targets if target and target != source)
    with _lock:
        _cached = (stamp, table)
    return table
