"""The payment gateways the app can speak to, configured from settings (config/settings/payments.py)."""

import hashlib
import hmac

from django.conf import settings

from egov.payments.gateways.base import PaymentGateway
from egov.payments.gateways.vnpay import VnpayGateway

GATEWAY_NAMES = ("vnpay",)


def hash_secret() -> str:
    """The configured secret; outside production an empty one is derived from SECRET_KEY (only our
    sandbox gateway, which shares the settings, can then sign callbacks)."""
    configured: str = settings.EGOV_PAYMENT_HASH_SECRET
    if configured:
        return configured
    digest = hmac.new(settings.SECRET_KEY.encode(), b"egov.payments.hash-secret", hashlib.sha256).hexdigest()
    return digest[:32].upper()


def gateway_get(name: str) -> PaymentGateway:
    """The gateway called ``name``; ``LookupError`` for one we do not speak."""
    if name == VnpayGateway.name:
        return VnpayGateway(
            url=settings.EGOV_PAYMENT_GATEWAY_URL,
            merchant_code=settings.EGOV_PAYMENT_MERCHANT_CODE,
            secret=hash_secret(),
        )
    raise LookupError(f"unknown payment gateway {name!r}")


def gateway_default() -> PaymentGateway:
    return gateway_get(settings.EGOV_PAYMENT_GATEWAY)
