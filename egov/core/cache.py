"""Cache backends: the embedded default's (python-diskcache in a folder only we can read) and
production's (Django's Redis cache, its clients reused)."""

import os
import sqlite3
import time
from typing import Any

from diskcache.core import MODE_RAW  # type: ignore[import-untyped]
from diskcache.djangocache import DjangoCache  # type: ignore[import-untyped]
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class SharedMemoryCache(DjangoCache):  # type: ignore[misc]
    """SQLite files in a shared-memory folder (see config/settings/cache.py): one cache for every
    process of the host, atomic ``add``/``incr`` for the rate limits. The folder is private (0700):
    it holds rate-limit counters and cached pages."""

    def __init__(self, directory: str, params: dict[str, Any]) -> None:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        super().__init__(directory, params)

    # A counter that exists and has not expired is counted by one statement (its own transaction),
    # where diskcache's incr takes BEGIN IMMEDIATE, a SELECT, an UPDATE and a COMMIT: every request
    # counted against a rate limit pays for it. The value is a raw integer as diskcache stores it.
    _INCR = (
        "UPDATE Cache SET value = value + ?, store_time = ? WHERE key = ? AND raw = 1 AND mode = ?"
        " AND typeof(value) = 'integer' AND (expire_time IS NULL OR expire_time > ?) RETURNING value"
    )

    def incr(
        self, key: Any, delta: int = 1, version: int | None = None, default: Any = None, retry: bool = True
    ) -> Any:
        fanout = self._cache
        if isinstance(key, str) and fanout.eviction_policy == "least-recently-stored":  # reads update nothing
            full_key = self.make_key(key, version=version)
            shard = fanout._shards[fanout._hash(full_key) % fanout._count]
            now = time.time()
            try:  # fetchall: the statement runs to its end, so its implicit transaction commits here
                rows = shard._sql(self._INCR, (delta, now, full_key, MODE_RAW, now)).fetchall()
            except sqlite3.OperationalError:  # busy past the timeout: diskcache's own path retries
                rows = []
            if rows:
                return rows[0][0]
        return super().incr(key, delta, version, default, retry)  # missing, expired or not an integer


class _ReusedClients(RedisCacheClient):
    """Django's client builds a new ``redis.Redis`` (with its ~170 response callbacks) for every
    command; the pools are already shared, so one client per pool serves every thread."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)  # type: ignore[attr-defined]
        client = self._clients.get(index)
        if client is None:
            client = self._clients.setdefault(index, super().get_client(key, write=write))
        return client


class RedisCache(DjangoRedisCache):
    """Django's Redis cache with the clients reused (production: ``CACHE_URL=redis://…``)."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ReusedClients
