"""The gateway's signed callbacks: the payer's browser coming back (return) and the server-to-server
notification (IPN). Both are handled the same way, in the gateway protocol's order of checks:
signature → reference → amount → state; every callback is kept as a ``PaymentCallback`` row, whether
its signature held or not, with what we answered.

Decisions:
- A forged callback (bad signature, or signed for another merchant) changes nothing.
- A repeated confirmation changes nothing and is answered "already confirmed": the listeners run
  once, and the payment keeps its one receipt number.
- A confirmation is honoured whatever the attempt's state here (pending, failed, cancelled,
  expired): the gateway enforces the payment window itself (vnp_ExpireDate), so a success it
  reports means the payer's money was taken in time, and an IPN may arrive late because the
  gateway retries. Refusing it would leave a citizen charged with nothing to show.
- If another attempt of the same purpose was paid meanwhile (the payer paid twice, from two
  pages), the second one is marked ``refund_due`` instead of paid: a purpose is paid once, and the
  agency refunds the second payment.
- An unsuccessful result closes a pending attempt as failed (cancelled when the payer cancelled);
  the payer can start again, with a new reference.
"""

import ipaddress
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from egov.core import clock
from egov.core.services.audit import audit_record
from egov.payments.contracts import PaymentPaid
from egov.payments.gateways import gateway_get
from egov.payments.gateways.base import (
    CallbackOutcome,
    GatewayError,
    InvalidSignatureError,
    PaymentGateway,
    VerifiedCallback,
)
from egov.payments.gateways.vnpay import CANCELLED_BY_PAYER
from egov.payments.listeners import notify_listeners
from egov.payments.models import CallbackKind, Payment, PaymentCallback, PaymentStatus
from egov.payments.services.receipts import receipt_number_next

logger = logging.getLogger(__name__)

MAX_PARAMS = 60
MAX_VALUE_LENGTH = 500


@dataclass(frozen=True)
class CallbackResult:
    outcome: CallbackOutcome
    code: str  # the gateway protocol's code for the outcome
    payment: Payment | None
    verified: VerifiedCallback | None


@dataclass(frozen=True)
class _Applied:
    outcome: CallbackOutcome
    payment: Payment | None
    message: str


def payment_callback_handle(
    *, gateway_name: str, kind: CallbackKind, params: Mapping[str, str], remote_addr: str | None
) -> CallbackResult:
    """Verify, record and act on one callback. ``LookupError`` for a gateway we do not speak."""
    gateway = gateway_get(gateway_name)
    try:
        verified = gateway.verify(params)
    except GatewayError as error:
        outcome = (
            CallbackOutcome.INVALID_SIGNATURE if isinstance(error, InvalidSignatureError) else CallbackOutcome.ERROR
        )
        logger.warning("payments: %s %s callback refused (%s) from %s", gateway_name, kind, error, remote_addr)
        _record(
            gateway,
            kind=kind,
            params=params,
            remote_addr=remote_addr,
            applied=_Applied(outcome, None, str(error)),
            signature_valid=not isinstance(error, InvalidSignatureError),
        )
        return CallbackResult(outcome=outcome, code=gateway.outcome_code(outcome), payment=None, verified=None)
    try:
        with transaction.atomic():
            applied = _apply(verified, gateway_name=gateway.name)
            _record(gateway, kind=kind, params=params, remote_addr=remote_addr, applied=applied, signature_valid=True)
    except Exception as error:  # a listener or the database failed: nothing was kept; the gateway retries
        logger.exception("payments: confirming %s failed", verified.reference)
        payment = Payment.objects.filter(reference=verified.reference).first()
        applied = _Applied(CallbackOutcome.ERROR, payment, f"{type(error).__name__}: {error}")
        _record(gateway, kind=kind, params=params, remote_addr=remote_addr, applied=applied, signature_valid=True)
    return CallbackResult(
        outcome=applied.outcome,
        code=gateway.outcome_code(applied.outcome),
        payment=applied.payment,
        verified=verified,
    )


def ipn_source_allowed(remote_addr: str | None) -> bool:
    """``EGOV_PAYMENT_IPN_ALLOWED_IPS`` (addresses or networks; empty: any address)."""
    allowed: list[str] = settings.EGOV_PAYMENT_IPN_ALLOWED_IPS
    if not allowed:
        return True
    address = _clean_addr(remote_addr)
    if address is None:
        return False
    ip = ipaddress.ip_address(address)
    for entry in allowed:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            logger.error("payments: EGOV_PAYMENT_IPN_ALLOWED_IPS entry %r is not an address or network", entry)
    return False


def payment_callback_refuse(
    *, gateway_name: str, kind: CallbackKind, params: Mapping[str, str], remote_addr: str | None, reason: str
) -> CallbackResult:
    """Keep a callback refused before its signature was looked at (e.g. from an address not allowed)."""
    gateway = gateway_get(gateway_name)
    applied = _Applied(CallbackOutcome.ERROR, None, reason)
    _record(gateway, kind=kind, params=params, remote_addr=remote_addr, applied=applied, signature_valid=False)
    logger.warning("payments: %s %s callback from %s refused: %s", gateway_name, kind, remote_addr, reason)
    return CallbackResult(
        outcome=applied.outcome, code=gateway.outcome_code(applied.outcome), payment=None, verified=None
    )


