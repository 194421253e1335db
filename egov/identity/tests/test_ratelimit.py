from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from egov.core.ratelimit import client_ip, rate_limit, rate_limit_hit

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_fixed_window_counts_and_resets():
    with time_machine.travel(datetime(2026, 3, 2, 8, 0, 10, tzinfo=VN), tick=False):
        results = [rate_limit_hit("t", "k", limit=2, window=60) for _ in range(3)]
        assert [r.allowed for r in results] == [True, True, False]
        assert [r.count for r in results] == [1, 2, 3]
        assert results[2].retry_after == 50
        # another key has its own counter
        assert rate_limit_hit("t", "other", limit=2, window=60).allowed
    with time_machine.travel(datetime(2026, 3, 2, 8, 1, 0, tzinfo=VN), tick=False):
        assert rate_limit_hit("t", "k", limit=2, window=60).count == 1


def test_rejects_nonsense_limits():
    with pytest.raises(ValueError, match="positive"):
        rate_limit_hit("t", "k", limit=0, window=60)


@rate_limit("unit-test", limit=1, window=60)
def _view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def test_view_decorator_answers_429_in_both_languages():
    factory = RequestFactory()
    assert _view(factory.post("/x")).status_code == 200
    assert _view(factory.get("/x")).status_code == 200  # only POST is counted
    response = _view(factory.post("/x"))
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    text = response.content.decode()
    assert "Quá nhiều yêu cầu." in text
    assert "Too many requests." in text


def test_client_ip_ignores_forwarded_for_unless_proxies_are_configured(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    settings.RATELIMIT_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.5"
    settings.RATELIMIT_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"
    settings.RATELIMIT_PROXY_COUNT = 3
    assert client_ip(request) == "10.0.0.5"


def test_a_cache_that_cannot_count_lets_requests_through_and_logs_it(settings, caplog):
    # given a counter store that is down (nothing listens on port 1)
    settings.CACHES = {
        **settings.CACHES,
        "down": {"BACKEND": "egov.core.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
    }
    # when a request is counted against it: let through (the page must not fail with the counter), and logged
    result = rate_limit_hit("t", "k", limit=2, window=60, cache_alias="down")
    assert (result.allowed, result.count) == (True, 0)
    assert "the counter could not be written" in caplog.text
