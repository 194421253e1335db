from celery import shared_task

from egov.core.services.outbox import outbox_drain


@shared_task(name="core.outbox_drain", ignore_result=True)
def outbox_drain_task(limit: int = 100) -> int:
    return outbox_drain(limit=limit)
