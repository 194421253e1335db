"""Signed callbacks: confirmation, replay, forgery, wrong amount, failure, late confirmation, receipts."""

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from egov.core.models import AuditEntry
from egov.identity.models import User
from egov.payments.contracts import ChargeLine, PaymentPaid
from egov.payments.gateways.base import CallbackOutcome
from egov.payments.listeners import register_payment_listener, unregister_payment_listener
from egov.payments.models import CallbackKind, Payment, PaymentCallback, PaymentStatus
from egov.payments.selectors import payment_get, payment_get_for
from egov.payments.services.callbacks import CallbackResult, payment_callback_handle
from egov.payments.tests.conftest import MONDAY_9AM, VN, gateway_callback, hand_sign, start


def handle(params: dict[str, str], kind: CallbackKind = CallbackKind.IPN) -> CallbackResult:
    return payment_callback_handle(gateway_name="vnpay", kind=kind, params=params, remote_addr="113.160.92.202")


def _pending(citizen: User, **kwargs: Any) -> Payment:
    return Payment.objects.get(reference=start(citizen, **kwargs).reference)


def test_a_confirmation_marks_paid_once_with_a_receipt_number(
    citizen: User, paid_events: list[PaymentPaid], travel: Any
) -> None:
    travel(MONDAY_9AM)
    payment = _pending(citizen)
    result = handle(gateway_callback(payment))
    assert (result.outcome, result.code) == (CallbackOutcome.CONFIRMED, "00")
    payment.refresh_from_db()
    paid_at = datetime(2026, 11, 2, 9, 5, 12, tzinfo=VN)
    assert (payment.status, payment.paid_at, payment.receipt_number) == ("paid", paid_at, "BL2026-000001")
    assert (payment.gateway_transaction, payment.bank_code) == ("14226112", "NCB")
    assert paid_events == [
        PaymentPaid(reference=payment.reference, purpose="test:1", amount=16000, paid_at=paid_at, payer_id=citizen.pk)
    ]
    entry = AuditEntry.objects.get(action="payments.paid")
    assert entry.changes["receipt_number"] == "BL2026-000001"
    callback = PaymentCallback.objects.get()
    assert (callback.payment, callback.kind, callback.signature_valid, callback.result_code) == (
        payment,
        "ipn",
        True,
        "00",
    )
    assert callback.remote_addr == "113.160.92.202"
    info = payment_get(payment.reference)
    assert info is not None
    assert (info.status, info.receipt_url) == ("paid", f"/thanh-toan/bien-lai/{payment.reference}/")


def test_a_replayed_confirmation_changes_nothing(citizen: User, paid_events: list[PaymentPaid]) -> None:
    payment = _pending(citizen)
    params = gateway_callback(payment)
    assert handle(params, CallbackKind.RETURN).code == "00"
    assert handle(params).code == "02"  # the IPN after the browser return
    assert handle(params).code == "02"  # the gateway retries
    payment.refresh_from_db()
    assert payment.receipt_number is not None
    assert payment.receipt_number.endswith("-000001")
    assert len(paid_events) == 1
    assert AuditEntry.objects.filter(action="payments.paid").count() == 1
    assert list(PaymentCallback.objects.values_list("result_code", flat=True)) == ["00", "02", "02"]


def test_a_forged_confirmation_changes_nothing(citizen: User, paid_events: list[PaymentPaid]) -> None:
    payment = _pending(citizen)
    forged = gateway_callback(payment, secret="GUESSED-SECRET")
    result = handle(forged)
    assert (result.outcome, result.code, result.payment) == (CallbackOutcome.INVALID_SIGNATURE, "97", None)
    tampered = gateway_callback(payment, response_code="51", status="02")
    tampered.update(vnp_ResponseCode="00", vnp_TransactionStatus="00")  # a failure turned into a success
    assert handle(tampered).code == "97"
    payment.refresh_from_db()
    assert (payment.status, payment.receipt_number, payment.paid_at) == ("pending", None, None)
    assert paid_events == []
    assert not AuditEntry.objects.filter(action__in=["payments.paid", "payments.fail"]).exists()
    assert not PaymentCallback.objects.filter(payment__isnull=False).exists()
    rows = list(PaymentCallback.objects.values_list("signature_valid", "result_code"))
    assert rows == [(False, "97"), (False, "97")]
    kept = PaymentCallback.objects.values_list("params", flat=True)
    assert [params["vnp_TxnRef"] for params in kept] == [payment.reference] * 2  # kept for the record


def test_a_wrong_amount_is_refused(citizen: User, paid_events: list[PaymentPaid]) -> None:
    payment = _pending(citizen)
    result = handle(gateway_callback(payment, amount=1000))
    assert (result.outcome, result.code) == (CallbackOutcome.INVALID_AMOUNT, "04")
    payment.refresh_from_db()
    assert payment.status == "pending"
    assert paid_events == []


