"""Reads of the one-stop engine: worklists, one dossier, its timeline, and what the staff pages show.

Worklists of work in progress start from ``DossierTask`` rows with ``status = active`` (the partial
indexes by agency/role/due and by assignee/due), so an officer's list costs the same at a thousand
or a million dossiers; archive lists (waiting, finished, all) go through ``visible_to``. Counts are
capped (``COUNT_CAP``) so a tab never counts a whole province's archive; the task-based lists are
counted in one query, and the waiting, finished and all tabs' counts are kept a minute (issue 12).
"""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, overload

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import NotFoundError
from egov.core.text import fold
from egov.dossiers.choices import WAITING_STATUSES, DossierStatus, TaskStatus
from egov.dossiers.models import VIEW_DOSSIER, Dossier, DossierEvent, DossierFile, DossierParticipant, DossierTask
from egov.identity.roles import Role
from egov.organisation.facade import AllAgencies, user_roles, visible_agency_ids
from egov.organisation.models import Agency, StaffMember
from egov.procedures.models import Procedure, RequiredPaper
from egov.procedures.process_models import ProcessTemplate
from egov.workflow.facade import VIETNAM_TZ, CalendarRangeError, add_working_hours

WORKLISTS = ("to_receive", "mine", "department", "due_soon", "overdue", "waiting", "finished", "all")
COUNT_CAP = 10_000  # a count above it is reported as COUNT_CAP + 1 (shown "10 000+")
# The tabs whose counts are kept a while (``_kept_counts``), and for how long: the work tabs are always counted.
KEPT_COUNTS = ("waiting", "finished", "all")
KEPT_COUNT_SECONDS = 60
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


def _department_q(user: Any) -> Q | None:
    """Steps of the user's departments; a leader's list holds every step of the agencies they lead.
    None: no department work at all (``Q()``: every step, for a leader of every agency)."""
    posts = StaffMember.objects.filter(user_id=user.pk, is_active=True, department__isnull=False)
    departments = sorted(set(posts.values_list("department_id", flat=True)))
    led = _scope_ids(user, "dossiers.assign")
    if led is None:
        return Q()
    # A department belongs to one agency, and a step's department is one of its agency's (the process
    # rules check it), so the department alone picks the steps: no agency condition to mislead the planner.
    query = Q(department_id__in=departments) if departments else None
    if led:
        query = Q(agency_id__in=led) if query is None else query | Q(agency_id__in=led)
    return query


def _prefixed(query: Q, prefix: str) -> Q:
    """``query`` over DossierTask fields, rewritten to go through ``prefix`` (e.g. ``tasks__`` from Dossier)."""
    copy = Q()
    copy.connector, copy.negated = query.connector, query.negated
    children: list[Any] = list(query.children)
    copy.children = [
        _prefixed(child, prefix) if isinstance(child, Q) else (prefix + child[0], child[1]) for child in children
    ]
    return copy


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


class _Work:
    """The user's active steps (conditions on DossierTask fields) behind the task-based worklists;
    each part read when a list needs it."""

    def __init__(self, user: Any, now: datetime) -> None:
        self.user, self.now = user, now

    @cached_property
    def mine(self) -> Q:
        return _mine_q(self.user)

    @cached_property
    def department(self) -> Q | None:
        return _department_q(self.user)

    def q(self, worklist: str) -> Q | None:
        """The steps of ``worklist``; None when the list is empty by definition."""
        if worklist == "mine":
            return self.mine
        if worklist == "department":
            return self.department
        either = self.mine if self.department is None else self.mine | self.department
        if worklist == "overdue":
            return either & Q(due_at__lt=self.now)
        return either & Q(due_at__gte=self.now, due_at__lte=due_soon_horizon(self.now))  # due_soon

    def union(self) -> Q:
        """Steps of every task-based list (an empty Q: every step, for a leader of every agency)."""
        if self.department is None:
            return self.mine
        return Q() if not self.department else self.mine | self.department


def _is_task_based(user: Any, worklist: str) -> bool:
    """My work and my department; due soon and overdue for those who process steps (by their steps' times)."""
    return worklist in ("mine", "department") or (
        worklist in ("due_soon", "overdue") and _can(user, "dossiers.process")
    )


