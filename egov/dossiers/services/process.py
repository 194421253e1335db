"""The step engine: a dossier's internal process as a snapshot, and the activation of its steps.

Consecutive steps sharing a parallel group form one stage; a stage is done when all its steps are.
A step with no agency of its own is done by the agency handling the dossier (the receiving
agency's parent in the same administrative unit, or the agency of the last hand-off); a one-stop
desk step with no agency stays at the receiving agency.
"""

from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.dossiers.models import Dossier, DossierParticipant, DossierTask
from egov.dossiers.timing import step_due, working_seconds
from egov.identity.roles import Role
from egov.organisation.models import Agency, StaffMember, StaffRoleAssignment
from egov.procedures.process_models import ProcessAction, ProcessTemplate

Step = dict[str, Any]
COMPLETING_ACTIONS = frozenset({"forward", "approve", "sign", "verify", "consult", "receive"})
_MAX_PARENT_DEPTH = 5


def snapshot_of(template: ProcessTemplate) -> list[Step]:
    return [
        {
            "name": step.name,
            "role": step.role or Role.SPECIALIST,
            "agency_id": step.agency_id,
            "department_id": step.department_id,
            "seconds": working_seconds(step.duration, step.duration_unit),
            "actions": list(step.actions or []),
            "group": step.parallel_group,
            "hand_off_agency_id": step.hand_off_agency_id if step.is_hand_off else None,
        }
        for step in template.steps.all().order_by("order")
    ]


def handling_agency_for(receiving: Agency) -> Agency:
    """The receiving agency's topmost parent in the same administrative unit (a commune's one-stop
    centre belongs to the commune People's Committee, which decides)."""
    agency = receiving
    for _depth in range(_MAX_PARENT_DEPTH):
        parent = agency.parent
        if parent is None or parent.administrative_unit_id != receiving.administrative_unit_id:
            break
        agency = parent
    return agency


def stage_indices(snapshot: list[Step], index: int) -> list[int]:
    group = snapshot[index]["group"]
    if not group:
        return [index]
    start = index
    while start > 0 and snapshot[start - 1]["group"] == group:
        start -= 1
    end = index
    while end + 1 < len(snapshot) and snapshot[end + 1]["group"] == group:
        end += 1
    return list(range(start, end + 1))


def is_return_stage(snapshot: list[Step], index: int) -> bool:
    return all(ProcessAction.RETURN_RESULT in snapshot[i]["actions"] for i in stage_indices(snapshot, index))


def return_stage_index(snapshot: list[Step]) -> int | None:
    for index in range(len(snapshot)):
        if is_return_stage(snapshot, index):
            return index
    return None


def step_allows(step: Step, action: str) -> bool:
    if action == "forward":
        return True  # every step can be completed
    return action in step["actions"]


def step_agency_id(dossier: Dossier, step: Step) -> int:
    if step["agency_id"]:
        return int(step["agency_id"])
    if step["role"] == Role.DESK_OFFICER:
        return dossier.receiving_agency_id
    return dossier.handling_agency_id


def holds_role(user_id: int, agency_id: int, role: str) -> bool:
    return StaffRoleAssignment.objects.filter(
        staff_member__user_id=user_id,
        staff_member__agency_id=agency_id,
        staff_member__is_active=True,
        staff_member__user__is_active=True,
        role=role,
    ).exists()


def role_holders(agency_id: int, role: str, department_id: int | None = None) -> list[int]:
    """Active users holding ``role`` in ``agency_id`` (in ``department_id`` first, if anyone there)."""
    qs = StaffMember.objects.filter(
        agency_id=agency_id, is_active=True, user__is_active=True, role_assignments__role=role
    )
    if department_id is not None:
        in_department = list(qs.filter(Q(department_id=department_id)).values_list("user_id", flat=True))
        if in_department:
            return sorted(set(in_department))
    return sorted(set(qs.values_list("user_id", flat=True)))


def activate_stage(dossier: Dossier, index: int, *, now: datetime, assignee_id: int | None = None) -> list[DossierTask]:
    """Start the steps of the stage at ``index``; ``assignee_id`` takes them if they hold the role."""
    snapshot = dossier.process_snapshot
    tasks = []
    for i in stage_indices(snapshot, index):
        step = snapshot[i]
        agency_id = step_agency_id(dossier, step)
        assignee = None
        if assignee_id is not None:
            if not holds_role(assignee_id, agency_id, step["role"]):
                raise ApplicationError(
                    _("The chosen officer does not hold the role this step needs in its agency."),
                    code="dossier.assignee_not_eligible",
                    fields={"assignee_id": [_("Choose an officer who holds the step's role.")]},
                )
            assignee = assignee_id
        seconds = int(step["seconds"])
        tasks.append(
            DossierTask(
                dossier=dossier,
                step_index=i,
                name=step["name"][:300],
                agency_id=agency_id,
                department_id=step["department_id"],
                role=step["role"],
                assignee_id=assignee,
                parallel_group=step["group"],
                started_at=now,
                due_at=step_due(now, seconds),
                allotted_seconds=seconds,
            )
        )
    created = DossierTask.objects.bulk_create(tasks)
    for agency_id in {t.agency_id for t in created}:
        DossierParticipant.objects.get_or_create(dossier=dossier, agency_id=agency_id)
    return created


def next_stage_index(snapshot: list[Step], index: int) -> int | None:
    last = stage_indices(snapshot, index)[-1]
    return last + 1 if last + 1 < len(snapshot) else None


def previous_stage_index(snapshot: list[Step], index: int) -> int | None:
    first = stage_indices(snapshot, index)[0]
    return first - 1 if first > 0 else None


def handling_agency_at(dossier: Dossier, index: int) -> int:
    """The handling agency when the stage at ``index`` runs: the last hand-off before it, if any."""
    agency_id = handling_agency_for(dossier.receiving_agency).pk
    for step in dossier.process_snapshot[:index]:
        if step.get("hand_off_agency_id"):
            agency_id = int(step["hand_off_agency_id"])
    return agency_id
