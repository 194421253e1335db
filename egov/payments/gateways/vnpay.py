"""The VNPAY payment gateway protocol, version 2.1.0 (vnp_Command=pay), used by VNPAY and, with
the same rules, by our sandbox gateway.

Signing (HMAC-SHA512, the only algorithm of 2.1.0): take the ``vnp_*`` parameters except
``vnp_SecureHash`` and ``vnp_SecureHashType``, sort them by name, join ``name=quote_plus(value)``
with ``&``; the signature is the hex HMAC-SHA512 of that string under the merchant's hash secret,
sent as ``vnp_SecureHash``. The payment request carries the same string as its query. Amounts are
sent multiplied by 100 (no decimal separator); dates are ``yyyyMMddHHmmss`` in GMT+7.

A payment succeeded only when both ``vnp_ResponseCode`` and ``vnp_TransactionStatus`` are ``00``.
The IPN is answered with JSON ``{"RspCode", "Message"}``: 00 recorded, 01 order not found, 02 order
already confirmed, 04 invalid amount, 97 invalid signature, 99 other error (the gateway retries
an IPN not answered 00 or 02).
"""

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from egov.payments.gateways.base import (
    CallbackOutcome,
    InvalidSignatureError,
    IpnAnswer,
    MalformedCallbackError,
    VerifiedCallback,
)
from egov.payments.models import Payment

VERSION = "2.1.0"
GATEWAY_TZ = ZoneInfo("Asia/Ho_Chi_Minh")  # GMT+7, the protocol's time zone
DATE_FORMAT = "%Y%m%d%H%M%S"
HASH_FIELDS = frozenset({"vnp_SecureHash", "vnp_SecureHashType"})
SUCCESS = "00"
CANCELLED_BY_PAYER = "24"
ORDER_INFO_MAX = 255

IPN_CODES: dict[CallbackOutcome, tuple[str, str]] = {
    CallbackOutcome.CONFIRMED: ("00", "Confirm Success"),
    CallbackOutcome.NOT_FOUND: ("01", "Order not found"),
    CallbackOutcome.ALREADY_CONFIRMED: ("02", "Order already confirmed"),
    CallbackOutcome.INVALID_AMOUNT: ("04", "Invalid amount"),
    CallbackOutcome.INVALID_SIGNATURE: ("97", "Invalid signature"),
    CallbackOutcome.ERROR: ("99", "Unknown error"),
}

# vnp_ResponseCode, in words the payer understands.
RESPONSE_MESSAGES: dict[str, Promise] = {
    "00": _("The payment went through."),
    "07": _("The money was taken, but the bank is reviewing the transaction as unusual."),
    "09": _("The card or account is not registered for internet banking."),
    "10": _("The card or account details were entered wrongly more than three times."),
    "11": _("The time allowed for payment ran out."),
    "12": _("The card or account is locked."),
    "13": _("The one-time password (OTP) was wrong."),
    "24": _("You cancelled the payment."),
    "51": _("The account does not have enough money."),
    "65": _("The account has reached its daily payment limit."),
    "75": _("The bank is under maintenance."),
    "79": _("The payment password was entered wrongly too many times."),
}
OTHER_FAILURE = _("The payment did not go through.")

_ORDER_INFO_ALLOWED = re.compile(r"[^A-Za-z0-9 ,.:;_/()#+-]")


def gateway_time(moment: datetime) -> str:
    return moment.astimezone(GATEWAY_TZ).strftime(DATE_FORMAT)


def parse_gateway_time(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, DATE_FORMAT).replace(tzinfo=GATEWAY_TZ)
    except (TypeError, ValueError):
        return None


def ascii_text(text: str, limit: int = ORDER_INFO_MAX) -> str:
    """Vietnamese without diacritics and without special characters (vnp_OrderInfo's rule)."""
    plain = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", plain)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = _ORDER_INFO_ALLOWED.sub(" ", stripped)
    return " ".join(cleaned.split())[:limit].strip()


