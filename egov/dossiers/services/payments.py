"""Fees paid online after submission (a payment whose purpose is ``dossier:<code>``, egov.payments).

The payment gateway's confirmation arrives through the payments app's listener, inside the
transaction that marks the payment paid: the dossier shows it paid if and only if the payment is.
"""

from typing import Any

from django.db import transaction

from egov.dossiers.contracts import PaymentRecord
from egov.dossiers.models import Dossier
from egov.dossiers.services.history import lock_dossier, record
from egov.dossiers.services.notices import tell_applicant

DOSSIER_PURPOSE_PREFIX = "dossier:"


def payment_purpose(dossier: Dossier) -> str:
    return f"{DOSSIER_PURPOSE_PREFIX}{dossier.code}"


@transaction.atomic
def dossier_record_payment(*, code: str, payment: PaymentRecord, actor: Any = None) -> Dossier | None:
    """Record a confirmed payment once (the gateway may confirm the same reference twice)."""
    dossier = Dossier.objects.filter(code=code).first()
    if dossier is None or dossier.payment_reference == payment.reference:
        return dossier
    dossier = lock_dossier(code, None)
    dossier.paid_amount += payment.amount
    dossier.payment_reference = payment.reference[:40]
    dossier.paid_at = payment.paid_at
    dossier.save(update_fields=["paid_amount", "payment_reference", "paid_at", "version", "updated_at"])
    record(
        dossier,
        actor=actor,
        action="pay",
        from_status=dossier.status,
        now=payment.paid_at,
        data={"amount": payment.amount, "reference": payment.reference},
    )
    tell_applicant(dossier, kind="paid")
    return dossier
