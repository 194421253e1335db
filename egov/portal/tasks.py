"""Celery tasks of the portal (thin: the work is in ``services/applications.py``)."""

from celery import shared_task

from egov.portal.services.applications import application_purge_expired


@shared_task(name="portal.purge_expired_applications", ignore_result=True)
def purge_expired_applications_task() -> int:
    return application_purge_expired()
