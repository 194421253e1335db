"""Configuration: a real gateway needs its address, merchant code and secret; the sandbox is an
error for ``check --deploy``."""

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from egov.payments.checks import payments_check_configuration, sandbox_gateway_check
from egov.payments.gateways import hash_secret


def test_the_sandbox_configuration_starts_and_is_reported_for_deployment(settings: Any) -> None:
    payments_check_configuration()
    assert [message.id for message in sandbox_gateway_check(None)] == ["payments.E001"]
    settings.EGOV_PAYMENT_SANDBOX = False
    settings.EGOV_PAYMENT_GATEWAY_URL = "https://pay.vnpay.vn/vpcpay.html"
    assert sandbox_gateway_check(None) == []


@pytest.mark.parametrize(
    ("url", "secret", "merchant"),
    [
        ("/thanh-toan/thu-nghiem/", "REALSECRET", "PROVINCE"),
        ("http://pay.example/vpcpay.html", "REALSECRET", "PROVINCE"),
        ("https://pay.vnpay.vn/vpcpay.html", "", "PROVINCE"),
        ("https://pay.vnpay.vn/vpcpay.html", "REALSECRET", ""),
    ],
)
def test_a_real_gateway_refuses_to_start_half_configured(settings: Any, url: str, secret: str, merchant: str) -> None:
    settings.EGOV_PAYMENT_SANDBOX = False
    settings.EGOV_PAYMENT_GATEWAY_URL = url
    settings.EGOV_PAYMENT_HASH_SECRET = secret
    settings.EGOV_PAYMENT_MERCHANT_CODE = merchant
    with pytest.raises(ImproperlyConfigured):
        payments_check_configuration()


def test_the_derived_secret_depends_on_secret_key(settings: Any) -> None:
    settings.EGOV_PAYMENT_HASH_SECRET = ""
    first = hash_secret()
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    assert hash_secret() != first
    assert len(first) == 32
