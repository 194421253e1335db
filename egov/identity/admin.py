"""Admin for accounts and their security records. Changes go through the services (audited)."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from egov.core.services.audit import audit_record
from egov.identity.models import ApiToken, ExternalIdentity, LoginLockout, User
from egov.identity.services.lockout import lockout_clear
from egov.identity.services.tokens import api_token_revoke


@admin.register(User)
class EgovUserAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "full_name", "kind", "email", "phone", "is_active", "is_staff")
    list_filter = ("kind", "is_active", "is_staff", "is_superuser")
    search_fields = ("username", "full_name", "email", "phone", "citizen_id")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Account kind and identity"), {"fields": ("kind", "full_name", "phone", "citizen_id")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__username")
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at")
    exclude = ("token_hash",)
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # issued with `manage.py create_api_token`, which shows the token once

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead, so the audit trail keeps the token

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        acting_user = request.user if isinstance(request.user, User) else None
        for token in queryset:
            api_token_revoke(token=token, acting_user=acting_user)
        messages.success(request, _("The selected tokens have been revoked."))


@admin.register(LoginLockout)
class LoginLockoutAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("login_key", "failure_count", "last_failure_at", "locked_until")
    search_fields = ("login_key",)
    readonly_fields = ("login_key", "failure_count", "window_started_at", "last_failure_at", "locked_until")
    actions = ["unlock"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Unlock the selected logins"))
    def unlock(self, request: HttpRequest, queryset: QuerySet[LoginLockout]) -> None:
        acting_user = request.user if isinstance(request.user, User) else None
        with transaction.atomic():
            for row in queryset:
                lockout_clear(key=row.login_key)
                audit_record(
                    actor=acting_user,
                    action="identity.unlock",
                    object_type="identity.loginlockout",
                    object_id=row.login_key[:64],
                )
        messages.success(request, _("The selected logins have been unlocked."))


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("provider", "subject", "user", "created_at", "last_login_at")
    search_fields = ("subject", "user__username")
    readonly_fields = ("provider", "subject", "user", "created_at", "last_login_at")
