"""Payments and the gateway's callbacks in the admin, read-only: they are the financial record,
changed only by the gateway's signed callbacks (services/callbacks.py)."""

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from egov.payments.models import Payment, PaymentCallback

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
    _TabularInline = admin.TabularInline[Any, Any]
else:
    _ModelAdmin = admin.ModelAdmin
    _TabularInline = admin.TabularInline


class _ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CallbackInline(_ReadOnly, _TabularInline):
    model = PaymentCallback
    extra = 0
    fields = ("received_at", "kind", "signature_valid", "result_code", "message", "remote_addr")
    readonly_fields = fields


@admin.register(Payment)
class PaymentAdmin(_ReadOnly, _ModelAdmin):
    list_display = ("reference", "purpose", "amount", "status", "refund_due", "receipt_number", "created_at", "paid_at")
    list_filter = ("status", "refund_due", "gateway")
    search_fields = ("reference", "purpose", "receipt_number", "gateway_transaction")
    date_hierarchy = "created_at"
    inlines = (CallbackInline,)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in Payment._meta.fields]


@admin.register(PaymentCallback)
class PaymentCallbackAdmin(_ReadOnly, _ModelAdmin):
    list_display = ("received_at", "gateway", "kind", "payment", "signature_valid", "result_code", "remote_addr")
    list_filter = ("gateway", "kind", "signature_valid", "result_code")
    search_fields = ("payment__reference", "message")
    list_select_related = ("payment",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in PaymentCallback._meta.fields]
