"""The cache: rate limits, login throttling, the public page cache (egov.core.pagecache) and a few
cached selectors. It must be one cache for all the web processes that serve the site.

CACHE_URL:
- ``redis://…`` (or ``rediss://``) — production: shared by every host.
- empty (the embedded default of `make run`) — a SQLite-backed cache (python-diskcache) in shared
  memory, ``/dev/shm/egov-<checkout>/`` (``var/cache/`` where there is no /dev/shm): every process
  of this host sees the same counters and pages, atomically (SQLite transactions in WAL mode), and no
  request writes to the disk. One host only: several web hosts need Redis.
- ``file:///path`` — the same cache in a folder of your choice (e.g. a tmpfs mount).
- ``locmem://`` — per process; tests and a single development process only.
EGOV_LOCAL_CACHE_MAX_MB bounds the embedded cache (least recently stored entries go first). Its rate-limit
counters are a table in shared memory, not SQLite rows (egov.core.counters): EGOV_RATELIMIT_SLOTS
sizes it (32 bytes a slot; past it, the oldest live counter restarts and a warning is logged).
"""

import hashlib
import os
from pathlib import Path
from typing import Any

from config.env import BASE_DIR, env_int, env_str

CACHE_URL = env_str("CACHE_URL", "")


def _shared_memory_folder() -> Path:
    shm = Path("/dev/shm")  # noqa: S108 - a private 0700 folder is created inside it
    if shm.is_dir() and os.access(shm, os.W_OK):
        checkout = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]
        return shm / f"egov-{checkout}"
    return BASE_DIR / "var" / "cache"


CACHES: dict[str, dict[str, Any]]
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "egov.core.cache.RedisCache", "LOCATION": CACHE_URL}}
elif CACHE_URL.startswith("locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "egov.core.cache.SharedMemoryCache",
            "LOCATION": CACHE_URL.removeprefix("file://")
            if CACHE_URL.startswith("file://")
            else str(_shared_memory_folder()),
            "SHARDS": 4,
            "DATABASE_TIMEOUT": 1.0,
            "COUNTER_SLOTS": env_int("EGOV_RATELIMIT_SLOTS", 1 << 17),  # rate-limit keys live at once
            "OPTIONS": {
                "size_limit": env_int("EGOV_LOCAL_CACHE_MAX_MB", 256) * 1024 * 1024,
                "disk_min_file_size": 4 * 1024 * 1024,  # pages stay in SQLite rows, never separate files
            },
        }
    }

# Public pages served from the cache to anonymous readers live at most this long (seconds); 0 turns
# the page cache off. Writes invalidate them at once; this bounds what no write announces (the clock).
EGOV_PAGE_CACHE_SECONDS = env_int("EGOV_PAGE_CACHE_SECONDS", 300)
