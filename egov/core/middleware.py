"""Vietnamese first: the interface language is Vietnamese unless the user chose another one.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many phones in Vietnam
are set to English; a government site answers in Vietnamese until the user picks English with the
language switch (the choice is kept in the language cookie, which LocaleMiddleware honours).
The REST API still honours Accept-Language: integrators choose their language per request.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class VietnameseFirstMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
