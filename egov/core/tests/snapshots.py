"""Run a slow, deterministic loader once per test process and replay the rows it wrote in every
other test that needs them (the demo province: ~1,200 rows, seconds through the real loaders, a few
milliseconds replayed).

``load_once("demo", load)`` inside a test (with database access):

1. reads every table of every model (the state the loader starts from) and makes a key of it, of
   the vendor, of the date (and of the exact time when the test travels in time with time_machine)
   and of the active language;
2. the first time that key is seen it runs ``load()`` — the real loaders — and keeps the rows that
   appeared (table by table, columns as stored);
3. afterwards it INSERTs those rows back (``executemany``, tables in foreign-key order, in one
   atomic block) and resets the PostgreSQL sequences of those tables, as ``loaddata`` does.

So a test sees exactly the rows the loaders write from that starting state, ids included, and still
rolls back to an empty database. A test whose fixtures wrote rows before (other content, other key)
or that runs after a transactional test's flush gets the real loaders, and a snapshot of its own.
A loader that updates or deletes rows that were there before cannot be replayed by INSERTs: it then
runs for real every time. ``EGOV_TEST_SNAPSHOTS=0`` turns replaying off (the loaders run in every
test). The loaders themselves are tested by calling them (``test_demo*.py``), never through this.
Files are not part of the snapshot: use it only for loaders that write rows, not files.
"""

import functools
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import time_machine
from django.apps import apps
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model
from django.utils import translation

from egov.core import clock

Row = tuple[Any, ...]


@dataclass(frozen=True)
class _Table:
    model: type[Model]
    name: str
    columns: tuple[str, ...]
    pk: str


@dataclass(frozen=True)
class _Snapshot:
    rows: tuple[tuple[_Table, list[Row]], ...]  # tables in foreign-key order, rows in pk order


_snapshots: dict[tuple[str, ...], _Snapshot | None] = {}


def enabled() -> bool:
    return os.environ.get("EGOV_TEST_SNAPSHOTS", "1") != "0"


def load_once(name: str, load: Callable[[], object], *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Make the database hold what ``load()`` writes, by running it or by replaying its rows."""
    if not enabled():
        load()
        return
    connection = connections[using]
    tables = _tables(using)
    before = _read(connection, tables)
    key = (name, using, connection.vendor, _digest(before), *_moment())
    if key not in _snapshots:
        load()
        _snapshots[key] = _new_rows(tables, before, _read(connection, tables))
        return
    snapshot = _snapshots[key]
    if snapshot is None:  # the loader changes rows that were there: only running it gives its result
        load()
        return
    _replay(connection, snapshot)


def _moment() -> tuple[str, ...]:
    """What a loader may read of the clock and the locale: the date, the exact time when travelling."""
    travelling = time_machine.escape_hatch.is_travelling()
    return (clock.today().isoformat(), clock.now().isoformat() if travelling else "", translation.get_language() or "")


@functools.cache
def _tables(using: str) -> list[_Table]:
    """The tables of the installed models in foreign-key order (referenced tables first)."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and router.allow_migrate_model(using, model)
    ]
    ordered: list[type[Model]] = []
    placed: set[type[Model]] = set()

    def place(model: type[Model], visiting: frozenset[type[Model]]) -> None:
        if model in placed or model in visiting:  # a cycle is left to the deferred constraint checks
            return
        for field in model._meta.local_concrete_fields:
            target = field.related_model if field.is_relation else None
            if isinstance(target, type) and target is not model and target in models_set:
                place(target, visiting | {model})
        placed.add(model)
        ordered.append(model)

    models_set = set(models)
    for model in models:
        place(model, frozenset())
    seen: set[str] = set()
    tables: list[_Table] = []
    for model in ordered:
        meta = model._meta
        if meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        columns = tuple(str(field.column) for field in meta.local_concrete_fields if not field.generated)
        tables.append(_Table(model, meta.db_table, columns, str(meta.pk.column)))
    return tables


def _read(connection: BaseDatabaseWrapper, tables: Iterable[_Table]) -> dict[str, list[Row]]:
    quote = connection.ops.quote_name
    # On SQLite "+column" is the stored value as it is: an expression has no declared type, so no
    # converter turns it into a Python date or bool on the way out (and none is needed on the way in).
    raw = "+" if connection.vendor == "sqlite" else ""
    state: dict[str, list[Row]] = {}
    with connection.cursor() as cursor:
        for table in tables:
            columns = ", ".join(raw + quote(column) for column in table.columns)
            cursor.execute(f"SELECT {columns} FROM {quote(table.name)} ORDER BY {quote(table.pk)}")  # noqa: S608
            state[table.name] = [tuple(row) for row in cursor.fetchall()]
    return state


def _digest(state: dict[str, list[Row]]) -> str:
    digest = hashlib.sha256()
    for name in sorted(state):
        digest.update(repr((name, state[name])).encode())
    return digest.hexdigest()


def _new_rows(tables: list[_Table], before: dict[str, list[Row]], after: dict[str, list[Row]]) -> _Snapshot | None:
    rows: list[tuple[_Table, list[Row]]] = []
    for table in tables:
        old, new = before[table.name], after[table.name]
        if old == new:
            continue
        kept = {repr(row) for row in old}  # repr: PostgreSQL arrays come back as (unhashable) lists
        added = [row for row in new if repr(row) not in kept]
        if len(new) - len(added) != len(old):
            return None  # a row that was there changed or went away
        rows.append((table, added))
    return _Snapshot(tuple(rows))


def _replay(connection: BaseDatabaseWrapper, snapshot: _Snapshot) -> None:
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for table, rows in snapshot.rows:
            columns = ", ".join(quote(column) for column in table.columns)
            values = ", ".join(["%s"] * len(table.columns))
            cursor.executemany(f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({values})", rows)  # noqa: S608
        # PostgreSQL: sequences past the ids just written (SQLite's AUTOINCREMENT follows by itself).
        for sql in connection.ops.sequence_reset_sql(no_style(), [table.model for table, _rows in snapshot.rows]):
            cursor.execute(sql)
