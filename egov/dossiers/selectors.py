"""Reads of the one-stop engine: worklists, one dossier, its timeline, and what the staff pages show.

Worklists of work in progress start from ``DossierTask`` rows with ``status = active`` (the partial
indexes by agency/role/due and by assignee/due), so an officer's list costs the same at a thousand
or a million dossiers; archive lists (waiting, finished, all) go through ``visible_to``. Counts are
capped (``COUNT_CAP``) so a tab never counts a whole province's archive.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import NotFoundError
from egov.core.text import fold
from egov.dossiers.choices import WAITING_STATUSES, DossierStatus, TaskStatus
from egov.dossiers.models import Dossier, DossierEvent, DossierFile, DossierTask
from egov.identity.roles import Role
from egov.organisation.facade import AllAgencies, user_roles, visible_agency_ids
from egov.organisation.models import Agency, StaffMember
from egov.procedures.models import Procedure, RequiredPaper
from egov.procedures.process_models import ProcessTemplate
from egov.workflow.facade import VIETNAM_TZ, CalendarRangeError, add_working_hours

WORKLISTS = ("to_receive", "mine", "department", "due_soon", "overdue", "waiting", "finished", "all")
COUNT_CAP = 10_000  # a count above it is reported as COUNT_CAP + 1 (shown "10 000+")
# Dossiers whose steps are work to do now (a resolved dossier still has the desk's return step;
# the steps of a dossier waiting for the applicant wait with it).
_WORKING = (DossierStatus.PROCESSING, DossierStatus.RESOLVED)
_PROCESS_ROLES = (Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.CLERK)


@dataclass(frozen=True)
class DossierFilters:
    q: str = ""  # code prefix, applicant name, id number
    procedure_code: str = ""
    field_id: int | None = None
    agency_id: int | None = None
    channel: str = ""
    status: str = ""
    received_from: date | None = None
    received_to: date | None = None


def _scope_ids(user: Any, perm: str) -> list[int] | None:
    """Agency ids where ``user`` holds ``perm``; None for everyone's (superuser, province roles)."""
    scope = visible_agency_ids(user, perm)
    return None if isinstance(scope, AllAgencies) else sorted(scope)


def _mine_q(user: Any) -> Q:
    """Steps assigned to the user, or unassigned and of a role they hold in the step's agency."""
    query = Q(assignee_id=user.pk)
    agencies = _scope_ids(user, "dossiers.process")
    if agencies is None:
        return query
    for role in _PROCESS_ROLES:
        held = [a for a in agencies if role in user_roles(user, a)]
        if held:
            query |= Q(assignee__isnull=True, agency_id__in=held, role=role)
    return query


def _department_q(user: Any) -> Q:
    """Steps of the user's departments; a leader's list holds every step of the agencies they lead."""
    posts = StaffMember.objects.filter(user_id=user.pk, is_active=True, department__isnull=False)
    departments = list(posts.values_list("agency_id", "department_id"))
    query = Q(pk__in=[])
    if departments:
        query |= Q(
            agency_id__in=sorted({a for a, _d in departments}), department_id__in=sorted({d for _a, d in departments})
        )
    led = _scope_ids(user, "dossiers.assign")
    if led is None:
        return Q()
    if led:
        query |= Q(agency_id__in=led)
    return query


def _active_tasks(query: Q) -> QuerySet[DossierTask]:
    return DossierTask.objects.filter(query, status=TaskStatus.ACTIVE)


def due_soon_horizon(now: datetime) -> datetime:
    """The warning horizon: EGOV_DOSSIER_WARN_HOURS of office time from now (one day outside the calendar)."""
    try:
        return add_working_hours(now, Decimal(settings.EGOV_DOSSIER_WARN_HOURS))
    except CalendarRangeError:
        return now + timedelta(days=1)


def _can(user: Any, perm: str) -> bool:
    scope = visible_agency_ids(user, perm)
    return isinstance(scope, AllAgencies) or bool(scope)


def worklists_for(*, user: Any) -> tuple[str, ...]:
    """The worklists that mean something to ``user`` (the tabs of the worklist page)."""
    lists: list[str] = []
    if _can(user, "dossiers.receive"):
        lists.append("to_receive")
    if _can(user, "dossiers.process"):
        lists += ["mine", "department"]
    if _can(user, "dossiers.view"):
        lists += ["due_soon", "overdue", "waiting", "finished", "all"]
    return tuple(lists)


