"""Window counters in shared memory: the rate limits of the embedded default, one count per host.

Every process of the host maps the same small file in the cache's shared-memory folder (/dev/shm is
RAM) and counts under an ``flock`` on it: one lock, a hash and a few bytes read and written, no
SQLite transaction and nothing written to the disk. The counters used to go through diskcache's
``incr``, which took SQLite's write lock on every public request and held every rate-limited page to
600-900 requests/s whatever the cores (docs/performance.md, issue 12). Several hosts need Redis
(config/settings/cache.py); there the counters are one Lua call instead.

No maintained library counts across processes without a server: ``limits`` keeps its memory storage
per process, and pyrate-limiter's multiprocess bucket needs a manager process shared from a fork.

The table is open addressing over a fixed number of slots (``EGOV_RATELIMIT_SLOTS``): a slot holds
a key's digest, when its window ends and its count. A key is looked for in ``PROBES`` consecutive
slots from its hash; a slot whose window has ended is free again. Should every one of them hold a
live counter (more live keys than the table was sized for), the one whose window ends first is
reused and a warning logged: its key starts counting again — a loss in precision, never a refusal.
"""

import fcntl
import hashlib
import logging
import mmap
import os
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

logger = logging.getLogger(__name__)

MAGIC = b"EGOVWC01"
HEADER = struct.Struct("<8sQ")  # magic, number of slots
SLOT = struct.Struct("<16sdI4x")  # key digest, window end (unix seconds; 0 = never used), count
PROBES = 64
DEFAULT_SLOTS = 1 << 17  # 128 Ki live keys, 4 MiB of shared memory


class WindowCounters:
    """Counters that live until a given moment, shared by every process that opens ``path``."""

    def __init__(self, path: str, *, slots: int = DEFAULT_SLOTS) -> None:
        if slots < PROBES:
            raise ValueError(f"a counter table needs at least {PROBES} slots")
        self.path = path
        self.slots = slots
        self._size = HEADER.size + slots * SLOT.size
        self._thread_lock = threading.Lock()  # flock does not exclude threads sharing one descriptor
        self._pid = 0
        self._fd = -1
        self._map: mmap.mmap | None = None
        self._last_warning = 0.0

    def hit(self, key: str, *, ttl: float, now: float) -> int:
        """Add one to ``key``'s counter and return it; a counter not running starts at 1 and lives
        ``ttl`` seconds from ``now``."""
        digest = _digest(key)
        with self._locked() as table:
            found, spare = self._find(table, digest, now)
            if found is not None:
                count = SLOT.unpack_from(table, found)[2] + 1
                struct.pack_into("<I", table, found + 24, count)
                return int(count)
            if spare is None:
                spare = self._evict(table, digest)
            SLOT.pack_into(table, spare, digest, now + ttl, 1)
            return 1

    def peek(self, key: str, *, now: float) -> int:
        """``key``'s count, without counting (0 when it is not running)."""
        with self._locked() as table:
            found, _spare = self._find(table, _digest(key), now)
            return 0 if found is None else int(SLOT.unpack_from(table, found)[2])

    def clear(self) -> None:
        with self._locked() as table:
            table[HEADER.size :] = bytes(self._size - HEADER.size)

    def _find(self, table: mmap.mmap, digest: bytes, now: float) -> tuple[int | None, int | None]:
        """The offset of ``digest``'s live slot (or None), and of the first free slot on its way."""
        spare = None
        start = int.from_bytes(digest[:8], "little") % self.slots
        for step in range(PROBES):
            offset = HEADER.size + ((start + step) % self.slots) * SLOT.size
            held, ends, _count = SLOT.unpack_from(table, offset)
            if ends == 0:  # never used: no key was ever placed past it (slots are only ever reused)
                return None, spare if spare is not None else offset
            if ends <= now:
                if spare is None:
                    spare = offset
            elif held == digest:
                return offset, None
        return None, spare

    def _evict(self, table: mmap.mmap, digest: bytes) -> int:
        start = int.from_bytes(digest[:8], "little") % self.slots
        offsets = [HEADER.size + ((start + step) % self.slots) * SLOT.size for step in range(PROBES)]
        victim = min(offsets, key=lambda offset: SLOT.unpack_from(table, offset)[1])
        if time.monotonic() - self._last_warning > 60:
            self._last_warning = time.monotonic()
            logger.warning(
                "rate-limit counters: %s slots are not enough for the live keys; a counter was restarted "
                "(raise EGOV_RATELIMIT_SLOTS)",
                self.slots,
            )
        return victim

    @contextmanager
    def _locked(self) -> Iterator[mmap.mmap]:
        with self._thread_lock:
            table = self._table()
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                yield table
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _table(self) -> mmap.mmap:
        """The mapping, opened once per process: a descriptor inherited through a fork shares its
        flock with the parent, so a child must open the file itself."""
        if self._map is not None and self._pid == os.getpid():
            return self._map
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            header = os.pread(fd, HEADER.size, 0)
            if len(header) < HEADER.size or HEADER.unpack(header) != (MAGIC, self.slots):
                os.ftruncate(fd, 0)  # new, or sized by another configuration: start empty
                os.ftruncate(fd, self._size)
                os.pwrite(fd, HEADER.pack(MAGIC, self.slots), 0)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
        self._fd, self._pid = fd, os.getpid()
        self._map = mmap.mmap(fd, self._size)
        return self._map


def _digest(key: str) -> bytes:
    return hashlib.blake2b(key.encode(), digest_size=16).digest()
