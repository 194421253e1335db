"""Outbox handlers (run in the worker, retried with back-off by the outbox).

- ``notifications.email``: e-mail a staff notice to its recipient;
- ``notifications.delivery.email`` / ``notifications.delivery.sms``: send one applicant ``Delivery``
  (``services/delivery.py`` says what "once" means there).
"""

from django.conf import settings
from django.core.mail import send_mail

from egov.core import clock
from egov.core.models import OutboxMessage
from egov.notifications.models import Notification
from egov.notifications.services.delivery import delivery_send


def send_notification_email(message: OutboxMessage) -> None:
    item = Notification.objects.select_related("recipient").filter(pk=message.payload["notification_id"]).first()
    if item is None or item.emailed_at is not None or not item.recipient.email:
        return
    link = f"\n\n{settings.EGOV_PUBLIC_BASE_URL.rstrip('/')}{item.link}" if item.link else ""
    send_mail(item.title, f"{item.body}{link}", None, [item.recipient.email])
    Notification.objects.filter(pk=item.pk).update(emailed_at=clock.now())


def send_delivery(message: OutboxMessage) -> None:
    delivery_send(message)
