"""Public tracking (tra cứu hồ sơ): what anyone holding a dossier code may see.

The code is printed on the receipt (Mẫu 01, with a QR code to the tracking page), so whoever holds
it sees the progress of the dossier: the procedure, the agencies, the status with its national code
(TrangThaiHoSo), the appointment and the public steps. Nothing that identifies the applicant beyond
a masked name: no identification number, address, phone, e-mail, request text, form data, reasons,
notes, files or officers' names (Luật Bảo vệ dữ liệu cá nhân 2025; ND 13/2023/NĐ-CP).
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError, NotFoundError
from egov.dossiers.choices import DossierStatus, Outcome, TaskStatus, Timeliness
from egov.dossiers.models import Dossier, DossierEvent, DossierTask, StatusCodeMapping
from egov.procedures.choices import ChannelKind

CODE_MAX_LENGTH = 60
# One budget of lookups per client for the API and the page: DOSSIER_TRACKING_RATE_LIMIT a minute.
RATE_LIMIT_SCOPE = "dossier-tracking"
RATE_LIMIT_WINDOW_SECONDS = 60
_CODE_FORMAT = re.compile(r"[A-Za-z0-9.\-]+")

# What each public event means to the applicant; events not listed (ratings, internal work) are not shown.
EVENT_LABELS: dict[str, Promise] = {
    "submit": _("Submitted online"),
    "receive": _("Dossier received"),
    "accept": _("Accepted by the one-stop desk"),
    "reject": _("Not accepted"),
    "forward": _("Step completed"),
    "approve": _("Step completed"),
    "sign": _("Signed off"),
    "request_supplement": _("Supplementation requested"),
    "supplement": _("Supplementary papers received"),
    "request_obligation": _("Waiting for financial obligations"),
    "fulfil_obligation": _("Financial obligations fulfilled"),
    "refuse": _("Refused, with the reasons in writing"),
    "extend": _("Apology and new appointment issued"),
    "withdraw": _("Stopped at the applicant's request"),
    "resolve": _("Result ready"),
    "return_result": _("Result returned"),
    "transfer_out": _("Transferred to another agency"),
}


@dataclass(frozen=True)
class TrackingEvent:
    at: datetime
    action: str
    label: Promise
    step: str  # the step it closed, when it closed one
    agency: str


@dataclass(frozen=True)
class TrackingStep:
    name: str
    agency: str
    state: str
    state_label: Promise
    started_at: datetime
    finished_at: datetime | None


@dataclass(frozen=True)
class TrackingView:
    code: str
    procedure_code: str
    procedure_name: str
    receiving_agency: str
    handling_agency: str
    applicant: str  # masked
    channel: str
    channel_label: Promise
    status: str
    status_label: Promise
    national_code: str
    national_label: str
    outcome: str
    outcome_label: Promise | str
    timeliness: str
    timeliness_label: Promise | str
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    extended: bool
    finished_at: datetime | None
    returned_at: datetime | None
    timeline: tuple[TrackingEvent, ...]
    steps: tuple[TrackingStep, ...]


def tracking_rate_limit() -> int:
    return int(getattr(settings, "DOSSIER_TRACKING_RATE_LIMIT", 60))


def clean_code(raw: str) -> str:
    """The code as typed (spaces around it ignored); a malformed one is a 400, never a lookup."""
    code = (raw or "").strip()
    if not code:
        raise ApplicationError(
            _("Enter the dossier code printed on your receipt."),
            code="dossier.track_code_invalid",
            fields={"code": [_("Required.")]},
        )
    if len(code) > CODE_MAX_LENGTH or not _CODE_FORMAT.fullmatch(code):
        raise ApplicationError(
            _("A dossier code has at most 60 characters: letters, digits, dots and hyphens."),
            code="dossier.track_code_invalid",
            fields={"code": [_("Check the code printed on your receipt.")]},
        )
    return code


def mask_name(full_name: str) -> str:
    """“Nguyễn Văn Bình” → “Nguyễn V. B.”: the family name and initials, enough for the holder to
    recognise their dossier, too little to identify anyone."""
    words = full_name.split()
    if not words:
        return ""
    if len(words) == 1:
        return f"{words[0][0]}."
    return " ".join([words[0], *(f"{word[0]}." for word in words[1:])])


def public_tracking_url(code: str) -> str:
    """The address the receipt's QR code opens."""
    return f"{settings.EGOV_PUBLIC_BASE_URL.rstrip('/')}/tra-cuu/{code}/"


