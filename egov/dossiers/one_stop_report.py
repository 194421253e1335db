"""One-stop statistics: the columns of Biểu II.06a (TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC), per agency/field.

A few aggregate queries (conditional counts grouped by agency and/or field), never a loop over
dossiers, so a province-year (1 to 2 million dossiers) is one pass over the table. Conventions (rules
digest §1.7, §1.8; ``[S, E)`` is the period in Asia/Ho_Chi_Minh, ``E`` the day after ``period_to``):

* Received (3) = in the period online (4) + at the desk or by post (5) + carried over (6).
  "Received" is the moment the desk accepted the dossier (``received_at``, the clock's start); online
  submissions not yet accepted, and those not accepted (rejected), are not received. Carried over:
  received before ``S`` and not finished before ``S``.
* Resolved (7) = accepted dossiers whose first terminal moment (``finished_at``: result ready, refused,
  withdrawn) falls in the period; a returned dossier counts by that moment, not by its return. Early /
  on time / late (8) to (10) use ``Dossier.timeliness`` set at that moment (QĐ 766 indicator 2.1: paused
  time excluded, an apology's new appointment does not make a late dossier on time). Withdrawn
  dossiers are counted in (7) as on time (9), following the Thanh Hóa report convention
  "Đúng hạn (bao gồm cả hồ sơ chờ bổ sung và trả lại/xin rút)", and also shown in "withdrawn", so that
  (3) = (7) + (11) holds. Dossiers waiting for the applicant are not resolved: they are in progress,
  on time (12), as the brief of this report asks (Thanh Hóa puts them in (9)).
* In progress at the end of the period (11): received before ``E`` and not finished before ``E``.
  Overdue (13): its legal appointment (``legal_due_at``) passed at the cut-off and it was not
  waiting for the applicant then; the rest is on time (12). The cut-off is ``E``, or now for a
  period that has not ended. Past periods are rebuilt from the timestamps and the pause history.
* Extra columns: returned (result delivered in the period, by ``returned_at``), withdrawn (of (7)),
  not accepted (online submissions rejected in the period) and the on-time rate ((8) + (9)) / (7).

Agency = the receiving agency (the one-stop centre's report) or, on request, the handling agency
(the agency that decides, after the last hand-off). Scope: agencies where the user holds
``dossiers.view_statistics`` (leaders also oversee the agencies below theirs; province-wide roles see all).
"""

from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.core.text import fold
from egov.dossiers.choices import DossierStatus, Timeliness
from egov.dossiers.models import Dossier, DossierPause
from egov.organisation.facade import AllAgencies, visible_agency_ids
from egov.organisation.models import Agency
from egov.procedures.choices import ChannelKind
from egov.procedures.models import ProcedureField
from egov.workflow.facade import VIETNAM_TZ

VIEW_STATISTICS = "dossiers.view_statistics"
GROUPINGS: dict[str, Any] = {
    "agency": _("Agency"),
    "field": _("Field"),
    "agency_field": _("Agency and field"),
}
AGENCY_ROLES: dict[str, Any] = {
    "receiving": _("Receiving agency"),
    "handling": _("Handling agency"),
}
MAX_PERIOD_DAYS = 3 * 366
_ONLINE = (ChannelKind.ONLINE_FULL, ChannelKind.ONLINE_PARTIAL)
_FINISHED = (DossierStatus.RESOLVED, DossierStatus.RETURNED, DossierStatus.WITHDRAWN)


@dataclass(frozen=True)
class Counts:
    """The numbers of one row; (n) are the columns of Biểu II.06a."""

    received_online: int = 0  # (4)
    received_desk: int = 0  # (5)
    carried_over: int = 0  # (6)
    resolved_total: int = 0  # (7)
    resolved_early: int = 0  # (8)
    resolved_late: int = 0  # (10)
    pending_total: int = 0  # (11)
    pending_overdue: int = 0  # (13)
    returned: int = 0
    withdrawn: int = 0
    rejected: int = 0

    @property
    def received_total(self) -> int:  # (3)
        return self.received_online + self.received_desk + self.carried_over

    @property
    def resolved_on_time(self) -> int:  # (9), withdrawn included
        return self.resolved_total - self.resolved_early - self.resolved_late

    @property
    def pending_on_time(self) -> int:  # (12), waiting for the applicant included
        return self.pending_total - self.pending_overdue

    @property
    def on_time_rate(self) -> float | None:
        """((8) + (9)) / (7) in percent, two decimals; None when nothing was resolved."""
        if not self.resolved_total:
            return None
        return round(100 * (self.resolved_early + self.resolved_on_time) / self.resolved_total, 2)

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(Counts)})


