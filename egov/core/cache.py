"""Cache backends: the embedded default's (python-diskcache in a folder only we can read) and
production's (Django's Redis cache, its clients reused)."""

import os
from typing import Any

from diskcache.djangocache import DjangoCache  # type: ignore[import-untyped]
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

from egov.core.counters import DEFAULT_SLOTS, WindowCounters


class SharedMemoryCache(DjangoCache):  # type: ignore[misc]
    """SQLite files in a shared-memory folder (see config/settings/cache.py): one cache for every
    process of the host. The rate limits count in ``counters``, a table in the same folder that
    needs no SQLite transaction (egov.core.counters). The folder is private (0700): it holds
    rate-limit counters and cached pages."""

    def __init__(self, directory: str, params: dict[str, Any]) -> None:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        super().__init__(directory, params)
        slots = int(params.get("COUNTER_SLOTS") or DEFAULT_SLOTS)
        self.counters = WindowCounters(os.path.join(directory, "window-counters"), slots=slots)

    def clear(self) -> None:
        super().clear()
        self.counters.clear()


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
