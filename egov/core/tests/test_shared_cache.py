"""The embedded default's cache is one cache for every process of the host: rate limits hold across
gunicorn's workers, and what one process stores (a page, a generation) the others read at once."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from egov.core.cache import SharedMemoryCache

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def site(tmp_path: Path):
    port = _free_port()
    env = {**os.environ, "RATELIMIT_SITE_CACHE": str(tmp_path / "cache"), "RATELIMIT_SITE_LIMIT": "50"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-m", "gunicorn", "egov.core.tests.ratelimit_site:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "3", "--threads", "1"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own test server
            return response.status, response.read().decode().strip()
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_a_rate_limit_holds_across_the_web_processes_of_one_host(site: str) -> None:
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(_get, [site] * 200))
    statuses = Counter(status for status, _pid in answers)
    assert statuses == {200: 50, 429: 150}
    served_by = {pid for status, pid in answers if status == 200}
    assert len(served_by) > 1  # the allowed requests were counted by more than one worker


def test_what_one_process_writes_the_next_one_reads(tmp_path: Path) -> None:
    location = str(tmp_path / "shared")
    params = {"SHARDS": 4, "DATABASE_TIMEOUT": 1.0}
    SharedMemoryCache(location, params).set("pagegen:catalogue", "abc123", 60)
    code = (
        "from django.conf import settings; settings.configure();"
        "from egov.core.cache import SharedMemoryCache;"
        f"cache = SharedMemoryCache({location!r}, {{'SHARDS': 4}});"
        "print(cache.get('pagegen:catalogue'));"
        "cache.set('pagegen:catalogue', 'def456', 60)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)  # noqa: S603
    assert done.stdout.strip() == "abc123"
    assert SharedMemoryCache(location, params).get("pagegen:catalogue") == "def456"
    assert oct(os.stat(location).st_mode & 0o777) == "0o700"  # rate-limit counters and pages: ours only


def test_a_counter_counts_every_increment_and_expires(tmp_path: Path, time_machine: Any) -> None:
    time_machine.move_to(datetime.now(tz=UTC))
    cache = SharedMemoryCache(str(tmp_path / "counters"), {"SHARDS": 4, "DATABASE_TIMEOUT": 1.0})
    with pytest.raises(ValueError, match="not found"):  # a counter never started is not created by incr
        cache.incr("ratelimit:new")
    assert cache.add("ratelimit:a", 1, timeout=60)
    with ThreadPoolExecutor(max_workers=8) as pool:  # concurrent increments: none lost
        totals = list(pool.map(lambda _i: cache.incr("ratelimit:a"), range(400)))
    assert sorted(totals) == list(range(2, 402))
    assert cache.incr("ratelimit:a", 10) == 411
    cache.set("ratelimit:text", "a word", 60)  # not an integer: diskcache's own answer, not a corrupted value
    with pytest.raises(TypeError):
        cache.incr("ratelimit:text")
    assert cache.get("ratelimit:text") == "a word"
    time_machine.shift(61)  # the window is over: the counter is gone, not counted on
    with pytest.raises(ValueError, match="not found"):
        cache.incr("ratelimit:a")
