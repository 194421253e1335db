"""Actions that move a dossier through its internal process: take, assign, complete, send back, refuse."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.dossiers.choices import DossierStatus, Outcome, TaskStatus
from egov.dossiers.contracts import ActionData
from egov.dossiers.models import Dossier, DossierTask
from egov.dossiers.services.guards import active_tasks, actor_task, require_reasons
from egov.dossiers.services.notices import tell_applicant, tell_assignee
from egov.dossiers.services.process import (
    activate_stage,
    handling_agency_at,
    holds_role,
    is_return_stage,
    next_stage_index,
    previous_stage_index,
    stage_indices,
)
from egov.dossiers.timing import classify, required
from egov.organisation.facade import has_permission
from egov.workflow.facade import working_time_between


def close_task(
    task: DossierTask, *, actor: Any, now: datetime, action: str, status: str = TaskStatus.DONE, note: str = ""
) -> None:
    task.status = status
    task.finished_at = now
    task.finished_by = actor if getattr(actor, "pk", None) else None
    # Pauses moved the due time, so the allotted time minus what is left is the time spent.
    task.spent_seconds = max(0, task.allotted_seconds - int(working_time_between(now, task.due_at).total_seconds()))
    task.timeliness = classify(now, task.due_at)
    task.closing_action = action
    task.note = note
    task.save()


def cancel_active(dossier: Dossier, *, now: datetime, action: str) -> None:
    for task in active_tasks(dossier):
        close_task(task, actor=None, now=now, action=action, status=TaskStatus.CANCELLED)


def resolve(dossier: Dossier, *, now: datetime, outcome: str) -> None:
    """The result is ready (Đã xử lý xong): the moment that counts for timeliness (QĐ 766, 2.1)."""
    dossier.status = DossierStatus.RESOLVED
    dossier.outcome = outcome
    dossier.finished_at = now
    dossier.timeliness = classify(now, required(dossier.legal_due_at))


def _advance(dossier: Dossier, index: int, *, now: datetime, assignee_id: int | None) -> list[DossierTask]:
    """Start the stage after the one at ``index``; reaching the return stage resolves the dossier."""
    snapshot = dossier.process_snapshot
    for i in stage_indices(snapshot, index):
        if snapshot[i].get("hand_off_agency_id"):
            dossier.handling_agency_id = int(snapshot[i]["hand_off_agency_id"])
    nxt = next_stage_index(snapshot, index)
    if nxt is None:
        resolve(dossier, now=now, outcome=Outcome.GRANTED)
        return []
    if is_return_stage(snapshot, nxt):
        resolve(dossier, now=now, outcome=Outcome.GRANTED)
        dossier.save()
        return activate_stage(dossier, nxt, now=now)
    dossier.save()
    return activate_stage(dossier, nxt, now=now, assignee_id=assignee_id)


def act_complete(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    """forward / approve / sign: the actor's step is done; the next stage starts when the whole
    stage is done (parallel steps wait for each other)."""
    task = actor_task(dossier, actor, action, data.task_id)
    close_task(task, actor=actor, now=now, action=action, note=data.note)
    siblings_open = [
        t for t in active_tasks(dossier) if t.step_index in stage_indices(dossier.process_snapshot, task.step_index)
    ]
    started: list[DossierTask] = []
    if not siblings_open:
        started = _advance(dossier, task.step_index, now=now, assignee_id=data.assignee_id)
    for new in started:
        tell_assignee(new)
    if dossier.status == DossierStatus.RESOLVED:
        tell_applicant(dossier, kind="resolved")
    recorded: dict[str, Any] = {"step": task.name, "started": [t.name for t in started]}
    named = next((t for t in started if data.assignee_id is not None and t.assignee_id == data.assignee_id), None)
    if named is not None and named.assignee is not None:  # forwarded to a named handler, not to the role
        recorded |= {"assignee_id": named.assignee_id, "assignee": named.assignee.full_name or named.assignee.username}
    return {"task": task, "data": recorded}


def act_send_back(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    task = actor_task(dossier, actor, action, data.task_id)
    snapshot = dossier.process_snapshot
    previous = previous_stage_index(snapshot, task.step_index)
    if previous is None:
        raise ApplicationError(
            _("This is the first step; there is no step to send the dossier back to."),
            code="dossier.no_previous_step",
            status=409,
        )
    if not data.note.strip():
        raise ApplicationError(
            _("Say why the dossier is sent back."), code="dossier.note_required", fields={"note": [_("Enter a note.")]}
        )
    close_task(task, actor=actor, now=now, action=action, status=TaskStatus.SENT_BACK, note=data.note)
    cancel_active(dossier, now=now, action=action)
    first = stage_indices(snapshot, previous)[0]
    dossier.handling_agency_id = handling_agency_at(dossier, first)
    dossier.save()
    last_done = dossier.tasks.filter(step_index=previous, status=TaskStatus.DONE).order_by("-finished_at").first()
    single = len(stage_indices(snapshot, previous)) == 1
    assignee = last_done.finished_by_id if (single and last_done and last_done.finished_by_id) else None
    if assignee is not None and not holds_role(assignee, last_done.agency_id, last_done.role):  # type: ignore[union-attr]
        assignee = None
    started = activate_stage(dossier, previous, now=now, assignee_id=assignee)
    for new in started:
        tell_assignee(new)
    return {"task": task, "data": {"step": task.name, "back_to": [t.name for t in started]}}


def act_claim(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    candidates = [
        t
        for t in active_tasks(dossier)
        if t.assignee_id is None
        and (data.task_id is None or t.pk == data.task_id)
        and holds_role(actor.pk, t.agency_id, t.role)
    ]
    if not candidates:
        raise ApplicationError(
            _("There is no unassigned step of this dossier for your role."), code="dossier.nothing_to_claim", status=409
        )
    task = candidates[0]
    task.assignee = actor
    task.save(update_fields=["assignee"])
    return {"task": task, "data": {"step": task.name}}


def act_assign(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    tasks = [t for t in active_tasks(dossier) if data.task_id is None or t.pk == data.task_id]
    if not tasks or data.assignee_id is None:
        raise ApplicationError(
            _("Choose the step and the officer to assign it to."),
            code="dossier.assign_incomplete",
            fields={"assignee_id": [_("Choose an officer.")]},
        )
    task = tasks[0]
    if not has_permission(actor, "dossiers.assign", task.agency_id):
        raise PermissionDeniedError(_("Only a leader of the step's agency may assign it."), code="dossier.leader_only")
    if not holds_role(data.assignee_id, task.agency_id, task.role):
        raise ApplicationError(
            _("The chosen officer does not hold the role this step needs in its agency."),
            code="dossier.assignee_not_eligible",
            fields={"assignee_id": [_("Choose an officer who holds the step's role.")]},
        )
    task.assignee_id = data.assignee_id
    task.save(update_fields=["assignee"])
    tell_assignee(task)
    return {"task": task, "data": {"step": task.name, "assignee_id": data.assignee_id}}


def act_refuse(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    """Refusal after examination (not eligible): the refusal with its reasons is the result."""
    task = actor_task(dossier, actor, action, data.task_id)
    reasons = require_reasons(data.reasons)
    close_task(task, actor=actor, now=now, action=action, note=data.note)
    cancel_active(dossier, now=now, action=action)
    dossier.reasons = reasons
    resolve(dossier, now=now, outcome=Outcome.REFUSED)
    dossier.save()
    snapshot = dossier.process_snapshot
    back = next((i for i in range(len(snapshot)) if is_return_stage(snapshot, i)), None)
    if back is not None:
        for new in activate_stage(dossier, back, now=now):
            tell_assignee(new)
    tell_applicant(dossier, kind="refused")
    return {"task": task, "data": {"reasons": reasons}}
