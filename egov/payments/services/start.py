"""Starting a payment: the attempt is recorded, then the payer's browser is sent to the gateway.

One purpose (``dossier:<code>``, ``application:<uuid>``) is paid at most once. An unpaid attempt
with the same amount that the gateway still accepts for a while is offered again (same reference),
so a payer who comes back from the gateway's page without paying does not pile up attempts. Any
other unpaid attempt of the purpose is closed (cancelled, or expired past its time); if the gateway
still confirms it later, the money was taken and the confirmation is honoured (services/callbacks.py).
"""

import base64
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.core.services.audit import audit_record
from egov.payments.contracts import ChargeLine, PaymentStart
from egov.payments.gateways import gateway_default
from egov.payments.models import Payment, PaymentStatus

REFERENCE_PREFIX = "TT"
# An attempt is offered again only if the payer still has this long to pay at the gateway.
REUSE_MIN_REMAINING = timedelta(minutes=3)
# vnp_Amount is Numeric[1,12] and carries the amount times 100.
MAX_AMOUNT = 10**10 - 1
RETURN_TO_MAX = 500


def new_reference() -> str:
    """``TT`` + yymmdd + 8 random base32 characters (40 bits): unique, and unguessable."""
    day = clock.today().strftime("%y%m%d")
    return f"{REFERENCE_PREFIX}{day}{base64.b32encode(secrets.token_bytes(5)).decode()}"


def return_url(gateway_name: str) -> str:
    """The absolute address the gateway sends the payer's browser back to (vnp_ReturnUrl)."""
    base = settings.EGOV_PUBLIC_BASE_URL.rstrip("/")
    return base + reverse("payments:return", kwargs={"gateway": gateway_name})


def clean_return_to(value: str) -> str:
    """A path on this site only: anything else would make us an open redirect."""
    if (
        not value.startswith("/")
        or value.startswith(("//", "/\\"))
        or len(value) > RETURN_TO_MAX
        or any(ord(ch) < 32 or ch == "\\" for ch in value)
        or not url_has_allowed_host_and_scheme(value, allowed_hosts=None)
    ):
        raise ApplicationError(
            _("The page to come back to after paying must be an address on this site."),
            code="payment_return_to_invalid",
        )
    return value


def clean_lines(lines: list[ChargeLine]) -> int:
    """Check each fee line adds up; the total to pay, which must be positive."""
    if not lines:
        raise ApplicationError(_("There is nothing to pay."), code="payment_nothing_to_pay")
    for line in lines:
        if not line.description.strip():  # a receipt names each fee (ND 123/2020/NĐ-CP Điều 32)
            raise ApplicationError(_("A fee line has no name."), code="payment_line_unnamed")
        if line.quantity < 1 or line.unit_amount < 0 or line.amount != line.unit_amount * line.quantity:
            raise ApplicationError(
                _("A fee line is not consistent: the amount must be the unit amount times the quantity."),
                code="payment_line_invalid",
            )
    total = sum(line.amount for line in lines)
    if total <= 0:
        raise ApplicationError(_("There is nothing to pay."), code="payment_nothing_to_pay")
    if total > MAX_AMOUNT:
        raise ApplicationError(_("The amount is too large to be paid online."), code="payment_amount_too_large")
    return total


def _close_unpaid(payment: Payment, *, now: Any) -> None:
    status = PaymentStatus.EXPIRED if payment.expires_at <= now else PaymentStatus.CANCELLED
    payment.status = status
    payment.save(update_fields=["status"])
    audit_record(
        actor=None,
        action="payments.close",
        obj=payment,
        changes={"status": str(status), "reason": "superseded by a new attempt"},
    )


def payment_start(
    *,
    purpose: str,
    payer: Any,
    lines: list[ChargeLine],
    description: str,
    return_to: str,
    client_ip: str,
) -> PaymentStart:
    """Record an attempt to pay ``lines`` for ``purpose`` and give the gateway address to send the
    payer to. Raises ``ApplicationError`` for bad input, 409 if the purpose is already paid."""
    purpose = purpose.strip()
    if not purpose or len(purpose) > 100:
        raise ApplicationError(_("The payment has no valid purpose."), code="payment_purpose_invalid")
    description = " ".join(description.split())[:255]
    if not description:
        raise ApplicationError(_("The payment needs a description."), code="payment_description_missing")
    total = clean_lines(lines)
    return_to = clean_return_to(return_to)
    payer_user = payer if getattr(payer, "is_authenticated", False) else None
    gateway = gateway_default()
    now = clock.now()
    with transaction.atomic():
        attempts = list(Payment.objects.select_for_update().filter(purpose=purpose).order_by("-created_at", "-id"))
        if any(attempt.status == PaymentStatus.PAID for attempt in attempts):
            raise ApplicationError(_("This has already been paid."), code="payment_already_paid", status=409)
        payment = next(
            (
                attempt
                for attempt in attempts
                if attempt.status == PaymentStatus.PENDING
                and attempt.amount == total
                and attempt.payer_id == getattr(payer_user, "pk", None)
                and attempt.gateway == gateway.name
                and attempt.expires_at - now >= REUSE_MIN_REMAINING
            ),
            None,
        )
        for attempt in attempts:
            if attempt.status == PaymentStatus.PENDING and attempt is not payment:
                _close_unpaid(attempt, now=now)
        if payment is None:
            payment = _create(
                purpose=purpose,
                payer=payer_user,
                lines=lines,
                total=total,
                description=description,
                return_to=return_to,
                gateway_name=gateway.name,
                now=now,
            )
        elif payment.return_to != return_to:
            payment.return_to = return_to
            payment.save(update_fields=["return_to"])
    url = gateway.redirect_url(
        payment,
        return_url=return_url(gateway.name),
        client_ip=client_ip,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    return PaymentStart(reference=payment.reference, redirect_url=url)


def _create(
    *,
    purpose: str,
    payer: Any,
    lines: list[ChargeLine],
    total: int,
    description: str,
    return_to: str,
    gateway_name: str,
    now: Any,
) -> Payment:
    reference = new_reference()
    while Payment.objects.filter(reference=reference).exists():  # 40 random bits: practically never
        reference = new_reference()
    payment = Payment.objects.create(
        reference=reference,
        purpose=purpose,
        payer=payer,
        description=description,
        items=[
            {
                "description": line.description,
                "unit_amount": line.unit_amount,
                "quantity": line.quantity,
                "amount": line.amount,
            }
            for line in lines
        ],
        amount=total,
        gateway=gateway_name,
        return_to=return_to,
        created_at=now,
        expires_at=now + timedelta(minutes=settings.EGOV_PAYMENT_TIMEOUT_MINUTES),
    )
    audit_record(
        actor=payer,
        action="payments.start",
        obj=payment,
        changes={"purpose": purpose, "amount": total, "gateway": gateway_name},
    )
    return payment
