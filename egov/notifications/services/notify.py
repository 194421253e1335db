"""Create notices, once per (recipient, dedupe key), and queue their e-mail through the outbox."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from egov.core import clock
from egov.core.services.outbox import outbox_enqueue
from egov.notifications.models import Notification

EMAIL_TOPIC = "notifications.email"


@dataclass(frozen=True)
class NoticeData:
    kind: str
    title: str
    body: str = ""
    letter: str = ""  # the whole message to an applicant (``Notification.letter``)
    link: str = ""
    dedupe_key: str = ""
    email: bool = False  # also send it by e-mail to recipients who have an address


def notify(*, recipient_ids: list[int] | set[int], notice: NoticeData) -> list[Notification]:
    """Tell each recipient; a recipient already told under ``notice.dedupe_key`` is skipped.

    Runs inside the caller's transaction: the notice exists if and only if the change it reports does.
    """
    now = clock.now()
    created: list[Notification] = []
    for recipient_id in sorted(set(recipient_ids)):
        key = notice.dedupe_key or f"{notice.kind}:{now.isoformat()}"
        if notice.dedupe_key and Notification.objects.filter(recipient_id=recipient_id, dedupe_key=key).exists():
            continue
        try:
            with transaction.atomic():
                item = Notification.objects.create(
                    recipient_id=recipient_id,
                    kind=notice.kind,
                    title=notice.title[:300],
                    body=notice.body,
                    letter=notice.letter,
                    link=notice.link,
                    dedupe_key=key[:200],
                    created_at=now,
                )
        except IntegrityError:  # told concurrently by another worker
            continue
        created.append(item)
        if notice.email:
            outbox_enqueue(topic=EMAIL_TOPIC, key=f"notification-email:{item.pk}", payload={"notification_id": item.pk})
    return created


def notification_mark_read(*, user_id: int, notification_ids: list[int] | None = None) -> int:
    """Mark the user's notices read (all unread when ``notification_ids`` is None)."""
    qs = Notification.objects.filter(recipient_id=user_id, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=clock.now())
