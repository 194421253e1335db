"""The VNPAY 2.1.0 protocol: request signing against a vector built by hand, callback verification."""

import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

import pytest

from egov.payments.gateways.base import CallbackOutcome, InvalidSignatureError, MalformedCallbackError
from egov.payments.gateways.vnpay import VnpayGateway, ascii_text
from egov.payments.models import Payment
from egov.payments.tests.conftest import MERCHANT, SECRET, VN, gateway_callback, hand_sign

RETURN_URL = "http://127.0.0.1:8000/thanh-toan/ket-qua/vnpay/"


def _gateway() -> VnpayGateway:
    return VnpayGateway(url="https://sandbox.vnpayment.vn/paymentv2/vpcpay.html", merchant_code=MERCHANT, secret=SECRET)


def _payment() -> Payment:
    created = datetime(2026, 11, 2, 9, 0, tzinfo=VN)
    return Payment(
        reference="TT261102ABCDEFGH",
        purpose="test:1",
        description="Lệ phí đăng ký khai sinh \u2013 bản sao (2 bản)",
        amount=16000,
        gateway="vnpay",
        created_at=created,
        expires_at=created + timedelta(minutes=15),
    )


def test_redirect_url_is_signed_as_documented() -> None:
    # given: the query string written out by hand from the documented rule (sorted vnp_* fields,
    # values quote_plus-encoded, amount x 100, GMT+7 dates, order info without diacritics)
    expected_data = (
        "vnp_Amount=1600000&vnp_Command=pay&vnp_CreateDate=20261102090000&vnp_CurrCode=VND"
        "&vnp_ExpireDate=20261102091500&vnp_IpAddr=203.0.113.5&vnp_Locale=vn"
        "&vnp_OrderInfo=Le+phi+dang+ky+khai+sinh+ban+sao+%282+ban%29&vnp_OrderType=other"
        "&vnp_ReturnUrl=http%3A%2F%2F127.0.0.1%3A8000%2Fthanh-toan%2Fket-qua%2Fvnpay%2F"
        f"&vnp_TmnCode={MERCHANT}&vnp_TxnRef=TT261102ABCDEFGH&vnp_Version=2.1.0"
    )
    expected_hash = hmac.new(SECRET.encode(), expected_data.encode(), hashlib.sha512).hexdigest()
    # when
    url = _gateway().redirect_url(_payment(), return_url=RETURN_URL, client_ip="203.0.113.5", language="vi")
    # then
    assert url == f"https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?{expected_data}&vnp_SecureHash={expected_hash}"


def test_redirect_url_in_english_and_with_utc_times() -> None:
    payment = _payment()
    payment.created_at = datetime(2026, 11, 1, 19, 0, tzinfo=UTC)  # 02:00 on 2 November in GMT+7
    url = _gateway().redirect_url(payment, return_url=RETURN_URL, client_ip="", language="en")
    params = dict(parse_qsl(urlsplit(url).query))
    assert params["vnp_Locale"] == "en"
    assert params["vnp_IpAddr"] == "127.0.0.1"
    assert params["vnp_CreateDate"] == "20261102020000"


def test_a_hand_signed_success_is_verified() -> None:
    params = gateway_callback(_payment())
    verified = _gateway().verify(params)
    assert verified.reference == "TT261102ABCDEFGH"
    assert verified.amount == Decimal(16000)
    assert verified.success is True
    assert (verified.transaction_no, verified.bank_code, verified.response_code) == ("14226112", "NCB", "00")
    assert verified.paid_at == datetime(2026, 11, 2, 9, 5, 12, tzinfo=VN)


def test_upper_case_hash_and_extra_non_vnp_fields_are_accepted() -> None:
    params = gateway_callback(_payment())
    params["vnp_SecureHash"] = params["vnp_SecureHash"].upper()
    params["utm_source"] = "zalo"  # not vnp_*: not signed, ignored
    assert _gateway().verify(params).success is True


@pytest.mark.parametrize(("response_code", "status"), [("24", "02"), ("00", "01"), ("51", "02")])
def test_success_needs_both_codes(response_code: str, status: str) -> None:
    params = gateway_callback(_payment(), response_code=response_code, status=status)
    verified = _gateway().verify(params)
    assert verified.success is False
    assert verified.transaction_no == ("" if response_code != "00" else "14226112")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda p: p.update(vnp_Amount="100"),
        lambda p: p.update(vnp_ResponseCode="00", vnp_TransactionStatus="00", vnp_TxnRef="TT261102OTHER000"),
        lambda p: p.update(vnp_SecureHash="0" * 128),
        lambda p: p.pop("vnp_SecureHash"),
        lambda p: p.update(vnp_SecureHash="ü"),
    ],
)
def test_tampered_callbacks_are_refused(tamper: object) -> None:
    params = gateway_callback(_payment())
    tamper(params)  # type: ignore[operator]
    with pytest.raises(InvalidSignatureError):
        _gateway().verify(params)


def test_signed_with_another_secret_or_for_another_merchant_is_refused() -> None:
    with pytest.raises(InvalidSignatureError):
        _gateway().verify(gateway_callback(_payment(), secret="ANOTHER-MERCHANTS-SECRET"))
    other = VnpayGateway(url="https://x.example/", merchant_code="OTHERMER", secret=SECRET)
    with pytest.raises(InvalidSignatureError):
        other.verify(gateway_callback(_payment()))


def test_signed_but_unreadable_amount_is_malformed() -> None:
    params = gateway_callback(_payment())
    params["vnp_Amount"] = "16000.00"
    params["vnp_SecureHash"] = hand_sign(params)
    with pytest.raises(MalformedCallbackError):
        _gateway().verify(params)


def test_ipn_answers() -> None:
    gateway = _gateway()
    assert gateway.ipn_answer(CallbackOutcome.CONFIRMED).body == {"RspCode": "00", "Message": "Confirm Success"}
    codes = {outcome: gateway.outcome_code(outcome) for outcome in CallbackOutcome}
    assert codes == {
        CallbackOutcome.CONFIRMED: "00",
        CallbackOutcome.NOT_FOUND: "01",
        CallbackOutcome.ALREADY_CONFIRMED: "02",
        CallbackOutcome.INVALID_AMOUNT: "04",
        CallbackOutcome.INVALID_SIGNATURE: "97",
        CallbackOutcome.ERROR: "99",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lệ phí đăng ký khai sinh", "Le phi dang ky khai sinh"),
        ("ĐỒNG HỚI: hồ sơ #12 \u2013 'bản sao' & \"trích lục\"", "DONG HOI: ho so #12 ban sao trich luc"),
        ("", ""),
    ],
)
def test_order_info_is_plain_ascii(text: str, expected: str) -> None:
    assert ascii_text(text) == expected
    assert ascii_text(text).isascii()