COUNT_NAMES = tuple(f.name for f in fields(Counts))
# The columns (3)…(13) of the form, then the extra ones, in the order reports print them.
FORM_COLUMNS = (
    "received_total",
    "received_online",
    "received_desk",
    "carried_over",
    "resolved_total",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending_total",
    "pending_on_time",
    "pending_overdue",
    "returned",
    "withdrawn",
    "rejected",
    "on_time_rate",
)


@dataclass(frozen=True)
class ReportRow(Counts):
    agency_id: int | None = None
    agency_code: str = ""
    agency_name: str = ""
    field_id: int | None = None
    field_name: str = ""

    @property
    def label(self) -> str:
        return " / ".join(part for part in (self.agency_name, self.field_name) if part)


@dataclass(frozen=True)
class ReportResult:
    period_from: date
    period_to: date
    group_by: str
    agency_by: str
    as_of: datetime  # the cut-off at which dossiers in progress are judged on time or overdue
    rows: list[ReportRow]
    total: ReportRow
    agency_ids: tuple[int, ...] = field(default=())  # agencies in the rows (grouping by field: the scope)
    province_wide: bool = False  # the scope is every agency


def _bounds(period_from: date, period_to: date) -> tuple[datetime, datetime]:
    if period_from > period_to:
        raise ApplicationError(
            _("The end of the period must not be before its start."),
            code="statistics.period",
            fields={"period_to": [_("Choose a date on or after the start.")]},
        )
    if (period_to - period_from).days > MAX_PERIOD_DAYS:
        raise ApplicationError(
            _("A report covers at most three years; choose a shorter period."),
            code="statistics.period_too_long",
            fields={"period_from": [_("Choose a shorter period.")]},
        )
    start = datetime.combine(period_from, time.min, tzinfo=VIETNAM_TZ)
    return start, datetime.combine(period_to + timedelta(days=1), time.min, tzinfo=VIETNAM_TZ)


def _measures(start: datetime, end: datetime, cut: datetime) -> dict[str, Count]:
    received_in = Q(received_at__gte=start, received_at__lt=end)
    online = Q(channel__in=_ONLINE)
    finished_in = Q(received_at__isnull=False, status__in=_FINISHED, finished_at__gte=start, finished_at__lt=end)
    counted = finished_in & ~Q(status=DossierStatus.WITHDRAWN)
    open_at_end = Q(received_at__lt=end) & (Q(finished_at__isnull=True) | Q(finished_at__gte=end))
    # Dossiers waiting for the applicant at the cut-off: few, so one hashed set, not a lookup per row.
    waiting = DossierPause.objects.filter(started_at__lt=cut).filter(Q(ended_at__isnull=True) | Q(ended_at__gte=cut))
    return {
        "received_online": Count("pk", filter=received_in & online),
        "received_desk": Count("pk", filter=received_in & ~online),
        "carried_over": Count(
            "pk", filter=Q(received_at__lt=start) & (Q(finished_at__isnull=True) | Q(finished_at__gte=start))
        ),
        "resolved_total": Count("pk", filter=finished_in),
        "resolved_early": Count("pk", filter=counted & Q(timeliness=Timeliness.EARLY)),
        "resolved_late": Count("pk", filter=counted & Q(timeliness=Timeliness.LATE)),
        "withdrawn": Count("pk", filter=finished_in & Q(status=DossierStatus.WITHDRAWN)),
        "pending_total": Count("pk", filter=open_at_end),
        "pending_overdue": Count(
            "pk", filter=open_at_end & Q(legal_due_at__lt=cut) & ~Q(pk__in=waiting.values("dossier_id"))
        ),
        "returned": Count("pk", filter=Q(returned_at__gte=start, returned_at__lt=end)),
        "rejected": Count("pk", filter=Q(status=DossierStatus.REJECTED, finished_at__gte=start, finished_at__lt=end)),
    }


