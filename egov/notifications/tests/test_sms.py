"""SMS deliveries: the sandbox gateway (the demo's phone) and the brandname provider's HTTP API,
spoken to a local HTTP server: the request, idempotent retries, permanent and transient refusals."""

import json
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from egov.core import clock
from egov.core.models import OutboxMessage, OutboxStatus
from egov.core.services.outbox import outbox_drain
from egov.notifications.models import Delivery, DeliveryStatus, SandboxSms
from egov.notifications.services.applicant import idempotency_key
from egov.notifications.sms.sandbox import SandboxSmsGateway
from egov.notifications.tests.factories import CODE, E164, tell

pytestmark = pytest.mark.django_db


class Provider:
    """A brandname SMS provider: answers from a script of (status, body, delay) and keeps the requests."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.script: list[tuple[int, dict[str, Any], float]] = []
        self.url = ""

    def answer(self, status: int, body: dict[str, Any] | None = None, delay: float = 0) -> None:
        self.script.append((status, body or {}, delay))


@pytest.fixture
def provider(settings: Any) -> Iterator[Provider]:
    fake = Provider()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            fake.requests.append(
                {"path": self.path, "headers": dict(self.headers), "json": json.loads(self.rfile.read(length))}
            )
            status, body, delay = fake.script.pop(0) if fake.script else (200, {"messageId": "ok"}, 0)
            time.sleep(delay)
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/v1/sms/send"
    settings.EGOV_SMS_GATEWAY = "http"
    settings.EGOV_SMS_HTTP_URL = fake.url
    settings.EGOV_SMS_HTTP_API_KEY = "test-key-123"
    settings.EGOV_SMS_BRANDNAME = "QUANGTRI.GOV"
    settings.EGOV_SMS_HTTP_SENDER = "ubnd-quangtri"
    settings.EGOV_SMS_HTTP_TIMEOUT = 1
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def sms_delivery() -> Delivery:
    return Delivery.objects.get(channel="sms")


def test_the_sandbox_keeps_the_sms_instead_of_sending_it() -> None:
    tell("supplement", email="")
    outbox_drain()
    stored = SandboxSms.objects.get()
    delivery = sms_delivery()
    assert stored.to == E164
    assert stored.text == delivery.body
    assert stored.text.startswith(f"Ho so {CODE} can bo sung giay to.")
    assert stored.request_id == idempotency_key(delivery.dedupe_key)
    assert (delivery.status, delivery.provider_message_id) == (DeliveryStatus.SENT, f"sandbox-{stored.pk}")


def test_the_sandbox_stores_a_repeated_request_once() -> None:
    gateway = SandboxSmsGateway()
    first = gateway.send(E164, "Ho so da co ket qua", "egov-abc")
    again = gateway.send(E164, "Ho so da co ket qua", "egov-abc")
    assert first == again
    assert SandboxSms.objects.count() == 1


def test_the_http_gateway_posts_the_message_with_its_idempotency_key(provider: Provider) -> None:
    provider.answer(200, {"messageId": "vt-000123"})
    tell("supplement", email="")
    outbox_drain()
    [request] = provider.requests
    delivery = sms_delivery()
    key = idempotency_key(delivery.dedupe_key)
    assert request["path"] == "/v1/sms/send"
    assert request["json"] == {
        "requestId": key,
        "brandname": "QUANGTRI.GOV",
        "sender": "ubnd-quangtri",
        "to": "84905110001",
        "text": delivery.body,
        "unicode": False,
    }
    assert request["headers"]["Authorization"] == "Bearer test-key-123"
    assert request["headers"]["Idempotency-Key"] == key
    assert (delivery.status, delivery.provider_message_id, delivery.attempts) == (DeliveryStatus.SENT, "vt-000123", 1)


def test_a_provider_error_is_retried_with_the_same_request_id(provider: Provider, travel: Any) -> None:
    travel(clock.now())
    provider.answer(503, {"error": "busy"})
    provider.answer(200, {"id": "vt-000124"})
    tell("supplement", email="")
    outbox_drain()
    assert sms_delivery().status == DeliveryStatus.QUEUED
    assert "HTTP 503" in OutboxMessage.objects.get().last_error
    travel(clock.now() + timedelta(seconds=11))
    outbox_drain()
    delivery = sms_delivery()
    assert (delivery.status, delivery.provider_message_id, delivery.attempts) == (DeliveryStatus.SENT, "vt-000124", 2)
    first, second = (r["json"]["requestId"] for r in provider.requests)
    assert first == second == idempotency_key(delivery.dedupe_key)  # the provider can drop a repeat


def test_a_timeout_is_retried(provider: Provider) -> None:
    provider.answer(200, {"messageId": "late"}, delay=2)  # longer than EGOV_SMS_HTTP_TIMEOUT
    tell("supplement", email="")
    outbox_drain()
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
    assert "SmsTransientError" in message.last_error
    assert sms_delivery().status == DeliveryStatus.QUEUED


def test_a_request_the_provider_already_has_counts_as_sent(provider: Provider) -> None:
    provider.answer(409, {"messageId": "vt-000125", "error": "duplicate requestId"})
    tell("supplement", email="")
    outbox_drain()
    assert (sms_delivery().status, sms_delivery().provider_message_id) == (DeliveryStatus.SENT, "vt-000125")


def test_a_number_the_provider_refuses_is_failed_at_once(provider: Provider) -> None:
    provider.answer(400, {"error": "invalid destination"})
    tell("supplement", email="")
    outbox_drain()
    delivery = sms_delivery()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 1)
    assert "HTTP 400" in delivery.last_error
    assert "invalid destination" in delivery.last_error
    assert OutboxMessage.objects.get().status == OutboxStatus.DONE


def test_wrong_credentials_are_retried_not_failed(provider: Provider) -> None:
    provider.answer(401, {"error": "bad key"})
    tell("supplement", email="")
    outbox_drain()
    assert sms_delivery().status == DeliveryStatus.QUEUED
    assert OutboxMessage.objects.get().status == OutboxStatus.PENDING


def test_sms_switched_off_after_queueing_fails_the_waiting_sms(settings: Any) -> None:
    tell("supplement", email="")
    settings.EGOV_SMS_GATEWAY = "off"
    outbox_drain()
    assert sms_delivery().status == DeliveryStatus.FAILED
    assert "switched off" in sms_delivery().last_error
