"""The rate limiter on Redis, as production runs it: one round trip per request, atomic across
clients, the counter expiring with its window. Runs where CI gives real brokers
(CELERY_TEST_BROKER_URLS with a redis:// URL, the `-m broker` step of .ci/run)."""

import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.core.cache import caches
from django.test import override_settings

from egov.core.ratelimit import rate_limit_hit

REDIS_URLS = [u for u in os.environ.get("CELERY_TEST_BROKER_URLS", "").split(",") if u.startswith("redis://")]


if REDIS_URLS:

    @pytest.fixture(params=REDIS_URLS)
    def redis_cache(request: Any) -> Any:
        with override_settings(
            CACHES={
                "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                "redis": {"BACKEND": "egov.core.cache.RedisCache", "LOCATION": request.param},
            }
        ):
            yield caches["redis"]

    @pytest.mark.broker
    @time_machine.travel(datetime(2026, 12, 7, 9, 0, 30, tzinfo=UTC), tick=False)  # one window for all
    def test_the_limit_holds_for_concurrent_clients_and_the_counter_expires(redis_cache: Any) -> None:
        scope = f"test-{uuid.uuid4().hex}"

        def hit(_n: int) -> bool:
            return rate_limit_hit(scope, "203.0.113.7", limit=20, window=60, cache_alias="redis").allowed

        with ThreadPoolExecutor(max_workers=10) as pool:
            allowed = list(pool.map(hit, range(50)))
        assert allowed.count(True) == 20
        (key,) = redis_cache._cache.get_client(write=False).keys(f"*rl:{scope}:*")
        assert 0 < redis_cache._cache.get_client(write=False).ttl(key) <= 61
        assert redis_cache.get(key.decode().split(":", 2)[2]) == 50  # Django reads the raw counter