def _scope(user: Any, agency_ids: list[int] | None) -> frozenset[int] | None:
    """The agencies the report may show (None: all of them)."""
    visible = visible_agency_ids(user, VIEW_STATISTICS)
    if not isinstance(visible, AllAgencies) and not visible:
        raise PermissionDeniedError(_("Only leaders, auditors and province administrators may view the statistics."))
    if agency_ids:
        wanted = frozenset(agency_ids)
        return wanted if isinstance(visible, AllAgencies) else wanted & visible
    return None if isinstance(visible, AllAgencies) else visible


def one_stop_report(
    *,
    user: Any,
    period_from: date,
    period_to: date,
    group_by: str = "agency",
    agency_by: str = "receiving",
    agency_ids: list[int] | None = None,
) -> ReportResult:
    if group_by not in GROUPINGS:
        raise ApplicationError(_("Choose how to group the report."), code="statistics.group_by")
    if agency_by not in AGENCY_ROLES:
        raise ApplicationError(_("Choose the receiving or the handling agency."), code="statistics.agency_by")
    start, end = _bounds(period_from, period_to)
    scope = _scope(user, agency_ids)
    cut = min(end, clock.now())
    agency_col = f"{agency_by}_agency_id"
    dossiers = Dossier.objects.filter(
        (Q(received_at__lt=end) & (Q(finished_at__isnull=True) | Q(finished_at__gte=start) | Q(returned_at__gte=start)))
        | Q(status=DossierStatus.REJECTED, finished_at__gte=start, finished_at__lt=end)
    )
    if scope is not None:
        dossiers = dossiers.filter(**{f"{agency_col}__in": sorted(scope)})
    keys = {"agency": [agency_col], "field": ["field_id"], "agency_field": [agency_col, "field_id"]}[group_by]
    grouped = list(dossiers.order_by().values(*keys).annotate(**_measures(start, end, cut)))
    rows = _rows(grouped, agency_col)
    total = sum((Counts(**{n: getattr(r, n) for n in COUNT_NAMES}) for r in rows), Counts())
    covered = {r.agency_id for r in rows if r.agency_id is not None} if group_by != "field" else set(scope or ())
    return ReportResult(
        period_from=period_from,
        period_to=period_to,
        group_by=group_by,
        agency_by=agency_by,
        as_of=cut,
        rows=rows,
        total=ReportRow(**{n: getattr(total, n) for n in COUNT_NAMES}, agency_name=str(_("Total"))),
        agency_ids=tuple(sorted(covered)),
        province_wide=scope is None,
    )


def _rows(grouped: list[dict[str, Any]], agency_col: str) -> list[ReportRow]:
    agencies: dict[int, dict[str, Any]] = {
        a["id"]: dict(a)
        for a in Agency.objects.filter(pk__in={g[agency_col] for g in grouped if agency_col in g}).values(
            "id", "code", "name"
        )
    }
    field_names = dict(
        ProcedureField.objects.filter(pk__in={g["field_id"] for g in grouped if g.get("field_id")}).values_list(
            "id", "name"
        )
    )
    rows = []
    for g in grouped:
        agency: dict[str, Any] = agencies.get(g.get(agency_col) or 0, {})
        has_field = "field_id" in g
        rows.append(
            ReportRow(
                **{n: g[n] for n in COUNT_NAMES},
                agency_id=agency.get("id"),
                agency_code=agency.get("code", ""),
                agency_name=agency.get("name", ""),
                field_id=g.get("field_id"),
                field_name=(field_names.get(g["field_id"]) or str(_("No field"))) if has_field else "",
            )
        )
    rows.sort(key=lambda r: (r.agency_code, fold(r.field_name)))  # Đ sorts with D
    return rows