def test_an_unknown_reference_and_a_malformed_callback(citizen: User) -> None:
    payment = _pending(citizen)
    payment.reference = "TT261102NOSUCH00"
    assert handle(gateway_callback(payment)).code == "01"
    params = gateway_callback(payment)
    del params["vnp_TxnRef"]
    params["vnp_SecureHash"] = hand_sign(params)
    assert handle(params).code == "99"


def test_a_failed_payment_can_be_started_again_and_paid(citizen: User, paid_events: list[PaymentPaid]) -> None:
    first = _pending(citizen)
    assert handle(gateway_callback(first, response_code="51", status="02")).code == "00"
    first.refresh_from_db()
    assert (first.status, first.failure_code) == (PaymentStatus.FAILED, "51")
    info = payment_get(first.reference)
    assert info is not None
    assert info.failure_message == "Tài khoản không đủ số dư."
    assert handle(gateway_callback(first, response_code="51", status="02")).code == "02"
    second = _pending(citizen)
    assert second.reference != first.reference
    assert handle(gateway_callback(second, transaction_no="14226999")).code == "00"
    second.refresh_from_db()
    assert second.status == PaymentStatus.PAID
    assert [event.reference for event in paid_events] == [second.reference]
    current = payment_get_for("test:1")
    assert current is not None
    assert current.reference == second.reference


def test_a_cancelled_payment_is_recorded_as_cancelled(citizen: User) -> None:
    payment = _pending(citizen)
    assert handle(gateway_callback(payment, response_code="24", status="02"), CallbackKind.RETURN).code == "00"
    payment.refresh_from_db()
    assert (payment.status, payment.failure_code) == (PaymentStatus.CANCELLED, "24")
    assert AuditEntry.objects.get(action="payments.fail").changes == {"status": "cancelled", "response_code": "24"}


def test_a_late_confirmation_of_an_expired_attempt_is_honoured(
    citizen: User, paid_events: list[PaymentPaid], travel: Any
) -> None:
    travel(MONDAY_9AM)
    payment = _pending(citizen)
    travel(MONDAY_9AM + timedelta(hours=2))  # the gateway's IPN retries arrive late
    info = payment_get(payment.reference)
    assert info is not None
    assert info.status == "expired"
    assert handle(gateway_callback(payment)).code == "00"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert len(paid_events) == 1


def test_paying_a_superseded_attempt_after_the_purpose_was_paid_is_a_refund(
    citizen: User, paid_events: list[PaymentPaid]
) -> None:
    old = _pending(citizen, lines=[ChargeLine(description="Lệ phí", unit_amount=8000, quantity=1, amount=8000)])
    new = _pending(citizen)  # the amount changed: the old attempt is cancelled
    assert handle(gateway_callback(new)).code == "00"
    assert handle(gateway_callback(old, transaction_no="14227000")).code == "00"  # paid from an old tab
    old.refresh_from_db()
    assert (old.status, old.refund_due, old.receipt_number) == (PaymentStatus.CANCELLED, True, None)
    assert old.gateway_transaction == "14227000"
    assert [event.reference for event in paid_events] == [new.reference]
    assert AuditEntry.objects.filter(action="payments.refund_due").count() == 1
    assert handle(gateway_callback(old, transaction_no="14227000")).code == "02"


def test_receipt_numbers_follow_each_other_per_year(citizen: User, travel: Any) -> None:
    numbers = []
    for index, pay_date in enumerate(["20261231235900", "20261231235959", "20270101000001"]):
        payment = _pending(citizen, purpose=f"test:{index}")
        handle(gateway_callback(payment, pay_date=pay_date, transaction_no=f"1422600{index}"))
        payment.refresh_from_db()
        numbers.append(payment.receipt_number)
    assert numbers == ["BL2026-000001", "BL2026-000002", "BL2027-000001"]


@pytest.fixture
def failing_listener() -> Iterator[list[str]]:
    calls: list[str] = []

    def listener(paid: PaymentPaid) -> None:
        calls.append(paid.reference)
        if len(calls) == 1:
            raise RuntimeError("the dossier could not be updated")

    register_payment_listener("test:", listener)
    yield calls
    unregister_payment_listener("test:", listener)


def test_a_failing_listener_rolls_the_confirmation_back(citizen: User, failing_listener: list[str]) -> None:
    payment = _pending(citizen)
    params = gateway_callback(payment)
    result = handle(params)
    assert (result.outcome, result.code) == (CallbackOutcome.ERROR, "99")  # the gateway will retry
    payment.refresh_from_db()
    assert (payment.status, payment.receipt_number) == ("pending", None)
    assert not AuditEntry.objects.filter(action="payments.paid").exists()
    callback = PaymentCallback.objects.get()
    assert (callback.payment, callback.result_code) == (payment, "99")
    assert "could not be updated" in callback.message
    assert handle(params).code == "00"  # the retry
    payment.refresh_from_db()
    assert payment.receipt_number == "BL2026-000001"  # the rolled-back number was given back
    assert failing_listener == [payment.reference, payment.reference]
