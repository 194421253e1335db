"""Fixtures of the payments tests: citizens, a test listener, and callbacks signed by hand the way
the VNPAY 2.1.0 documentation says (independently of egov.payments.gateways.vnpay).

The dossier fixtures (``demo``, ``travel``, ``receive_birth``) are the one-stop engine's own
(egov/dossiers/tests/conftest.py). They are loaded by module name: the import-linter layers
describe the production code, where payments never depends on dossiers; only the test of the
dossiers listener crosses that line.
"""

import hashlib
import hmac
import importlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

import pytest

from egov.identity.models import User, UserKind
from egov.payments.contracts import ChargeLine, PaymentPaid, PaymentStart
from egov.payments.listeners import register_payment_listener, unregister_payment_listener
from egov.payments.models import Payment
from egov.payments.services.start import payment_start

_dossier_fixtures = importlib.import_module("egov.dossiers.tests.conftest")
demo = _dossier_fixtures.demo
travel = _dossier_fixtures.travel
receive_birth = _dossier_fixtures.receive_birth

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY_9AM = datetime(2026, 11, 2, 9, 0, tzinfo=VN)
SECRET = "TESTSECRETFORPAYMENTS0123456789A"
MERCHANT = "EGOVTEST"
PREFIX = "test:"
LINES = [ChargeLine(description="Lệ phí cấp bản sao trích lục khai sinh", unit_amount=8000, quantity=2, amount=16000)]
RETURN_TO = "/dich-vu/nop/abc/?buoc=thanh-toan"


@pytest.fixture(autouse=True)
def _gateway_settings(settings: Any) -> None:
    settings.EGOV_PAYMENT_HASH_SECRET = SECRET
    settings.EGOV_PAYMENT_MERCHANT_CODE = MERCHANT
    settings.EGOV_PAYMENT_GATEWAY_URL = "/thanh-toan/thu-nghiem/"
    settings.EGOV_PAYMENT_SANDBOX = True
    settings.EGOV_PAYMENT_IPN_ALLOWED_IPS = []
    settings.EGOV_PUBLIC_BASE_URL = "http://testserver"
    settings.LANGUAGE_CODE = "vi"


def make_citizen(username: str, *, full_name: str, citizen_id: str, phone: str) -> User:
    return User.objects.create_user(
        username=username,
        password="Mật-khẩu-đủ-dài-2026",
        kind=UserKind.CITIZEN,
        full_name=full_name,
        citizen_id=citizen_id,
        phone=phone,
    )


@pytest.fixture
def citizen(db: Any) -> User:
    return make_citizen("citizen-lan", full_name="Nguyễn Thị Lan", citizen_id="044190001234", phone="0905000111")


@pytest.fixture
def other_citizen(db: Any) -> User:
    return make_citizen("citizen-hung", full_name="Trần Văn Hùng", citizen_id="044088004321", phone="0905000222")


@pytest.fixture
def paid_events() -> Iterator[list[PaymentPaid]]:
    """What the listener of the ``test:`` purposes received."""
    events: list[PaymentPaid] = []

    def listener(paid: PaymentPaid) -> None:
        events.append(paid)

    register_payment_listener(PREFIX, listener)
    yield events
    unregister_payment_listener(PREFIX, listener)


def start(
    payer: User, *, purpose: str = "test:1", lines: list[ChargeLine] | None = None, **kwargs: Any
) -> PaymentStart:
    values: dict[str, Any] = {
        "purpose": purpose,
        "payer": payer,
        "lines": LINES if lines is None else lines,
        "description": "Lệ phí cấp bản sao trích lục khai sinh \u2013 hồ sơ nộp trực tuyến",
        "return_to": RETURN_TO,
        "client_ip": "203.0.113.5",
    }
    values.update(kwargs)
    return payment_start(**values)


def hand_sign(params: dict[str, str], secret: str = SECRET) -> str:
    """HMAC-SHA512 over the vnp_* fields sorted by name, ``name=quote_plus(value)`` joined by ``&``."""
    data = "&".join(
        f"{key}={quote_plus(value)}"
        for key, value in sorted(params.items())
        if key.startswith("vnp_") and key not in {"vnp_SecureHash", "vnp_SecureHashType"}
    )
    return hmac.new(secret.encode(), data.encode(), hashlib.sha512).hexdigest()


def gateway_callback(
    payment: Payment,
    *,
    response_code: str = "00",
    status: str = "00",
    amount: int | None = None,
    transaction_no: str = "14226112",
    bank: str = "NCB",
    pay_date: str = "20261102090512",
    secret: str = SECRET,
) -> dict[str, str]:
    """A callback as the gateway sends it (return or IPN), signed by hand."""
    params = {
        "vnp_Amount": str((payment.amount if amount is None else amount) * 100),
        "vnp_BankCode": bank,
        "vnp_BankTranNo": f"VNP{transaction_no}",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": "Le phi cap ban sao trich luc khai sinh",
        "vnp_PayDate": pay_date,
        "vnp_ResponseCode": response_code,
        "vnp_TmnCode": MERCHANT,
        "vnp_TransactionNo": transaction_no if response_code == "00" else "0",
        "vnp_TransactionStatus": status,
        "vnp_TxnRef": payment.reference,
    }
    params["vnp_SecureHash"] = hand_sign(params, secret)
    return params
