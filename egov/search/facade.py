"""What other apps use of search (ADR 0007): index what they own, search it, and nothing else.

``index`` and ``remove`` run in the caller's transaction (a catalogue edit is found by the very next
search); ``search`` returns keys, best first — the caller loads its own rows and applies its own
filters and access rules.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db.models import Count, Max

from egov.search import backends
from egov.search.analysis import Query, parse, terms
from egov.search.models import SearchEntry
from egov.search.ranking import Candidate, Reading, rank
from egov.search.spelling import Vocabulary
from egov.search.thesaurus import expansions

CANDIDATES = 300  # the engine's most relevant matches that the rerank orders


@dataclass(frozen=True)
class Hit:
    key: str
    score: float


@dataclass(frozen=True)
class Outcome:
    hits: list[Hit]  # best first
    matched: int  # how many entries hold any of the query's terms
    corrected: str | None  # the query with its typos corrected ("did you mean"), when any was


def index(
    collection: str,
    key: str,
    *,
    title: str,
    aliases: str = "",
    context: str = "",
    body: str = "",
    popularity: float | None = None,
) -> None:
    """Index (or index again) ``key`` of ``collection`` from its texts; ``popularity`` (0..1) kept if None."""
    values = {"title": _terms(title), "aliases": _terms(aliases), "context": _terms(context), "body": _terms(body)}
    if popularity is not None:
        values["popularity"] = max(0.0, min(1.0, popularity))  # type: ignore[assignment]
    SearchEntry.objects.update_or_create(collection=collection, key=key, defaults=values)


def remove(collection: str, keys: list[str]) -> None:
    SearchEntry.objects.filter(collection=collection, key__in=keys).delete()


def set_popularity(collection: str, values: dict[str, float]) -> None:
    """How often each key is wanted, 0..1 (keys not named keep theirs)."""
    for key, value in values.items():
        SearchEntry.objects.filter(collection=collection, key=key).update(popularity=max(0.0, min(1.0, value)))


def search(collection: str, text: str, *, partial: bool = True, limit: int = CANDIDATES) -> Outcome:
    """Keys of ``collection`` matching ``text``, best first. Any meaningful word may match (an extra
    word never empties the result); ``partial``: the last word may be the start of a word being typed."""
    query = parse(text, partial=partial)
    if query.is_empty:
        return Outcome(hits=[], matched=0, corrected=None)
    reading = _reading(collection, query)
    wanted = set(reading.terms())
    prefixes = [query.words[-1]] if query.partial and len(query.words[-1]) >= 2 else []
    found, matched = backends.match(collection, wanted, prefixes, limit=limit)
    if not found:
        return Outcome(hits=[], matched=0, corrected=reading.corrected_text())
    rows = SearchEntry.objects.filter(id__in=[m.entry_id for m in found]).values_list(
        "id", "key", "title", "aliases", "context", "popularity"
    )
    relevance = {m.entry_id: m.relevance for m in found}
    candidates = [
        Candidate(key=key, title=title, other=f"{aliases} {context}", popularity=popularity, relevance=relevance[pk])
        for pk, key, title, aliases, context, popularity in rows
    ]
    hits = [Hit(key, score) for key, score in rank(reading, candidates)]
    return Outcome(hits=hits, matched=matched, corrected=reading.corrected_text())


def _reading(collection: str, query: Query) -> Reading:
    vocabulary = _vocabulary(collection)
    corrections = {}
    for position in query.meaningful:
        word = query.words[position]
        typing = query.partial and position == len(query.words) - 1
        if typing and vocabulary.knows(word):
            continue
        correction = vocabulary.correct(word)
        if not correction.is_unchanged:
            corrections[position] = tuple(alternative for alternative, _distance in correction.alternatives)
    return Reading(query=query, corrections=corrections, expansions=tuple(expansions(query.words)))


def _terms(text: str) -> str:
    return " ".join(terms(text))


_vocabularies: dict[str, tuple[tuple[object, ...], Vocabulary]] = {}
_vocabulary_lock = threading.Lock()


def _vocabulary(collection: str) -> Vocabulary:
    """The syllables of the collection's titles, aliases and context, for typo correction; built
    again in a process once the collection has changed."""
    entries = SearchEntry.objects.filter(collection=collection)
    stamp_row = entries.aggregate(n=Count("id"), changed=Max("updated_at"))
    stamp = (stamp_row["n"], stamp_row["changed"])
    cached = _vocabularies.get(collection)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    words: set[str] = set()
    for title, aliases, context in entries.values_list("title", "aliases", "context").iterator(chunk_size=2000):
        words.update(term for term in f"{title} {aliases} {context}".split() if "_" not in term)
    vocabulary = Vocabulary.build(words)
    with _vocabulary_lock:
        _vocabularies[collection] = (stamp, vocabulary)
    return vocabulary
