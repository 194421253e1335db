"""Reads of the one-stop engine: worklists, one dossier, its timeline, and what the staff pages show.

Worklists of work in progress start from ``DossierTask`` rows with ``status = active`` (the partial
indexes by agency/role/due and by assignee/due), so an officer's list costs the same at a thousand
or a million dossiers; archive lists (waiting, finished, all) go through ``visible_to``. Counts are
capped (``COUNT_CAP``) so a tab never counts a whole province's archive; the task-based lists are
counted in one query, and the waiting, finished and all tabs' counts are kept a minute (issue 12).
"""

import hashlib
from collections.abc import Hashable, Iterator
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
from egov.dossiers.services.process import is_return_stage, next_stage_index, stage_indices
from egov.identity.roles import Role
from egov.organisation.facade import AllAgencies, user_roles, visible_agency_ids
from egov.organisation.models import Agency, StaffMember
from egov.procedures.choices import PaperKind
from egov.procedures.models import Procedure, ProcedureField, RequiredPaper
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
    """ "My work": the steps I claimed or a leader (or the previous step's officer) gave me."""
    return Q(assignee_id=user.pk)


def _department_q(user: Any) -> Q | None:
    """ "My department": the steps waiting unclaimed for a role I hold in their agency (which I may
    claim), and, for a leader, every unclaimed step of the agencies I lead (which I may assign).
    None: no such steps at all (``Q(assignee__isnull=True)``: every unclaimed step, for a leader
    of every agency). Read through the partial index of unassigned steps by (agency, role, due)."""
    led = _scope_ids(user, "dossiers.assign")
    if led is None:
        return Q(assignee__isnull=True)
    query: Q | None = Q(agency_id__in=led) if led else None
    for role, held in _held_roles(user).items():
        rest = [agency_id for agency_id in held if agency_id not in led]  # a led agency's steps are all in already
        if rest:
            by_role = Q(agency_id__in=rest, role=role)
            query = by_role if query is None else query | by_role
    return None if query is None else Q(assignee__isnull=True) & query


def _held_roles(user: Any) -> dict[str, list[int]]:
    """By process role: the agencies where the user holds it (none for a province-wide viewer)."""
    agencies = _scope_ids(user, "dossiers.process")
    if agencies is None:
        return {}
    held = {role: [a for a in agencies if role in user_roles(user, a)] for role in _PROCESS_ROLES}
    return {role: ids for role, ids in held.items() if ids}


def _oversight_q(user: Any) -> Q | None:
    """Steps a leader watches the time of (due soon, overdue): every step of the agencies they lead,
    claimed or not. None: no agency led (``Q()``: every step, for a leader of every agency)."""
    led = _scope_ids(user, "dossiers.assign")
    if led is None:
        return Q()
    return Q(agency_id__in=led) if led else None


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

    @cached_property
    def watched(self) -> Q:
        """Mine, waiting for me, and a leader's agencies' steps: whose times "due soon" and "overdue" show."""
        query = self.mine if self.department is None else self.mine | self.department
        oversight = _oversight_q(self.user)
        if oversight is None:
            return query
        return Q() if not oversight else query | oversight

    def q(self, worklist: str) -> Q | None:
        """The steps of ``worklist``; None when the list is empty by definition."""
        if worklist == "mine":
            return self.mine
        if worklist == "department":
            return self.department
        if worklist == "overdue":
            return self.watched & Q(due_at__lt=self.now)
        return self.watched & Q(due_at__gte=self.now, due_at__lte=due_soon_horizon(self.now))  # due_soon

    def union(self) -> Q:
        """Steps of every task-based list (an empty Q: every step, for a leader of every agency)."""
        return self.watched


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


WORKLIST_LABELS = {
    "to_receive": _("To receive"),
    "mine": _("My work"),
    "department": _("My department"),
    "due_soon": _("Due soon"),
    "overdue": _("Overdue"),
    "waiting": _("Waiting for the applicant"),
    "finished": _("Resolved"),
    "all": _("All"),
}
# The lists of work still to do, as the staff home counts them (the archive tabs are left to the worklist page).
WORK_LISTS = ("to_receive", "mine", "department", "due_soon", "overdue", "waiting")


