"""SMS through a gateway: the sandbox for the demo and tests, or a brandname provider's HTTP API.

A gateway takes the number in E.164 (``+84905110001``), the text and an idempotency key, and
returns the provider's message id. The key is stable for one delivery across retries: a provider
that de-duplicates on it sends a retried request once.
"""

from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class SmsError(Exception):
    """The gateway did not take the message."""


class SmsPermanentError(SmsError):
    """Retrying cannot help (the number is invalid, the content is refused)."""


class SmsTransientError(SmsError):
    """Try again later (network, provider busy or down, our credentials being fixed)."""


class SmsGateway(Protocol):
    def send(self, to: str, text: str, idempotency_key: str) -> str:
        """Hand the message over; returns the provider's message id."""
        ...


GATEWAYS = ("sandbox", "http", "off")


def sms_enabled() -> bool:
    return str(settings.EGOV_SMS_GATEWAY) != "off"


def sms_gateway() -> SmsGateway:
    """The gateway the settings choose (read on each call, so an operator's change needs no code)."""
    name = str(settings.EGOV_SMS_GATEWAY)
    if name == "sandbox":
        from egov.notifications.sms.sandbox import SandboxSmsGateway

        return SandboxSmsGateway()
    if name == "http":
        from egov.notifications.sms.http import HttpSmsGateway

        return HttpSmsGateway.from_settings()
    raise ImproperlyConfigured(f"EGOV_SMS_GATEWAY must be one of {', '.join(GATEWAYS)}; SMS is {name!r}.")
