"""The sandbox's IPN delivered by the outbox as a real HTTP request to a running server."""

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import Client

from egov.core.models import OutboxMessage, OutboxStatus
from egov.core.services.outbox import outbox_drain
from egov.payments.contracts import PaymentPaid
from egov.payments.models import Payment, PaymentCallback
from egov.payments.sandbox import SANDBOX_IPN_TOPIC
from egov.payments.tests.conftest import make_citizen, start
from egov.payments.tests.test_views_flow import hidden_fields


@pytest.mark.django_db(transaction=True)
def test_the_ipn_reaches_the_server_before_the_browser_returns(
    live_server: Any, settings: Any, paid_events: list[PaymentPaid]
) -> None:
    settings.EGOV_PUBLIC_BASE_URL = live_server.url
    citizen = make_citizen("citizen-live", full_name="Lê Thị Hoa", citizen_id="044195007777", phone="0905000333")
    client = Client()
    client.force_login(citizen)
    started = start(citizen)
    form = hidden_fields(client.get(started.redirect_url).content.decode())
    paid = client.post("/thanh-toan/thu-nghiem/", form | {"bank": "NCB", "simulation": "success", "action": "pay"})
    assert paid["Location"].startswith(live_server.url)
    # the worker drains the outbox: a real GET to the live server's IPN endpoint
    assert outbox_drain() == 1
    payment = Payment.objects.get()
    assert payment.status == "paid"
    assert payment.receipt_number is not None
    ipn = PaymentCallback.objects.get(kind="ipn")
    assert (ipn.signature_valid, ipn.result_code, ipn.remote_addr) == (True, "00", "127.0.0.1")
    assert OutboxMessage.objects.get(topic=SANDBOX_IPN_TOPIC).status == OutboxStatus.DONE
    # the browser comes back afterwards: nothing more happens, and it lands where it started
    back = urlsplit(paid["Location"])
    returned = client.get(f"{back.path}?{back.query}")
    assert returned["Location"].endswith(f"payment={started.reference}")
    assert list(PaymentCallback.objects.values_list("kind", "result_code")) == [("ipn", "00"), ("return", "02")]
    assert len(paid_events) == 1


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_ipn_endpoint_is_tried_again(settings: Any) -> None:
    settings.EGOV_PUBLIC_BASE_URL = "http://127.0.0.1:9"  # discard port: connection refused
    citizen = make_citizen("citizen-retry", full_name="Phan Văn An", citizen_id="044196008888", phone="0905000444")
    client = Client()
    client.force_login(citizen)
    started = start(citizen)
    form = hidden_fields(client.get(started.redirect_url).content.decode())
    client.post("/thanh-toan/thu-nghiem/", form | {"bank": "NCB", "simulation": "success", "action": "pay"})
    outbox_drain()
    messages = list(OutboxMessage.objects.filter(topic=SANDBOX_IPN_TOPIC).order_by("id"))
    assert Payment.objects.get().status == "pending"
    if connection.vendor == "sqlite":  # sent after the outbox's commit; the retry is a new message
        assert [(m.status, m.payload["attempt"]) for m in messages] == [("done", 1), ("pending", 2)]
    else:  # sent from the handler; the outbox's back-off retries the same message
        assert [(m.status, m.attempts) for m in messages] == [("pending", 1)]
