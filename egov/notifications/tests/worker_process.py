"""A worker process for ``test_worker_crash.py``: runs the outbox drain (the body of the Celery task
``core.outbox_drain``) in its own process until the outbox message ``KEY`` is no longer pending.

    python -m egov.notifications.tests.worker_process KEY TIMEOUT_SECONDS

Prints "ready" once Django is set up; exits 0 when the message is done, 1 on timeout. The database
and the SMTP server come from the environment (DATABASE_URL, EMAIL_HOST, EMAIL_PORT).
"""

import sys
import time


def main(key: str, timeout: float) -> int:
    import django

    django.setup()
    from egov.core.models import OutboxMessage, OutboxStatus
    from egov.core.tasks import outbox_drain_task

    sys.stdout.write("ready\n")
    sys.stdout.flush()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        outbox_drain_task()  # a Celery task called directly runs here, in this process
        if OutboxMessage.objects.filter(key=key).exclude(status=OutboxStatus.PENDING).exists():
            return 0
        time.sleep(0.2)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2])))
