"""The sandbox payment gateway: a stand-in for the bank side of the VNPAY protocol, for the demo and
the tests. No money moves.

It checks an incoming payment request exactly as the real gateway does (signature, merchant code,
version, command, currency, amount, payment window) and refuses a tampered one. When the payer
pays, it notifies the merchant server to server (IPN, through the outbox, so the notification
survives a crash and is retried) and sends the browser back to ``vnp_ReturnUrl``, both signed.

The IPN is a real HTTP GET to ``EGOV_PUBLIC_BASE_URL``. The outbox runs its handler inside a
transaction; on SQLite that transaction holds the database's only write lock, and the IPN request,
which must write, would wait for it while the handler waits for the answer. So on SQLite the GET is
sent just after the outbox commits, and a failed one is enqueued again (at most ``IPN_ATTEMPTS``
times); on PostgreSQL it is sent from the handler and the outbox's back-off retries it.
"""

import json
import logging
import secrets
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.core.models import OutboxMessage
from egov.core.services.outbox import outbox_enqueue
from egov.payments.gateways import hash_secret
from egov.payments.gateways.vnpay import (
    CANCELLED_BY_PAYER,
    SUCCESS,
    VERSION,
    VnpayGateway,
    gateway_time,
    parse_gateway_time,
    signature_valid,
    signed,
)
from egov.payments.models import Payment, PaymentStatus

logger = logging.getLogger(__name__)

SANDBOX_IPN_TOPIC = "payments.sandbox_ipn"
IPN_ATTEMPTS = 10
TIMED_OUT = "11"
TEST_BANKS = (
    ("NCB", "Ngân hàng TMCP Quốc Dân (NCB)"),
    ("VCB", "Vietcombank"),
    ("BIDV", "BIDV"),
    ("VIETINBANK", "VietinBank"),
    ("AGRIBANK", "Agribank"),
)
# What the test bank answers: response code, transaction status.
SIMULATIONS: dict[str, tuple[str, str]] = {
    "success": (SUCCESS, SUCCESS),
    "insufficient_funds": ("51", "02"),
}


class SandboxIpnRefusedError(RuntimeError):
    """Our IPN endpoint did not acknowledge the notification: the outbox tries again."""


@dataclass(frozen=True)
class SandboxOrder:
    params: dict[str, str]  # the signed request, as received
    reference: str
    amount: int  # đồng
    order_info: str
    return_url: str
    expires_at: datetime
    expired: bool
    already_paid: bool


def _refuse(message: Any) -> ApplicationError:
    return ApplicationError(message, code="sandbox_request_invalid", status=400)


def sandbox_order_read(params: dict[str, str]) -> SandboxOrder:
    """Check a payment request as the gateway would; ``ApplicationError`` (400) when it must be refused."""
    if not signature_valid(hash_secret(), params):
        raise _refuse(_("The payment request's signature is not valid: it was changed after the merchant signed it."))
    amount_field = params.get("vnp_Amount", "")
    return_url = params.get("vnp_ReturnUrl", "")
    expires_at = parse_gateway_time(params.get("vnp_ExpireDate", ""))
    if (
        params.get("vnp_Version") != VERSION
        or params.get("vnp_Command") != "pay"
        or params.get("vnp_TmnCode") != settings.EGOV_PAYMENT_MERCHANT_CODE
        or params.get("vnp_CurrCode") != "VND"
        or not params.get("vnp_TxnRef")
        or not amount_field.isdigit()
        or int(amount_field) <= 0
        or int(amount_field) % 100
        or urlsplit(return_url).scheme not in {"http", "https"}
        or expires_at is None
    ):
        raise _refuse(_("The payment request is incomplete or not in the gateway's format."))
    reference = params["vnp_TxnRef"]
    return SandboxOrder(
        params={key: value for key, value in params.items() if key.startswith("vnp_")},
        reference=reference,
        amount=int(amount_field) // 100,
        order_info=params.get("vnp_OrderInfo", ""),
        return_url=return_url,
        expires_at=expires_at,
        expired=clock.now() > expires_at,
        already_paid=Payment.objects.filter(reference=reference, status=PaymentStatus.PAID).exists(),
    )