def _find(code: str) -> Dossier:
    queryset = Dossier.objects.select_related("procedure", "procedure_version", "receiving_agency", "handling_agency")
    dossier = queryset.filter(code=code).first()
    if dossier is None and code.upper() != code:  # codes are issued in capitals; accept a lower-case copy
        dossier = queryset.filter(code=code.upper()).first()
    if dossier is None:
        raise NotFoundError(
            _("No dossier has this code. Check the code printed on your receipt."), code="dossier.track_not_found"
        )
    return dossier


def national_codes() -> dict[str, tuple[str, str]]:
    """Internal status → (national code, label) of the mapping in force today (one query)."""
    today = clock.today()
    rows = (
        StatusCodeMapping.objects.filter(valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("status", "-valid_from")
    )
    codes: dict[str, tuple[str, str]] = {}
    for row in rows:
        codes.setdefault(row.status, (row.national_code, row.national_label))
    return codes


def _timeline(dossier: Dossier) -> tuple[TrackingEvent, ...]:
    events = (
        DossierEvent.objects.filter(dossier=dossier, public=True, action__in=list(EVENT_LABELS))
        .select_related("task", "agency")
        .order_by("occurred_at", "id")
    )
    return tuple(
        TrackingEvent(
            at=event.occurred_at,
            action=event.action,
            label=EVENT_LABELS[event.action],
            step=event.task.name if event.task else "",
            agency=event.agency.name if event.agency else "",
        )
        for event in events
    )


def _steps(dossier: Dossier) -> tuple[TrackingStep, ...]:
    tasks = (
        DossierTask.objects.filter(dossier=dossier)
        .exclude(status=TaskStatus.CANCELLED)
        .select_related("agency")
        .order_by("started_at", "id")
    )
    return tuple(
        TrackingStep(
            name=task.name,
            agency=task.agency.name,
            state=task.status,
            state_label=TaskStatus(task.status).label,
            started_at=task.started_at,
            finished_at=task.finished_at,
        )
        for task in tasks
    )


def dossier_track(*, code: str) -> TrackingView:
    """The public view of one dossier. Raises 400 for a malformed code, 404 for an unknown one."""
    dossier = _find(clean_code(code))
    national_code, national_label = national_codes().get(dossier.status, ("", ""))
    return TrackingView(
        code=dossier.code,
        procedure_code=dossier.procedure.code,
        procedure_name=dossier.procedure_version.name,
        receiving_agency=dossier.receiving_agency.name,
        handling_agency=dossier.handling_agency.name,
        applicant=mask_name(dossier.applicant_name),
        channel=dossier.channel,
        channel_label=ChannelKind(dossier.channel).label,
        status=dossier.status,
        status_label=DossierStatus(dossier.status).label,
        national_code=national_code,
        national_label=national_label,
        outcome=dossier.outcome,
        outcome_label=Outcome(dossier.outcome).label if dossier.outcome else "",
        timeliness=dossier.timeliness,
        timeliness_label=Timeliness(dossier.timeliness).label if dossier.timeliness else "",
        submitted_at=dossier.submitted_at,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        extended=dossier.extended_at is not None,
        finished_at=dossier.finished_at,
        returned_at=dossier.returned_at,
        timeline=_timeline(dossier),
        steps=_steps(dossier),
    )
