"""The embedded default's cache: python-diskcache's Django backend in a folder only we can read."""

import os
from typing import Any

from diskcache.djangocache import DjangoCache  # type: ignore[import-untyped]


class SharedMemoryCache(DjangoCache):  # type: ignore[misc]
    """SQLite files in a shared-memory folder (see config/settings/cache.py): one cache for every
    process of the host, atomic ``add``/``incr`` for the rate limits. The folder is private (0700):
    it holds rate-limit counters and cached pages."""

    def __init__(self, directory: str, params: dict[str, Any]) -> None:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        super().__init__(directory, params)