@dataclass(frozen=True)
class WorklistCount:
    name: str
    label: str
    count: int  # capped: above ``COUNT_CAP`` it is ``COUNT_CAP + 1``
    capped: bool
    tone: str  # "danger" for overdue work, "warning" for work due soon, "" otherwise


def work_summary(*, user: Any) -> list[WorklistCount]:
    """The staff home's counts: each list of work to do the user has, with ``worklist_counts``'s figures
    (the same as the worklist page's tabs)."""
    lists = worklists_for(user=user)
    if not lists:
        return []
    counts = worklist_counts(user=user)
    tones = {"overdue": "danger", "due_soon": "warning"}
    return [
        WorklistCount(
            name,
            str(WORKLIST_LABELS[name]),
            counts[name],
            counts[name] > COUNT_CAP,
            tones.get(name, "") if counts[name] else "",
        )
        for name in WORK_LISTS
        if name in lists
    ]


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


def _officers_holding(steps: list[tuple[Hashable, int, str, int | None]]) -> dict[Hashable, list[tuple[int, str]]]:
    """By key: the active officers holding the role in the agency of each ``(key, agency_id, role,
    department_id)``, the department's first, then by name: (user id, name). One query for all."""
    if not steps:
        return {}
    posts = (
        StaffMember.objects.filter(
            agency_id__in=sorted({agency_id for _key, agency_id, _role, _dept in steps}),
            is_active=True,
            user__is_active=True,
            role_assignments__role__in=sorted({role for _key, _agency, role, _dept in steps}),
        )
        .values_list(
            "agency_id", "department_id", "role_assignments__role", "user_id", "user__full_name", "user__username"
        )
        .distinct()
    )
    rows = list(posts)
    found: dict[Hashable, list[tuple[int, str]]] = {}
    for key, agency_id, role, department_id in steps:
        ranked = sorted(
            (r for r in rows if r[0] == agency_id and r[2] == role),
            key=lambda r: (r[1] != department_id, r[4], r[3]),
        )
        seen: dict[int, str] = {}
        for _agency, _department, _role, user_id, full_name, username in ranked:
            seen.setdefault(user_id, full_name or username)
        found[key] = list(seen.items())
    return found


def _next_stage_steps(
    dossier: Dossier, task: DossierTask, active: list[DossierTask]
) -> list[tuple[int, int, str, int | None]]:
    """The steps ``(index, agency_id, role, department_id)`` that completing ``task`` starts and that
    may be given to a named officer; none when naming someone would not take effect: the stage is
    not done with this step (parallel steps still open), the process ends, or the next stage is the
    desk's return of the result (whoever is at the desk hands it over). Mirrors ``steps._advance``
    and ``activate_stage``."""
    snapshot = dossier.process_snapshot
    if task.step_index >= len(snapshot):
        return []
    stage = stage_indices(snapshot, task.step_index)
    if any(t.pk != task.pk and t.step_index in stage for t in active):
        return []
    following = next_stage_index(snapshot, task.step_index)
    if following is None or is_return_stage(snapshot, following):
        return []
    handling = dossier.handling_agency_id
    for index in stage:  # a hand-off in this stage moves the dossier before the next stage starts
        if snapshot[index].get("hand_off_agency_id"):
            handling = int(snapshot[index]["hand_off_agency_id"])
    steps = []
    for index in stage_indices(snapshot, following):
        step = snapshot[index]
        if step["agency_id"]:
            agency_id = int(step["agency_id"])
        elif step["role"] == Role.DESK_OFFICER:
            agency_id = dossier.receiving_agency_id
        else:
            agency_id = handling
        steps.append((index, agency_id, str(step["role"]), step["department_id"]))
    return steps


