"""Sending one ``Delivery`` (the outbox handlers in ``handlers.py`` call ``delivery_send``, in the worker).

Send and record are one transaction. The outbox worker holds the lock on the message row while the
handler runs (``egov/core/services/outbox.py``); the handler locks the Delivery, hands the message to
the SMTP server or the SMS gateway, marks the Delivery sent and returns; the worker commits. A worker
that dies anywhere before that commit (connecting, in the middle of DATA, waiting for the answer to
the final ".") leaves nothing behind: its transaction is rolled back (PostgreSQL ends the dead
client's session, SQLite ignores the uncommitted WAL frames), the message is pending again, and the
next worker sends it. An SMTP server takes responsibility for a message only when it answers 250 to
the end of DATA (RFC 5321 §4.1.1.4, §6.1), so a connection cut before that answer is a message not
accepted, and the next worker's copy is the only one. While the first worker is alive nobody else
touches the message: the row lock keeps them off (PostgreSQL SKIP LOCKED; SQLite's single writer).
``egov/notifications/tests/test_worker_crash.py`` proves it with a worker killed by SIGKILL mid-send.

The remaining at-least-once window: after the server has answered 250 and before our COMMIT has
reached the database (normally well under a millisecond; as long as the database takes to answer
when it is slow or unreachable). A worker killed, or a commit that fails, inside that window leaves a
message the server accepted recorded as queued, and the next worker sends it again. The copy carries
the same Message-ID, fixed when the Delivery was created (``<egov-<hash of the event key>@domain>``,
kept in ``provider_message_id``). RFC 5322 §3.6.4 makes the Message-ID the identity of a message:
mail systems that suppress duplicates (many mailbox providers and clients; Sieve's "duplicate" test,
RFC 7352) show it once, and anyone reading the logs can tell a repeat from a second notice. SMS has
the same window; there the stable idempotency key, sent as the provider's request id, lets the
provider drop the repeat itself.

Failures: a refusal that retrying cannot cure (the recipient's server answers 5xx to RCPT or DATA,
the SMS provider refuses the number or the text) makes the Delivery failed at once. Anything else
(network, 4xx, the provider down, our credentials) is raised to the outbox, which retries with its
back-off (5 s · 2^n, at most an hour); the last allowed attempt records the Delivery as failed. A
rate-limited Delivery waits for its slot the same way, on its own outbox message, so waiting never
uses up the retries of the send.
"""

import logging
import smtplib
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError, NotFoundError
from egov.core.models import OutboxMessage
from egov.core.services.audit import audit_record
from egov.core.services.outbox import MAX_ATTEMPTS, outbox_enqueue
from egov.notifications.addresses import mask_phone
from egov.notifications.messages import REDACTED_TEXT, SECRET_KINDS, render_email_html
from egov.notifications.models import Delivery, DeliveryChannel, DeliveryStatus
from egov.notifications.services.applicant import INVALID_ADDRESS, TOPICS, idempotency_key
from egov.notifications.sms import SmsPermanentError, sms_enabled, sms_gateway

logger = logging.getLogger(__name__)


class PermanentDeliveryError(Exception):
    """Retrying cannot help: the address or the content is refused."""


class DeliveryNotDue(Exception):  # noqa: N818 - the outbox shows the class name: "DeliveryNotDue: ... until ..."
    """The rate limit deferred the delivery; the outbox tries again after its back-off."""


def delivery_send(message: OutboxMessage) -> None:
    """Send the delivery named by the outbox message, once; idempotent on the Delivery's status."""
    delivery = Delivery.objects.select_for_update().filter(pk=message.payload["delivery_id"]).first()
    if delivery is None or delivery.status in (DeliveryStatus.SENT, DeliveryStatus.FAILED):
        return
    now = clock.now()
    if delivery.status == DeliveryStatus.DEFERRED:
        _wait_for_slot(delivery, message, now=now)
        return
    try_number = message.attempts + 1  # of this outbox message; the failed tries rolled back their writes
    attempts = delivery.attempts + try_number  # with those of an earlier round an operator restarted
    try:
        provider_id = _send_email(delivery) if delivery.channel == DeliveryChannel.EMAIL else _send_sms(delivery)
    except (PermanentDeliveryError, SmsPermanentError) as error:
        _record_failed(delivery, attempts=attempts, error=error)
        return
    except Exception as error:
        if try_number >= MAX_ATTEMPTS:  # the outbox would give up: say so on the delivery
            _record_failed(delivery, attempts=attempts, error=error)
            return
        raise
    delivery.status = DeliveryStatus.SENT
    delivery.sent_at = clock.now()
    delivery.attempts = attempts
    delivery.provider_message_id = provider_id[:255]
    delivery.last_error = message.last_error  # what the earlier attempts ran into, if any
    fields = ["status", "sent_at", "attempts", "provider_message_id", "last_error"]
    if delivery.kind in SECRET_KINDS:  # a one-time code: nobody reading the table later may use it
        delivery.body = REDACTED_TEXT
        fields.append("body")
    delivery.save(update_fields=fields)
    audit_record(actor=None, action="notifications.delivery_sent", obj=delivery, changes=_summary(delivery))


