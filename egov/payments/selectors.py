"""Reads of payments, as the frozen ``PaymentInfo`` other apps receive.

An attempt still pending after its ``expires_at`` is shown as expired: the gateway no longer
accepts it (vnp_ExpireDate), and a new attempt is started instead of offering it again.
"""

from typing import Any

from django.urls import reverse

from egov.core import clock
from egov.payments.contracts import PaymentInfo
from egov.payments.gateways import GATEWAY_NAMES, gateway_get
from egov.payments.models import Payment, PaymentStatus


def effective_status(payment: Payment) -> str:
    if payment.status == PaymentStatus.PENDING and payment.expires_at <= clock.now():
        return PaymentStatus.EXPIRED
    return str(payment.status)


def receipt_url(reference: str) -> str:
    return reverse("payments:receipt", kwargs={"reference": reference})


def _failure_message(payment: Payment) -> str:
    if not payment.failure_code or payment.gateway not in GATEWAY_NAMES:
        return ""
    return gateway_get(payment.gateway).response_message(payment.failure_code)


def payment_info(payment: Payment) -> PaymentInfo:
    return PaymentInfo(
        reference=payment.reference,
        purpose=payment.purpose,
        status=effective_status(payment),
        amount=int(payment.amount),
        currency=payment.currency,
        created_at=payment.created_at,
        paid_at=payment.paid_at,
        receipt_number=payment.receipt_number,
        gateway=payment.gateway,
        return_to=payment.return_to,
        description=payment.description,
        failure_code=payment.failure_code,
        failure_message=_failure_message(payment),
        receipt_url=receipt_url(payment.reference) if payment.status == PaymentStatus.PAID else "",
    )


def payment_get(reference: str) -> PaymentInfo | None:
    payment = Payment.objects.filter(reference=reference).first()
    return payment_info(payment) if payment is not None else None


def payment_get_for(purpose: str) -> PaymentInfo | None:
    """The paid payment of ``purpose`` if there is one, else its newest attempt."""
    payment = (
        Payment.objects.filter(purpose=purpose, status=PaymentStatus.PAID).first()
        or Payment.objects.filter(purpose=purpose).order_by("-created_at", "-id").first()
    )
    return payment_info(payment) if payment is not None else None


def payment_get_paid_for_payer(*, reference: str, user: Any) -> Payment | None:
    """The paid payment ``reference`` if ``user`` paid it (receipts are shown to the payer only)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Payment.objects.select_related("payer")
        .filter(reference=reference, payer_id=user.pk, status=PaymentStatus.PAID)
        .first()
    )
