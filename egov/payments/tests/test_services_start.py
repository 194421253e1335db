"""Starting a payment: validation, the gateway address, reuse of an unpaid attempt, closing others."""

from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from egov.core.errors import ApplicationError
from egov.core.models import AuditEntry
from egov.identity.models import User
from egov.payments.contracts import ChargeLine
from egov.payments.gateways.vnpay import VnpayGateway
from egov.payments.models import Payment, PaymentStatus
from egov.payments.tests.conftest import LINES, MERCHANT, MONDAY_9AM, RETURN_TO, hand_sign, start


def _query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def test_start_records_the_attempt_and_sends_the_payer_to_the_gateway(citizen: User, travel: Any) -> None:
    travel(MONDAY_9AM)
    started = start(citizen)
    payment = Payment.objects.get()
    assert started.reference == payment.reference
    assert payment.reference.startswith("TT261102")
    assert len(payment.reference) == 16
    assert (payment.purpose, payment.amount, payment.status, payment.payer) == ("test:1", 16000, "pending", citizen)
    assert payment.items == [{"description": LINES[0].description, "unit_amount": 8000, "quantity": 2, "amount": 16000}]
    assert payment.return_to == RETURN_TO
    assert payment.expires_at == MONDAY_9AM + timedelta(minutes=15)
    assert started.redirect_url.startswith("/thanh-toan/thu-nghiem/?vnp_Amount=1600000&")
    params = _query(started.redirect_url)
    assert params["vnp_SecureHash"] == hand_sign(params)
    assert params["vnp_TmnCode"] == MERCHANT
    assert params["vnp_ReturnUrl"] == "http://testserver/thanh-toan/ket-qua/vnpay/"
    assert params["vnp_ExpireDate"] == "20261102091500"
    assert params["vnp_IpAddr"] == "203.0.113.5"
    entry = AuditEntry.objects.get(action="payments.start")
    assert (entry.actor_id, entry.object_id) == (citizen.pk, str(payment.pk))


def test_same_amount_reuses_the_pending_attempt(citizen: User, travel: Any) -> None:
    travel(MONDAY_9AM)
    first = start(citizen)
    travel(MONDAY_9AM + timedelta(minutes=5))
    again = start(citizen, return_to="/khac/")
    assert again.reference == first.reference
    assert Payment.objects.count() == 1
    assert Payment.objects.get().return_to == "/khac/"
    assert _query(again.redirect_url)["vnp_CreateDate"] == "20261102090000"  # the attempt's own dates


def test_a_new_attempt_when_the_old_one_is_nearly_expired_or_the_amount_changed(citizen: User, travel: Any) -> None:
    travel(MONDAY_9AM)
    first = start(citizen)
    travel(MONDAY_9AM + timedelta(minutes=13))  # two minutes left: not enough to pay
    second = start(citizen)
    assert second.reference != first.reference
    assert Payment.objects.get(reference=first.reference).status == PaymentStatus.CANCELLED
    travel(MONDAY_9AM + timedelta(minutes=14))
    third = start(citizen, lines=[ChargeLine(description="Lệ phí", unit_amount=8000, quantity=1, amount=8000)])
    assert third.reference != second.reference
    statuses = dict(Payment.objects.values_list("reference", "status"))
    assert statuses == {first.reference: "cancelled", second.reference: "cancelled", third.reference: "pending"}
    travel(MONDAY_9AM + timedelta(hours=1))
    fourth = start(citizen)
    assert Payment.objects.get(reference=third.reference).status == PaymentStatus.EXPIRED
    assert Payment.objects.get(reference=fourth.reference).status == PaymentStatus.PENDING
    assert AuditEntry.objects.filter(action="payments.close").count() == 3


def test_another_payer_does_not_reuse_my_attempt(citizen: User, other_citizen: User) -> None:
    mine = start(citizen)
    theirs = start(other_citizen)
    assert mine.reference != theirs.reference


def test_an_already_paid_purpose_is_refused_with_409(citizen: User) -> None:
    start(citizen)
    Payment.objects.update(status=PaymentStatus.PAID)
    with pytest.raises(ApplicationError) as caught:
        start(citizen)
    assert (caught.value.status, caught.value.code) == (409, "payment_already_paid")
    assert Payment.objects.count() == 1


@pytest.mark.parametrize(
    "return_to",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example",
        "javascript:alert(1)",
        "ho-so/relative",
        "/line\nbreak",
        "",
        "/" + "a" * 500,
    ],
)
def test_open_redirects_are_refused(citizen: User, return_to: str) -> None:
    with pytest.raises(ApplicationError) as caught:
        start(citizen, return_to=return_to)
    assert (caught.value.status, caught.value.code) == (400, "payment_return_to_invalid")
    assert not Payment.objects.exists()


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ([], "payment_nothing_to_pay"),
        ([ChargeLine(description="Miễn phí", unit_amount=0, quantity=1, amount=0)], "payment_nothing_to_pay"),
        ([ChargeLine(description="Lệ phí", unit_amount=8000, quantity=2, amount=8000)], "payment_line_invalid"),
        ([ChargeLine(description="Lệ phí", unit_amount=8000, quantity=0, amount=0)], "payment_line_invalid"),
        ([ChargeLine(description=" ", unit_amount=8000, quantity=1, amount=8000)], "payment_line_unnamed"),
        ([ChargeLine(description="Lệ phí", unit_amount=-1, quantity=1, amount=-1)], "payment_line_invalid"),
        ([ChargeLine(description="Lệ phí", unit_amount=10**10, quantity=1, amount=10**10)], "payment_amount_too_large"),
    ],
)
def test_bad_lines_are_refused(citizen: User, lines: list[ChargeLine], code: str) -> None:
    with pytest.raises(ApplicationError) as caught:
        start(citizen, lines=lines)
    assert (caught.value.status, caught.value.code) == (400, code)
    assert not Payment.objects.exists()


def test_purpose_and_description_are_required(citizen: User) -> None:
    with pytest.raises(ApplicationError) as no_purpose:
        start(citizen, purpose=" ")
    with pytest.raises(ApplicationError) as no_description:
        start(citizen, description="   ")
    assert (no_purpose.value.code, no_description.value.code) == (
        "payment_purpose_invalid",
        "payment_description_missing",
    )


def test_the_gateway_is_the_configured_vnpay(citizen: User, settings: Any) -> None:
    settings.EGOV_PAYMENT_GATEWAY_URL = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
    started = start(citizen)
    assert started.redirect_url.startswith("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?vnp_Amount=")
    assert Payment.objects.get().gateway == VnpayGateway.name