def _wait_for_slot(delivery: Delivery, message: OutboxMessage, *, now: datetime) -> None:
    """Before its slot: let the outbox back off (no writes). At its slot, or when this message's
    retries run low: hand over to a fresh outbox message, the one that sends."""
    due = delivery.scheduled_at <= now
    if not due and message.attempts < MAX_ATTEMPTS - 1:
        raise DeliveryNotDue(f"deferred by the rate limit until {delivery.scheduled_at.isoformat()}")
    if due:
        delivery.status = DeliveryStatus.QUEUED
        delivery.save(update_fields=["status"])
    outbox_enqueue(
        topic=TOPICS[delivery.channel],
        key=f"notifications.delivery:{delivery.pk}:{message.pk}",
        payload={"delivery_id": delivery.pk},
    )


def _send_email(delivery: Delivery) -> str:
    email = EmailMultiAlternatives(
        subject=delivery.subject,
        body=delivery.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.address],
        headers={
            "Message-ID": delivery.provider_message_id,
            "Auto-Submitted": "auto-generated",  # RFC 3834: no vacation replies to a notice
            "X-Auto-Response-Suppress": "All",
        },
    )
    email.attach_alternative(
        render_email_html(subject=delivery.subject, text=delivery.body, link=delivery.link), "text/html"
    )
    try:
        email.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _text in error.recipients.values()]
        if codes and all(code >= 500 for code in codes):
            raise PermanentDeliveryError(f"recipient refused: {error.recipients}") from error
        raise
    except smtplib.SMTPDataError as error:
        if error.smtp_code >= 500:
            raise PermanentDeliveryError(f"message refused: {error.smtp_code} {error.smtp_error!r}") from error
        raise
    logger.info("e-mail delivery %s sent as %s", delivery.pk, delivery.provider_message_id)
    return delivery.provider_message_id


def _send_sms(delivery: Delivery) -> str:
    if not sms_enabled():
        raise PermanentDeliveryError("SMS is switched off (EGOV_SMS_GATEWAY=off)")
    provider_id = sms_gateway().send(delivery.address, delivery.body, idempotency_key(delivery.dedupe_key))
    logger.info("SMS delivery %s to %s sent as %s", delivery.pk, mask_phone(delivery.address), provider_id)
    return provider_id


def _record_failed(delivery: Delivery, *, attempts: int, error: BaseException) -> None:
    delivery.status = DeliveryStatus.FAILED
    delivery.attempts = attempts
    delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
    delivery.save(update_fields=["status", "attempts", "last_error"])
    audit_record(actor=None, action="notifications.delivery_failed", obj=delivery, changes=_summary(delivery))
    logger.warning("delivery %s failed after %s attempt(s): %s", delivery.pk, attempts, delivery.last_error)


def _summary(delivery: Delivery) -> dict[str, object]:
    """What the audit log keeps: no address or text (personal data stays in the Delivery row)."""
    return {
        "channel": delivery.channel,
        "kind": delivery.kind,
        "status": delivery.status,
        "attempts": delivery.attempts,
    }


@transaction.atomic
def delivery_retry(*, actor: Any, delivery_id: int) -> Delivery:
    """An operator sends a failed delivery again (after fixing the mail server or the SMS account)."""
    delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
    if delivery is None:
        raise NotFoundError(_("No delivery has this identifier."), code="notifications.delivery_not_found")
    if delivery.status != DeliveryStatus.FAILED:
        raise ApplicationError(
            _("Only a failed delivery can be sent again."), code="notifications.delivery_not_failed", status=409
        )
    if delivery.last_error == INVALID_ADDRESS:
        raise ApplicationError(
            _("The address is not valid; sending again cannot reach the applicant."),
            code="notifications.delivery_invalid_address",
            status=409,
        )
    now = clock.now()
    delivery.status = DeliveryStatus.QUEUED
    delivery.scheduled_at = now
    delivery.save(update_fields=["status", "scheduled_at"])
    outbox_enqueue(
        topic=TOPICS[delivery.channel],
        key=f"notifications.delivery:{delivery.pk}:retry-{now:%Y%m%d%H%M%S%f}",
        payload={"delivery_id": delivery.pk},
    )
    audit_record(actor=actor, action="notifications.delivery_retry", obj=delivery, changes=_summary(delivery))
    return delivery
