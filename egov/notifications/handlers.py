"""Outbox handlers (run in the worker, retried with back-off by the outbox).

- ``notifications.email``: e-mail a staff notice to its recipient;
- ``notifications.delivery.email`` / ``notifications.delivery.sms``: send one applicant ``Delivery``
  (``services/delivery.py`` says what "once" means there);
- ``identity.password_reset_code``: draw a citizen's password-recovery code and send it by the
  channel they chose (``egov/identity/services/password_reset.py``); nothing for a request that
  matched no account.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail

from egov.core import clock
from egov.core.models import OutboxMessage
from egov.identity.models import PasswordResetChannel
from egov.identity.services.password_reset import password_reset_issue_code
from egov.notifications.models import Notification
from egov.notifications.services.applicant import notify_applicant
from egov.notifications.services.delivery import delivery_send
from egov.notifications.sms import sms_enabled

logger = logging.getLogger(__name__)


def send_notification_email(message: OutboxMessage) -> None:
    item = Notification.objects.select_related("recipient").filter(pk=message.payload["notification_id"]).first()
    if item is None or item.emailed_at is not None or not item.recipient.email:
        return
    link = f"\n\n{settings.EGOV_PUBLIC_BASE_URL.rstrip('/')}{item.link}" if item.link else ""
    send_mail(item.title, f"{item.body}{link}", None, [item.recipient.email])
    Notification.objects.filter(pk=item.pk).update(emailed_at=clock.now())


def send_delivery(message: OutboxMessage) -> None:
    delivery_send(message)


def send_password_code(message: OutboxMessage) -> None:
    if message.payload.get("channel") == PasswordResetChannel.SMS and not sms_enabled():
        logger.warning("password reset %s asked for an SMS code while SMS is off", message.payload["reset_id"])
        return
    issued = password_reset_issue_code(reset_id=int(message.payload["reset_id"]))
    if issued is None:  # no account matched, or the request expired or was already served
        return
    email = issued.address if issued.channel == PasswordResetChannel.EMAIL else ""
    notify_applicant(
        user_id=None,  # a code is never kept in the inbox
        email=email,
        phone="" if email else issued.address,
        kind="password_code",
        context={"code": issued.code, "minutes": issued.minutes, "applicant_name": issued.full_name},
        link="",
        dedupe_key=f"password-reset:{issued.reset_id}",
    )
