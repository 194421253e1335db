"""Plain data crossing into and out of the payments app."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ChargeLine:
    description: str
    unit_amount: int  # whole đồng
    quantity: int
    amount: int


@dataclass(frozen=True)
class PaymentStart:
    reference: str
    redirect_url: str  # send the payer's browser here (the gateway's payment page)


@dataclass(frozen=True)
class PaymentInfo:
    reference: str
    purpose: str
    status: str  # PaymentStatus
    amount: int
    currency: str
    created_at: datetime
    paid_at: datetime | None
    receipt_number: str | None
    gateway: str
    return_to: str
    description: str = ""
    failure_code: str = ""  # the gateway's response code of a failed or cancelled attempt
    failure_message: str = ""  # that code in words for the payer (translated)
    receipt_url: str = ""  # the payer's receipt page, once paid


@dataclass(frozen=True)
class PaymentPaid:
    """Given to the listeners registered for the purpose's prefix, inside the confirming transaction."""

    reference: str
    purpose: str
    amount: int
    paid_at: datetime
    payer_id: int | None