def _active(query: Q | None) -> Q:
    """Active steps matching ``query`` (None: none at all)."""
    return Q(pk__in=[]) if query is None else query & Q(status=TaskStatus.ACTIVE)


def _base(user: Any, worklist: str, now: datetime) -> QuerySet[Dossier]:
    if worklist not in WORKLISTS:
        raise NotFoundError(_("Unknown worklist."), code="dossier.unknown_worklist")
    if _is_task_based(user, worklist):
        tasks = DossierTask.objects.filter(_active(_Work(user, now).q(worklist)))
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


def filters_q(filters: DossierFilters) -> Q:
    """The filters as one condition on Dossier fields."""
    query = Q()
    text = filters.q.strip()
    if text:
        # Names are matched folded (accents, case, đ→d) on the stored column; a trigram index serves it on PostgreSQL.
        query &= (
            Q(code__startswith=text.upper())
            | Q(applicant_id_number=text)
            | Q(applicant_name_folded__contains=fold(text))
        )
    if filters.procedure_code.strip():
        query &= Q(procedure__code=filters.procedure_code.strip())
    if filters.field_id is not None:
        query &= Q(field_id=filters.field_id)
    if filters.agency_id is not None:
        query &= Q(receiving_agency_id=filters.agency_id) | Q(handling_agency_id=filters.agency_id)
    if filters.channel:
        query &= Q(channel=filters.channel)
    if filters.status:
        query &= Q(status=filters.status)
    if filters.received_from is not None:
        query &= Q(received_at__gte=_local_midnight(filters.received_from))
    if filters.received_to is not None:
        query &= Q(received_at__lt=_local_midnight(filters.received_to + timedelta(days=1)))
    return query


def apply_filters(qs: QuerySet[Dossier], filters: DossierFilters) -> QuerySet[Dossier]:
    return qs.filter(filters_q(filters))


# What a row of the staff worklist shows (``row_fields_only``): no e-form data, papers or process snapshot.
ROW_FIELDS = (
    "code",
    "channel",
    "status",
    "applicant_name",
    "applicant_id_number",
    "procedure",
    "submitted_at",
    "received_at",
    "due_at",
    "finished_at",
    "fee_amount",
    "paid_amount",
)
_ROW_TASK_FIELDS = ("dossier", "step_index", "name", "due_at", "agency__name", "agency__short_name", "assignee")
_ROW_ASSIGNEE_FIELDS = ("assignee__full_name", "assignee__username")


def dossier_worklist(
    *, user: Any, worklist: str, filters: DossierFilters = DossierFilters(), row_fields_only: bool = False
) -> QuerySet[Dossier]:
    """The dossiers of one worklist, most urgent first, with what a row shows loaded.

    Task-based lists carry ``work_due`` (the earliest due time of the user's steps in the dossier);
    every row carries ``active_tasks`` (its steps in progress, with agency and assignee).
    ``row_fields_only`` loads only ``ROW_FIELDS`` (the staff page's rows), not the whole dossier.
    """
    now = clock.now()
    if _is_task_based(user, worklist):
        # One join with the user's active steps, grouped by dossier: the earliest step orders the list.
        steps = _active(_Work(user, now).q(worklist))
        qs = apply_filters(Dossier.objects.filter(status__in=_WORKING), filters)
        qs = qs.filter(_prefixed(steps, "tasks__")).annotate(work_due=Min("tasks__due_at")).order_by("work_due", "pk")
    else:
        qs = apply_filters(_base(user, worklist, now), filters)
        if worklist == "to_receive":
            qs = qs.order_by("submitted_at", "pk")
        elif worklist in ("due_soon", "overdue", "waiting"):
            qs = qs.order_by("due_at", "pk")
        elif worklist == "finished":
            qs = qs.order_by("-finished_at", "-pk")
        else:
            qs = qs.order_by("-pk")
    if row_fields_only:
        return qs.only(*ROW_FIELDS).prefetch_related(*_row_prefetches())
    in_progress = DossierTask.objects.filter(status=TaskStatus.ACTIVE).select_related("agency", "assignee")
    tasks = Prefetch("tasks", queryset=in_progress.order_by("step_index", "pk"), to_attr="active_tasks")
    return qs.select_related("procedure", "receiving_agency").prefetch_related(tasks)


