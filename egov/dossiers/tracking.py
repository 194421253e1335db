"""Public tracking (tra cứu hồ sơ): what anyone holding a dossier code may see.

The code is printed on the receipt (Mẫu 01, with a QR code to the tracking page), so whoever holds
it sees the progress of the dossier: the procedure, the agencies, the status with its national code
(TrangThaiHoSo), the appointment and the public steps. Nothing that identifies the applicant beyond
a masked name: no identification number, address, phone, e-mail, request text, form data, reasons,
notes, files or officers' names (Luật Bảo vệ dữ liệu cá nhân 2025; ND 13/2023/NĐ-CP).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError, NotFoundError
from egov.core.pagecache import RateSpec
from egov.dossiers.choices import DossierStatus, Outcome, TaskStatus, Timeliness
from egov.dossiers.models import Dossier, DossierEvent, DossierTask, StatusCodeMapping
from egov.procedures.choices import ChannelKind

CODE_MAX_LENGTH = 60
# One budget of lookups per client for the API and the page: DOSSIER_TRACKING_RATE_LIMIT a minute.
RATE_LIMIT_SCOPE = "dossier-tracking"
RATE_LIMIT_WINDOW_SECONDS = 60
_CODE_FORMAT = re.compile(r"[A-Za-z0-9.\-]+")
# Cached tracking answers still count against the client's budget (egov.core.pagecache).
TRACKING_RATE = RateSpec(RATE_LIMIT_SCOPE, "DOSSIER_TRACKING_RATE_LIMIT", 60, RATE_LIMIT_WINDOW_SECONDS)


def tracking_cache_tags(code: str) -> tuple[str, ...]:
    """What a cached tracking answer depends on: the dossier (its status, steps and public events),
    the agencies' and the procedures' names."""
    return (f"dossier:{code}", "organisation", "catalogue")


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
    "correct_answers": _("Answers in the form corrected"),
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


# Only the columns the public view shows: a narrow SELECT is cheaper to compile and to read than
# whole rows with their related rows.
_DOSSIER_COLUMNS = (
    "id",
    "code",
    "procedure__code",
    "procedure_version__name",
    "receiving_agency__name",
    "handling_agency__name",
    "applicant_name",
    "channel",
    "status",
    "outcome",
    "timeliness",
    "submitted_at",
    "received_at",
    "due_at",
    "extended_at",
    "finished_at",
    "returned_at",
)


def _find(code: str) -> dict[str, Any]:
    rows = Dossier.objects.values(*_DOSSIER_COLUMNS)
    dossier: dict[str, Any] | None = rows.filter(code=code).first()
    if dossier is None and code.upper() != code:  # codes are issued in capitals; accept a lower-case copy
        dossier = rows.filter(code=code.upper()).first()
    if dossier is None:
        raise NotFoundError(
            _("No dossier has this code. Check the code printed on your receipt."), code="dossier.track_not_found"
        )
    return dossier


def _national_codes_key(today: date) -> str:
    return f"dossiers:national-status-codes:v1:{today.isoformat()}"


def national_codes() -> dict[str, tuple[str, str]]:
    """Internal status → (national code, label) of the mapping in force today: one query a day per
    host, as the mapping changes only with the law (a change in the admin forgets it at once)."""
    today = clock.today()
    key = _national_codes_key(today)
    codes: dict[str, tuple[str, str]] | None = cache.get(key)
    if codes is not None:
        return codes
    rows = (
        StatusCodeMapping.objects.filter(valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("status", "-valid_from")
        .values_list("status", "national_code", "national_label")
    )
    codes = {}
    for status, national_code, national_label in rows:
        codes.setdefault(status, (national_code, national_label))
    cache.set(key, codes, 24 * 3600)
    return codes


def national_codes_forget() -> None:
    cache.delete(_national_codes_key(clock.today()))


def _timeline(dossier_id: int) -> tuple[TrackingEvent, ...]:
    events = (
        DossierEvent.objects.filter(dossier_id=dossier_id, public=True, action__in=list(EVENT_LABELS))
        .order_by("occurred_at", "id")
        .values_list("occurred_at", "action", "task__name", "agency__name")
    )
    return tuple(
        TrackingEvent(at=at, action=action, label=EVENT_LABELS[action], step=step or "", agency=agency or "")
        for at, action, step, agency in events
    )


def _steps(dossier_id: int) -> tuple[TrackingStep, ...]:
    tasks = (
        DossierTask.objects.filter(dossier_id=dossier_id)
        .exclude(status=TaskStatus.CANCELLED)
        .order_by("started_at", "id")
        .values_list("name", "agency__name", "status", "started_at", "finished_at")
    )
    return tuple(
        TrackingStep(
            name=name,
            agency=agency,
            state=status,
            state_label=TaskStatus(status).label,
            started_at=started_at,
            finished_at=finished_at,
        )
        for name, agency, status, started_at, finished_at in tasks
    )


def dossier_track(*, code: str) -> TrackingView:
    """The public view of one dossier. Raises 400 for a malformed code, 404 for an unknown one."""
    row = _find(clean_code(code))
    status, outcome, timeliness = row["status"], row["outcome"], row["timeliness"]
    national_code, national_label = national_codes().get(status, ("", ""))
    return TrackingView(
        code=row["code"],
        procedure_code=row["procedure__code"],
        procedure_name=row["procedure_version__name"],
        receiving_agency=row["receiving_agency__name"],
        handling_agency=row["handling_agency__name"],
        applicant=mask_name(row["applicant_name"]),
        channel=row["channel"],
        channel_label=ChannelKind(row["channel"]).label,
        status=status,
        status_label=DossierStatus(status).label,
        national_code=national_code,
        national_label=national_label,
        outcome=outcome,
        outcome_label=Outcome(outcome).label if outcome else "",
        timeliness=timeliness,
        timeliness_label=Timeliness(timeliness).label if timeliness else "",
        submitted_at=row["submitted_at"],
        received_at=row["received_at"],
        due_at=row["due_at"],
        extended=row["extended_at"] is not None,
        finished_at=row["finished_at"],
        returned_at=row["returned_at"],
        timeline=_timeline(row["id"]),
        steps=_steps(row["id"]),
    )