def hash_data(params: Mapping[str, str]) -> str:
    """The string that is signed: the sorted ``vnp_*`` parameters, values encoded with quote_plus."""
    items = sorted((key, value) for key, value in params.items() if key.startswith("vnp_") and key not in HASH_FIELDS)
    return "&".join(f"{key}={quote_plus(str(value))}" for key, value in items)


def sign(secret: str, params: Mapping[str, str]) -> str:
    return hmac.new(secret.encode(), hash_data(params).encode(), hashlib.sha512).hexdigest()


def signature_valid(secret: str, params: Mapping[str, str]) -> bool:
    given = str(params.get("vnp_SecureHash", "")).strip().lower()
    if not given:
        return False
    return hmac.compare_digest(given.encode(), sign(secret, params).encode())


def signed(secret: str, params: Mapping[str, str]) -> dict[str, str]:
    """``params`` with their ``vnp_SecureHash`` added."""
    result = {key: str(value) for key, value in params.items() if key not in HASH_FIELDS}
    result["vnp_SecureHash"] = sign(secret, result)
    return result


def amount_from_gateway(value: str) -> Decimal:
    if not value.isdigit():
        raise MalformedCallbackError(f"vnp_Amount {value!r} is not a whole number")
    return Decimal(int(value)) / 100


def response_message(code: str) -> str:
    return str(RESPONSE_MESSAGES.get(code, OTHER_FAILURE))


class VnpayGateway:
    name = "vnpay"

    def __init__(self, *, url: str, merchant_code: str, secret: str) -> None:
        if not secret:
            raise ValueError("The VNPAY gateway needs a hash secret.")
        self.url = url
        self.merchant_code = merchant_code
        self.secret = secret

    def request_params(self, payment: Payment, *, return_url: str, client_ip: str, language: str) -> dict[str, str]:
        return {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.merchant_code,
            "vnp_Amount": str(int(payment.amount) * 100),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": payment.reference,
            "vnp_OrderInfo": ascii_text(payment.description) or f"Thanh toan {payment.reference}",
            "vnp_OrderType": "other",
            "vnp_Locale": "vn" if language.lower().startswith("vi") else "en",
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": client_ip or "127.0.0.1",
            "vnp_CreateDate": gateway_time(payment.created_at),
            "vnp_ExpireDate": gateway_time(payment.expires_at),
        }

    def redirect_url(self, payment: Payment, *, return_url: str, client_ip: str, language: str) -> str:
        params = self.request_params(payment, return_url=return_url, client_ip=client_ip, language=language)
        separator = "&" if "?" in self.url else "?"
        return f"{self.url}{separator}{hash_data(params)}&vnp_SecureHash={sign(self.secret, params)}"

    def verify(self, params: Mapping[str, str]) -> VerifiedCallback:
        if not signature_valid(self.secret, params):
            raise InvalidSignatureError("vnp_SecureHash does not match")
        if params.get("vnp_TmnCode") != self.merchant_code:
            raise InvalidSignatureError("signed for another merchant code")
        reference = params.get("vnp_TxnRef", "")
        response_code = params.get("vnp_ResponseCode", "")
        if not reference or not response_code:
            raise MalformedCallbackError("vnp_TxnRef or vnp_ResponseCode missing")
        amount = amount_from_gateway(params.get("vnp_Amount", ""))
        success = response_code == SUCCESS and params.get("vnp_TransactionStatus") == SUCCESS
        transaction_no = params.get("vnp_TransactionNo", "")
        return VerifiedCallback(
            reference=reference,
            amount=amount,
            success=success,
            transaction_no="" if transaction_no == "0" else transaction_no,
            bank_code=params.get("vnp_BankCode", ""),
            response_code=response_code,
            paid_at=parse_gateway_time(params.get("vnp_PayDate", "")),
            params={key: str(value) for key, value in params.items()},
        )

    def response_message(self, code: str) -> str:
        return response_message(code)

    def outcome_code(self, outcome: CallbackOutcome) -> str:
        return IPN_CODES[outcome][0]

    def ipn_answer(self, outcome: CallbackOutcome) -> IpnAnswer:
        code, message = IPN_CODES[outcome]
        return IpnAnswer(status=200, body={"RspCode": code, "Message": message})