def _row_prefetches() -> "tuple[Prefetch[Any, Any, Any], Prefetch[Any, Any, Any]]":  # generic in the stubs only
    """What a worklist row shows besides the dossier: its procedure, its steps in progress. (The
    procedures in a query of their own: no join, nor grouping, over a whole list.)"""
    in_progress = DossierTask.objects.filter(status=TaskStatus.ACTIVE).select_related("agency", "assignee")
    in_progress = in_progress.only(*_ROW_TASK_FIELDS, *_ROW_ASSIGNEE_FIELDS).order_by("step_index", "pk")
    procedures = Prefetch("procedure", queryset=Procedure.objects.only("code", "name"))
    return procedures, Prefetch("tasks", queryset=in_progress, to_attr="active_tasks")


class WorkOrderedDossiers:
    """A task-based worklist as the staff page's paginator reads it: in ``dossier_worklist``'s order
    (the user's earliest step in the dossier, then the dossier id), a page at a time.

    The user's active steps are read in due order, a chunk at a time, and their dossiers checked
    (status and filters) until the page's dossiers have appeared: the first page costs a hundred or
    so dossier lookups however long the list. (Ordering the dossiers by their earliest step in SQL
    looks up every dossier of the list first: thousands in a busy department.) Sized by the capped
    count of its dossiers.
    """

    def __init__(self, steps: QuerySet[DossierTask], dossiers: QuerySet[Dossier]) -> None:
        self._steps = steps  # the user's active steps of the list
        self._dossiers = dossiers  # which dossiers may be listed (working, and the filters)
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = capped_count(self._dossiers.filter(pk__in=self._steps.values("dossier_id")))
        return self._count

    def __len__(self) -> int:
        return self.count()

    def _first(self, wanted: int) -> list[tuple[int, datetime]]:
        """The first ``wanted`` dossiers with their earliest step's due time, in order."""
        # Sorted as an expression: PostgreSQL then sorts the user's steps (found by the partial indexes)
        # rather than walking every active step of the province in due order and filtering them.
        order = (Coalesce("due_at", "due_at"), "dossier_id", "pk")
        stream = self._steps.order_by(*order).values_list("dossier_id", "due_at")
        first: dict[int, datetime] = {}
        left_out: set[int] = set()
        offset, chunk = 0, max(2 * wanted, 100)
        while len(first) < wanted:
            rows = list(stream[offset : offset + chunk])
            new = sorted({dossier_id for dossier_id, _due in rows} - first.keys() - left_out)
            listed = set(self._dossiers.filter(pk__in=new).values_list("pk", flat=True)) if new else set()
            left_out.update(set(new) - listed)
            for dossier_id, due in rows:
                if dossier_id in listed:
                    first.setdefault(dossier_id, due)
            if len(rows) < chunk:
                break
            offset, chunk = offset + chunk, chunk * 2
        return list(first.items())[:wanted]

    @overload
    def __getitem__(self, index: int) -> Dossier: ...

    @overload
    def __getitem__(self, index: slice) -> list[Dossier]: ...

    def __getitem__(self, index: int | slice) -> Dossier | list[Dossier]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        ranked = self._first(stop)[start:]
        page = Dossier.objects.filter(pk__in=[pk for pk, _due in ranked]).only(*ROW_FIELDS)
        found = {d.pk: d for d in page.prefetch_related(*_row_prefetches())}
        rows = []
        for pk, due in ranked:
            if pk in found:
                found[pk].work_due = due  # type: ignore[attr-defined]
                rows.append(found[pk])
        return rows

    def __iter__(self) -> Iterator[Dossier]:
        return iter(self[0 : self.count()])


