"""The outbox drained by a real Celery worker through a real broker.

The embedded SQLite broker always runs; CI adds Redis/RabbitMQ through CELERY_TEST_BROKER_URLS
(comma-separated), so the same worker code is proven on the production brokers too.
"""

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app
from egov.core.models import OutboxMessage, OutboxStatus
from egov.core.services import outbox
from egov.core.services.outbox import outbox_enqueue, register_outbox_handler
from egov.core.tasks import outbox_drain_task


def _broker_dir() -> Path:
    return Path(tempfile.gettempdir()) / "egov-test-broker" / str(os.getpid())


def _broker_urls(tmp_root: Path) -> list[str]:
    urls = [f"sqla+sqlite:///{tmp_root / 'broker.sqlite3'}"]
    urls += [u.strip() for u in os.environ.get("CELERY_TEST_BROKER_URLS", "").split(",") if u.strip()]
    return urls


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "broker_url" in metafunc.fixturenames:
        urls = _broker_urls(_broker_dir())
        metafunc.parametrize("broker_url", urls, ids=[u.split(":", 1)[0] for u in urls])


@pytest.fixture
def celery_worker_on(broker_url: str) -> Iterator[None]:
    _broker_dir().mkdir(parents=True, exist_ok=True)
    saved = {"broker_url": app.conf.broker_url, "task_always_eager": app.conf.task_always_eager}
    app.conf.update(broker_url=broker_url, task_always_eager=False)
    _reset_connections()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.update(**saved)
        _reset_connections()


def _reset_connections() -> None:
    """Drop pooled connections and producers so the next task goes to the broker under test."""
    celery_app: Any = app  # private pool attributes are not in the type stubs
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_worker_drains_outbox_through_broker(broker_url: str, celery_worker_on: None) -> None:
    delivered: list[str] = []
    register_outbox_handler("test.worker", lambda message: delivered.append(message.key))
    try:
        # given two pending side effects
        outbox_enqueue(topic="test.worker", key="w1", payload={})
        outbox_enqueue(topic="test.worker", key="w2", payload={})
        # when the task goes through the broker to the worker
        outbox_drain_task.delay()
        deadline = time.monotonic() + 30

        def statuses() -> set[str]:
            return set(OutboxMessage.objects.values_list("status", flat=True))

        # (a message is marked done when the worker's transaction commits, a moment after its handler ran)
        while time.monotonic() < deadline and (len(delivered) < 2 or statuses() != {OutboxStatus.DONE}):
            time.sleep(0.1)
        # then both were delivered exactly once and marked done
        assert sorted(delivered) == ["w1", "w2"]
        assert statuses() == {OutboxStatus.DONE}
    finally:
        outbox._handlers.pop("test.worker", None)
