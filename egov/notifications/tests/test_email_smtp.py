"""E-mail deliveries through a real SMTP server (aiosmtpd): content, headers, permanent and transient
refusals, the last retry, and an operator sending a failed delivery again."""

from datetime import timedelta
from typing import Any

import pytest

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.core.models import AuditEntry, OutboxMessage, OutboxStatus
from egov.core.services.outbox import MAX_ATTEMPTS, outbox_drain
from egov.identity.models import User, UserKind
from egov.notifications.models import Delivery, DeliveryStatus
from egov.notifications.services.delivery import delivery_retry
from egov.notifications.tests.factories import CODE, EMAIL, tell
from egov.notifications.tests.smtp import SmtpSink, body_text

pytestmark = pytest.mark.django_db
LINK = f"https://dichvucong.quangtri.gov.vn/tra-cuu/{CODE}/"


def email_delivery() -> Delivery:
    return Delivery.objects.get(channel="email")


def test_a_supplementation_request_arrives_with_its_subject_body_link_and_stable_message_id(smtp: SmtpSink) -> None:
    tell("supplement", phone="")
    assert outbox_drain() == 1
    [message] = smtp.accepted
    delivery = email_delivery()
    assert str(message["Subject"]).strip() == f"Hồ sơ {CODE}: đề nghị bổ sung giấy tờ"  # folded by Django
    assert message["To"] == EMAIL
    assert message["From"] == "egov <no-reply@egov.localhost>"
    assert message["Message-ID"] == delivery.provider_message_id
    assert message["Auto-Submitted"] == "auto-generated"
    text = body_text(message)
    assert "đề nghị Ông/Bà bổ sung, hoàn thiện những nội dung sau:\n- Thiếu Giấy chứng sinh\n" in text
    assert f"\n{LINK}\n" in text
    html = body_text(message, "html")
    assert f'href="{LINK}"' in html
    assert "Thiếu Giấy chứng sinh" in html
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.SENT, 1, "")
    assert delivery.sent_at is not None
    audit = AuditEntry.objects.get(action="notifications.delivery_sent")
    assert audit.object_id == str(delivery.pk)
    assert EMAIL not in str(audit.changes)  # the address stays out of the append-only log


def test_a_recipient_the_server_refuses_for_good_is_failed_at_once(smtp: SmtpSink) -> None:
    smtp.refusals[EMAIL] = "550 5.1.1 No such user"
    tell("supplement", phone="")
    outbox_drain()
    delivery = email_delivery()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 1)
    assert "550" in delivery.last_error
    assert "No such user" in delivery.last_error
    assert OutboxMessage.objects.get().status == OutboxStatus.DONE  # not retried
    assert AuditEntry.objects.filter(action="notifications.delivery_failed").count() == 1
    assert smtp.accepted == []


def test_a_temporary_refusal_is_retried_with_back_off_and_then_delivered(smtp: SmtpSink, travel: Any) -> None:
    # given a server that answers "try later" to the first attempt
    travel(clock.now())
    smtp.refusals[EMAIL] = "451 4.3.0 Mailbox busy, try later"
    tell("supplement", phone="")
    outbox_drain()
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
    assert "451" in message.last_error
    assert email_delivery().status == DeliveryStatus.QUEUED
    # when the server has room again and the back-off has passed
    del smtp.refusals[EMAIL]
    assert outbox_drain() == 0  # not before the back-off
    travel(clock.now() + timedelta(seconds=11))
    assert outbox_drain() == 1
    # then it is delivered once, on the second attempt, and the earlier error is kept
    delivery = email_delivery()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 2)
    assert "451" in delivery.last_error
    assert len(smtp.accepted) == 1


def test_the_last_allowed_attempt_records_the_delivery_failed(smtp: SmtpSink) -> None:
    smtp.refusals[EMAIL] = "451 4.3.0 Mailbox busy, try later"
    tell("supplement", phone="")
    OutboxMessage.objects.update(attempts=MAX_ATTEMPTS - 1)
    outbox_drain()
    delivery = email_delivery()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, MAX_ATTEMPTS)
    assert "451" in delivery.last_error
    assert OutboxMessage.objects.get().status == OutboxStatus.DONE


def test_an_operator_sends_a_failed_delivery_again(smtp: SmtpSink) -> None:
    operator = User.objects.create_user(username="admin", password="x" * 12, kind=UserKind.STAFF)
    smtp.refusals[EMAIL] = "550 5.2.1 Mailbox disabled"
    tell("supplement", phone="")
    outbox_drain()
    del smtp.refusals[EMAIL]  # the applicant's mailbox works again
    delivery_retry(actor=operator, delivery_id=email_delivery().pk)
    outbox_drain()
    delivery = email_delivery()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 2)
    assert [m["Message-ID"] for m in smtp.accepted] == [delivery.provider_message_id]
    assert AuditEntry.objects.get(action="notifications.delivery_retry").actor_id == operator.pk
    with pytest.raises(ApplicationError) as caught:
        delivery_retry(actor=operator, delivery_id=delivery.pk)
    assert (caught.value.code, caught.value.status) == ("notifications.delivery_not_failed", 409)


def test_an_invalid_address_cannot_be_sent_again() -> None:
    operator = User.objects.create_user(username="admin", password="x" * 12, kind=UserKind.STAFF)
    tell("supplement", email="binh@", phone="")
    with pytest.raises(ApplicationError) as caught:
        delivery_retry(actor=operator, delivery_id=email_delivery().pk)
    assert caught.value.code == "notifications.delivery_invalid_address"
    with pytest.raises(ApplicationError) as missing:
        delivery_retry(actor=operator, delivery_id=-1)
    assert missing.value.status == 404