def worklist_rows(
    *, user: Any, worklist: str, filters: DossierFilters = DossierFilters()
) -> QuerySet[Dossier] | WorkOrderedDossiers:
    """The staff page's rows of one worklist (``dossier_worklist``'s dossiers, order and ``active_tasks``,
    with only ``ROW_FIELDS``): task-based lists a page at a time (``WorkOrderedDossiers``)."""
    if worklist not in WORKLISTS:
        raise NotFoundError(_("Unknown worklist."), code="dossier.unknown_worklist")
    if not _is_task_based(user, worklist):
        return dossier_worklist(user=user, worklist=worklist, filters=filters, row_fields_only=True)
    steps = DossierTask.objects.filter(_active(_Work(user, clock.now()).q(worklist)))
    return WorkOrderedDossiers(steps, apply_filters(Dossier.objects.filter(status__in=_WORKING), filters))


def capped_count(qs: QuerySet[Any]) -> int:
    """``qs.count()``, but never counting past ``COUNT_CAP`` rows."""
    return qs.order_by().values("pk")[: COUNT_CAP + 1].count()


def worklist_counts(*, user: Any) -> dict[str, int]:
    """The size of every worklist (0 for lists the user has none of), each capped at ``COUNT_CAP`` + 1.

    The task-based lists are counted together, in one pass over the user's active steps.
    """
    now = clock.now()
    mine = set(worklists_for(user=user))
    counts = dict.fromkeys(WORKLISTS, 0)
    task_based = [name for name in WORKLISTS if name in mine and _is_task_based(user, name)]
    if task_based:
        work = _Work(user, now)
        wanted = {name: query for name in task_based if (query := work.q(name)) is not None}
        aggregates = {
            name: Count("dossier_id", distinct=True, filter=query) if query else Count("dossier_id", distinct=True)
            for name, query in wanted.items()
        }
        if aggregates:
            tasks = DossierTask.objects.filter(_active(work.union()), dossier__status__in=_WORKING)
            counts.update({name: min(n, COUNT_CAP + 1) for name, n in tasks.aggregate(**aggregates).items()})
    if "all" in mine:
        counts.update(_kept_counts(user, now))
    for name in WORKLISTS:
        if name in mine and name not in task_based and name not in KEPT_COUNTS:
            counts[name] = capped_count(_base(user, name, now))
    return counts


def _count_waiting(user: Any) -> int:
    """The waiting list's size: ``visible_to``'s condition checked on each of the few dossiers waiting
    in the province (a lookup in the participants' (agency, dossier) index), where the EXISTS of
    ``visible_to`` makes PostgreSQL read every participation of the user's agencies (100,000 a year
    for a department) to count a few hundred."""
    waiting = Dossier.objects.filter(status__in=sorted(WAITING_STATUSES))
    scope = visible_agency_ids(user, VIEW_DOSSIER)
    if isinstance(scope, AllAgencies):
        return capped_count(waiting)
    if not scope:
        return 0
    participations = DossierParticipant.objects.filter(dossier=OuterRef("pk"), agency_id__in=sorted(scope))
    # A scalar subquery, not EXISTS: PostgreSQL cannot turn it into a join over every participation.
    first = Subquery(participations.values("agency_id")[:1])
    return capped_count(waiting.annotate(seen_by=first).filter(seen_by__isnull=False))


def _kept_counts(user: Any, now: datetime) -> dict[str, int]:
    """The counts of the waiting, finished and all tabs, shared by the officers of the same agencies
    and kept ``KEPT_COUNT_SECONDS``. They do not depend on the officer's own steps, and reading
    them is what costs most in a busy agency: the status of every dossier waiting in the province,
    and ten thousand lookups to tell "10 000+" for the archive."""
    scope = visible_agency_ids(user, VIEW_DOSSIER)
    ids = "all" if isinstance(scope, AllAgencies) else ",".join(str(a) for a in sorted(scope))
    key = f"dossiers:kept-counts:{hashlib.sha256(ids.encode()).hexdigest()[:32]}"
    counts: dict[str, int] | None = cache.get(key)
    if counts is None:
        if isinstance(scope, AllAgencies) or len(scope) != 1:
            everything = capped_count(_base(user, "all", now))
        else:  # one agency: its participations (one per dossier), read from their (agency, dossier) index
            everything = capped_count(DossierParticipant.objects.filter(agency_id__in=sorted(scope)))
        finished = capped_count(_base(user, "finished", now))
        counts = {"waiting": _count_waiting(user), "finished": finished, "all": everything}
        cache.set(key, counts, KEPT_COUNT_SECONDS)
    return counts


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
