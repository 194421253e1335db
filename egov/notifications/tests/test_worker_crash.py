"""Must show: a notification is sent once even when the worker dies mid-send.

A real worker process sends an e-mail to a real SMTP server that holds the DATA unanswered; while it
is stuck there a second worker process runs and must leave the message alone; the first is killed
with SIGKILL; the second then delivers. The server accepted the message exactly once, and the
Delivery is recorded sent once. (``services/delivery.py`` explains why, and what window remains.)

The workers are separate processes, so they need a database they can open: on PostgreSQL the test
database itself; on SQLite (whose test database lives in this process's memory) a file copy of it,
copied back when the workers are done so the test reads what they wrote.
"""

import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from egov.core.models import AuditEntry, OutboxMessage, OutboxStatus
from egov.notifications.models import Delivery, DeliveryStatus
from egov.notifications.tests.factories import tell
from egov.notifications.tests.smtp import SmtpSink

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]


@contextmanager
def shared_database(tmp_path: Path) -> Iterator[str]:
    """A DATABASE_URL other processes can open, showing this test's data (see the module docstring)."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
        yield f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{quote(db['NAME'])}"
        return
    assert connection.vendor == "sqlite"
    if not connection.is_in_memory_db():  # type: ignore[attr-defined]  # the SQLite wrapper's
        yield f"sqlite:///{db['NAME']}"
        return
    copy = tmp_path / "shared.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(copy)])
    yield f"sqlite:///{copy}"
    connection.ensure_connection()
    source = sqlite3.connect(copy)
    try:
        source.backup(connection.connection)  # the workers' writes, back into the test database
    finally:
        source.close()


def start_worker(key: str, env: dict[str, str]) -> subprocess.Popen[str]:
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "egov.notifications.tests.worker_process", key, "90"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert worker.stdout is not None
    ready, _w, _x = select.select([worker.stdout], [], [], 60)
    assert ready, "the worker did not start"
    assert worker.stdout.readline().strip() == "ready"
    return worker


def test_a_notification_is_sent_once_even_when_the_worker_dies_mid_send(smtp: SmtpSink, tmp_path: Path) -> None:
    # given a supplementation request queued for e-mail, and an SMTP server that will hold its DATA
    tell("supplement", phone="")
    delivery = Delivery.objects.get()
    key = f"notifications.delivery:{delivery.pk}"
    smtp.stall_next()
    with shared_database(tmp_path) as database_url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.django.test",
            "EGOV_SKIP_DOTENV": "1",
            "DATABASE_URL": database_url,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "EMAIL_TIMEOUT": "120",
        }
        first = start_worker(key, env)
        try:
            # when the first worker has sent the whole message and waits for the server's answer
            assert smtp.stalled.wait(60), "the first worker never reached DATA"
            # a second worker runs meanwhile and must not send it too
            second = start_worker(key, env)
            time.sleep(1.5)
            assert smtp.data_message_ids == [delivery.provider_message_id]
            # and the first worker dies mid-send
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=30)
            # then the second worker delivers it
            assert second.wait(timeout=120) == 0, second.stdout.read() if second.stdout else ""
        finally:
            for worker in (first, locals().get("second")):
                if worker is not None and worker.poll() is None:
                    worker.kill()
                    worker.wait()
    assert first.returncode == -signal.SIGKILL
    # the server got the DATA twice, abandoned the dead worker's copy and accepted one
    message_id = delivery.provider_message_id
    assert smtp.data_message_ids == [message_id, message_id]  # the same Message-ID on the retry
    assert smtp.abandoned == [message_id]
    assert [m["Message-ID"] for m in smtp.accepted] == [message_id]
    # and the delivery is recorded sent, once
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)
    assert delivery.sent_at is not None
    assert AuditEntry.objects.filter(action="notifications.delivery_sent", object_id=str(delivery.pk)).count() == 1
    assert OutboxMessage.objects.get(key=key).status == OutboxStatus.DONE
