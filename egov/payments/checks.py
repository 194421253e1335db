"""Configuration checks: at start-up (a real gateway without its secret must not start) and for
``manage.py check --deploy`` (the sandbox gateway marks fees paid without money)."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured


def payments_check_configuration() -> None:
    """Called from ``PaymentsConfig.ready()``: with the sandbox off, payers go to a real gateway,
    which needs its own https address, merchant code and hash secret."""
    if settings.EGOV_PAYMENT_SANDBOX:
        return
    url = settings.EGOV_PAYMENT_GATEWAY_URL
    if url == settings.EGOV_PAYMENT_SANDBOX_PATH or urlsplit(url).scheme != "https":
        raise ImproperlyConfigured(
            "EGOV_PAYMENT_GATEWAY_URL must be the payment gateway's https address when EGOV_PAYMENT_SANDBOX is off."
        )
    if not settings.EGOV_PAYMENT_HASH_SECRET:
        raise ImproperlyConfigured(
            "Set EGOV_PAYMENT_HASH_SECRET to the gateway's hash secret: a derived secret is for the sandbox only."
        )
    if not settings.EGOV_PAYMENT_MERCHANT_CODE:
        raise ImproperlyConfigured("Set EGOV_PAYMENT_MERCHANT_CODE to the merchant code the gateway issued.")


@register(Tags.security, deploy=True)
def sandbox_gateway_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.EGOV_PAYMENT_SANDBOX:
        return [
            Error(
                "The sandbox payment gateway is on: anyone can mark a fee paid without paying.",
                hint="Set EGOV_PAYMENT_SANDBOX=0 and configure EGOV_PAYMENT_GATEWAY_URL, "
                "EGOV_PAYMENT_MERCHANT_CODE and EGOV_PAYMENT_HASH_SECRET (config/settings/payments.py).",
                id="payments.E001",
            )
        ]
    return []
