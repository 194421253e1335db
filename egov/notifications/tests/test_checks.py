"""System checks of the SMS settings."""

from typing import Any

import pytest

from egov.notifications.checks import sms_gateway_check, sms_sandbox_check


def ids(messages: list[Any]) -> list[str]:
    return [m.id for m in messages]


def test_the_sandbox_is_fine_in_development_and_a_warning_for_deployment(settings: Any) -> None:
    settings.EGOV_SMS_GATEWAY = "sandbox"
    assert sms_gateway_check(None) == []
    assert ids(sms_sandbox_check(None)) == ["notifications.W001"]


@pytest.mark.parametrize(
    ("gateway", "url", "key", "expected"),
    [
        ("carrier-pigeon", "", "", ["notifications.E001"]),
        ("http", "", "k", ["notifications.E002"]),
        ("http", "http://sms.example.vn/send", "k", ["notifications.E003"]),
        ("http", "http://127.0.0.1:9000/send", "k", []),
        ("http", "https://sms.example.vn/send", "k", []),
        ("off", "", "", []),
    ],
)
def test_the_gateway_settings_are_checked(settings: Any, gateway: str, url: str, key: str, expected: list[str]) -> None:
    settings.EGOV_SMS_GATEWAY = gateway
    settings.EGOV_SMS_HTTP_URL = url
    settings.EGOV_SMS_HTTP_API_KEY = key
    settings.EGOV_SMS_BRANDNAME = "QUANGTRI.GOV"
    assert ids(sms_gateway_check(None)) == expected
