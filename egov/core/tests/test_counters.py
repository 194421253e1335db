"""The embedded default's rate-limit counters: one count per host, in shared memory, none lost."""

import logging
import multiprocessing
import os
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches
from django.test import override_settings

from egov.core.counters import PROBES, WindowCounters
from egov.core.ratelimit import rate_limit_hit, rate_limit_reached

NOW = 1_800_000_000.0


def _hit_many(path: str, times: int) -> None:
    counters = WindowCounters(path, slots=1024)
    for _ in range(times):
        counters.hit("shared", ttl=60, now=NOW)


def test_counts_from_threads_and_processes_are_all_kept(tmp_path: Path) -> None:
    path = str(tmp_path / "counters")
    counters = WindowCounters(path, slots=1024)
    assert counters.hit("shared", ttl=60, now=NOW) == 1  # the parent has the table open before forking
    context = multiprocessing.get_context("fork")
    children = [context.Process(target=_hit_many, args=(path, 300)) for _ in range(3)]
    for child in children:
        child.start()
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda _i: counters.hit("shared", ttl=60, now=NOW), range(300)))
    for child in children:
        child.join(timeout=60)
        assert child.exitcode == 0
    assert counters.peek("shared", now=NOW) == 1 + 3 * 300 + 300
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600  # counters of addresses: ours only


def test_a_counter_lives_its_window_and_then_starts_again(tmp_path: Path) -> None:
    counters = WindowCounters(str(tmp_path / "counters"), slots=256)
    assert [counters.hit("a", ttl=10, now=NOW + i) for i in range(3)] == [1, 2, 3]
    assert counters.peek("a", now=NOW + 9) == 3  # peeking does not count
    assert counters.peek("b", now=NOW) == 0
    assert counters.peek("a", now=NOW + 10) == 0  # the window is over
    assert counters.hit("a", ttl=10, now=NOW + 10) == 1


def test_many_keys_keep_their_own_counts(tmp_path: Path) -> None:
    counters = WindowCounters(str(tmp_path / "counters"), slots=4096)
    keys = [f"203.0.113.{i % 250}/{i}" for i in range(2000)]
    for _ in range(2):
        for key in keys:
            counters.hit(key, ttl=60, now=NOW)
    assert {counters.peek(key, now=NOW) for key in keys} == {2}


def test_a_full_table_restarts_the_oldest_counter_and_says_so(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    counters = WindowCounters(str(tmp_path / "counters"), slots=PROBES)  # one probe run covers it all
    for i in range(PROBES):
        counters.hit(f"key{i}", ttl=100 + i, now=NOW)  # key0's window ends first
        counters.hit(f"key{i}", ttl=100 + i, now=NOW)
    with caplog.at_level(logging.WARNING, logger="egov.core.counters"):
        assert counters.hit("newcomer", ttl=60, now=NOW) == 1
    assert "EGOV_RATELIMIT_SLOTS" in caplog.text
    assert counters.peek("key0", now=NOW) == 0
    assert counters.peek("key1", now=NOW) == 2
    assert counters.hit("newcomer", ttl=60, now=NOW) == 2


def test_a_table_sized_otherwise_starts_empty_and_clear_empties_it(tmp_path: Path) -> None:
    path = str(tmp_path / "counters")
    WindowCounters(path, slots=256).hit("a", ttl=60, now=NOW)
    assert WindowCounters(path, slots=256).peek("a", now=NOW) == 1
    resized = WindowCounters(path, slots=512)
    assert resized.peek("a", now=NOW) == 0
    resized.hit("a", ttl=60, now=NOW)
    resized.clear()
    assert resized.peek("a", now=NOW) == 0
    with pytest.raises(ValueError, match="slots"):
        WindowCounters(path, slots=PROBES - 1)


def test_the_rate_limiter_counts_in_the_shared_table_on_the_embedded_default(tmp_path: Path) -> None:
    shared = {
        "default": {
            "BACKEND": "egov.core.cache.SharedMemoryCache",
            "LOCATION": str(tmp_path / "cache"),
            "SHARDS": 2,
            "COUNTER_SLOTS": 256,
        }
    }
    with override_settings(CACHES=shared):
        caches["default"].clear()
        results = [rate_limit_hit("t", "198.51.100.7", limit=3, window=60) for _ in range(4)]
        assert [result.allowed for result in results] == [True, True, True, False]
        assert not rate_limit_reached("t", "198.51.100.7", limit=3, window=60).allowed
        assert rate_limit_reached("t", "198.51.100.8", limit=3, window=60).allowed
        cache: Any = caches["default"]
        assert cache.counters.path.startswith(str(tmp_path / "cache"))
        assert len(cache._cache) == 0  # no SQLite row, no write, per request
        caches["default"].clear()
        assert rate_limit_reached("t", "198.51.100.7", limit=3, window=60).allowed
