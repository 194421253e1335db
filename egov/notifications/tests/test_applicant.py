"""notify_applicant: in-app notice, one delivery per channel through the outbox, once per event,
within the per-address rate limit (deferred, never dropped), bad addresses recorded as failed."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.core.models import OutboxMessage, OutboxStatus
from egov.core.services.outbox import MAX_ATTEMPTS, outbox_drain
from egov.identity.models import User, UserKind
from egov.notifications.models import Delivery, DeliveryStatus, Notification, SandboxSms
from egov.notifications.services.applicant import RATE_WINDOW
from egov.notifications.tests.factories import CODE, E164, EMAIL, tell

pytestmark = pytest.mark.django_db
LINK = f"https://dichvucong.quangtri.gov.vn/tra-cuu/{CODE}/"


@pytest.fixture
def citizen(db: Any) -> User:
    return User.objects.create_user(
        username="044085001234", password="x" * 12, kind=UserKind.CITIZEN, full_name="Nguyễn Văn Bình"
    )


def test_an_applicant_with_an_account_gets_a_notice_an_email_and_an_sms(citizen: User) -> None:
    notice = tell("supplement", user_id=citizen.pk)
    item = Notification.objects.get(recipient=citizen)
    assert notice.notification_id == item.pk
    assert item.title == f"Hồ sơ {CODE}: đề nghị bổ sung giấy tờ"
    assert item.kind == "applicant.supplement"
    assert item.link == f"/tra-cuu/{CODE}/"
    email, sms = Delivery.objects.get(channel="email"), Delivery.objects.get(channel="sms")
    assert set(notice.delivery_ids) == {email.pk, sms.pk}
    assert (email.address, email.status, email.notification_id) == (EMAIL, DeliveryStatus.QUEUED, item.pk)
    assert email.subject == item.title
    assert "- Thiếu Giấy chứng sinh\n- Tờ khai chưa có chữ ký\n" in email.body
    assert LINK in email.body
    assert email.provider_message_id.startswith("<egov-")
    assert email.provider_message_id.endswith("@egov.localhost>")
    assert sms.address == E164
    assert sms.body == f"Ho so {CODE} can bo sung giay to. Xem noi dung va nop bo sung: {LINK}"
    assert len(sms.body) <= 160
    topics = sorted(OutboxMessage.objects.values_list("topic", "payload"))
    assert topics == [
        ("notifications.delivery.email", {"delivery_id": email.pk}),
        ("notifications.delivery.sms", {"delivery_id": sms.pk}),
    ]


def test_an_applicant_without_an_account_is_reached_at_the_dossier_addresses() -> None:
    notice = tell("received", key=f"dossier:{CODE}:received")
    assert notice.notification_id is None
    assert not Notification.objects.exists()
    assert sorted(Delivery.objects.values_list("channel", "address")) == [("email", EMAIL), ("sms", E164)]
    assert not Delivery.objects.filter(notification__isnull=False).exists()


def test_the_same_event_told_twice_makes_one_notice_and_one_delivery_per_channel(citizen: User) -> None:
    first = tell("supplement", user_id=citizen.pk)
    again = tell("supplement", user_id=citizen.pk)
    assert len(first.delivery_ids) == 2
    assert again.delivery_ids == ()
    assert again.notification_id == first.notification_id
    assert Notification.objects.count() == 1
    assert Delivery.objects.count() == 2
    assert OutboxMessage.objects.count() == 2


def test_a_rolled_back_change_leaves_no_message(citizen: User) -> None:
    def change_that_fails() -> None:
        with transaction.atomic():
            tell("supplement", user_id=citizen.pk)
            raise RuntimeError("the dossier change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert (Notification.objects.count(), Delivery.objects.count(), OutboxMessage.objects.count()) == (0, 0, 0)


def test_addresses_that_cannot_be_valid_are_recorded_as_failed_and_not_queued() -> None:
    tell("received", key="k", email="not-an-address", phone="02323822130")  # a landline cannot get an SMS
    rows = sorted(Delivery.objects.values_list("channel", "address", "status", "last_error"))
    assert rows == [
        ("email", "not-an-address", DeliveryStatus.FAILED, "invalid address"),
        ("sms", "02323822130", DeliveryStatus.FAILED, "invalid address"),
    ]
    assert not OutboxMessage.objects.exists()


def test_no_address_and_no_account_tells_nobody() -> None:
    notice = tell("received", key="k", email="", phone="")
    assert notice.delivery_ids == ()
    assert not Delivery.objects.exists()


def test_sms_switched_off_sends_only_email(settings: Any) -> None:
    settings.EGOV_SMS_GATEWAY = "off"
    tell("received", key="k")
    assert list(Delivery.objects.values_list("channel", flat=True)) == ["email"]


@pytest.mark.parametrize("kind", ["unknown", "../supplement"])
def test_an_unknown_kind_is_refused(kind: str) -> None:
    with pytest.raises(ApplicationError) as caught:
        tell(kind)
    assert caught.value.code == "notifications.unknown_kind"
    assert not Delivery.objects.exists()


def test_over_the_rate_limit_a_message_is_deferred_then_sent_in_its_slot(settings: Any, travel: Any) -> None:
    # given a limit of two SMS per hour to one number
    settings.EGOV_NOTIFY_SMS_PER_HOUR = 2
    start = clock.now().replace(microsecond=0)
    travel(start)
    for n in range(3):
        tell("obligation", key=f"dossier:{CODE}:obligation:{n}", email="")
    first, second, third = Delivery.objects.order_by("id")
    # then the third waits until the first leaves the 60-minute window
    assert [d.status for d in (first, second, third)] == ["queued", "queued", "deferred"]
    assert third.scheduled_at == first.scheduled_at + RATE_WINDOW
    # when the worker runs now: two are sent, the third is not due (the outbox backs off)
    outbox_drain()
    assert SandboxSms.objects.count() == 2
    third.refresh_from_db()
    assert third.status == DeliveryStatus.DEFERRED
    waiting = OutboxMessage.objects.get(payload={"delivery_id": third.pk})
    assert (waiting.status, waiting.attempts) == (OutboxStatus.PENDING, 1)
    assert "DeliveryNotDue" in waiting.last_error
    # when its slot comes: it is handed to a fresh outbox message, which sends it
    travel(third.scheduled_at + timedelta(seconds=1))
    outbox_drain()
    outbox_drain()
    third.refresh_from_db()
    assert (third.status, third.attempts) == (DeliveryStatus.SENT, 1)
    assert SandboxSms.objects.count() == 3
    assert OutboxMessage.objects.filter(payload={"delivery_id": third.pk}).count() == 2


def test_a_long_deferral_never_uses_up_the_outbox_retries(settings: Any, travel: Any) -> None:
    settings.EGOV_NOTIFY_EMAIL_PER_HOUR = 1
    travel(clock.now())
    tell("obligation", key="a", phone="")
    tell("obligation", key="b", phone="")
    deferred = Delivery.objects.get(dedupe_key="b:email")
    waiting = OutboxMessage.objects.get(payload={"delivery_id": deferred.pk})
    OutboxMessage.objects.filter(pk=waiting.pk).update(attempts=MAX_ATTEMPTS - 1)
    outbox_drain()
    waiting.refresh_from_db()
    assert waiting.status == OutboxStatus.DONE  # handed over, not failed
    follow_up = OutboxMessage.objects.get(payload={"delivery_id": deferred.pk}, status=OutboxStatus.PENDING)
    assert follow_up.attempts == 0
    deferred.refresh_from_db()
    assert deferred.status == DeliveryStatus.DEFERRED


def test_a_failed_delivery_is_outside_the_rate_limit(settings: Any) -> None:
    settings.EGOV_NOTIFY_SMS_PER_HOUR = 1
    tell("received", key="a", email="", phone="0905")  # invalid: failed at once
    tell("received", key="b", email="")
    assert Delivery.objects.get(dedupe_key="b:sms").status == DeliveryStatus.QUEUED
