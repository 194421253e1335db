"""Reads of the one-stop engine for the citizen portal.

1. **The applicant's own dossiers** ("Hồ sơ của tôi"). Everything is scoped to ``Dossier.applicant_user``:
   another account's dossier or file is "not found" (404), never "forbidden", so codes and file numbers
   cannot be probed. The applicant sees their papers and supplements and, once the result is ready,
   the result: a signed copy instead of the unsigned original it was made from (ND 30/2020/NĐ-CP
   Điều 5 k1; ND 45/2020/NĐ-CP Điều 19: the e-result has the legal value of the paper one). Never the
   agency's working files, nor a draft result before the dossier is resolved.
2. **Public aggregates without personal data**: the procedures most often received lately (home page)
   and the one-stop statistics of every agency (the transparency page; the columns of Biểu II.06a,
   TT 03/2025/TT-VPCP, counted exactly as the staff report counts them).
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.files import File
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError, NotFoundError
from egov.dossiers import one_stop_report as report
from egov.dossiers.choices import Action, DossierStatus, FileKind
from egov.dossiers.models import Dossier, DossierFile, Rating
from egov.dossiers.selectors_answers import (
    CorrectionRow,
    dossier_answers,
    form_schema,
    questioned_of,
    questioned_schema,
)
from egov.dossiers.services.actions import allowed_actions
from egov.dossiers.tracking import TrackingEvent, TrackingStep, dossier_track

S = DossierStatus
# The groups of "my dossiers" (what the applicant cares about, not the engine's states).
STATUS_GROUPS: dict[str, frozenset[str]] = {
    "in_progress": frozenset({S.SUBMITTED, S.PROCESSING, S.WAITING_OBLIGATION}),
    "supplement": frozenset({S.WAITING_SUPPLEMENT}),
    "result": frozenset({S.RESOLVED}),
    "closed": frozenset({S.RETURNED, S.REJECTED, S.WITHDRAWN}),
}
RATING_SCORES: tuple[tuple[int, Promise], ...] = tuple((value, Rating.Score(value).label) for value in Rating.Score)
_RESULT_VISIBLE = frozenset({S.RESOLVED, S.RETURNED})
_APPLICANT_FILES = (FileKind.PAPER, FileKind.SUPPLEMENT, FileKind.RESULT)


def status_group(status: str) -> str:
    return next((group for group, statuses in STATUS_GROUPS.items() if status in statuses), "in_progress")


@dataclass(frozen=True)
class ApplicantDossierRow:
    code: str
    procedure_code: str
    procedure_name: str
    status: str
    group: str
    submitted_at: datetime | None  # submitted online, or received at the desk
    due_at: datetime | None
    finished_at: datetime | None
    fee_amount: int
    paid_amount: int

    @property
    def has_fee(self) -> bool:
        return self.fee_amount > 0

    @property
    def is_paid(self) -> bool:
        return self.fee_amount > 0 and self.paid_amount >= self.fee_amount


@dataclass(frozen=True)
class ApplicantDossierPage:
    rows: tuple[ApplicantDossierRow, ...]
    count: int  # in the group asked for
    counts: dict[str, int]  # per group, and "all"


@dataclass(frozen=True)
class ApplicantFile:
    id: int
    kind: str  # paper | supplement | result
    name: str
    size: int
    content_type: str
    uploaded_at: datetime
    is_signed: bool
    paper: str = ""  # the paper of the procedure this file answers ("" for results and unlisted files)


@dataclass(frozen=True)
class ApplicantFileDownload:
    name: str
    content_type: str
    size: int
    handle: "File[bytes]"  # opened for reading; the response closes it


@dataclass(frozen=True)
class ApplicantRating:
    score: int
    label: Promise
    comment: str
    rated_at: datetime


@dataclass(frozen=True)
class ApplicantDossier:
    code: str
    version: int  # the optimistic lock the applicant's actions send back
    procedure_code: str
    procedure_name: str
    status: str
    group: str
    channel: str
    receiving_agency: str
    handling_agency: str
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    extended: bool
    finished_at: datetime | None
    returned_at: datetime | None
    outcome: str
    timeliness: str
    return_method: str
    reasons: tuple[str, ...]  # of the supplementation request, the refusal or the non-acceptance
    fee_amount: int
    paid_amount: int
    payment_reference: str
    paid_at: datetime | None
    form_schema: dict[str, Any] | None
    form_data: dict[str, Any]
    papers: tuple[ApplicantFile, ...]  # what the applicant submitted, supplements included
    results: tuple[ApplicantFile, ...]
    timeline: tuple[TrackingEvent, ...]
    active_steps: tuple[TrackingStep, ...]
    rating: ApplicantRating | None
    can_supplement: bool
    can_withdraw: bool
    can_rate: bool
    # The answers an officer questioned (field, label, note), the form reduced to them for the
    # applicant to correct while the supplementation is awaited, and every correction made since.
    questioned: tuple[tuple[str, str, str], ...] = ()
    correction_schema: dict[str, Any] | None = None
    corrections: tuple[CorrectionRow, ...] = ()

    @property
    def has_fee(self) -> bool:
        return self.fee_amount > 0

    @property
    def is_paid(self) -> bool:
        return self.fee_amount > 0 and self.paid_amount >= self.fee_amount


def _mine(user: Any) -> QuerySet[Dossier]:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "pk", None):
        return Dossier.objects.none()
    return Dossier.objects.filter(applicant_user_id=user.pk)


def _find(user: Any, code: str) -> Dossier:
    dossier = (
        _mine(user)
        .select_related("procedure", "procedure_version", "receiving_agency", "handling_agency")
        .filter(code=(code or "").strip())
        .first()
    )
    if dossier is None:  # someone else's dossier looks exactly like one that does not exist
        raise NotFoundError(_("You have no dossier with this code."), code="dossier.not_found")
    return dossier


def applicant_dossier_list(*, user: Any, group: str = "", offset: int = 0, limit: int = 20) -> ApplicantDossierPage:
    """The applicant's dossiers, newest first, optionally one group of ``STATUS_GROUPS``."""
    if group and group not in STATUS_GROUPS:
        raise ApplicationError(_("Unknown group of dossiers."), code="dossier.group", fields={"status": [group]})
    mine = _mine(user)
    by_status = {row["status"]: row["n"] for row in mine.order_by().values("status").annotate(n=Count("pk"))}
    counts = {name: sum(by_status.get(s, 0) for s in statuses) for name, statuses in STATUS_GROUPS.items()}
    counts["all"] = sum(by_status.values())
    if group:
        mine = mine.filter(status__in=sorted(STATUS_GROUPS[group]))
    rows = (
        mine.select_related("procedure", "procedure_version")
        .annotate(started=Coalesce("submitted_at", "received_at", "created_at"))
        .order_by("-started", "-pk")[offset : offset + limit]
    )
    return ApplicantDossierPage(
        rows=tuple(
            ApplicantDossierRow(
                code=d.code,
                procedure_code=d.procedure.code,
                procedure_name=d.procedure_version.name,
                status=d.status,
                group=status_group(d.status),
                submitted_at=d.submitted_at or d.received_at,
                due_at=d.due_at,
                finished_at=d.finished_at,
                fee_amount=d.fee_amount,
                paid_amount=d.paid_amount,
            )
            for d in rows
        ),
        count=counts[group] if group else counts["all"],
        counts=counts,
    )


