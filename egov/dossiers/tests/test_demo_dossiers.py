"""The demo dossiers: every state, real histories through the services, placed relative to today."""

from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from egov.core.models import AuditEntry
from egov.core.services.audit import audit_verify
from egov.dossiers.choices import ACTIVE_STATUSES, DossierStatus, TaskStatus, Timeliness
from egov.dossiers.contracts import ActionData
from egov.dossiers.demo import dossiers_load_demo
from egov.dossiers.models import Dossier, DossierEvent, DossierTask, Rating, ResultDraft
from egov.dossiers.selectors import worklist_counts
from egov.dossiers.services.actions import dossier_act
from egov.dossiers.services.process import role_holders
from egov.identity.models import User
from egov.identity.roles import Role
from egov.organisation.demo.data import DEMO_PASSWORD
from egov.workflow.facade import working_time_between


@pytest.fixture(autouse=True)
def _quiet(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # the online submissions carry a scanned form
    settings.EGOV_CALENDAR_REVALIDATE_SECONDS = 3600  # nothing here writes the calendar; spare the re-reads


def test_the_demo_has_dossiers_in_every_state_with_their_history(demo: None) -> None:
    # when
    summary = dossiers_load_demo()
    # then every state is there, about a hundred dossiers over the demo agencies
    assert set(summary.by_status) == set(DossierStatus.values)
    assert 60 <= summary.created == Dossier.objects.count() <= 120
    assert summary.adjusted == 0  # every story fits between its receipt and now
    assert Dossier.objects.values("receiving_agency").distinct().count() >= 3
    assert Dossier.objects.filter(applicant_user__isnull=False).exists()
    # each dossier has a history that starts with its submission or receipt and never reaches the future
    now = timezone.now()
    for dossier in Dossier.objects.all():
        moments = list(DossierEvent.objects.filter(dossier=dossier).values_list("action", "occurred_at"))
        assert moments[0][0] in ("submit", "receive"), dossier.code
        assert [m for _a, m in moments] == sorted(m for _a, m in moments)
        assert moments[-1][1] <= now
    # finished dossiers are early, on time and late; some were rated, extended, refused
    finished = Dossier.objects.filter(status__in=[DossierStatus.RESOLVED, DossierStatus.RETURNED])
    assert set(finished.values_list("timeliness", flat=True)) == set(Timeliness.values)
    assert Rating.objects.count() >= 10
    assert Dossier.objects.filter(extended_at__isnull=False).count() >= 2
    assert finished.filter(outcome="refused").exists()
    assert DossierEvent.objects.filter(action="send_back").exists()
    # the dossiers in progress are due soon and overdue relative to today, assigned or not
    active = Dossier.objects.filter(status__in=ACTIVE_STATUSES)
    assert active.filter(due_at__lt=now).count() >= 3
    running = DossierTask.objects.filter(status=TaskStatus.ACTIVE, dossier__status=DossierStatus.PROCESSING)
    soon = [t for t in running if timedelta(0) < working_time_between(now, t.due_at) <= timedelta(hours=4)]
    assert len(soon) >= 3
    assert running.filter(assignee__isnull=True).exists()
    assert running.filter(assignee__isnull=False).exists()
    assert running.filter(agency__code="H44.05").exists()  # handed off to the Department of Agriculture
    for username in ("ttpdonghoi_ngothithanhtam", "pdonghoi_nguyenvanhai"):  # the desk and the chairman
        counts = worklist_counts(user=User.objects.get(username=username))
        assert counts["due_soon"] >= 1, username
        assert counts["overdue"] >= 1, username
    # the audit chain holds every action
    assert audit_verify() == []
    assert AuditEntry.objects.filter(action="dossiers.receive").count() >= 50
    # and loading again creates nothing
    dossiers, entries = Dossier.objects.count(), AuditEntry.objects.count()
    assert dossiers_load_demo().created == 0
    assert (Dossier.objects.count(), AuditEntry.objects.count()) == (dossiers, entries)


def test_load_demo_if_empty_adds_the_dossiers_to_a_loaded_province(demo: None) -> None:
    # The fixture's province has no test certificates yet: they come first, the dossiers are skipped.
    first = StringIO()
    call_command("load_demo", "--force", "--if-empty", "--no-dossiers", stdout=first)
    assert "Test certificates issued" in first.getvalue()
    assert not Dossier.objects.exists()
    skipped = StringIO()
    call_command("load_demo", "--force", "--if-empty", "--no-dossiers", stdout=skipped)
    assert skipped.getvalue().strip() == "Demo data already loaded; nothing to do."
    out = StringIO()
    call_command("load_demo", "--force", "--if-empty", stdout=out)
    assert "Demo dossiers loaded" in out.getvalue()
    assert Dossier.objects.exists()
    # Dossiers waiting at a leader's signing step have a draft result submitted for approval (from the
    # result template where the procedure has one) that the leader can approve, sign and seal.
    drafts = ResultDraft.objects.filter(status="submitted", dossier__status="processing").select_related("dossier")
    assert drafts.filter(template__isnull=False).exists()
    draft = drafts.filter(template__isnull=False).first()
    assert draft is not None
    task = draft.dossier.tasks.get(status="active")
    leader = task.assignee or User.objects.get(pk=role_holders(task.agency_id, Role.LEADER)[0])
    code = draft.dossier.code
    if task.assignee_id is None:
        dossier_act(actor=leader, code=code, action="claim", data=ActionData(task_id=task.pk))
    dossier_act(actor=leader, code=code, action="approve_result", data=ActionData(task_id=task.pk))
    signed = dossier_act(
        actor=leader, code=code, action="sign_result", data=ActionData(task_id=task.pk, confirmation=DEMO_PASSWORD)
    )
    draft.refresh_from_db()
    assert signed.files.filter(is_signed=True, signed_from=draft.file).exists()
    again = StringIO()
    call_command("load_demo", "--force", "--if-empty", stdout=again)
    assert again.getvalue().strip() == "Demo data already loaded; nothing to do."
