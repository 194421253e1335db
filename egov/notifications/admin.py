"""Delivery status of the messages to applicants, and the SMS sandbox (what the demo "phone" got).

Read-only: deliveries are written by the services. They hold citizens' addresses, so only users with
the ``notifications.view_delivery`` permission see them; ``notifications.change_delivery`` may send a
failed delivery again (audited, ``services/delivery.py``).
"""

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.core.models import OutboxMessage
from egov.notifications.models import Delivery, DeliveryStatus, SandboxSms
from egov.notifications.services.delivery import delivery_retry

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = admin.ModelAdmin


class _ReadOnlyAdmin(_ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(_ReadOnlyAdmin):
    list_display = ("created_at", "channel", "kind", "address", "status", "attempts", "sent_at")
    list_filter = ("status", "channel", "kind")
    search_fields = ("dedupe_key", "address", "provider_message_id")
    date_hierarchy = "created_at"
    list_select_related = ("notification",)
    fields = (
        "channel", "kind", "address", "status", "attempts", "last_error", "retry_state", "created_at",
        "scheduled_at", "sent_at", "provider_message_id", "dedupe_key", "notification", "subject", "body", "link",
    )  # fmt: skip
    readonly_fields = fields
    actions = ["send_again"]

    @admin.display(description=_("retries in progress"))
    def retry_state(self, obj: Delivery) -> str:
        """While the outbox retries, the error and the time of the next try are on its message."""
        if obj.status not in (DeliveryStatus.QUEUED, DeliveryStatus.DEFERRED):
            return "—"
        pending = (
            OutboxMessage.objects.filter(key__startswith=f"notifications.delivery:{obj.pk}", status="pending")
            .order_by("-id")
            .first()
        )
        if pending is None or not pending.attempts:
            return "—"
        return _("%(attempts)s failed attempts; next try at %(at)s; last error: %(error)s") % {
            "attempts": pending.attempts,
            "at": localtime(pending.available_at).strftime("%H:%M:%S %d/%m/%Y"),
            "error": pending.last_error[:300],
        }

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm("notifications.change_delivery"))

    @admin.action(description=_("Send the selected failed deliveries again"), permissions=["retry"])
    def send_again(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        sent_again = 0
        for delivery in queryset.filter(status=DeliveryStatus.FAILED):
            try:
                delivery_retry(actor=request.user, delivery_id=delivery.pk)
            except ApplicationError as error:
                messages.warning(request, f"{delivery}: {error.message}")
                continue
            sent_again += 1
        messages.success(request, _("Deliveries queued again: %(n)s.") % {"n": sent_again})


@admin.register(SandboxSms)
class SandboxSmsAdmin(_ReadOnlyAdmin):
    list_display = ("created_at", "to", "text")
    search_fields = ("to", "text")
    date_hierarchy = "created_at"
    fields = ("created_at", "to", "text", "request_id")
    readonly_fields = fields
