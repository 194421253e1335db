"""A fixed-window rate limiter on Django's cache, for views and django-ninja endpoints.

Each (scope, key) gets a counter per window of ``window`` seconds; the request that makes the count
exceed ``limit`` and every request after it in that window are refused with HTTP 429 and a
``Retry-After`` header (RFC 6585 §4, RFC 9110 §10.2.3).

The counters live in the ``default`` cache, which must be shared by every web process: in production
Redis (one Lua call a request); on the embedded default a counter table in shared memory beside the
SQLite cache (egov.core.counters: an flock and a few bytes, nothing on disk). With the per-process
LocMemCache each gunicorn worker counts on its own, so the effective limit is multiplied by the
number of workers and forgotten on restart: fine for tests and a single development process only.
"""

import functools
import hashlib
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import bilingual_error

logger = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])
IntSetting = int | Callable[[], int]
KeyFunction = Callable[[HttpRequest], str]

TOO_MANY_REQUESTS = _("Too many requests. Please try again in %(seconds)s seconds.")


@dataclass(frozen=True)
class RateLimitResult:
    allowed: bool
    count: int
    limit: int
    retry_after: int  # seconds until the current window ends


def rate_limit_hit(scope: str, key: str, *, limit: int, window: int, cache_alias: str = "default") -> RateLimitResult:
    """Count one request for (scope, key) and say whether it is within ``limit`` per ``window`` seconds."""
    if limit < 1 or window < 1:
        raise ValueError("limit and window must be positive")
    now = clock.now().timestamp()
    bucket = int(now // window)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]  # keeps IPs/usernames out of cache keys
    cache_key = f"rl:{scope}:{digest}:{bucket}"
    try:
        count = _count(caches[cache_alias], cache_key, timeout=window + 1, now=now)
    except Exception:  # a failing cache must not take the pages down with it: let through, and say so
        logger.exception("rate limit %s: the counter could not be written; the request is let through", scope)
        count = 0
    retry_after = max(1, math.ceil((bucket + 1) * window - now))
    return RateLimitResult(allowed=count <= limit, count=count, limit=limit, retry_after=retry_after)


def rate_limit_reached(
    scope: str, key: str, *, limit: int, window: int, cache_alias: str = "default"
) -> RateLimitResult:
    """Whether (scope, key) has already used its ``limit`` in this window, without counting: for
    limits on failures, counted with ``rate_limit_hit`` only when an attempt fails."""
    now = clock.now().timestamp()
    bucket = int(now // window)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache, cache_key = caches[cache_alias], f"rl:{scope}:{digest}:{bucket}"
    counters = getattr(cache, "counters", None)
    count = counters.peek(cache_key, now=now) if counters is not None else int(cache.get(cache_key) or 0)
    retry_after = max(1, math.ceil((bucket + 1) * window - now))
    return RateLimitResult(allowed=count < limit, count=count, limit=limit, retry_after=retry_after)


_REDIS_COUNT = "redis.call('SET', KEYS[1], 0, 'EX', ARGV[1], 'NX') return redis.call('INCR', KEYS[1])"


def _count(cache: Any, key: str, *, timeout: int, now: float) -> int:
    """Add one to the window's counter and return it, in as few round trips as the cache allows."""
    counters = getattr(cache, "counters", None)
    if counters is not None:  # the embedded default's shared-memory table
        return int(counters.hit(key, ttl=timeout, now=now))
    if isinstance(cache, RedisCache):  # one command: create the counter if missing, then count
        full_key = cache.make_and_validate_key(key)
        client = cache._cache.get_client(full_key, write=True)
        script = getattr(client, "_egov_count", None)
        if script is None:
            script = client.register_script(_REDIS_COUNT)
            setattr(client, "_egov_count", script)  # noqa: B010 - kept with the (reused) client
        return int(script(keys=[full_key], args=[timeout]))
    try:  # one write for every request of the window but its first
        return int(cache.incr(key))
    except ValueError:  # the window's first request (or the counter expired a moment ago)
        if cache.add(key, 1, timeout=timeout):
            return 1
        try:  # another process's first request came in between
            return int(cache.incr(key))
        except ValueError:
            cache.set(key, 1, timeout=timeout)
            return 1


def client_ip(request: HttpRequest) -> str:
    """The client's address. ``X-Forwarded-For`` is trusted only for ``RATELIMIT_PROXY_COUNT``
    proxies we run ourselves: each appends the address it saw, so the client is that many from the
    right; anything further left was written by the client and could be forged."""
    proxies = int(getattr(settings, "RATELIMIT_PROXY_COUNT", 0))
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return str(forwarded[-proxies])
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


def ip_key(request: HttpRequest) -> str:
    return client_ip(request)


def user_or_ip_key(request: HttpRequest) -> str:
    """The authenticated account (ninja's ``request.auth`` or the session user), else the client IP."""
    principal = getattr(request, "auth", None) or getattr(request, "user", None)
    if principal is not None and getattr(principal, "is_authenticated", False):
        return f"user:{principal.pk}"
    return f"ip:{client_ip(request)}"


def too_many_requests_message(retry_after: int) -> dict[str, Any]:
    """The bilingual error body ``{code, message (vi), message_en}`` for a refused request."""
    return bilingual_error("rate_limited", _too_many_requests_lazy(retry_after))


def too_many_requests_json(result: RateLimitResult) -> HttpResponse:
    response = JsonResponse(too_many_requests_message(result.retry_after), status=429)
    response["Retry-After"] = str(result.retry_after)
    return response


def too_many_requests_text(result: RateLimitResult) -> HttpResponse:
    messages = too_many_requests_message(result.retry_after)
    body = f"{messages['message']}\n{messages['message_en']}"
    response = HttpResponse(body + "\n", status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(result.retry_after)
    return response


def rate_limit(
    scope: str,
    *,
    limit: IntSetting,
    window: IntSetting,
    key: KeyFunction = ip_key,
    methods: tuple[str, ...] = ("POST",),
) -> Callable[[F], F]:
    """Decorate a Django view: past ``limit`` requests per ``window`` seconds answer 429 (plain text).

    ``limit`` and ``window`` may be callables read at request time, e.g.
    ``limit=lambda: settings.X``, so tests and operators can change them without a restart.
    """

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.method in methods:
                result = rate_limit_hit(scope, key(request), limit=_value(limit), window=_value(window))
                if not result.allowed:
                    return too_many_requests_text(result)
            return view(request, *args, **kwargs)

        return cast(F, wrapped)

    return decorator


def ninja_rate_limit(
    scope: str,
    *,
    limit: IntSetting,
    window: IntSetting,
    key: KeyFunction = user_or_ip_key,
) -> Callable[[F], F]:
    """Decorate a django-ninja operation (below the ``@router.get`` line); it runs after
    authentication, so the default key is the authenticated account. Past the limit it answers
    429 with the bilingual JSON error body and ``Retry-After``."""

    def decorator(operation: F) -> F:
        @functools.wraps(operation)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            result = rate_limit_hit(scope, key(request), limit=_value(limit), window=_value(window))
            if not result.allowed:
                return too_many_requests_json(result)
            return operation(request, *args, **kwargs)

        return cast(F, wrapped)

    return decorator


def _value(setting: IntSetting) -> int:
    return setting() if callable(setting) else setting


def _format_too_many_requests(seconds: int) -> str:
    return str(TOO_MANY_REQUESTS % {"seconds": seconds})


# Formatted in whichever language is active when it is rendered (bilingual_error renders both).
_too_many_requests_lazy = lazy(_format_too_many_requests, str)
