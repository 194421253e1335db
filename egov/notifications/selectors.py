"""Reads of notices: always the user's own."""

from django.db.models import QuerySet

from egov.notifications.models import Notification


def notification_list(*, user_id: int, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient_id=user_id)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


def unread_count(*, user_id: int) -> int:
    return Notification.objects.filter(recipient_id=user_id, read_at__isnull=True).count()
