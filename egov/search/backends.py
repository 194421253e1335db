"""The engines behind ``egov.search`` (ADR 0007): PostgreSQL's full-text search and SQLite's FTS5.

Both get terms our analyser made (``egov.search.analysis``) and never tokenise text themselves:
PostgreSQL a ``tsvector`` built from them with positions and field weights (A title … D body), FTS5
the terms space-separated in four columns with ``_`` as a token character — both kept in step with
the ``SearchEntry`` rows by the database itself (migration 0002), in the writer's transaction. Both
rank by their own relevance: ``ts_rank`` with the field weights on PostgreSQL, ``bm25()`` with the
same weights on SQLite.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from egov.search.models import COLLECTIONS

PG_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # ts_rank's order: D, C, B, A
FTS5_WEIGHTS = "10.0, 4.0, 2.0, 1.0"  # bm25()'s order: the columns'


@dataclass(frozen=True)
class Match:
    entry_id: int
    relevance: float  # the engine's own: higher is better


def fts_table(collection: str) -> str:
    if collection not in COLLECTIONS:
        raise ValueError(f"unknown search collection {collection!r}")
    return f"search_fts_{collection}"


def match(collection: str, terms: Iterable[str], prefixes: Iterable[str], *, limit: int | None) -> list[Match]:
    """Entries holding any of ``terms`` (or a term starting with one of ``prefixes``), most relevant
    first, at most ``limit`` of them (None: all). Nothing counts the rest: no caller shows it."""
    terms, prefixes = sorted(set(terms)), sorted(set(prefixes) - set(terms))
    if not terms and not prefixes:
        return []
    if connection.vendor == "postgresql":
        return _match_postgresql(collection, terms, prefixes, limit)
    return _match_sqlite(collection, terms, prefixes, limit)


def _match_postgresql(collection: str, terms: list[str], prefixes: list[str], limit: int | None) -> list[Match]:
    query = " | ".join([f"'{term}'" for term in terms] + [f"'{prefix}':*" for prefix in prefixes])
    fts_table(collection)  # the collection is known: it may stand in the SQL (the partial index's condition)
    where = f"collection = '{collection}' AND tsv @@ q"
    sql = (
        f"SELECT id, ts_rank('{PG_WEIGHTS}', tsv, q) AS relevance FROM search_searchentry, CAST(%s AS tsquery) q "  # noqa: S608
        f"WHERE {where} ORDER BY relevance DESC, id"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql + (" LIMIT %s" if limit is not None else ""), [query] + ([limit] if limit is not None else [])
        )
        return [Match(row[0], float(row[1])) for row in cursor.fetchall()]


def _match_sqlite(collection: str, terms: list[str], prefixes: list[str], limit: int | None) -> list[Match]:
    table = fts_table(collection)
    expression = " OR ".join([f'"{term}"' for term in terms] + [f'"{prefix}"*' for prefix in prefixes])
    sql = (
        f"SELECT rowid, -bm25({table}, {FTS5_WEIGHTS}) AS relevance FROM {table} "  # noqa: S608
        f"WHERE {table} MATCH %s ORDER BY relevance DESC, rowid"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql + (" LIMIT %s" if limit is not None else ""), [expression] + ([limit] if limit is not None else [])
        )
        return [Match(row[0], float(row[1])) for row in cursor.fetchall()]
