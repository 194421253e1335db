"""Transactional outbox: side effects recorded with the state change, delivered by a worker.

Write with ``outbox_enqueue`` inside the caller's transaction; ``outbox_drain`` (Celery task
``core.outbox_drain``, every few seconds from beat) hands each row to the handler registered for its
topic. Handlers must be idempotent on the message key: a crash after the handler ran but before the
row was marked done delivers it again.
"""

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import connection, transaction

from egov.core import clock
from egov.core.models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

Handler = Callable[[OutboxMessage], None]
_handlers: dict[str, Handler] = {}
MAX_ATTEMPTS = 12


def register_outbox_handler(topic: str, handler: Handler) -> None:
    """Called from an app's ``AppConfig.ready()``; one handler per topic."""
    existing = _handlers.get(topic)
    if existing is not None and existing is not handler:
        raise ValueError(f"Outbox topic {topic!r} already has a handler.")
    _handlers[topic] = handler


def outbox_enqueue(*, topic: str, key: str, payload: dict[str, Any]) -> OutboxMessage:
    """Record a side effect; a second call with the same key is a no-op (returns the first row)."""
    message, _created = OutboxMessage.objects.get_or_create(
        key=key, defaults={"topic": topic, "payload": payload, "available_at": clock.now()}
    )
    return message


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(2**attempts * 5, 3600))


def outbox_drain(*, limit: int = 100) -> int:
    """Deliver up to ``limit`` due messages; returns how many were delivered."""
    due_ids = list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING, available_at__lte=clock.now())
        .order_by("available_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    delivered = 0
    for message_id in due_ids:
        if _deliver_one(message_id):
            delivered += 1
    return delivered


def _deliver_one(message_id: int) -> bool:
    with transaction.atomic():
        qs = OutboxMessage.objects.filter(id=message_id, status=OutboxStatus.PENDING)
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        message = qs.first()
        if message is None:  # another worker has it, or it was done meanwhile
            return False
        handler = _handlers.get(message.topic)
        try:
            if handler is None:
                raise LookupError(f"no handler registered for topic {message.topic!r}")
            with transaction.atomic():  # a failing handler rolls back only its own writes
                handler(message)
        except Exception as exc:
            message.attempts += 1
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxStatus.FAILED
            message.available_at = clock.now() + _backoff(message.attempts)
            message.save(update_fields=["attempts", "last_error", "status", "available_at"])
            logger.warning("outbox %s failed (attempt %s): %s", message.key, message.attempts, exc)
            return False
        message.status = OutboxStatus.DONE
        message.attempts += 1
        message.processed_at = clock.now()
        message.save(update_fields=["status", "attempts", "processed_at"])
        return True
