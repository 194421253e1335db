"""What the payments app needs from a payment gateway of the redirect-and-signed-callback kind.

The payer's browser is sent to the gateway with a signed request (``redirect_url``); the gateway
reports the result twice, both signed with the shared secret: by redirecting the browser back
(return URL) and server to server (IPN). ``verify`` checks a callback's signature and reads it;
``ipn_answer`` words our answer to an IPN in the gateway's protocol.
"""

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from egov.payments.models import Payment


class GatewayError(Exception):
    """A callback the gateway could not have sent."""


class InvalidSignatureError(GatewayError):
    """Missing or wrong signature, or signed for another merchant: nothing in it can be trusted."""


class MalformedCallbackError(GatewayError):
    """Correctly signed, but a field the protocol requires is missing or unreadable."""


class CallbackOutcome(enum.StrEnum):
    """How a callback was handled; each gateway words it in its own protocol (``ipn_answer``)."""

    CONFIRMED = "confirmed"  # recorded (paid, or failed as the gateway said)
    NOT_FOUND = "not_found"  # no payment with that reference
    ALREADY_CONFIRMED = "already_confirmed"  # the payment's result was recorded before: nothing changed
    INVALID_AMOUNT = "invalid_amount"  # the amount differs from the payment's
    INVALID_SIGNATURE = "invalid_signature"
    ERROR = "error"  # anything else; the gateway will try again


@dataclass(frozen=True)
class VerifiedCallback:
    """A callback whose signature held, in the gateway's own terms."""

    reference: str  # our payment reference (the merchant's transaction reference)
    amount: Decimal  # in đồng, as the gateway states it
    success: bool  # the gateway says the money was taken
    transaction_no: str  # the gateway's transaction number ("" when the payment did not go through)
    bank_code: str
    response_code: str
    paid_at: datetime | None
    params: dict[str, str]


@dataclass(frozen=True)
class IpnAnswer:
    status: int
    body: dict[str, Any]  # sent as JSON


class PaymentGateway(Protocol):
    name: str

    def redirect_url(self, payment: Payment, *, return_url: str, client_ip: str, language: str) -> str:
        """The gateway address (with the signed request) to send the payer's browser to."""
        ...

    def verify(self, params: Mapping[str, str]) -> VerifiedCallback:
        """Check the signature of a return or IPN callback and read it; raises ``GatewayError``."""
        ...

    def response_message(self, code: str) -> str:
        """A response code of the gateway in words for the payer (translated)."""
        ...

    def outcome_code(self, outcome: CallbackOutcome) -> str:
        """The protocol's code for an outcome (kept on the ``PaymentCallback`` row)."""
        ...

    def ipn_answer(self, outcome: CallbackOutcome) -> IpnAnswer:
        """Our answer to an IPN, in the gateway's protocol."""
        ...