def _work_tasks(user: Any, worklist: str, now: datetime) -> QuerySet[DossierTask] | None:
    """The active steps behind a task-based worklist, or None for a dossier-based one."""
    if worklist == "mine":
        return _active_tasks(_mine_q(user))
    if worklist == "department":
        return _active_tasks(_department_q(user))
    if worklist in ("due_soon", "overdue") and _can(user, "dossiers.process"):
        tasks = _active_tasks(_mine_q(user) | _department_q(user))
        if worklist == "overdue":
            return tasks.filter(due_at__lt=now)
        return tasks.filter(due_at__gte=now, due_at__lte=due_soon_horizon(now))
    return None


def _base(user: Any, worklist: str, now: datetime) -> QuerySet[Dossier]:
    if worklist not in WORKLISTS:
        raise NotFoundError(_("Unknown worklist."), code="dossier.unknown_worklist")
    tasks = _work_tasks(user, worklist, now)
    if tasks is not None:
        return Dossier.objects.filter(pk__in=tasks.values("dossier_id"), status__in=_WORKING)
    if worklist == "to_receive":
        desks = _scope_ids(user, "dossiers.receive")
        qs = Dossier.objects.filter(status=DossierStatus.SUBMITTED)
        return qs if desks is None else qs.filter(receiving_agency_id__in=desks)
    visible = Dossier.objects.visible_to(user)
    if worklist == "overdue":  # view-only users (auditors, province administrators): the appointment
        return visible.filter(status=DossierStatus.PROCESSING, due_at__lt=now)
    if worklist == "due_soon":
        return visible.filter(status=DossierStatus.PROCESSING, due_at__gte=now, due_at__lte=due_soon_horizon(now))
    if worklist == "waiting":
        return visible.filter(status__in=sorted(WAITING_STATUSES))
    if worklist == "finished":
        return visible.filter(finished_at__isnull=False)
    return visible


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=VIETNAM_TZ)


def apply_filters(qs: QuerySet[Dossier], filters: DossierFilters) -> QuerySet[Dossier]:
    text = filters.q.strip()
    if text:
        # Names are matched folded (accents, case, đ→d) on the stored column; a trigram index serves it on PostgreSQL.
        qs = qs.filter(
            Q(code__startswith=text.upper())
            | Q(applicant_id_number=text)
            | Q(applicant_name_folded__contains=fold(text))
        )
    if filters.procedure_code.strip():
        qs = qs.filter(procedure__code=filters.procedure_code.strip())
    if filters.field_id is not None:
        qs = qs.filter(field_id=filters.field_id)
    if filters.agency_id is not None:
        qs = qs.filter(Q(receiving_agency_id=filters.agency_id) | Q(handling_agency_id=filters.agency_id))
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.received_from is not None:
        qs = qs.filter(received_at__gte=_local_midnight(filters.received_from))
    if filters.received_to is not None:
        qs = qs.filter(received_at__lt=_local_midnight(filters.received_to + timedelta(days=1)))
    return qs


def dossier_worklist(*, user: Any, worklist: str, filters: DossierFilters = DossierFilters()) -> QuerySet[Dossier]:
    """The dossiers of one worklist, most urgent first, with what a row shows loaded.

    Task-based lists carry ``work_due`` (the earliest due time of the user's steps in the dossier);
    every row carries ``active_tasks`` (its steps in progress, with agency and assignee).
    """
    now = clock.now()
    qs = apply_filters(_base(user, worklist, now), filters)
    tasks = _work_tasks(user, worklist, now)
    if tasks is not None:
        first_due = tasks.filter(dossier_id=OuterRef("pk")).order_by("due_at").values("due_at")[:1]
        qs = qs.annotate(work_due=Subquery(first_due)).order_by("work_due", "pk")
    elif worklist == "to_receive":
        qs = qs.order_by("submitted_at", "pk")
    elif worklist in ("due_soon", "overdue", "waiting"):
        qs = qs.order_by("due_at", "pk")
    elif worklist == "finished":
        qs = qs.order_by("-finished_at", "-pk")
    else:
        qs = qs.order_by("-pk")
    in_progress = DossierTask.objects.filter(status=TaskStatus.ACTIVE).select_related("agency", "assignee")
    return qs.select_related("procedure", "receiving_agency").prefetch_related(
        Prefetch("tasks", queryset=in_progress.order_by("step_index", "pk"), to_attr="active_tasks")
    )


def capped_count(qs: QuerySet[Any]) -> int:
    """``qs.count()``, but never counting past ``COUNT_CAP`` rows."""
    return qs.order_by().values("pk")[: COUNT_CAP + 1].count()


