"""The payments app's public surface for the apps above it (dossiers, portal, console).

payment_start(*, purpose, payer, lines, description, return_to, client_ip) -> PaymentStart
payment_get_for(purpose) -> PaymentInfo | None   # the paid attempt if any, else the newest
payment_get(reference) -> PaymentInfo | None
register_payment_listener(prefix, fn)            # fn(PaymentPaid), inside the confirming transaction
receipt_url(reference) -> str                    # the payer's receipt page
"""

from egov.payments.contracts import ChargeLine, PaymentInfo, PaymentPaid, PaymentStart
from egov.payments.listeners import PaymentListener, register_payment_listener
from egov.payments.models import PaymentStatus
from egov.payments.selectors import payment_get, payment_get_for, receipt_url
from egov.payments.services.start import payment_start

__all__ = [
    "ChargeLine",
    "PaymentInfo",
    "PaymentListener",
    "PaymentPaid",
    "PaymentStart",
    "PaymentStatus",
    "payment_get",
    "payment_get_for",
    "payment_start",
    "receipt_url",
    "register_payment_listener",
]
