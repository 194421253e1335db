"""Intake decisions on online submissions, the return of results, notes, transfers out (drafting and
signing the result: ``drafting.py``)."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.dossiers.choices import DossierStatus, FileKind, ReturnMethod, TaskStatus
from egov.dossiers.contracts import ActionData
from egov.dossiers.models import Dossier
from egov.dossiers.ports import external_transfer
from egov.dossiers.services.files import store_files
from egov.dossiers.services.guards import (
    active_tasks,
    actor_task,
    require_desk,
    require_participant,
    require_reasons,
)
from egov.dossiers.services.intake import accept_submitted
from egov.dossiers.services.notices import tell_applicant
from egov.dossiers.services.process import holds_role
from egov.dossiers.services.steps import close_task
from egov.identity.roles import Role


def act_accept(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    require_desk(dossier, actor)
    accept_submitted(dossier, actor=actor, now=now)
    tell_applicant(dossier, kind="accepted")
    return {"task": None, "data": {"due_at": dossier.due_at.isoformat() if dossier.due_at else ""}}


def act_reject(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    """Not accepted (Phiếu từ chối tiếp nhận, Mẫu 03): outside competence or not acceptable."""
    require_desk(dossier, actor)
    reasons = require_reasons(data.reasons)
    dossier.status = DossierStatus.REJECTED
    dossier.reasons = reasons
    dossier.finished_at = now
    dossier.pauses.filter(ended_at__isnull=True).update(ended_at=now)
    dossier.save()
    tell_applicant(dossier, kind="rejected")
    return {"task": None, "data": {"reasons": reasons}}


def act_return_result(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    returning = [t for t in active_tasks(dossier) if holds_role(actor.pk, t.agency_id, Role.DESK_OFFICER)]
    if returning:
        for task in returning:
            close_task(task, actor=actor, now=now, action=action, note=data.note)
        if active_tasks(dossier):
            raise ApplicationError(
                _("Another desk must also hand over its part of the result."), code="dossier.return_pending", status=409
            )
    elif active_tasks(dossier):
        require_desk(dossier, actor, active_tasks(dossier)[0].agency_id)
    else:
        require_desk(dossier, actor)
    if data.return_method:
        if data.return_method not in ReturnMethod.values:
            raise ApplicationError(_("Choose how the result was delivered."), code="dossier.return_method")
        dossier.return_method = data.return_method
    dossier.status = DossierStatus.RETURNED
    dossier.returned_at = now
    dossier.save()
    tell_applicant(dossier, kind="returned")
    return {"task": returning[0] if returning else None, "data": {"return_method": dossier.return_method}}


def act_note(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    require_participant(dossier, actor)
    if not data.note.strip() and not data.files:
        raise ApplicationError(
            _("Write a note or attach a file."), code="dossier.note_empty", fields={"note": [_("Enter a note.")]}
        )
    mine = [t for t in active_tasks(dossier) if t.assignee_id == actor.pk]
    stored = store_files(
        dossier, data.files, actor=actor, now=now, kind=FileKind.WORKING, task=mine[0] if mine else None
    )
    return {"task": mine[0] if mine else None, "data": {"files": [f.name for f in stored]}}


def act_transfer_out(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    task = actor_task(dossier, actor, "transfer_to_agency", data.task_id)
    port = external_transfer()
    if port is None:
        raise ApplicationError(
            _("Transfers outside the province go through the inter-agency exchange, which is not connected yet."),
            code="dossier.exchange_unavailable",
            status=409,
        )
    if not data.target.strip():
        raise ApplicationError(
            _("Enter the code of the receiving agency."),
            code="dossier.target_required",
            fields={"target": [_("Required.")]},
        )
    reference = port.transfer(dossier, target=data.target.strip(), note=data.note)
    return {
        "task": task,
        "data": {"target": data.target.strip(), "reference": reference, "task_status": TaskStatus.ACTIVE},
    }
