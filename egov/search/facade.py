"""What other apps use of search (ADR 0007): index what they own, search it, and nothing else.

``index`` and ``remove`` run in the caller's transaction (a catalogue edit is found by the very next
search); ``search`` returns keys, best first — the caller loads its own rows and applies its own
filters and access rules.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import date

from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils import timezone

from egov.search import backends
from egov.search.analysis import JOIN, Query, parse, terms
from egov.search.models import Direction, SearchEntry, ThesaurusEntry
from egov.search.ranking import Candidate, Reading, compound_units, kept, rank
from egov.search.spelling import Vocabulary
from egov.search.thesaurus import expansions

CANDIDATES = 300  # the engine's most relevant matches that the rerank orders
COMPLETIONS = 300  # words a word being typed may become, at most (the shortest first)


@dataclass(frozen=True)
class Hit:
    key: str
    score: float


@dataclass(frozen=True)
class Outcome:
    hits: list[Hit]  # best first
    corrected: str | None  # the query with its typos corrected ("did you mean"), when any was


@dataclass(frozen=True)
class Document:
    """What to index of one thing: its texts by weight (A title … D body)."""

    key: str
    title: str
    aliases: str = ""
    context: str = ""
    body: str = ""


def index(
    collection: str,
    key: str,
    *,
    title: str,
    aliases: str = "",
    context: str = "",
    body: str = "",
) -> None:
    """Index (or index again) ``key`` of ``collection`` from its texts (its popularity is kept)."""
    index_many(collection, [Document(key, title, aliases, context, body)])


def index_many(collection: str, documents: list[Document]) -> None:
    """Index (or index again) many things at once: one read, one bulk insert, one bulk update."""
    if not documents:
        return
    existing = {e.key: e for e in SearchEntry.objects.filter(collection=collection, key__in=[d.key for d in documents])}
    new, changed = [], []
    for document in documents:
        values = {
            "title": _terms(document.title),
            "aliases": _terms(document.aliases),
            "context": _terms(document.context),
            "body": _terms(document.body),
        }
        entry = existing.get(document.key)
        if entry is None:
            new.append(SearchEntry(collection=collection, key=document.key, **values))
        elif any(getattr(entry, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(entry, name, value)
            changed.append(entry)
    SearchEntry.objects.bulk_create(new, batch_size=500)
    # bulk_update leaves auto_now alone: the vocabulary's stamp needs the change
    now = timezone.now()
    for entry in changed:
        entry.updated_at = now
    SearchEntry.objects.bulk_update(changed, ["title", "aliases", "context", "body", "updated_at"], batch_size=500)
    _changed()


def remove(collection: str, keys: list[str]) -> None:
    SearchEntry.objects.filter(collection=collection, key__in=keys).delete()
    _changed()


def remove_except(collection: str, keys: set[str]) -> None:
    """Remove every entry of ``collection`` whose key is not in ``keys`` (after a full reindex)."""
    stale = set(SearchEntry.objects.filter(collection=collection).values_list("key", flat=True)) - keys
    if stale:
        remove(collection, sorted(stale))


def set_popularity(collection: str, values: dict[str, float]) -> None:
    """How often each key is wanted, 0..1 (keys not named keep theirs)."""
    for key, value in values.items():
        SearchEntry.objects.filter(collection=collection, key=key).update(popularity=max(0.0, min(1.0, value)))


def search(collection: str, text: str, *, partial: bool = True, limit: int = CANDIDATES) -> Outcome:
    """Keys of ``collection`` matching ``text``, best first. Any meaningful word may match (an extra
    word never empties the result); ``partial``: the last word may be the start of a word being typed."""
    query = parse(text, partial=partial)
    if query.is_empty:
        return Outcome(hits=[], corrected=None)
    reading = _reading(collection, query)
    wanted = set(reading.terms())
    prefixes = [query.words[-1]] if query.partial and len(query.words[-1]) >= 2 else []
    found = backends.match(collection, wanted, prefixes, limit=limit)
    if not found:
        return Outcome(hits=[], corrected=reading.corrected_text())
    rows = SearchEntry.objects.filter(id__in=[m.entry_id for m in found]).values_list(
        "id", "key", "title", "aliases", "context", "popularity"
    )
    relevance = {m.entry_id: m.relevance for m in found}
    candidates = [
        Candidate(key=key, title=title, other=f"{aliases} {context}", popularity=popularity, relevance=relevance[pk])
        for pk, key, title, aliases, context, popularity in rows
    ]
    hits = [Hit(item.key, item.score) for item in kept(reading, rank(reading, candidates))]
    return Outcome(hits=hits, corrected=reading.corrected_text())


def _reading(collection: str, query: Query) -> Reading:
    vocabulary, pairs = _vocabulary(collection)
    corrections: dict[int, tuple[str, ...]] = {}
    unknown: set[int] = set()
    for position in query.meaningful:
        word = query.words[position]
        typing = query.partial and position == len(query.words) - 1
        if typing and vocabulary.knows(word):
            continue
        correction = vocabulary.correct(word)
        if not correction.is_unchanged:
            alternatives = tuple(alternative for alternative, _distance in correction.alternatives)
            corrections[position] = _in_context(query.words, position, alternatives, pairs)
        if not correction.is_known and not correction.alternatives:
            unknown.add(position)
    found = tuple(expansions(query.words))
    unknown -= {position for expansion in found for position in range(expansion.start, expansion.end)}
    completions: frozenset[str] = frozenset()
    if query.partial:  # "khai si": "si" is a word ("sĩ") and the start of others ("sinh")
        completions = frozenset(vocabulary.completions(query.words[-1], limit=COMPLETIONS))
    reading = Reading(
        query=query, corrections=corrections, expansions=found, unknown=frozenset(unknown), completions=completions
    )
    return replace(reading, units=compound_units(reading, pairs))


def _in_context(
    words: tuple[str, ...], position: int, alternatives: tuple[str, ...], pairs: frozenset[str]
) -> tuple[str, ...]:
    """The corrections of a mistyped word that make known pairs with its neighbours ("dang ky kai
    sinh": "khai" makes "ky khai" and "khai sinh", "lai" only "ky lai"), all of them if none does."""

    def fit(word: str) -> int:
        before = position > 0 and f"{words[position - 1]}{JOIN}{word}" in pairs
        after = position + 1 < len(words) and f"{word}{JOIN}{words[position + 1]}" in pairs
        return int(before) + int(after)

    best = max(fit(word) for word in alternatives) if alternatives else 0
    return tuple(word for word in alternatives if fit(word) == best) if best else alternatives


def _terms(text: str) -> str:
    return " ".join(terms(text))


_vocabularies: dict[str, tuple[tuple[object, ...], tuple[Vocabulary, frozenset[str]]]] = {}
_vocabulary_lock = threading.Lock()
_generation = 0  # this process's writes: a rolled-back write may leave the table's stamp as it was


def _changed() -> None:
    global _generation
    with _vocabulary_lock:
        _generation += 1


def _vocabulary(collection: str) -> tuple[Vocabulary, frozenset[str]]:
    """The syllables of the collection's titles, aliases and context, for typo correction, and their
    pairs of neighbours (compounds); built again in a process once the collection has changed."""
    entries = SearchEntry.objects.filter(collection=collection)
    stamp_row = entries.aggregate(n=Count("id"), changed=Max("updated_at"))
    stamp = (connection.settings_dict.get("NAME"), _generation, stamp_row["n"], stamp_row["changed"])
    cached = _vocabularies.get(collection)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    words: set[str] = set()
    pairs: set[str] = set()
    for title, aliases, context in entries.values_list("title", "aliases", "context").iterator(chunk_size=2000):
        for term in f"{title} {aliases} {context}".split():
            (pairs if JOIN in term else words).add(term)
    built = (Vocabulary.build(words), frozenset(pairs))
    with _vocabulary_lock:
        _vocabularies[collection] = (stamp, built)
    return built


def thesaurus_seed(rows: list[dict[str, object]]) -> int:
    """Bring in the thesaurus entries of a data file (``slug``/``id``, ``everyday``, ``official``,
    ``direction``, ``note``, ``since``); the number of versions added. An entry whose version
    (slug, since) is already there is left alone — an administrator's edit is never undone; a newer
    version closes the one in force the day before it starts."""
    newest: dict[str, date] = {}
    for slug, valid_from in ThesaurusEntry.objects.values_list("slug", "valid_from"):
        newest[slug] = max(valid_from, newest.get(slug, valid_from))
    added = 0
    with transaction.atomic():
        for row in rows:
            slug, since = str(row.get("slug") or row["id"]), date.fromisoformat(str(row["since"]))
            if slug in newest and newest[slug] >= since:
                continue
            ThesaurusEntry.objects.filter(slug=slug, valid_to__isnull=True).update(valid_to=since)
            ThesaurusEntry.objects.create(
                slug=slug,
                everyday=list(row["everyday"]),  # type: ignore[call-overload]
                official=list(row["official"]),  # type: ignore[call-overload]
                direction=str(row.get("direction") or Direction.BOTH),
                note=str(row.get("note") or ""),
                valid_from=since,
            )
            newest[slug] = since
            added += 1
    return added
