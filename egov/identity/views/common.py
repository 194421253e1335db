"""Helpers shared by the identity views: safe redirects, throttling, the pending second step."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.ratelimit import RateLimitResult, client_ip, rate_limit_hit
from egov.identity.models import User

PENDING_SESSION_KEY = "identity_pending_second_factor"
PENDING_MAX_AGE_SECONDS = 300


def safe_next_url(request: HttpRequest, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(fallback)


def next_param(request: HttpRequest) -> str:
    """The ``next`` value to carry through the form, only when it is safe."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def login_ip_limit(request: HttpRequest, scope: str) -> RateLimitResult:
    return rate_limit_hit(
        scope,
        client_ip(request),
        limit=settings.IDENTITY_LOGIN_IP_LIMIT,
        window=settings.IDENTITY_LOGIN_IP_WINDOW_SECONDS,
    )


def render_throttled(
    request: HttpRequest, template: str, context: dict[str, Any], result: RateLimitResult
) -> HttpResponse:
    form = context["form"]
    form.add_error(
        None,
        _("Too many attempts from your network. Please try again in %(seconds)s seconds.")
        % {"seconds": result.retry_after},
    )
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(result.retry_after)
    return response


@dataclass(frozen=True)
class PendingLogin:
    user: User
    backend: str
    lockout_key: str
    next_url: str
    method: str


def pending_login_start(
    request: HttpRequest, *, user: User, backend: str, lockout_key: str, next_url: str, method: str
) -> None:
    request.session.cycle_key()
    request.session[PENDING_SESSION_KEY] = {
        "user_id": user.pk,
        "backend": backend,
        "lockout_key": lockout_key,
        "next": next_url,
        "method": method,
        "started": int(clock.now().timestamp()),
    }


def pending_login_get(request: HttpRequest) -> PendingLogin | None:
    data = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(data, dict):
        return None
    if int(clock.now().timestamp()) - int(data.get("started", 0)) > PENDING_MAX_AGE_SECONDS:
        pending_login_clear(request)
        return None
    user = User.objects.filter(pk=int(data.get("user_id") or 0), is_active=True).first()
    if user is None:
        pending_login_clear(request)
        return None
    return PendingLogin(
        user=user,
        backend=str(data["backend"]),
        lockout_key=str(data["lockout_key"]),
        next_url=str(data["next"]),
        method=str(data["method"]),
    )


def pending_login_clear(request: HttpRequest) -> None:
    request.session.pop(PENDING_SESSION_KEY, None)
