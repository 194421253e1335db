"""Reads of notices (always the user's own) and of applicant deliveries."""

from django.db.models import QuerySet

from egov.notifications.contracts import DeliveryInfo
from egov.notifications.models import Delivery, Notification


def notification_list(*, user_id: int, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient_id=user_id)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


def notification_get(*, user_id: int, notification_id: int) -> Notification | None:
    """One of the user's own notices; None for anyone else's (the caller answers 404)."""
    return Notification.objects.filter(recipient_id=user_id, pk=notification_id).first()


def unread_count(*, user_id: int) -> int:
    return Notification.objects.filter(recipient_id=user_id, read_at__isnull=True).count()


def delivery_list(*, event_prefix: str) -> list[DeliveryInfo]:
    """The deliveries of the events whose key starts with ``event_prefix`` (``dossier:<code>:``),
    newest first. The caller decides who may see them: they hold the applicant's addresses."""
    if not event_prefix:
        return []
    rows = Delivery.objects.filter(dedupe_key__startswith=event_prefix).order_by("-created_at", "-id")
    return [
        DeliveryInfo(
            id=row.pk,
            channel=row.channel,
            kind=row.kind,
            address=row.address,
            status=row.status,
            attempts=row.attempts,
            last_error=row.last_error,
            created_at=row.created_at,
            scheduled_at=row.scheduled_at,
            sent_at=row.sent_at,
        )
        for row in rows[:200]
    ]
