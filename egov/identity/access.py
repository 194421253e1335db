"""Keeping citizens out of staff pages: a view decorator and a middleware for whole URL prefixes."""

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from egov.identity.models import UserKind

F = TypeVar("F", bound=Callable[..., HttpResponse])


def is_staff_account(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "kind", None) == UserKind.STAFF)


def _refuse(request: HttpRequest) -> HttpResponse:
    return render(request, "identity/staff_only.html", status=403)


def staff_required(view: F) -> F:
    """Anonymous → the staff login; a citizen or integration account → 403 with an explanation."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_account(request.user):
            return _refuse(request)
        return view(request, *args, **kwargs)

    return cast(F, wrapped)


class StaffAreaMiddleware:
    """Refuses non-staff accounts on ``IDENTITY_STAFF_PATH_PREFIXES`` (default ``/staff/``), so a
    citizen session can never open a staff page even if a view forgets its decorator.
    Place it after AuthenticationMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        prefixes: list[str] = getattr(settings, "IDENTITY_STAFF_PATH_PREFIXES", [])
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not is_staff_account(user)
            and any(request.path_info.startswith(prefix) for prefix in prefixes)
        ):
            return _refuse(request)
        return self.get_response(request)