def _result_params(
    order: SandboxOrder, *, response_code: str, status: str, bank_code: str, paid: bool
) -> dict[str, str]:
    transaction_no = str(10_000_000 + secrets.randbelow(90_000_000)) if paid else "0"
    params = {
        "vnp_Amount": str(order.amount * 100),
        "vnp_BankCode": bank_code,
        "vnp_OrderInfo": order.order_info,
        "vnp_PayDate": gateway_time(clock.now()),
        "vnp_ResponseCode": response_code,
        "vnp_TmnCode": settings.EGOV_PAYMENT_MERCHANT_CODE,
        "vnp_TransactionNo": transaction_no,
        "vnp_TransactionStatus": status,
        "vnp_TxnRef": order.reference,
    }
    if paid:
        params["vnp_BankTranNo"] = f"VNP{transaction_no}"
        params["vnp_CardType"] = "ATM"
    return signed(hash_secret(), params)


def _back_to_merchant(order: SandboxOrder, result: dict[str, str]) -> str:
    separator = "&" if "?" in order.return_url else "?"
    return f"{order.return_url}{separator}{urlencode(result)}"


def sandbox_pay(order: SandboxOrder, *, bank_code: str, simulation: str) -> str:
    """The payer pressed "Pay": notify the merchant (IPN) and give the browser's way back."""
    if order.already_paid:
        raise _refuse(_("This order has already been paid."))
    if order.expired:
        return sandbox_cancel(order, response_code=TIMED_OUT)
    if bank_code not in dict(TEST_BANKS) or simulation not in SIMULATIONS:
        raise _refuse(_("Choose one of the test banks."))
    response_code, status = SIMULATIONS[simulation]
    result = _result_params(
        order, response_code=response_code, status=status, bank_code=bank_code, paid=status == SUCCESS
    )
    with transaction.atomic():
        outbox_enqueue(
            topic=SANDBOX_IPN_TOPIC,
            key=f"{SANDBOX_IPN_TOPIC}:{order.reference}:{result['vnp_TransactionNo']}:{result['vnp_PayDate']}",
            payload={"params": result, "attempt": 1},
        )
    return _back_to_merchant(order, result)


def sandbox_cancel(order: SandboxOrder, *, response_code: str = CANCELLED_BY_PAYER) -> str:
    """The payer cancelled (24), or the payment window ran out (11): the browser goes back."""
    result = _result_params(order, response_code=response_code, status="02", bank_code="VNPAY", paid=False)
    return _back_to_merchant(order, result)


# --- The IPN, delivered by the outbox ----------------------------------------------------------


def ipn_url(params: dict[str, str]) -> str:
    path = reverse("payments:ipn", kwargs={"gateway": VnpayGateway.name})
    return f"{settings.EGOV_PUBLIC_BASE_URL.rstrip('/')}{path}?{urlencode(params)}"


def ipn_send(params: dict[str, str]) -> str:
    """GET our IPN endpoint as the gateway does; returns its RspCode, raises unless 00 or 02."""
    url = ipn_url(params)
    if urlsplit(url).scheme not in {"http", "https"}:
        raise ValueError("EGOV_PUBLIC_BASE_URL must be an http(s) address")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, method="GET", headers={"Accept": "application/json", "User-Agent": "egov-sandbox-gateway/1.0"}
    )
    with urllib.request.urlopen(request, timeout=settings.EGOV_PAYMENT_SANDBOX_IPN_TIMEOUT) as response:  # noqa: S310
        answer = json.loads(response.read(10_000).decode("utf-8"))
    code = str(answer.get("RspCode", ""))
    if code not in {"00", "02"}:
        raise SandboxIpnRefusedError(f"IPN answered {code}: {answer.get('Message', '')}")
    return code


def _send_after_commit(key: str, params: dict[str, str], attempt: int) -> None:
    try:
        ipn_send(params)
    except Exception as error:  # any failure means "try again later"
        logger.warning("sandbox IPN %s attempt %s failed: %s", key, attempt, error)
        if attempt < IPN_ATTEMPTS:
            base_key = key.split("#", 1)[0]
            outbox_enqueue(
                topic=SANDBOX_IPN_TOPIC,
                key=f"{base_key}#{attempt + 1}",
                payload={"params": params, "attempt": attempt + 1},
            )


def sandbox_ipn_deliver(message: OutboxMessage) -> None:
    """Outbox handler of ``payments.sandbox_ipn``; idempotent (the IPN itself is)."""
    params: dict[str, str] = message.payload["params"]
    attempt = int(message.payload.get("attempt", 1))
    if connection.vendor == "sqlite" and connection.in_atomic_block:
        transaction.on_commit(lambda: _send_after_commit(message.key, params, attempt), robust=True)
        return
    ipn_send(params)
