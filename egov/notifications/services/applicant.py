"""Messages to applicants: in-app when they have an account, and one e-mail and one SMS ``Delivery``
each, queued through the outbox; all of it in the caller's transaction, so a message exists if and
only if the change it reports does.

Once per event: the caller's ``dedupe_key`` names the event (``dossier:<code>:supplement``); the same
event told twice makes one in-app notice and one delivery per channel (``Delivery.dedupe_key`` is
unique: the event's key and the channel).

Per-address rate limit (``EGOV_NOTIFY_EMAIL_PER_HOUR``, ``EGOV_NOTIFY_SMS_PER_HOUR``): at most that
many deliveries to one address in any 60 minutes. One more is not dropped: it is *deferred*,
scheduled at the first moment the window has room, and sent then. Nothing a citizen must know (a
request to supplement, a refusal) is lost to a burst; a runaway loop cannot flood a phone. Two
transactions enqueueing for the same address at the same instant may both take the last slot (the
limit is a courtesy and a cost guard, not a security boundary).

An address that cannot be valid (not an e-mail address, not a Vietnamese mobile number) is recorded
as a failed delivery straight away, so the officer sees why the applicant was not reached.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.core.services.outbox import outbox_enqueue
from egov.notifications.addresses import normalize_email, normalize_phone
from egov.notifications.messages import APPLICANT_KINDS, RenderedMessage, render_message
from egov.notifications.models import Delivery, DeliveryChannel, DeliveryStatus, Notification
from egov.notifications.services.notify import NoticeData, notify
from egov.notifications.sms import sms_enabled
from egov.notifications.sms.text import sms_text

TOPICS: dict[str, str] = {
    DeliveryChannel.EMAIL: "notifications.delivery.email",
    DeliveryChannel.SMS: "notifications.delivery.sms",
}
RATE_WINDOW = timedelta(hours=1)
INVALID_ADDRESS = "invalid address"


@dataclass(frozen=True)
class ApplicantNotice:
    notification_id: int | None  # the in-app notice (None without an account)
    delivery_ids: tuple[int, ...]  # deliveries created now (none when the event was told before)


def absolute_link(link: str) -> str:
    if not link or "://" in link:
        return link
    return f"{settings.EGOV_PUBLIC_BASE_URL.rstrip('/')}/{link.lstrip('/')}"


def idempotency_key(dedupe_key: str) -> str:
    """Stable for one delivery across every retry: the SMS request id and the Message-ID's left part."""
    return "egov-" + hashlib.sha256(dedupe_key.encode()).hexdigest()[:32]


def message_id_domain() -> str:
    configured = str(settings.EGOV_NOTIFY_MESSAGE_ID_DOMAIN)
    if configured:
        return configured
    return parseaddr(str(settings.DEFAULT_FROM_EMAIL))[1].rpartition("@")[2] or "localhost"


def notify_applicant(
    *,
    user_id: int | None,
    email: str,
    phone: str,
    kind: str,
    context: dict[str, Any],
    link: str,
    dedupe_key: str,
    notice_kind: str = "",
) -> ApplicantNotice:
    """Tell an applicant about ``kind`` (a folder of ``templates/notifications/messages/``).

    ``link`` is a path on the portal (made absolute in the messages); ``context`` feeds the templates;
    ``notice_kind`` is the in-app notice's kind (default ``applicant.<kind>``). Call it inside the
    transaction of the change it reports.
    """
    if kind not in APPLICANT_KINDS:
        raise ApplicationError(_("Unknown kind of message."), code="notifications.unknown_kind")
    if not dedupe_key.strip():
        raise ApplicationError(_("A message needs the key of its event."), code="notifications.dedupe_key_required")
    message = render_message(kind, {**context, "link": absolute_link(link), "site_name": settings.EGOV_SITE_NAME})
    notice_kind = notice_kind or f"applicant.{kind}"
    notification_id = _tell_in_app(user_id, notice_kind, message, link, dedupe_key) if user_id else None
    created: list[int] = []
    now = clock.now()
    targets = [(DeliveryChannel.EMAIL, email)]
    if sms_enabled():
        targets.append((DeliveryChannel.SMS, phone))
    for channel, raw in targets:
        if not raw.strip():
            continue
        delivery = _create_delivery(
            channel,
            raw,
            kind=kind,
            message=message,
            link=absolute_link(link),
            event_key=dedupe_key,
            notification_id=notification_id,
            now=now,
        )
        if delivery is not None:
            created.append(delivery.pk)
    return ApplicantNotice(notification_id=notification_id, delivery_ids=tuple(created))


