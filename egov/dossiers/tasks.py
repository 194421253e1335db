"""Celery tasks of the one-stop engine (thin: the work is in ``services/deadlines.py``)."""

from celery import shared_task

from egov.core import clock
from egov.dossiers.services.deadlines import escalate_overdue, warn_dossiers_due, warn_due_soon


@shared_task(name="dossiers.warn_due_soon", ignore_result=True)
def warn_due_soon_task() -> int:
    return warn_due_soon(clock.now())


@shared_task(name="dossiers.escalate_overdue", ignore_result=True)
def escalate_overdue_task() -> int:
    return escalate_overdue(clock.now())


@shared_task(name="dossiers.warn_dossiers_due", ignore_result=True)
def warn_dossiers_due_task() -> int:
    return warn_dossiers_due(clock.now())
