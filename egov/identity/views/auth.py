"""Staff login, citizen login and registration, the second step, logout."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from egov.core.errors import ApplicationError
from egov.core.ratelimit import client_ip, rate_limit_hit
from egov.identity.forms import CitizenLoginForm, CitizenRegistrationForm, SecondFactorForm, StaffLoginForm
from egov.identity.models import User, UserKind
from egov.identity.services.authentication import (
    LoginOutcome,
    LoginStatus,
    login_check_password,
    login_check_second_factor,
    login_complete,
    logout_record,
)
from egov.identity.services.citizens import citizen_register
from egov.identity.views.common import (
    login_ip_limit,
    next_param,
    pending_login_clear,
    pending_login_get,
    pending_login_start,
    render_throttled,
    safe_next_url,
)

CITIZEN_HOME = "portal:home"


def _oidc_context(kind: str) -> dict[str, object]:
    enabled = bool(getattr(settings, "OIDC_ENABLED", False)) and kind == settings.OIDC_ACCOUNT_KIND
    return {"oidc_enabled": enabled, "oidc_provider_name": settings.OIDC_PROVIDER_NAME}


def _locked_message(outcome: LoginOutcome) -> str:
    minutes = outcome.lockout.minutes_left if outcome.lockout else int(settings.IDENTITY_LOCKOUT_MINUTES)
    return ngettext(
        "Too many failed attempts: logging in is locked for %(minutes)d more minute.",
        "Too many failed attempts: logging in is locked for %(minutes)d more minutes.",
        minutes,
    ) % {"minutes": minutes}


def _after_password(
    request: HttpRequest, outcome: LoginOutcome, *, method: str, fallback_url: str
) -> HttpResponse | None:
    """Log in or start the second step; None when the form must show an error instead."""
    if outcome.user is None or outcome.status not in (LoginStatus.SUCCESS, LoginStatus.SECOND_FACTOR_REQUIRED):
        return None
    user = outcome.user
    backend = str(getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"))
    next_url = safe_next_url(request, fallback_url)
    if outcome.status is LoginStatus.SECOND_FACTOR_REQUIRED:
        pending_login_start(
            request, user=user, backend=backend, lockout_key=outcome.lockout_key, next_url=next_url, method=method
        )
        return redirect("identity:login_verify")
    login_complete(request=request, user=user, key=outcome.lockout_key, method=method, backend=backend)
    return HttpResponseRedirect(next_url)


def _password_login(
    request: HttpRequest,
    *,
    kind: UserKind,
    template: str,
    form: StaffLoginForm | CitizenLoginForm,
    identifier_field: str,
    fallback_url: str,
    refuse: Callable[[LoginOutcome, dict[str, object]], str],
) -> HttpResponse:
    """The login steps staff and citizens share: throttle, check the password, go on or refuse.

    ``refuse`` gives the form error for an outcome that did not log in (it may add to the context)."""
    context: dict[str, object] = {"form": form, "next": next_param(request), **_oidc_context(kind)}
    if request.method != "POST":
        return render(request, template, context)
    throttle = login_ip_limit(request, "login")
    if not throttle.allowed:
        form.is_valid()
        return render_throttled(request, template, context, throttle)
    if form.is_valid():
        outcome = login_check_password(
            request=request,
            kind=kind,
            identifier=form.cleaned_data[identifier_field],
            password=form.cleaned_data["password"],
        )
        response = _after_password(request, outcome, method="password", fallback_url=fallback_url)
        if response is not None:
            return response
        if outcome.status is LoginStatus.LOCKED:
            form.add_error(None, _locked_message(outcome))
        else:
            form.add_error(None, refuse(outcome, context))
    return render(request, template, context, status=400)


def _staff_refusal(outcome: LoginOutcome, context: dict[str, object]) -> str:
    if outcome.status is LoginStatus.WRONG_KIND and outcome.user and outcome.user.kind == UserKind.CITIZEN:
        context["citizen_account"] = True
        return str(_("This is a citizen account. Citizens log in on the citizen login page."))
    if outcome.status is LoginStatus.WRONG_KIND:
        return str(_("Integration accounts cannot log in here; they use API tokens."))
    return str(_("The username or password is not correct."))


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def staff_login(request: HttpRequest) -> HttpResponse:
    return _password_login(
        request,
        kind=UserKind.STAFF,
        template="identity/login.html",
        form=StaffLoginForm(request.POST if request.method == "POST" else None),
        identifier_field="username",
        fallback_url=settings.LOGIN_REDIRECT_URL,
        refuse=_staff_refusal,
    )


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def citizen_login(request: HttpRequest) -> HttpResponse:
    return _password_login(
        request,
        kind=UserKind.CITIZEN,
        template="identity/citizen_login.html",
        form=CitizenLoginForm(request.POST if request.method == "POST" else None),
        identifier_field="identifier",
        fallback_url=CITIZEN_HOME,
        refuse=lambda _outcome, _context: str(_("The citizen ID number, phone number or password is not correct.")),
    )


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_verify(request: HttpRequest) -> HttpResponse:
    pending = pending_login_get(request)
    if pending is None:
        messages.info(request, _("Your login has expired. Please log in again."))
        return redirect("identity:login")
    template = "identity/login_verify.html"
    form = SecondFactorForm(request.POST if request.method == "POST" else None)
    login_url = reverse("identity:citizen_login" if pending.user.kind == UserKind.CITIZEN else "identity:login")
    context = {"form": form, "login_url": login_url}
    if request.method != "POST":
        return render(request, template, context)
    throttle = login_ip_limit(request, "login")
    if not throttle.allowed:
        form.is_valid()
        return render_throttled(request, template, context, throttle)
    if form.is_valid():
        outcome = login_check_second_factor(
            request=request, user=pending.user, code=form.cleaned_data["code"], key=pending.lockout_key
        )
        if outcome.status is LoginStatus.SUCCESS:
            pending_login_clear(request)
            login_complete(
                request=request,
                user=pending.user,
                key=pending.lockout_key,
                method=f"{pending.method}+totp",
                backend=pending.backend,
            )
            return HttpResponseRedirect(pending.next_url)
        if outcome.status is LoginStatus.LOCKED:
            pending_login_clear(request)
            messages.error(request, _locked_message(outcome))
            return redirect(login_url)
        form.add_error("code", _("The code is not correct."))
    return render(request, template, context, status=400)


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def citizen_registration(request: HttpRequest) -> HttpResponse:
    template = "identity/citizen_register.html"
    form = CitizenRegistrationForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "next": next_param(request)}
    if request.method != "POST":
        return render(request, template, context)
    throttle = rate_limit_hit(
        "citizen-register",
        client_ip(request),
        limit=settings.IDENTITY_REGISTER_IP_LIMIT,
        window=settings.IDENTITY_REGISTER_IP_WINDOW_SECONDS,
    )
    if not throttle.allowed:
        form.is_valid()
        return render_throttled(request, template, context, throttle)
    if form.is_valid():
        data = form.cleaned_data
        try:
            user = citizen_register(
                full_name=data["full_name"],
                citizen_id=data["citizen_id"],
                phone=data["phone"],
                email=data.get("email") or "",
                password=data["password1"],
            )
        except ApplicationError as exc:
            for field, errors in exc.fields.items():
                target = "password1" if field == "password" else field
                for error in errors:
                    form.add_error(target if target in form.fields else None, error)
            if not exc.fields:
                form.add_error(None, str(exc.message))
        else:
            login_complete(
                request=request,
                user=user,
                key="",
                method="registration",
                backend="egov.identity.backends.CitizenBackend",
            )
            messages.success(request, _("Your account has been created and you are logged in."))
            return HttpResponseRedirect(safe_next_url(request, CITIZEN_HOME))
    return render(request, template, context, status=400)


@require_POST
@csrf_protect
def logout_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if isinstance(user, User) and user.is_authenticated:
        logout_record(request=request, user=user)
    logout(request)
    messages.success(request, _("You have logged out."))
    return redirect(settings.LOGOUT_REDIRECT_URL)
