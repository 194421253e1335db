"""Who may act on a dossier: the checks the transition table names."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.dossiers.choices import TaskStatus
from egov.dossiers.models import Dossier, DossierTask
from egov.dossiers.services.process import holds_role, step_allows
from egov.organisation.facade import has_permission


def active_tasks(dossier: Dossier) -> list[DossierTask]:
    return list(dossier.tasks.filter(status=TaskStatus.ACTIVE).order_by("step_index", "pk"))


def actor_task(dossier: Dossier, actor: Any, action: str, task_id: int | None) -> DossierTask:
    """The actor's step in progress on which ``action`` is taken: assigned to them, or unassigned
    and of a role they hold in the step's agency."""
    mine = [
        task
        for task in active_tasks(dossier)
        if (task_id is None or task.pk == task_id)
        and (
            task.assignee_id == actor.pk
            or (task.assignee_id is None and holds_role(actor.pk, task.agency_id, task.role))
        )
    ]
    if not mine:
        raise PermissionDeniedError(
            _("You have no step of this dossier in progress. Take the work first, or ask your leader to assign it."),
            code="dossier.not_your_step",
        )
    task = mine[0]
    if not step_allows(dossier.process_snapshot[task.step_index], action):
        raise ApplicationError(
            _("The internal process does not allow this action at the current step."),
            code="dossier.action_not_in_step",
            status=409,
        )
    return task


def require_desk(dossier: Dossier, actor: Any, agency_id: int | None = None) -> None:
    if not has_permission(actor, "dossiers.receive", agency_id or dossier.receiving_agency_id):
        raise PermissionDeniedError(
            _("Only one-stop desk officers of the receiving agency may do this."), code="dossier.desk_only"
        )


def is_applicant(dossier: Dossier, actor: Any) -> bool:
    return dossier.applicant_user_id is not None and dossier.applicant_user_id == getattr(actor, "pk", None)


def require_applicant_or_desk(dossier: Dossier, actor: Any) -> None:
    if not is_applicant(dossier, actor):
        require_desk(dossier, actor)


def require_leader(dossier: Dossier, actor: Any) -> None:
    agencies = {dossier.handling_agency_id, dossier.receiving_agency_id}
    agencies |= {t.agency_id for t in active_tasks(dossier)}
    if not any(has_permission(actor, "dossiers.assign", agency_id) for agency_id in agencies):
        raise PermissionDeniedError(
            _("Only a leader of an agency handling the dossier may do this."), code="dossier.leader_only"
        )


def require_participant(dossier: Dossier, actor: Any) -> None:
    agency_ids = dossier.participants.values_list("agency_id", flat=True)
    if not any(has_permission(actor, "dossiers.process", agency_id) for agency_id in agency_ids):
        raise PermissionDeniedError(
            _("Only officers of an agency working on this dossier may do this."), code="dossier.not_participant"
        )


def require_reasons(reasons: tuple[str, ...]) -> list[str]:
    cleaned = [r.strip() for r in reasons if r and r.strip()]
    if not cleaned:
        raise ApplicationError(
            _("State the reasons; the applicant receives them in writing."),
            code="dossier.reasons_required",
            fields={"reasons": [_("Enter at least one reason.")]},
        )
    return cleaned
