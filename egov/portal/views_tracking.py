"""Public tracking page (tra cứu hồ sơ): a form for the code on the receipt, and the dossier's progress.

``/tra-cuu/`` shows the form; submitting it (GET, works without JavaScript) redirects to
``/tra-cuu/<code>/``, the address the receipt's QR code opens. Lookups share the API's budget per
client (``DOSSIER_TRACKING_RATE_LIMIT`` a minute); past it the page says when to try again (429).
"""

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.core.errors import ApplicationError
from egov.core.pagecache import public_page
from egov.core.ratelimit import ip_key, rate_limit_hit
from egov.dossiers.tracking import (
    CODE_MAX_LENGTH,
    RATE_LIMIT_SCOPE,
    RATE_LIMIT_WINDOW_SECONDS,
    TRACKING_RATE,
    clean_code,
    dossier_track,
    tracking_cache_tags,
    tracking_rate_limit,
)

View = Callable[..., HttpResponse]
# The status panel's colour repeats what its text says (WCAG 1.4.1).
STATUS_TONES = {
    "submitted": "",
    "processing": "",
    "waiting_supplement": "warning",
    "waiting_obligation": "warning",
    "resolved": "success",
    "returned": "success",
    "rejected": "danger",
    "withdrawn": "danger",
}


def _breadcrumbs(code: str = "") -> list[tuple[str, str]]:
    crumbs = [(_("Home"), reverse("portal:home")), (_("Track a dossier"), reverse("portal:tracking"))]
    if code:
        crumbs.append((code, ""))
    return crumbs


def _form(request: HttpRequest, *, code: str = "", error: str = "", status: int = 200) -> HttpResponse:
    context = {"code": code, "error": error, "max_length": CODE_MAX_LENGTH, "breadcrumbs": _breadcrumbs()}
    return render(request, "portal/tracking.html", context, status=status)


def _rate_limited(view: View) -> View:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        result = rate_limit_hit(
            RATE_LIMIT_SCOPE, ip_key(request), limit=tracking_rate_limit(), window=RATE_LIMIT_WINDOW_SECONDS
        )
        if not result.allowed:
            context = {"retry_after": result.retry_after, "breadcrumbs": _breadcrumbs()}
            response = render(request, "portal/tracking_limited.html", context, status=429)
            response["Retry-After"] = str(result.retry_after)
            return response
        return view(request, *args, **kwargs)

    return wrapped


@require_GET
def tracking(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("code")
    if raw is None:
        public_page(request, tags=())
        return _form(request)
    try:
        code = clean_code(raw)
    except ApplicationError as error:
        return _form(request, code=raw[:CODE_MAX_LENGTH], error=str(error.message), status=error.status)
    return redirect("portal:tracking_result", code=code)


@require_GET
@_rate_limited
def tracking_result(request: HttpRequest, code: str) -> HttpResponse:
    public_page(request, tags=tracking_cache_tags(code), rate=TRACKING_RATE)
    try:
        view = dossier_track(code=code)
    except ApplicationError as error:  # malformed (400) or unknown (404): the form again, with the reason
        return _form(request, code=code[:CODE_MAX_LENGTH], error=str(error.message), status=error.status)
    if view.code != code:  # a lower-case copy: show it at the address the receipt's QR code opens
        return redirect("portal:tracking_result", code=view.code)
    active = [step for step in view.steps if step.state == "active"]
    context = {
        "dossier": view,
        "tone": STATUS_TONES.get(view.status, ""),
        "active_steps": active,
        "breadcrumbs": _breadcrumbs(view.code),
    }
    return render(request, "portal/tracking_result.html", context)
