from datetime import timedelta

import pytest
import time_machine
from django.db import transaction

from egov.core import clock
from egov.core.models import OutboxMessage, OutboxStatus
from egov.core.services import outbox
from egov.core.services.outbox import outbox_drain, outbox_enqueue, register_outbox_handler


@pytest.fixture
def delivered():
    received: list[str] = []

    def handler(message: OutboxMessage) -> None:
        if message.payload.get("fail"):
            raise RuntimeError("peer is down")
        received.append(message.key)

    register_outbox_handler("test.echo", handler)
    yield received
    outbox._handlers.pop("test.echo", None)


@pytest.mark.django_db
def test_enqueue_is_idempotent_on_key():
    first = outbox_enqueue(topic="test.echo", key="k1", payload={"a": 1})
    second = outbox_enqueue(topic="test.echo", key="k1", payload={"a": 2})
    assert first.pk == second.pk
    assert OutboxMessage.objects.get().payload == {"a": 1}


@pytest.mark.django_db
def test_drain_delivers_once(delivered):
    outbox_enqueue(topic="test.echo", key="k1", payload={})
    outbox_enqueue(topic="test.echo", key="k2", payload={})
    assert outbox_drain() == 2
    assert outbox_drain() == 0
    assert sorted(delivered) == ["k1", "k2"]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.DONE}


@pytest.mark.django_db
def test_rolled_back_transaction_leaves_no_message(delivered):
    def change_that_fails() -> None:
        with transaction.atomic():
            outbox_enqueue(topic="test.echo", key="k1", payload={})
            raise RuntimeError("state change failed")

    with pytest.raises(RuntimeError, match="state change failed"):
        change_that_fails()
    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db
def test_failed_delivery_is_retried_with_backoff(delivered):
    message = outbox_enqueue(topic="test.echo", key="k1", payload={"fail": True})
    assert outbox_drain() == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
    assert "peer is down" in message.last_error
    assert outbox_drain() == 0  # not due yet: backoff
    message.payload = {}
    message.save()
    with time_machine.travel(clock.now() + timedelta(minutes=5)):
        assert outbox_drain() == 1
    assert delivered == ["k1"]


@pytest.mark.django_db
def test_unknown_topic_is_kept_and_reported():
    message = outbox_enqueue(topic="nobody.listens", key="k1", payload={})
    assert outbox_drain() == 0
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert "no handler registered" in message.last_error


@pytest.mark.django_db
def test_gives_up_after_max_attempts(delivered):
    message = outbox_enqueue(topic="test.echo", key="k1", payload={"fail": True})
    for _ in range(outbox.MAX_ATTEMPTS):
        OutboxMessage.objects.filter(pk=message.pk).update(available_at=clock.now())
        outbox_drain()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, outbox.MAX_ATTEMPTS)