def step_officers_for(
    *, dossier: Dossier | None, active: list[DossierTask], assignable: list[DossierTask], completing: list[DossierTask]
) -> tuple[dict[int, list[tuple[int, str]]], dict[int, list[tuple[int, str]]]]:
    """What the dossier page's action panel offers, in one query: by step id, the officers a leader
    may give each ``assignable`` step to; and the officers each ``completing`` step (forward,
    approve, sign) may hand the next stage to by name — those holding the role of every step of that
    stage in its agency, the first step's department first (see ``_next_stage_steps``).
    ``active``: the dossier's steps in progress."""
    specs: list[tuple[Hashable, int, str, int | None]] = [
        (("assign", t.pk), t.agency_id, t.role, t.department_id) for t in assignable
    ]
    following: dict[int, list[tuple[int, int, str, int | None]]] = {}
    if dossier is not None:
        following = {t.pk: _next_stage_steps(dossier, t, active) for t in completing}
    for task_id, steps in following.items():
        specs += [(("next", task_id, index), agency, role, dept) for index, agency, role, dept in steps]
    found = _officers_holding(specs)
    officers = {t.pk: found[("assign", t.pk)] for t in assignable}
    handlers: dict[int, list[tuple[int, str]]] = {}
    for task_id, steps in following.items():
        if not steps:
            handlers[task_id] = []
            continue
        first, *others = [dict(found[("next", task_id, index)]) for index, *_rest in steps]
        handlers[task_id] = [(uid, name) for uid, name in first.items() if all(uid in other for other in others)]
    return officers, handlers


def next_handlers_for(*, dossier: Dossier, task: DossierTask) -> list[tuple[int, str]]:
    """Whom completing ``task`` may hand the next stage to by name (``step_officers_for``)."""
    active = list(DossierTask.objects.filter(dossier=dossier, status=TaskStatus.ACTIVE))
    _officers, handlers = step_officers_for(dossier=dossier, active=active, assignable=[], completing=[task])
    return handlers[task.pk]


def filter_choices_for(*, user: Any) -> tuple[list[tuple[int, str]], list[tuple[str, str]]]:
    """The fields and procedures the worklist filters offer ``user``: those of the procedures the
    agencies they see handle, by the internal processes in force — a process of the agency or of
    a parent in the same administrative unit (a centre receives for its People's Committee), a step
    done or handed off there, or a process of the agency's level with steps for whichever agency of
    that level receives the dossier. A province-wide view gets every procedure with a process."""
    today = clock.today()
    templates = (
        ProcessTemplate.objects.filter(is_active=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    )
    scope = _scope_ids(user, VIEW_DOSSIER)
    if scope is not None:
        if not scope:
            return [], []
        # Every agency's parent and unit in one query (a province has a few hundred).
        tree = {
            pk: (parent_id, unit_id, level)
            for pk, parent_id, unit_id, level in Agency.objects.values_list(
                "pk", "parent_id", "administrative_unit_id", "administrative_unit__level"
            )
        }
        chain: set[int] = set()
        for agency_id in scope:
            current: int | None = agency_id
            while current is not None and current in tree and tree[current][1] == tree[agency_id][1]:
                chain.add(current)
                current = tree[current][0]
        levels = sorted({tree[pk][2] for pk in scope if pk in tree})
        templates = templates.filter(
            Q(agency_id__in=sorted(chain))
            | Q(steps__agency_id__in=scope)
            | Q(steps__hand_off_agency_id__in=scope)
            | Q(agency__isnull=True, level__code__in=levels, steps__agency__isnull=True)
        )
    procedures = list(
        Procedure.objects.filter(pk__in=templates.values("procedure_id"))
        .order_by("code")
        .values_list("code", "name", "field_id", "current_version__field_id")
    )
    field_ids = {f for _code, _name, *ids in procedures for f in ids if f is not None}
    fields = list(ProcedureField.objects.filter(pk__in=sorted(field_ids)).order_by("name").values_list("pk", "name"))
    return fields, [(code, f"{code}: {name}") for code, name, _field, _version_field in procedures]


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
    """The papers the desk checks off at intake: the notes of the national record are guidance, not papers."""
    rows = RequiredPaper.objects.filter(version_id=procedure.current_version_id, kind=PaperKind.PAPER)
    return list(rows.order_by("order", "pk"))
