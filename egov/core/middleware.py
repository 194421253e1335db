"""Vietnamese first: the interface language is Vietnamese unless the user chose another one.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many phones in Vietnam
are set to English; a government site answers in Vietnamese until the user picks English with the
language switch (the choice is kept in the language cookie, which LocaleMiddleware honours).
The REST API still honours Accept-Language: integrators choose their language per request.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse


class VietnameseFirstMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class ActionAddressGetMiddleware:
    """A state-changing address opened with GET leads to the page that holds its form.

    Views that change state accept only POST (``require_POST``). Opened from a reload, a bookmark or
    the browser's history, such an address would answer a blank "405 Method Not Allowed". Here the
    page instead redirects to the nearest address above it that is a page (``/staff/dossiers/X/``
    for ``/staff/dossiers/X/actions/accept/``; the home page at worst) with a message saying that
    the action is done by pressing its button there. The REST API keeps its JSON 405; the Django
    admin its own handling.
    """

    PASSED_THROUGH = ("/api/", "/admin/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or request.method != "GET" or request.path.startswith(self.PASSED_THROUGH):
            return response
        from django.contrib import messages
        from django.shortcuts import redirect
        from django.utils.translation import gettext as _

        messages.info(
            request,
            _(
                "That address carries out an action when its button is pressed; opening it changes "
                "nothing. Here is the page with the button."
            ),
        )
        return redirect(page_above(request.path, request.resolver_match))


def page_above(path: str, current: Any) -> str:
    """The nearest address above ``path`` that resolves to another view (the page holding the form)."""
    from django.urls import Resolver404, resolve

    own_view = getattr(current, "func", None)
    parts = [part for part in path.split("/") if part]
    while parts:
        parts.pop()
        candidate = "/" + "".join(f"{part}/" for part in parts)
        try:
            match = resolve(candidate)
        except Resolver404:
            continue
        if match.func is not own_view:
            return candidate
    return "/"


class AuditClientAddressMiddleware:
    """Audit entries written while serving a request carry its client address (the rule of
    ``egov.core.ratelimit.client_ip``: ``X-Forwarded-For`` only from the proxies we run)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from egov.core.ratelimit import client_ip
        from egov.core.services.audit import audit_client_address_reset, audit_client_address_set

        token = audit_client_address_set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            audit_client_address_reset(token)