def _visible_files(dossier: Dossier) -> QuerySet[DossierFile]:
    """The files the applicant may see and download (one rule for the page and the download)."""
    kinds = [FileKind.PAPER, FileKind.SUPPLEMENT]
    if dossier.status in _RESULT_VISIBLE:
        kinds.append(FileKind.RESULT)
    signed_copy = DossierFile.objects.filter(signed_from=OuterRef("pk"), is_signed=True)
    return (
        DossierFile.objects.filter(dossier=dossier, kind__in=kinds)
        .exclude(Q(kind=FileKind.RESULT) & Exists(signed_copy))  # the signed copy stands for its original
        .order_by("uploaded_at", "pk")
    )


def _file(record: DossierFile, dossier: Dossier | None = None) -> ApplicantFile:
    papers = (dossier.papers or []) if dossier is not None else []
    index = record.paper_index
    paper = str(papers[index].get("name", "")) if index is not None and 0 <= index < len(papers) else ""
    return ApplicantFile(
        id=record.pk,
        kind=record.kind,
        name=record.name,
        size=record.size,
        content_type=record.content_type,
        uploaded_at=record.uploaded_at,
        is_signed=record.is_signed,
        paper=paper,
    )


def applicant_dossier_get(*, user: Any, code: str) -> ApplicantDossier:
    """One of the applicant's dossiers with its public timeline and files; 404 for anyone else's."""
    dossier = _find(user, code)
    files = [_file(f, dossier) for f in _visible_files(dossier)]
    rating = Rating.objects.filter(dossier=dossier).first()
    tracked = dossier_track(code=dossier.code)
    allowed = allowed_actions(dossier.status)
    answers = dossier_answers(dossier=dossier)
    questioned = questioned_of(dossier) if Action.SUPPLEMENT in allowed else []
    schema = form_schema(dossier)
    return ApplicantDossier(
        code=dossier.code,
        version=dossier.version,
        procedure_code=dossier.procedure.code,
        procedure_name=dossier.procedure_version.name,
        status=dossier.status,
        group=status_group(dossier.status),
        channel=dossier.channel,
        receiving_agency=dossier.receiving_agency.name,
        handling_agency=dossier.handling_agency.name,
        submitted_at=dossier.submitted_at,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        extended=dossier.extended_at is not None,
        finished_at=dossier.finished_at,
        returned_at=dossier.returned_at,
        outcome=dossier.outcome,
        timeliness=dossier.timeliness,
        return_method=dossier.return_method,
        reasons=tuple(str(r) for r in dossier.reasons or ()),
        fee_amount=dossier.fee_amount,
        paid_amount=dossier.paid_amount,
        payment_reference=dossier.payment_reference,
        paid_at=dossier.paid_at,
        form_schema=dossier.procedure_version.form_schema or None,
        form_data=dossier.form_data or {},
        papers=tuple(f for f in files if f.kind != FileKind.RESULT),
        results=tuple(f for f in files if f.kind == FileKind.RESULT),
        timeline=tracked.timeline,
        active_steps=tuple(step for step in tracked.steps if step.state == "active"),
        rating=(
            ApplicantRating(
                score=rating.score,
                label=Rating.Score(rating.score).label,
                comment=rating.comment,
                rated_at=rating.rated_at,
            )
            if rating is not None
            else None
        ),
        can_supplement=Action.SUPPLEMENT in allowed,
        can_withdraw=Action.WITHDRAW in allowed,
        can_rate=rating is None and dossier.status in _RESULT_VISIBLE,
        questioned=answers.questioned if answers is not None and questioned else (),
        correction_schema=questioned_schema(schema, questioned) if schema is not None and questioned else None,
        corrections=answers.corrections if answers is not None else (),
    )


