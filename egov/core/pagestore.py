"""Where egov.core.pagecache keeps pages: entries and tag generations in the shared cache, and a few
hundred recently served entries in each process.

Every bump of any tag also sets a new *epoch*. A process that served an entry at epoch E serves its
own copy again, after one read of the epoch, while the epoch is still E; otherwise it checks the
entry's tag generations (one read each) as the first time. Generations are written before the
epoch, and a reader reads the epoch before the generations, so a copy trusted at E was fresh at E.
"""

import gzip
import pickle
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone

from egov.core import clock

GEN_PREFIX = "pagegen:"
EPOCH_KEY = "pagegen:*"
ENTRY_PREFIX = "page:v2:"  # a new format gets a new prefix: an old process's entries are then never read
LOCAL_ENTRIES = 256  # per process: ~50 kB each at most (a page and its gzip)
_MIN_GZIP_BYTES = 200
# Headers the middlewares outside the page cache (SecurityMiddleware) add again on every answer, or
# that it sets itself: not stored, each costs time to set.
_NOT_STORED = frozenset(
    {"set-cookie", "content-length", "content-encoding", "date", "x-page-cache"}
    | {"x-content-type-options", "referrer-policy", "cross-origin-opener-policy", "strict-transport-security"}
)


@dataclass(frozen=True)
class Entry:
    tags: tuple[str, ...]
    generations: tuple[str, ...]
    expires: float  # a timestamp, at the latest the end of the day it was stored
    rate: Any  # pagecache.RateSpec | None
    status: int
    headers: tuple[tuple[str, str], ...]  # as answered, without the compression's
    body: bytes
    packed: bytes | None  # gzip of body, when worth it
    packed_headers: tuple[tuple[str, str], ...]  # as answered compressed


@dataclass(frozen=True)
class Mark:
    tags: tuple[str, ...]
    generations: tuple[str, ...]
    epoch: str
    seconds: int
    rate: Any


_local: dict[str, tuple[Entry, str]] = {}
_local_lock = threading.Lock()


def cache() -> Any:
    return caches[getattr(settings, "EGOV_PAGE_CACHE_ALIAS", "default")]


def max_seconds() -> int:
    return int(getattr(settings, "EGOV_PAGE_CACHE_SECONDS", 300))


def _generation_seconds() -> int:
    # A generation outlives every entry that saw it, or the one before it.
    return max_seconds() + 60


def _read(keys: list[str], *, create: bool) -> dict[str, Any]:
    """A missing generation (never set, expired, evicted) reads as "": equal to no stored entry's.
    When marking a page it is created, so an entry always remembers real tokens and the loss of a
    generation can only make entries stale, never fresh."""
    store = cache()
    found: dict[str, Any] = store.get_many(keys)
    missing = [key for key in keys if key not in found]
    if create and missing:
        for key in missing:
            store.add(key, secrets.token_hex(8), timeout=_generation_seconds())
        found |= store.get_many(missing)  # another process may have added its own first
    return found


def generations(tags: tuple[str, ...], *, create: bool = False) -> tuple[str, ...]:
    keys = [GEN_PREFIX + tag for tag in tags]
    found = _read(keys, create=create) if keys else {}
    return tuple(str(found.get(key, "")) for key in keys)


def epoch(*, create: bool = False) -> str:
    return str(_read([EPOCH_KEY], create=create).get(EPOCH_KEY, ""))


def bump(tags: tuple[str, ...]) -> None:
    timeout = _generation_seconds()
    cache().set_many({GEN_PREFIX + tag: secrets.token_hex(8) for tag in tags}, timeout=timeout)
    cache().set(EPOCH_KEY, secrets.token_hex(8), timeout=timeout)  # after the generations (see above)


def mark(tags: tuple[str, ...], *, seconds: int | None, rate: Any) -> Mark | None:
    """What a page rendered from now on depends on; None if the cache cannot keep track of it."""
    seen = epoch(create=True)  # before the generations
    current = generations(tags, create=True)
    if "" in current:
        return None
    limit = max_seconds() if seconds is None else min(seconds, max_seconds())
    return Mark(tags, current, seen, limit, rate)


def _end_of_day(moment: datetime) -> float:
    local = timezone.localtime(moment)
    return datetime.combine(local.date() + timedelta(days=1), time.min, tzinfo=local.tzinfo).timestamp()


def store(key: str, page: Mark, response: HttpResponse) -> None:
    body = response.content
    now = clock.now()
    entry = Entry(
        tags=page.tags,
        generations=page.generations,
        expires=min(now.timestamp() + page.seconds, _end_of_day(now)),  # the home page shows the date
        rate=page.rate,
        status=response.status_code,
        **_variants(response, body),
    )
    cache().set(key, entry, timeout=page.seconds)
    _remember(key, entry, page.epoch)


def _variants(response: HttpResponse, body: bytes) -> dict[str, Any]:
    """The body and headers to answer with, plain and gzipped: prepared once, set at once on a hit."""
    kept = {name: value for name, value in response.items() if name.lower() not in _NOT_STORED}
    packed = gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= _MIN_GZIP_BYTES else None
    if packed is not None:
        vary = [part.strip() for part in kept.pop("Vary", "").split(",") if part.strip()]
        kept["Vary"] = ", ".join([*vary, "Accept-Encoding"])
    kept["X-Page-Cache"] = "hit"
    return {
        "headers": tuple(kept.items()),
        "body": body,
        "packed": packed,
        "packed_headers": (*kept.items(), ("Content-Encoding", "gzip")) if packed is not None else (),
    }


def _remember(key: str, entry: Entry, seen: str) -> None:
    with _local_lock:
        _local.pop(key, None)
        while len(_local) >= LOCAL_ENTRIES:
            _local.pop(next(iter(_local)))  # the oldest
        _local[key] = (entry, seen)


def lookup(key: str) -> Entry | None:
    """The fresh entry kept under ``key``, if any."""
    now = clock.now().timestamp()
    current = epoch()  # before any generation
    held = _local.get(key)
    if held is not None:
        entry, seen = held
        if entry.expires > now and ((current and seen == current) or generations(entry.tags) == entry.generations):
            if seen != current:
                _remember(key, entry, current)
            return entry
        with _local_lock:
            _local.pop(key, None)
    try:
        shared = cache().get(key)
    except (AttributeError, ImportError, EOFError, TypeError, ValueError, pickle.UnpicklingError):
        shared = None  # written by another version of this code: a miss, and overwritten
    if isinstance(shared, Entry) and shared.expires > now and generations(shared.tags) == shared.generations:
        _remember(key, shared, current)
        return shared
    return None
