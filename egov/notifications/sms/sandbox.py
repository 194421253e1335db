"""The sandbox gateway: keeps what it would send in the ``SandboxSms`` table (the demo's phone)."""

import hashlib
import logging

from egov.core import clock
from egov.notifications.addresses import mask_phone
from egov.notifications.models import SandboxSms

logger = logging.getLogger(__name__)


class SandboxSmsGateway:
    """Behaves like a provider that de-duplicates on the request id, and sends nothing."""

    def send(self, to: str, text: str, idempotency_key: str) -> str:
        message, created = SandboxSms.objects.get_or_create(
            request_id=idempotency_key[:100], defaults={"to": to, "text": text, "created_at": clock.now()}
        )
        digest = hashlib.sha256(text.encode()).hexdigest()[:8]
        logger.info(
            "sandbox SMS %s to %s (%s chars, %s)%s",
            message.pk,
            mask_phone(to),
            len(text),
            digest,
            "" if created else " repeated request: not stored again",
        )
        return f"sandbox-{message.pk}"