def worklist_counts(*, user: Any) -> dict[str, int]:
    """The size of every worklist (0 for lists the user has none of), each capped at ``COUNT_CAP`` + 1."""
    now = clock.now()
    mine = set(worklists_for(user=user))
    return {name: capped_count(_base(user, name, now)) if name in mine else 0 for name in WORKLISTS}


def dossier_get_visible(*, user: Any, code: str) -> Dossier:
    dossier = (
        Dossier.objects.visible_to(user)
        .select_related("procedure", "procedure_version", "field", "receiving_agency", "handling_agency", "received_by")
        .filter(code=code.strip())
        .first()
    )
    if dossier is None:
        raise NotFoundError(_("No dossier has this code."), code="dossier.not_found")
    return dossier


def dossier_timeline(*, dossier: Dossier, public_only: bool = False) -> list[DossierEvent]:
    events = DossierEvent.objects.filter(dossier=dossier).select_related("agency", "task")
    if public_only:
        events = events.filter(public=True)
    return list(events.order_by("occurred_at", "pk"))


def dossier_tasks(*, dossier: Dossier) -> list[DossierTask]:
    """Every step activation, in order: the rows of the control sheet."""
    return list(
        DossierTask.objects.filter(dossier=dossier)
        .select_related("agency", "department", "assignee", "finished_by")
        .order_by("started_at", "pk")
    )


def dossier_files(*, dossier: Dossier) -> list[DossierFile]:
    return list(DossierFile.objects.filter(dossier=dossier).select_related("uploaded_by").order_by("uploaded_at", "pk"))


def dossier_file_get(*, dossier: Dossier, file_id: int) -> DossierFile:
    found = DossierFile.objects.filter(dossier=dossier, pk=file_id).first()
    if found is None:
        raise NotFoundError(_("No such file."), code="dossier.file_not_found")
    return found


def eligible_assignees_for(*, tasks: list[DossierTask]) -> dict[int, list[tuple[int, str]]]:
    """By step id: the active officers holding the step's role in its agency, its department's first
    (user id, name). One query for all the steps (the parallel steps of a dossier)."""
    if not tasks:
        return {}
    posts = (
        StaffMember.objects.filter(
            agency_id__in=sorted({t.agency_id for t in tasks}),
            is_active=True,
            user__is_active=True,
            role_assignments__role__in=sorted({t.role for t in tasks}),
        )
        .values_list(
            "agency_id", "department_id", "role_assignments__role", "user_id", "user__full_name", "user__username"
        )
        .distinct()
    )
    rows = list(posts)
    found: dict[int, list[tuple[int, str]]] = {}
    for task in tasks:
        ranked = sorted(
            (r for r in rows if r[0] == task.agency_id and r[2] == task.role),
            key=lambda r: (r[1] != task.department_id, r[4], r[3]),
        )
        seen: dict[int, str] = {}
        for _agency, _department, _role, user_id, full_name, username in ranked:
            seen.setdefault(user_id, full_name or username)
        found[task.pk] = list(seen.items())
    return found


def intake_agencies(*, user: Any) -> list[Agency]:
    """Agencies where the user may receive dossiers at the desk."""
    qs = Agency.objects.filter(is_active=True).order_by("code")
    desks = _scope_ids(user, "dossiers.receive")
    return list(qs if desks is None else qs.filter(pk__in=desks))


def _agency_chain(agency: Agency) -> list[int]:
    """The agency and its parents in the same administrative unit (whose processes apply to it)."""
    chain = [agency.pk]
    parent = agency.parent
    while parent is not None and parent.administrative_unit_id == agency.administrative_unit_id and len(chain) < 5:
        chain.append(parent.pk)
        parent = parent.parent
    return chain


def intake_procedures(*, agency: Agency) -> QuerySet[Procedure]:
    """Procedures in force with an active internal process that can apply at ``agency``'s desk."""
    today = clock.today()
    templates = (
        ProcessTemplate.objects.filter(is_active=True, channel__in=["", "counter", "post"])
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .filter(
            Q(agency_id__in=_agency_chain(agency))
            | Q(agency__isnull=True, level__code=agency.administrative_unit.level)
        )
    )
    return (
        Procedure.objects.filter(pk__in=templates.values("procedure_id"), is_active=True)
        .exclude(current_version__isnull=True)
        .select_related("current_version")
        .order_by("code")
    )


def procedure_papers(*, procedure: Procedure) -> list[RequiredPaper]:
    return list(RequiredPaper.objects.filter(version_id=procedure.current_version_id).order_by("order", "pk"))
