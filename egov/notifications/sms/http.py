"""A brandname SMS provider's JSON-over-HTTPS API (the kind Vietnamese carriers and resellers offer).

Request (one message)::

    POST <EGOV_SMS_HTTP_URL>
    Authorization: Bearer <EGOV_SMS_HTTP_API_KEY>
    Idempotency-Key: <key>
    Content-Type: application/json

    {"requestId": "<key>", "brandname": "<EGOV_SMS_BRANDNAME>", "sender": "<EGOV_SMS_HTTP_SENDER>",
     "to": "84905110001", "text": "...", "unicode": false}

The request id is the delivery's stable idempotency key: a retry after a lost answer carries the
same id, and the provider sends that message once. Answers:

- 2xx: accepted; the JSON body's ``messageId`` (or ``id``) is the provider's message id.
- 409: a request with this id was accepted before, so the message is already on its way: success.
- 400, 404, 413, 422 and other 4xx: the number or the content is refused: permanent, not retried.
- 401, 403: our credentials are wrong or expired: retried (the operator fixes the key meanwhile).
- 408, 425, 429, 5xx, timeouts and network errors: retried with back-off.
"""

from typing import Any

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from egov.notifications.sms import SmsPermanentError, SmsTransientError

_RETRYABLE_4XX = frozenset({401, 403, 408, 425, 429})


class HttpSmsGateway:
    def __init__(
        self, *, url: str, api_key: str, brandname: str, sender: str = "", timeout: float = 10, unicode: bool = False
    ) -> None:
        if not url or not api_key or not brandname:
            raise ImproperlyConfigured("The HTTP SMS gateway needs EGOV_SMS_HTTP_URL, _API_KEY and EGOV_SMS_BRANDNAME.")
        self.url = url
        self.api_key = api_key
        self.brandname = brandname
        self.sender = sender
        self.timeout = timeout
        self.unicode = unicode

    @classmethod
    def from_settings(cls) -> "HttpSmsGateway":
        return cls(
            url=settings.EGOV_SMS_HTTP_URL,
            api_key=settings.EGOV_SMS_HTTP_API_KEY,
            brandname=settings.EGOV_SMS_BRANDNAME,
            sender=settings.EGOV_SMS_HTTP_SENDER,
            timeout=settings.EGOV_SMS_HTTP_TIMEOUT,
            unicode=not settings.EGOV_SMS_ASCII,
        )

    def send(self, to: str, text: str, idempotency_key: str) -> str:
        payload: dict[str, Any] = {
            "requestId": idempotency_key,
            "brandname": self.brandname,
            "sender": self.sender,
            "to": to.removeprefix("+"),
            "text": text,
            "unicode": self.unicode,
        }
        headers = {"Authorization": f"Bearer {self.api_key}", "Idempotency-Key": idempotency_key}
        try:
            response = requests.post(self.url, json=payload, headers=headers, timeout=self.timeout)
        except requests.RequestException as error:
            raise SmsTransientError(f"SMS provider unreachable: {type(error).__name__}") from error
        status = response.status_code
        if 200 <= status < 300 or status == 409:
            return _message_id(response) or idempotency_key
        detail = f"SMS provider answered HTTP {status}: {response.text[:300]}"
        if status >= 500 or status in _RETRYABLE_4XX:
            raise SmsTransientError(detail)
        raise SmsPermanentError(detail)


def _message_id(response: requests.Response) -> str:
    try:
        body: Any = response.json()
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    for name in ("messageId", "id", "message_id"):
        if body.get(name):
            return str(body[name])[:255]
    return ""
