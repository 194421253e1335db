"""Who may act on a dossier: the checks the transition table names."""

from collections.abc import Callable
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.dossiers.choices import DossierStatus, ResultDraftStatus, TaskStatus
from egov.dossiers.models import Dossier, DossierTask, ResultDraft
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


def passes(check: Callable[[], object]) -> bool:
    """Whether a guard lets the action through now (guards only read; the action panel asks them)."""
    try:
        check()
    except ApplicationError:
        return False
    return True


# Result drafting (ND 30/2020/NĐ-CP Điều 10-13): drafted at an examining step, approved and signed
# at the signing (or approving) step; after the result is ready, corrections by the agencies working
# on the dossier and their leaders.
SIGNING_STEP_ACTIONS = frozenset({"sign", "approve"})
NOT_DRAFTING_STEP_ACTIONS = SIGNING_STEP_ACTIONS | {"return_result"}
OPEN_DRAFT_STATUSES = (
    ResultDraftStatus.DRAFT,
    ResultDraftStatus.SUBMITTED,
    ResultDraftStatus.RETURNED,
    ResultDraftStatus.APPROVED,
)
EDITABLE_DRAFT_STATUSES = (ResultDraftStatus.DRAFT, ResultDraftStatus.RETURNED)


def _step_actions(dossier: Dossier, task: DossierTask) -> set[str]:
    snapshot = dossier.process_snapshot
    return set(snapshot[task.step_index].get("actions", [])) if task.step_index < len(snapshot) else set()


def drafting_task(dossier: Dossier, actor: Any, task_id: int | None) -> DossierTask | None:
    """The actor's examining step on which the result is drafted (None once the result is ready)."""
    if dossier.status == DossierStatus.RESOLVED:
        require_participant(dossier, actor)
        return None
    task = actor_task(dossier, actor, "forward", task_id)
    if _step_actions(dossier, task) & NOT_DRAFTING_STEP_ACTIONS:
        raise PermissionDeniedError(
            _("The result is drafted at the examining step, not at the signing or returning step."),
            code="dossier.not_drafting_step",
        )
    return task


def reviewing_task(dossier: Dossier, actor: Any, task_id: int | None) -> DossierTask | None:
    """The actor's signing (or approving) step (None once the result is ready: a leader corrects it)."""
    if dossier.status == DossierStatus.RESOLVED:
        require_leader(dossier, actor)
        return None
    task = actor_task(dossier, actor, "forward", task_id)
    if not _step_actions(dossier, task) & SIGNING_STEP_ACTIONS:
        raise PermissionDeniedError(
            _("Only the leader at the signing step approves and signs the result."), code="dossier.not_signing_step"
        )
    return task


def open_draft(dossier: Dossier) -> ResultDraft | None:
    """The result draft on its way to a signature (one at a time per dossier)."""
    return (
        ResultDraft.objects.filter(dossier=dossier, status__in=OPEN_DRAFT_STATUSES)
        .select_related("template", "file", "reviewed_by")
        .order_by("-id")
        .first()
    )


def require_draft(dossier: Dossier, draft_id: int | None, statuses: tuple[str, ...]) -> ResultDraft:
    draft = open_draft(dossier)
    if draft is None or (draft_id is not None and draft.pk != draft_id) or draft.status not in statuses:
        raise ApplicationError(
            format_lazy(_("There is no draft result that is “{state}”."), state=ResultDraftStatus(statuses[0]).label),
            code="dossier.no_such_draft",
            status=409,
        )
    return draft


def require_no_open_draft(dossier: Dossier) -> None:
    """Completing a step does not bypass a draft result: it is submitted, approved and signed first."""
    draft = open_draft(dossier)
    if draft is not None:
        raise ApplicationError(
            format_lazy(
                _("The draft result “{title}” is “{state}”: finish it through its own actions first."),
                title=draft.title,
                state=ResultDraftStatus(draft.status).label,
            ),
            code="dossier.draft_open",
            status=409,
        )
