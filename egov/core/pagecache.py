"""Whole-page cache for anonymous readers of public pages (issue 12).

A view opts in by calling ``public_page(request, tags=…)`` before it reads anything; the middleware
then keeps the finished response, by address and language, in the ``default`` cache (shared by
every web process: see config/settings/cache.py) and serves it to the next anonymous reader without
running the view, the session, authentication or the templates again.

Private by construction: only GET requests without credentials are looked up or stored — no
``Authorization`` header and no cookie but the language and CSRF cookies (a session, a messages or
any other cookie means a personal page) — and only 200 answers that set no cookie and used no CSRF
token, so a page carrying one reader's name, data or token is never kept.

Fresh by construction: every entry remembers the generation of each of its tags as they were
*before* the view read the database. A write that changes what a page shows calls ``invalidate``
(at once and again when its transaction commits, so a page rendered from the old rows during the
transaction is stale too); an entry whose generations differ from the current ones is a miss. Pages
also end with the day (the home page shows today's date) and after their ``seconds``.

Rate-limited pages (tracking, catalogue search) still count every request, cached or not.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from egov.core import pagestore
from egov.core.ratelimit import ip_key, rate_limit_hit


@dataclass(frozen=True)
class RateSpec:
    """A rate limit counted for every request of the page, served from the cache or not."""

    scope: str
    setting: str  # the setting holding the limit per window, read at request time
    default: int
    window: int

    def allows(self, request: HttpRequest) -> bool:
        limit = int(getattr(settings, self.setting, self.default))
        return rate_limit_hit(self.scope, ip_key(request), limit=limit, window=self.window).allowed


def invalidate(*tags: str) -> None:
    """The pages tagged with any of ``tags`` are out of date: now, and again after the current
    transaction commits (a reader may have rendered the uncommitted past in between)."""
    unique = tuple(sorted(set(tags)))
    if not unique:
        return
    pagestore.bump(unique)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: pagestore.bump(unique))


def public_page(
    request: HttpRequest, *, tags: Iterable[str], seconds: int | None = None, rate: RateSpec | None = None
) -> None:
    """Let the answer to ``request`` be served to later anonymous readers of the same address in
    the same language until a tag is invalidated, the day ends or ``seconds`` pass. Call it before
    reading the data the page shows. Does nothing for requests the cache must not serve."""
    if getattr(request, "_egov_page_cacheable", False):
        page = pagestore.mark(tuple(sorted(set(tags))), seconds=seconds, rate=rate)
        request._egov_public_page = page  # type: ignore[attr-defined]


def invalidate_on_save(models: Iterable[type[Model]], tags: Callable[[Any], Iterable[str]]) -> None:
    """Invalidate ``tags(instance)`` whenever one of ``models`` is saved or deleted (call from
    ``AppConfig.ready``). Bulk writes send no signals: their services call ``invalidate`` themselves."""
    from django.db.models.signals import post_delete, post_save

    def handler(sender: type, instance: Any, **kwargs: Any) -> None:
        if not kwargs.get("raw"):
            invalidate(*tags(instance))

    for model in models:
        post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"pagecache:{model._meta.label}:save")
        post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"pagecache:{model._meta.label}:delete")


def _eligible(request: HttpRequest) -> bool:
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META or pagestore.max_seconds() <= 0:
        return False
    allowed = (settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    return all(name in allowed for name in request.COOKIES)


def _language(request: HttpRequest) -> str:
    """The language LocaleMiddleware will choose, known before it runs: the language cookie, then —
    for the API only, as VietnameseFirstMiddleware leaves it — Accept-Language, then Vietnamese. A
    page is kept only if LocaleMiddleware did choose this language (see ``__call__``)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen:
        try:
            return translation.get_supported_language_variant(chosen)
        except LookupError:
            pass
    if request.path.startswith("/api/"):
        return translation.get_language_from_request(request)
    return str(settings.LANGUAGE_CODE)


def _key(request: HttpRequest, language: str) -> str:
    address = f"{request.path_info}?{request.META.get('QUERY_STRING', '')}"
    digest = hashlib.sha256(address.encode(errors="surrogateescape")).hexdigest()[:40]
    return f"{pagestore.ENTRY_PREFIX}{language}:{digest}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    # Every page that asks whether someone is logged in varies on Cookie: that is fine, as only
    # requests without a session cookie are served; a CSRF token in the page is not.
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    control = response.get("Cache-Control", "").lower()
    if "private" in control or "no-store" in control:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _answer(request: HttpRequest, entry: pagestore.Entry) -> HttpResponse:
    gzipped = entry.packed is not None and "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    response = HttpResponse(entry.packed if gzipped else entry.body, status=entry.status)
    # The headers were checked when the page was first answered: put them back in one step (setting
    # them one by one checks and encodes each again, a quarter of a hit's time).
    stored = response.headers._store  # type: ignore[attr-defined]
    for name, value in entry.packed_headers if gzipped else entry.headers:
        stored[name.lower()] = (name, value)
    return response


class PublicPageCacheMiddleware:
    """Serves and keeps the pages views marked with ``public_page`` (see the module's docstring).
    Sits before the session, locale and authentication middlewares, which a hit skips; the answers
    it keeps carry their headers (Content-Language, Vary)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _eligible(request):
            return self.get_response(request)
        language = _language(request)
        key = _key(request, language)
        entry = pagestore.lookup(key)
        if entry is not None and (entry.rate is None or entry.rate.allows(request)):
            return _answer(request, entry)
        request._egov_page_cacheable = True  # type: ignore[attr-defined]
        response = self.get_response(request)
        page = getattr(request, "_egov_public_page", None)
        if page is not None and getattr(request, "LANGUAGE_CODE", None) == language and _storable(request, response):
            pagestore.store(key, page, response)
            response["X-Page-Cache"] = "miss"
        return response