def _tell_in_app(user_id: int, kind: str, message: RenderedMessage, link: str, dedupe_key: str) -> int | None:
    notice = NoticeData(
        kind=kind[:50], title=message.subject, body=message.short, letter=message.text, link=link, dedupe_key=dedupe_key
    )
    notify(recipient_ids=[user_id], notice=notice)
    return (
        Notification.objects.filter(recipient_id=user_id, dedupe_key=dedupe_key[:200])
        .values_list("pk", flat=True)
        .first()
    )


def _create_delivery(
    channel: str,
    raw: str,
    *,
    kind: str,
    message: RenderedMessage,
    link: str,
    event_key: str,
    notification_id: int | None,
    now: datetime,
) -> Delivery | None:
    key = f"{event_key}:{channel}"[:255]
    if Delivery.objects.filter(dedupe_key=key).exists():
        return None
    fields: dict[str, Any] = {
        "notification_id": notification_id,
        "channel": channel,
        "kind": kind,
        "link": link,
        "dedupe_key": key,
        "created_at": now,
        "scheduled_at": now,
        "status": DeliveryStatus.QUEUED,
    }
    if channel == DeliveryChannel.EMAIL:
        address = normalize_email(raw)
        fields.update(
            subject=message.subject[:300],
            body=message.text,
            provider_message_id=f"<{idempotency_key(key)}@{message_id_domain()}>",
        )
    else:
        address = normalize_phone(raw)
        fields["body"] = sms_text(
            message.short, link=link, ascii_only=settings.EGOV_SMS_ASCII, max_chars=settings.EGOV_SMS_MAX_CHARS
        )
    if address is None:
        fields.update(address=raw.strip()[:254], status=DeliveryStatus.FAILED, last_error=INVALID_ADDRESS)
    else:
        fields["address"] = address
        slot = _rate_slot(channel, address, now)
        if slot > now:
            fields.update(status=DeliveryStatus.DEFERRED, scheduled_at=slot)
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(**fields)
    except IntegrityError:  # the same event, told concurrently
        return None
    if delivery.status != DeliveryStatus.FAILED:
        outbox_enqueue(
            topic=TOPICS[channel], key=f"notifications.delivery:{delivery.pk}", payload={"delivery_id": delivery.pk}
        )
    return delivery


def _rate_slot(channel: str, address: str, now: datetime) -> datetime:
    """The first moment from ``now`` at which one more delivery keeps the address within its limit."""
    limit = int(
        settings.EGOV_NOTIFY_EMAIL_PER_HOUR if channel == DeliveryChannel.EMAIL else settings.EGOV_NOTIFY_SMS_PER_HOUR
    )
    if limit <= 0:
        return now
    latest = list(
        Delivery.objects.filter(channel=channel, address=address, scheduled_at__gt=now - RATE_WINDOW)
        .exclude(status=DeliveryStatus.FAILED)
        .order_by("-scheduled_at")
        .values_list("scheduled_at", flat=True)[:limit]
    )
    if len(latest) < limit:
        return now
    # The limit-th latest leaves the window RATE_WINDOW after it: from then on there is room.
    return max(now, latest[-1] + RATE_WINDOW)
