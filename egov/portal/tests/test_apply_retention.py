"""Drafts are kept PORTAL_DRAFT_RETENTION_DAYS after their last change, then erased with their files."""

from datetime import timedelta

from django.test import Client

from egov.core.models import AuditEntry
from egov.portal.models import Application
from egov.portal.services.applications import application_purge_expired
from egov.portal.tests.conftest import attach_mandatory, draft_url, start_draft


def test_a_change_keeps_the_draft_longer(owner_client: Client, settings, travel):
    application = start_draft(owner_client)
    first = application.expires_at
    travel(application.updated_at + timedelta(days=3))
    owner_client.force_login(application.citizen)
    owner_client.post(draft_url(application, "buoc/1/"), {"authority.registry_office": "UBND", "action": "save"})
    application.refresh_from_db()
    assert application.expires_at - first == timedelta(days=3)
    assert application.expires_at - application.updated_at < timedelta(seconds=1) + timedelta(
        days=settings.PORTAL_DRAFT_RETENTION_DAYS
    )


def test_purge_erases_expired_drafts_and_their_files(
    owner_client: Client, settings, django_capture_on_commit_callbacks
):
    from pathlib import Path

    old = start_draft(owner_client)
    attach_mandatory(owner_client, old)
    kept = start_draft(owner_client)
    Application.objects.filter(pk=old.pk).update(expires_at=old.created_at - timedelta(seconds=1))
    stored = list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    assert len(stored) == 2
    # when
    with django_capture_on_commit_callbacks(execute=True):
        deleted = application_purge_expired()
    # then
    assert deleted == 1
    assert list(Application.objects.values_list("pk", flat=True)) == [kept.pk]
    assert list(Path(settings.MEDIA_ROOT).rglob("*.pdf")) == []
    assert AuditEntry.objects.filter(action="portal.application_purge", object_id=str(old.pk)).count() == 1
    assert application_purge_expired() == 0


def test_the_nightly_task_purges_through_the_same_service(owner_client: Client):
    from egov.portal.tasks import purge_expired_applications_task

    old = start_draft(owner_client)
    Application.objects.filter(pk=old.pk).update(expires_at=old.created_at - timedelta(seconds=1))
    assert purge_expired_applications_task.apply().get() == 1
    assert not Application.objects.filter(pk=old.pk).exists()
