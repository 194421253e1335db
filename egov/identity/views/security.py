"""The account's security page: two-step verification and the user's API tokens."""

import re

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from egov.core.errors import ApplicationError
from egov.identity.forms import TotpConfirmForm, TotpDisableForm
from egov.identity.models import ApiToken, User
from egov.identity.selectors import api_token_list_for_user, totp_device_get_confirmed
from egov.identity.services.tokens import api_token_is_active, api_token_revoke
from egov.identity.services.totp import (
    recovery_codes_regenerate,
    recovery_codes_remaining,
    totp_disable,
    totp_enrolment_confirm,
    totp_enrolment_start,
    totp_provisioning_uri,
    totp_secret,
)


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):  # login_required ran first
        raise PermissionDenied
    return request.user


def qr_svg(data: str) -> SafeString:
    """An inline SVG QR code (no external request, no image file)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10, border=2)
    svg = image.to_string(encoding="unicode")
    # Let CSS size it; the generator writes millimetres.
    svg = re.sub(
        r'^<svg width="[^"]*" height="[^"]*"', '<svg class="qr-code" aria-hidden="true" focusable="false"', svg
    )
    return mark_safe(svg)


def _group(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
def security_overview(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    device = totp_device_get_confirmed(user)
    tokens = list(api_token_list_for_user(user)[:100])
    return render(
        request,
        "identity/security.html",
        {
            "totp_enabled": device is not None,
            "totp_enabled_at": device.confirmed_at if device else None,
            "recovery_codes_left": recovery_codes_remaining(user=user) if device else 0,
            "tokens": [(token, api_token_is_active(token)) for token in tokens],
        },
    )


@sensitive_post_parameters("code")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def totp_enrol(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if totp_device_get_confirmed(user) is not None:
        messages.info(request, _("Two-step verification is already turned on."))
        return redirect("identity:security")
    device = totp_enrolment_start(user=user)
    form = TotpConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = totp_enrolment_confirm(user=user, code=form.cleaned_data["code"])
        except ApplicationError as exc:
            form.add_error("code", str(exc.message))
        else:
            return render(request, "identity/recovery_codes.html", {"codes": codes, "just_enabled": True})
    secret = totp_secret(device)
    return render(
        request,
        "identity/totp_enrol.html",
        {
            "form": form,
            "qr_svg": qr_svg(totp_provisioning_uri(user=user, device=device)),
            "secret_grouped": _group(secret),
        },
        status=400 if form.is_bound else 200,
    )


@sensitive_post_parameters("password", "code")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def totp_turn_off(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if totp_device_get_confirmed(user) is None:
        return redirect("identity:security")
    form = TotpDisableForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            totp_disable(user=user, password=form.cleaned_data["password"], code=form.cleaned_data["code"])
        except ApplicationError as exc:
            field = next(iter(exc.fields), None)
            form.add_error(field if field in form.fields else None, str(exc.message))
        else:
            messages.success(request, _("Two-step verification has been turned off."))
            return redirect("identity:security")
    return render(request, "identity/totp_disable.html", {"form": form}, status=400 if form.is_bound else 200)


@sensitive_post_parameters("code")
@never_cache
@login_required
@require_POST
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    try:
        codes = recovery_codes_regenerate(user=user, code=request.POST.get("code", ""))
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
        return redirect("identity:security")
    return render(request, "identity/recovery_codes.html", {"codes": codes, "just_enabled": False})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user = _user(request)
    token = get_object_or_404(ApiToken, pk=token_id, user=user)
    api_token_revoke(token=token, acting_user=user)
    messages.success(request, _("The API token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("identity:security")
