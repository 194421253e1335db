"""OpenID Connect single sign-on (mozilla-django-oidc), for a VNeID-like citizen provider or the
province's staff directory. Mounted under ``/accounts/oidc/`` only when ``OIDC_RP_CLIENT_ID`` is
set (see ``config/settings/identity.py`` for the variables).

Accounts are matched by, in order: the provider's ``sub`` already linked (``ExternalIdentity``);
then, for a citizen provider, the citizen ID number claim; for a staff provider, the username
claim. A provider only ever reaches accounts of its own kind. Logins through the provider skip the
local TOTP step: the provider is responsible for its own second factor.
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from egov.core import clock
from egov.core.ratelimit import client_ip
from egov.core.services.audit import audit_record
from egov.identity.models import ExternalIdentity, User, UserKind
from egov.identity.services.citizens import citizen_username
from egov.identity.validators import normalize_citizen_id, normalize_phone, validate_citizen_id, validate_phone

_PASSWORD_LOGIN_CREDENTIALS = frozenset({"username", "password", "citizen_identifier"})


def _claim(claims: dict[str, Any], setting: str) -> str:
    value = claims.get(getattr(settings, setting), "")
    return str(value).strip() if value is not None else ""


class EgovOIDCBackend(OIDCAuthenticationBackend):
    """Maps the provider's claims onto a staff or citizen account (``OIDC_ACCOUNT_KIND``)."""

    @property
    def account_kind(self) -> str:
        return UserKind.CITIZEN if settings.OIDC_ACCOUNT_KIND == "citizen" else UserKind.STAFF

    @property
    def provider(self) -> str:
        return str(settings.OIDC_PROVIDER_NAME)[:50]

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only the callback view authenticates here; a password form must never trigger a code exchange.
        if _PASSWORD_LOGIN_CREDENTIALS & kwargs.keys():
            return None
        user = super().authenticate(request, **kwargs)
        return user if isinstance(user, User) and user.is_active else None

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        if not claims.get("sub"):
            return False
        if self.account_kind == UserKind.CITIZEN:
            try:
                validate_citizen_id(normalize_citizen_id(_claim(claims, "OIDC_CLAIM_CITIZEN_ID")))
            except ValidationError:
                return False
            return True
        return bool(_claim(claims, "OIDC_CLAIM_USERNAME"))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        kind_users = User.objects.filter(kind=self.account_kind)
        linked = kind_users.filter(
            external_identities__provider=self.provider, external_identities__subject=str(claims.get("sub", ""))
        )
        if linked.exists():
            return linked
        if self.account_kind == UserKind.CITIZEN:
            citizen_id = normalize_citizen_id(_claim(claims, "OIDC_CLAIM_CITIZEN_ID"))
            return kind_users.filter(citizen_id=citizen_id) if citizen_id else User.objects.none()
        username = _claim(claims, "OIDC_CLAIM_USERNAME")
        return kind_users.filter(username=username) if username else User.objects.none()

    @transaction.atomic
    def create_user(self, claims: dict[str, Any]) -> User:
        if self.account_kind == UserKind.CITIZEN:
            citizen_id = normalize_citizen_id(_claim(claims, "OIDC_CLAIM_CITIZEN_ID"))
            user = User(kind=UserKind.CITIZEN, username=citizen_username(citizen_id), citizen_id=citizen_id)
        else:
            username = _claim(claims, "OIDC_CLAIM_USERNAME")[:150]
            if User.objects.filter(username=username).exists():
                raise SuspiciousOperation("OIDC username belongs to an account of another kind")
            user = User(kind=UserKind.STAFF, username=username)
        user.set_unusable_password()
        changes = self._apply_profile_claims(user, claims)
        user.full_clean()
        user.save()
        self._link(user, claims)
        audit_record(
            actor=user,
            action="identity.oidc_user_create",
            obj=user,
            changes={"provider": self.provider, "subject": str(claims.get("sub")), **changes},
        )
        return user

    @transaction.atomic
    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        changes = self._apply_profile_claims(user, claims)
        newly_linked = self._link(user, claims)
        if newly_linked and user.kind == UserKind.CITIZEN and user.has_usable_password():
            # The provider verified who this is; a password set at self-registration could have been
            # chosen by anyone who typed this ID number, so it stops working.
            user.set_unusable_password()
            changes["password"] = "disabled"  # noqa: S105 - a change label, not a password
        if changes:
            user.full_clean()
            user.save()
            audit_record(
                actor=user,
                action="identity.oidc_user_update",
                obj=user,
                changes={"provider": self.provider, **changes},
            )
        return user

    def _apply_profile_claims(self, user: User, claims: dict[str, Any]) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        full_name = " ".join(_claim(claims, "OIDC_CLAIM_FULL_NAME").split())[:200]
        if full_name and full_name != user.full_name:
            changes["full_name"] = full_name
            user.full_name = full_name
        email = _claim(claims, "OIDC_CLAIM_EMAIL")[:254]
        if email and email != user.email:
            changes["email"] = email
            user.email = email
        phone = normalize_phone(_claim(claims, "OIDC_CLAIM_PHONE"))
        if phone and phone != user.phone and self._phone_is_free(user, phone):
            changes["phone"] = phone
            user.phone = phone
        return changes

    def _phone_is_free(self, user: User, phone: str) -> bool:
        try:
            validate_phone(phone)
        except ValidationError:
            return False
        if user.kind != UserKind.CITIZEN:
            return True
        return not User.objects.filter(kind=UserKind.CITIZEN, phone=phone).exclude(pk=user.pk).exists()

    def _link(self, user: User, claims: dict[str, Any]) -> bool:
        identity, created = ExternalIdentity.objects.get_or_create(
            provider=self.provider, subject=str(claims["sub"])[:255], defaults={"user": user}
        )
        if identity.user_id != user.pk:
            raise SuspiciousOperation("OIDC subject is linked to another account")
        identity.last_login_at = clock.now()
        identity.save(update_fields=["last_login_at"])
        return created


class OIDCCallbackView(OIDCAuthenticationCallbackView):
    """Sends citizens to the portal and staff to the console, audits the login, explains failures."""

    request: HttpRequest
    user: User

    @property
    def success_url(self) -> str:
        next_url = self.request.session.get("oidc_login_next")
        if next_url:
            return str(next_url)
        if self.user.kind == UserKind.CITIZEN:
            return resolve_url("portal:home")
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def login_success(self) -> HttpResponse:
        response: HttpResponse = super().login_success()
        audit_record(
            actor=self.user,
            action="identity.login",
            obj=self.user,
            changes={
                "method": "oidc",
                "provider": str(settings.OIDC_PROVIDER_NAME),
                "kind": self.user.kind,
                "ip": client_ip(self.request),
            },
        )
        return response

    def login_failure(self) -> HttpResponse:
        messages.error(
            self.request, _("Single sign-on did not complete. Please try again or log in with your password.")
        )
        if settings.OIDC_ACCOUNT_KIND == "citizen":
            return redirect("identity:citizen_login")
        return redirect("identity:login")


def oidc_urlpatterns() -> list[URLPattern]:
    """The routes under ``/accounts/``; ``identity/urls.py`` adds them only when OIDC is enabled."""
    return [
        path("oidc/authenticate/", OIDCAuthenticationRequestView.as_view(), name="oidc_authentication_init"),
        path("oidc/callback/", OIDCCallbackView.as_view(), name="oidc_authentication_callback"),
    ]
