"""System checks of the SMS settings (``manage.py check``; the sandbox warning with ``--deploy``)."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from egov.notifications.sms import GATEWAYS

_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@register(Tags.compatibility)
def sms_gateway_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    name = str(settings.EGOV_SMS_GATEWAY)
    if name not in GATEWAYS:
        return [
            Error(f"EGOV_SMS_GATEWAY is {name!r}.", hint=f"Use one of: {', '.join(GATEWAYS)}.", id="notifications.E001")
        ]
    if name != "http":
        return []
    missing = [
        setting
        for setting in ("EGOV_SMS_HTTP_URL", "EGOV_SMS_HTTP_API_KEY", "EGOV_SMS_BRANDNAME")
        if not getattr(settings, setting, "")
    ]
    if missing:
        return [Error(f"The HTTP SMS gateway needs {', '.join(missing)}.", id="notifications.E002")]
    url = urlsplit(str(settings.EGOV_SMS_HTTP_URL))
    if url.scheme != "https" and url.hostname not in _LOCAL_HOSTS:
        return [
            Error(
                "EGOV_SMS_HTTP_URL must use https: the API key and citizens' numbers travel in the request.",
                id="notifications.E003",
            )
        ]
    return []


@register(Tags.compatibility, deploy=True)
def sms_sandbox_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if str(settings.EGOV_SMS_GATEWAY) == "sandbox":
        return [
            Warning(
                "SMS go to the sandbox: applicants receive no text messages.",
                hint='Set EGOV_SMS_GATEWAY="http" with the provider settings, or "off" to say so on purpose.',
                id="notifications.W001",
            )
        ]
    return []
