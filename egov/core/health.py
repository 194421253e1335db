"""GET /healthz: JSON status of the database, the broker and file storage."""

import time
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _check_database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def _check_broker() -> dict[str, Any]:
    from celery import current_app

    with current_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=3)
        # ensure_connection() opens nothing for kombu's virtual transports (the SQLite broker):
        # declaring a queue makes every transport really reach its store.
        channel: Any = conn.default_channel  # kombu's type hints say only StdChannel
        channel.queue_declare(queue="egov.healthz", durable=False, auto_delete=True)
        channel.queue_delete(queue="egov.healthz")
        transport = conn.transport_cls
    return {"transport": str(transport)}


def _check_storage() -> dict[str, Any]:
    name = default_storage.save("healthz/probe.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as handle:
            if handle.read() != b"ok":
                raise OSError("storage returned different content")
    finally:
        default_storage.delete(name)
    return {"backend": type(default_storage).__name__}


CHECKS: dict[str, Callable[[], dict[str, Any]]] = {
    "database": _check_database,
    "broker": _check_broker,
    "storage": _check_storage,
}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    components: dict[str, Any] = {}
    healthy = True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            detail = check()
            components[name] = {"status": "ok", **detail}
        except Exception as exc:
            healthy = False
            components[name] = {"status": "error", "error": f"{type(exc).__name__}: {exc}"[:300]}
        components[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return JsonResponse(
        {"status": "ok" if healthy else "error", "components": components},
        status=200 if healthy else 503,
    )
