"""“Quên mật khẩu”: a citizen asks for a one-time code by e-mail or SMS, then sets a new password.

The first page always answers the same way and leads to the second, whether or not the details
match an account (``services/password_reset.py``); the browser holds only the request's random
identifier in its session. Throttled per client address and per citizen ID number typed (429 with
Retry-After); typing the code is throttled per client address like a login.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from egov.core.errors import ApplicationError
from egov.core.ratelimit import client_ip, rate_limit_hit
from egov.identity.forms import PasswordResetCodeForm, PasswordResetRequestForm
from egov.identity.services.password_reset import (
    password_reset_complete,
    password_reset_get_live,
    password_reset_request,
)
from egov.identity.views.common import login_ip_limit, render_throttled

SESSION_KEY = "identity_password_reset"
HOUR = 3600


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def password_forgot(request: HttpRequest) -> HttpResponse:
    template = "identity/password_forgot.html"
    form = PasswordResetRequestForm(request.POST if request.method == "POST" else None)
    context: dict[str, object] = {"form": form}
    if request.method != "POST":
        return render(request, template, context)
    throttle = rate_limit_hit(
        "password-reset-ip", client_ip(request), limit=settings.IDENTITY_PASSWORD_RESET_IP_LIMIT, window=HOUR
    )
    if not throttle.allowed:
        form.is_valid()
        return render_throttled(request, template, context, throttle)
    if not form.is_valid():
        return render(request, template, context, status=400)
    # Per citizen ID number as typed, account or not: the limit itself tells nothing.
    per_number = rate_limit_hit(
        "password-reset-account",
        form.cleaned_data["citizen_id"],
        limit=settings.IDENTITY_PASSWORD_RESET_ACCOUNT_LIMIT,
        window=HOUR,
    )
    if not per_number.allowed:
        minutes = max(1, -(-per_number.retry_after // 60))
        form.add_error(
            None,
            ngettext(
                "Too many codes were asked for with this citizen ID number. Please try again in %(minutes)d minute.",
                "Too many codes were asked for with this citizen ID number. Please try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
        )
        response = render(request, template, context, status=429)
        response["Retry-After"] = str(per_number.retry_after)
        return response
    reset = password_reset_request(
        citizen_id=form.cleaned_data["citizen_id"], contact=form.cleaned_data["contact"], client_ip=client_ip(request)
    )
    request.session[SESSION_KEY] = str(reset.public_id)
    return redirect("identity:password_reset")


@sensitive_post_parameters("code", "password1", "password2")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    template = "identity/password_reset.html"
    public_id = str(request.session.get(SESSION_KEY, ""))
    reset = password_reset_get_live(public_id=public_id) if public_id else None
    if reset is None:
        request.session.pop(SESSION_KEY, None)
        messages.info(request, _("Ask for a code first. A code is valid for a short time and can be used once."))
        return redirect("identity:password_forgot")
    form = PasswordResetCodeForm(request.POST if request.method == "POST" else None)
    context: dict[str, object] = {
        "form": form,
        "by_email": reset.channel == "email",
        "minutes": settings.IDENTITY_PASSWORD_RESET_CODE_MINUTES,
    }
    if request.method != "POST":
        return render(request, template, context)
    throttle = login_ip_limit(request, "password-reset-code")
    if not throttle.allowed:
        form.is_valid()
        return render_throttled(request, template, context, throttle)
    if not form.is_valid():
        return render(request, template, context, status=400)
    try:
        password_reset_complete(
            public_id=public_id,
            code=form.cleaned_data["code"],
            password=form.cleaned_data["password1"],
            client_ip=client_ip(request),
        )
    except ApplicationError as error:
        if error.code == "password_reset_expired":
            request.session.pop(SESSION_KEY, None)
            messages.error(request, str(error.message))
            return redirect("identity:password_forgot")
        for field, problems in error.fields.items():
            target = "password1" if field == "password" else field
            for problem in problems:
                form.add_error(target if target in form.fields else None, str(problem))
        return render(request, template, context, status=error.status)
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("Your new password is set. Log in with it; you were logged out everywhere else."))
    return redirect("identity:citizen_login")