def _apply(verified: VerifiedCallback, *, gateway_name: str) -> _Applied:
    payment = Payment.objects.select_for_update().filter(reference=verified.reference, gateway=gateway_name).first()
    if payment is None:
        return _Applied(CallbackOutcome.NOT_FOUND, None, "no such reference")
    if verified.amount != payment.amount:
        logger.warning("payments: %s confirmed for %s, expected %s", payment.reference, verified.amount, payment.amount)
        return _Applied(CallbackOutcome.INVALID_AMOUNT, payment, f"amount {verified.amount} != {payment.amount}")
    if payment.status == PaymentStatus.PAID or payment.refund_due:
        return _Applied(CallbackOutcome.ALREADY_CONFIRMED, payment, "already recorded")
    if verified.success:
        return _confirm(payment, verified)
    if payment.status != PaymentStatus.PENDING:
        return _Applied(CallbackOutcome.ALREADY_CONFIRMED, payment, f"already {payment.status}")
    return _fail(payment, verified)


def _confirm(payment: Payment, verified: VerifiedCallback) -> _Applied:
    paid_at = verified.paid_at or clock.now()
    payment.gateway_transaction = verified.transaction_no[:64]
    payment.bank_code = verified.bank_code[:20]
    previous = str(payment.status)
    already_paid = (
        Payment.objects.select_for_update()
        .filter(purpose=payment.purpose, status=PaymentStatus.PAID)
        .exclude(pk=payment.pk)
        .exists()
    )
    if already_paid:
        payment.refund_due = True
        payment.failure_code = verified.response_code[:10]
        payment.save(update_fields=["gateway_transaction", "bank_code", "refund_due", "failure_code"])
        audit_record(
            actor=None,
            action="payments.refund_due",
            obj=payment,
            changes={
                "purpose": payment.purpose,
                "amount": int(payment.amount),
                "transaction": payment.gateway_transaction,
            },
        )
        logger.warning(
            "payments: %s paid after its purpose %s was paid: refund due", payment.reference, payment.purpose
        )
        return _Applied(CallbackOutcome.CONFIRMED, payment, "purpose already paid by another attempt: refund due")
    payment.status = PaymentStatus.PAID
    payment.paid_at = paid_at
    payment.failure_code = ""
    payment.receipt_number = receipt_number_next(year=timezone.localtime(paid_at).year)
    payment.save(
        update_fields=["status", "paid_at", "gateway_transaction", "bank_code", "failure_code", "receipt_number"]
    )
    audit_record(
        actor=None,
        action="payments.paid",
        obj=payment,
        changes={
            "from": previous,
            "purpose": payment.purpose,
            "amount": int(payment.amount),
            "transaction": payment.gateway_transaction,
            "bank": payment.bank_code,
            "receipt_number": payment.receipt_number,
        },
    )
    notify_listeners(
        PaymentPaid(
            reference=payment.reference,
            purpose=payment.purpose,
            amount=int(payment.amount),
            paid_at=paid_at,
            payer_id=payment.payer_id,
        )
    )
    return _Applied(CallbackOutcome.CONFIRMED, payment, f"paid, receipt {payment.receipt_number}")


def _fail(payment: Payment, verified: VerifiedCallback) -> _Applied:
    cancelled = verified.response_code == CANCELLED_BY_PAYER
    payment.status = PaymentStatus.CANCELLED if cancelled else PaymentStatus.FAILED
    payment.failure_code = verified.response_code[:10]
    payment.save(update_fields=["status", "failure_code"])
    audit_record(
        actor=None,
        action="payments.fail",
        obj=payment,
        changes={"status": str(payment.status), "response_code": payment.failure_code},
    )
    return _Applied(CallbackOutcome.CONFIRMED, payment, f"{payment.status} ({payment.failure_code})")


def _clean_params(params: Mapping[str, str]) -> dict[str, Any]:
    kept = list(params.items())[:MAX_PARAMS]
    return {str(key)[:100]: str(value)[:MAX_VALUE_LENGTH] for key, value in kept}


def _clean_addr(remote_addr: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address(remote_addr or ""))
    except ValueError:
        return None


def _record(
    gateway: PaymentGateway,
    *,
    kind: CallbackKind,
    params: Mapping[str, str],
    remote_addr: str | None,
    applied: _Applied,
    signature_valid: bool,
) -> PaymentCallback:
    return PaymentCallback.objects.create(
        payment=applied.payment,
        gateway=gateway.name,
        kind=kind,
        params=_clean_params(params),
        signature_valid=signature_valid,
        result_code=gateway.outcome_code(applied.outcome),
        message=applied.message[:255],
        remote_addr=_clean_addr(remote_addr),
        received_at=clock.now(),
    )