def applicant_file_get(*, user: Any, code: str, file_id: int) -> ApplicantFileDownload:
    """A file of the applicant's dossier that the page shows them; 404 for anything else."""
    dossier = _find(user, code)
    record = _visible_files(dossier).filter(pk=file_id).first()
    if record is None:
        raise NotFoundError(_("No such file."), code="dossier.file_not_found")
    return ApplicantFileDownload(
        name=record.name, content_type=record.content_type, size=record.size, handle=record.file.open("rb")
    )


def procedure_popularity(*, since: datetime, limit: int = 6) -> list[tuple[str, int]]:
    """(procedure code, dossiers) received (or submitted online, not yet received) since ``since``,
    most first; only counts, nothing about anyone."""
    recent = Q(received_at__gte=since) | Q(received_at__isnull=True, submitted_at__gte=since)
    rows = (
        Dossier.objects.filter(recent)
        .order_by()
        .values("procedure__code")
        .annotate(n=Count("pk"))
        .order_by("-n", "procedure__code")[:limit]
    )
    return [(row["procedure__code"], row["n"]) for row in rows]


def one_stop_report_public(*, period_from: date, period_to: date, group_by: str = "agency") -> report.ReportResult:
    """The one-stop report of every agency (by receiving agency, or by field) for the public page.

    The same query and conventions as ``one_stop_report`` (whose only addition is the staff scope):
    figures per agency or field, no dossier and no person. Raises 400 for a bad period.
    """
    if group_by not in ("agency", "field"):
        raise ApplicationError(_("Choose how to group the report."), code="statistics.group_by")
    start, end = report._bounds(period_from, period_to)
    cut = min(end, clock.now())
    agency_col = "receiving_agency_id"
    dossiers = Dossier.objects.filter(
        (Q(received_at__lt=end) & (Q(finished_at__isnull=True) | Q(finished_at__gte=start) | Q(returned_at__gte=start)))
        | Q(status=DossierStatus.REJECTED, finished_at__gte=start, finished_at__lt=end)
    )
    keys = [agency_col] if group_by == "agency" else ["field_id"]
    grouped = list(dossiers.order_by().values(*keys).annotate(**report._measures(start, end, cut)))
    rows = report._rows(grouped, agency_col)
    total = sum((report.Counts(**{n: getattr(r, n) for n in report.COUNT_NAMES}) for r in rows), report.Counts())
    return report.ReportResult(
        period_from=period_from,
        period_to=period_to,
        group_by=group_by,
        agency_by="receiving",
        as_of=cut,
        rows=rows,
        total=report.ReportRow(**{n: getattr(total, n) for n in report.COUNT_NAMES}),
        agency_ids=tuple(sorted({r.agency_id for r in rows if r.agency_id is not None})),
        province_wide=True,
    )
