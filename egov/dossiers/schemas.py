"""Schemas of the dossier API (``/api/v1/dossiers``) and of public tracking (``/api/v1/track``)."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import override
from ninja import Field, Schema
from pydantic import StringConstraints

from egov.dossiers.choices import DossierStatus
from egov.dossiers.facade import allowed_actions
from egov.dossiers.models import Dossier, DossierEvent, DossierFile, DossierTask, Rating
from egov.dossiers.selectors import dossier_files, dossier_tasks
from egov.dossiers.tracking import TrackingView, national_codes, public_tracking_url

# Bounds of free text an integrator may send (the columns are TextField; these keep requests sane).
NOTE_MAX = 5000
REASON_MAX = 1000
MAX_LIMIT = 200


class ErrorOut(Schema):
    """Every 4xx: a stable machine code and the message in Vietnamese and English."""

    code: str = Field(description="stable error code, e.g. dossier.illegal_transition, dossier.conflict")
    message: str = Field(description="in Vietnamese")
    message_en: str = Field(description="in English")
    fields: dict[str, Any] | None = Field(None, description="per-field messages, when the input is at fault")
    errors: list[Any] | None = Field(None, description="schema validation details (422 only)")


# ---------- Input ----------


class ApplicantIn(Schema):
    full_name: str = Field(..., min_length=1, max_length=255)
    id_number: str = Field("", max_length=20, description="12-digit personal ID, or the organisation's code")
    kind: Literal["citizen", "organisation"] = "citizen"
    address: str = Field("", max_length=500)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)


class PaperIn(Schema):
    name: str = Field(..., min_length=1, max_length=500)
    originals: int = Field(0, ge=0, le=99)
    copies: int = Field(0, ge=0, le=99)
    paper_id: int | None = Field(None, description="the catalogue's required paper it answers, when known")


class _IntakeCommon(Schema):
    agency_id: int = Field(description="the receiving agency (its one-stop desk)")
    procedure_code: str = Field(..., min_length=1, max_length=30, description="national code, e.g. 1.001193")
    subject: str = Field("", max_length=NOTE_MAX, description="the request (default: the procedure's name)")
    papers: list[PaperIn] = Field(default_factory=list, max_length=100)
    form_data: dict[str, Any] = Field(default_factory=dict, description="the e-form's answers, when it has one")
    copies: int = Field(1, ge=1, le=99, description="number of sets")
    return_method: Literal["desk", "post", "online"] = "desk"
    representative: dict[str, str] = Field(default_factory=dict, description="who filed on the applicant's behalf")


class IntakeIn(_IntakeCommon):
    channel: Literal["counter", "post"] = "counter"
    applicant: ApplicantIn
    note: str = Field("", max_length=NOTE_MAX, description="the desk's note (internal)")


class OnlineApplicantIn(Schema):
    """The account holder is the applicant: name and ID number come from the verified account."""

    address: str = Field("", max_length=500)
    phone: str = Field("", max_length=20, description="default: the account's")
    email: str = Field("", max_length=254, description="default: the account's")


class OnlineIntakeIn(_IntakeCommon):
    channel: Literal["online_full", "online_partial"] = "online_full"
    applicant: OnlineApplicantIn | None = None


class ActionIn(Schema):
    version: int = Field(..., ge=1, description="the dossier version you read (optimistic lock; stale → 409)")
    note: str = Field("", max_length=NOTE_MAX)
    reasons: list[Annotated[str, StringConstraints(max_length=REASON_MAX)]] = Field(
        default_factory=list, max_length=20, description="reject, refuse, request_supplement: stated in writing"
    )
    task_id: int | None = Field(None, description="which of your steps in progress, when you hold several")
    assignee_id: int | None = Field(None, description="assign: the officer; forward: the next step's officer")
    new_due_date: date | None = Field(None, description="extend: the new appointment (YYYY-MM-DD)")
    return_method: Literal["", "desk", "post", "online"] = Field("", description="return_result")
    target: str = Field("", max_length=60, description="transfer_out: code of the agency outside the province")
    draft_id: int | None = Field(
        None, description="the result draft (submit_result, approve_result, return_draft, sign_result)"
    )
    template_id: int | None = Field(None, description="draft_result: the result template a new draft starts from")
    values: dict[str, Annotated[str, StringConstraints(max_length=4000)]] = Field(
        default_factory=dict, max_length=200, description="draft_result: the draft's fields by key"
    )
    digest: str = Field("", max_length=64, description="sign_result: SHA-256 (hex) of the approved PDF you were shown")
    confirmation: str = Field(
        "", max_length=200, description="sign_result: your password, or an authenticator code when two-step is on"
    )


class RatingIn(Schema):
    score: int = Field(description="1 very dissatisfied … 5 very satisfied")
    comment: str = Field("", max_length=2000)


class DossierFilter(Schema):
    worklist: Literal["to_receive", "mine", "department", "due_soon", "overdue", "waiting", "finished", "all"] = "all"
    q: str = Field("", max_length=100, description="code prefix, applicant name (accents ignored) or ID number")
    procedure_code: str = Field("", max_length=30)
    field_id: int | None = None
    agency_id: int | None = None
    channel: str = Field("", max_length=20, description="counter, post, online_partial, online_full")
    status: str = Field("", max_length=30)
    received_from: date | None = None
    received_to: date | None = None
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description="page size, at most 200")
    offset: int = Field(0, ge=0)


# ---------- Output ----------


def vi(label: Promise | str) -> str:
    """Labels go out in Vietnamese (the codes beside them let integrators translate)."""
    with override("vi"):
        return str(label)


def _status(code: str, context: Any) -> dict[str, str]:
    # The mapping is read once per request, not once per dossier of a list.
    request = (context or {}).get("request")
    codes = getattr(request, "_dossier_national_codes", None)
    if codes is None:
        codes = national_codes()
        if request is not None:
            request._dossier_national_codes = codes
    national = codes.get(code, ("", ""))
    return {
        "code": code,
        "label": vi(DossierStatus(code).label),
        "national_code": national[0],
        "national_label": national[1],
    }


class NamedOut(Schema):
    id: int
    code: str
    name: str


class ProcedureRefOut(Schema):
    code: str
    name: str


class StatusOut(Schema):
    code: str = Field(description="internal status: submitted, processing, waiting_supplement, …")
    label: str = Field(description="in Vietnamese")
    national_code: str = Field(description="TrangThaiHoSo of Cổng DVCQG (1-10); empty when unmapped")
    national_label: str


class _DossierRef(Schema):
    code: str
    version: int = Field(description="send it back with every action (optimistic lock)")
    status: StatusOut
    procedure: ProcedureRefOut

    @staticmethod
    def resolve_status(obj: Dossier, context: Any) -> dict[str, str]:
        return _status(obj.status, context)

    @staticmethod
    def resolve_procedure(obj: Dossier) -> dict[str, str]:
        return {"code": obj.procedure.code, "name": obj.procedure_version.name}


class DossierListItemOut(_DossierRef):
    applicant_name: str
    receiving_agency: NamedOut
    handling_agency: NamedOut
    channel: str
    received_at: datetime | None
    due_at: datetime | None
    finished_at: datetime | None
    timeliness: str


class DossierPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[DossierListItemOut]


class SubmittedOut(_DossierRef):
    """What the citizen gets back from an online submission."""

    receiving_agency: NamedOut
    submitted_at: datetime | None
    due_at: datetime | None = Field(description="provisional: recomputed when the desk accepts the dossier")
    tracking_url: str

    @staticmethod
    def resolve_tracking_url(obj: Dossier) -> str:
        return public_tracking_url(obj.code)


class ApplicantOut(Schema):
    kind: str
    full_name: str
    id_number: str
    address: str
    phone: str
    email: str
    user_id: int | None


class TaskOut(Schema):
    id: int
    step_index: int
    name: str
    agency: NamedOut
    department: str
    role: str
    assignee_id: int | None
    assignee_name: str
    status: str = Field(description="active, done, sent_back or cancelled")
    started_at: datetime
    due_at: datetime
    finished_at: datetime | None
    finished_by_name: str
    spent_seconds: int | None
    timeliness: str
    closing_action: str
    note: str

    @staticmethod
    def resolve_department(obj: DossierTask) -> str:
        return obj.department.name if obj.department else ""

    @staticmethod
    def resolve_assignee_name(obj: DossierTask) -> str:
        return _person(obj.assignee)

    @staticmethod
    def resolve_finished_by_name(obj: DossierTask) -> str:
        return _person(obj.finished_by)


def _person(user: Any) -> str:
    return (user.full_name or user.username) if user is not None else ""


class FileOut(Schema):
    id: int
    kind: str = Field(description="paper, supplement, working or result")
    name: str
    content_type: str
    size: int
    sha256: str
    paper_index: int | None
    is_signed: bool = Field(description="a result signed by the leader and sealed by the agency through egov")
    uploaded_at: datetime
    url: str = Field(description="download address (same authentication)")

    @staticmethod
    def resolve_url(obj: DossierFile) -> str:
        return reverse("api-v1:dossier_file", kwargs={"code": obj.dossier.code, "file_id": obj.pk})


class RatingOut(Schema):
    score: int
    comment: str
    rated_at: datetime


class DossierOut(_DossierRef):
    outcome: str = Field(description="granted or refused, once the result is ready")
    timeliness: str = Field(description="early, on_time or late, once finished")
    channel: str
    receiving_agency: NamedOut
    handling_agency: NamedOut
    applicant: ApplicantOut
    representative: dict[str, Any]
    subject: str
    form_data: dict[str, Any]
    papers: list[dict[str, Any]]
    copies: int
    return_method: str
    fee_amount: int = Field(description="fees computed when submitted online, whole đồng")
    paid_amount: int = Field(description="paid online through the payment gateway, whole đồng")
    payment_reference: str
    paid_at: datetime | None
    submitted_at: datetime | None
    received_at: datetime | None
    legal_due_at: datetime | None = Field(description="the legal appointment, moved only by waiting time")
    due_at: datetime | None = Field(description="the appointment shown (an apology may move it once)")
    extended_at: datetime | None
    extension_reason: str
    paused_seconds: int = Field(description="working time spent waiting for the applicant (not counted)")
    supplement_requests: int
    finished_at: datetime | None
    returned_at: datetime | None
    reasons: list[str]
    allowed_actions: list[str] = Field(description="legal from the current status; the guards still decide who")
    tasks: list[TaskOut]
    files: list[FileOut]
    rating: RatingOut | None

    @staticmethod
    def resolve_applicant(obj: Dossier) -> dict[str, Any]:
        return {
            "kind": obj.applicant_kind,
            "full_name": obj.applicant_name,
            "id_number": obj.applicant_id_number,
            "address": obj.applicant_address,
            "phone": obj.applicant_phone,
            "email": obj.applicant_email,
            "user_id": obj.applicant_user_id,
        }

    @staticmethod
    def resolve_allowed_actions(obj: Dossier) -> list[str]:
        return allowed_actions(obj.status)

    @staticmethod
    def resolve_tasks(obj: Dossier) -> list[DossierTask]:
        return dossier_tasks(dossier=obj)

    @staticmethod
    def resolve_files(obj: Dossier) -> list[DossierFile]:
        files = dossier_files(dossier=obj)
        for item in files:
            item.dossier = obj  # the download address needs the code; no query per file
        return files

    @staticmethod
    def resolve_rating(obj: Dossier) -> Rating | None:
        return Rating.objects.filter(dossier=obj).first()


class EventOut(Schema):
    id: int
    occurred_at: datetime
    action: str
    from_status: str
    to_status: str
    actor_id: int | None
    actor_label: str
    agency: str
    step: str
    note: str
    data: dict[str, Any]
    public: bool = Field(description="part of the applicant's timeline")

    @staticmethod
    def resolve_agency(obj: DossierEvent) -> str:
        return obj.agency.name if obj.agency else ""

    @staticmethod
    def resolve_step(obj: DossierEvent) -> str:
        return obj.task.name if obj.task else ""


# ---------- Public tracking ----------


class TrackingEventOut(Schema):
    at: datetime
    action: str
    label: str = Field(description="in Vietnamese")
    step: str = Field(description="the step it completed, if any")
    agency: str

    @staticmethod
    def resolve_label(obj: Any) -> str:
        return vi(obj.label)


class TrackingStepOut(Schema):
    name: str
    agency: str
    state: str = Field(description="active, done or sent_back")
    state_label: str

    started_at: datetime
    finished_at: datetime | None

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return vi(obj.state_label)


class TrackingOut(Schema):
    code: str
    procedure: ProcedureRefOut
    receiving_agency: str
    handling_agency: str
    applicant: str = Field(description="masked, e.g. “Nguyễn V. B.”")
    channel: str
    status: StatusOut
    outcome: str = Field(description="granted or refused, once the result is ready")
    timeliness: str = Field(description="early, on_time or late, once finished")
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None = Field(description="the appointment (ngày hẹn trả kết quả)")
    extended: bool = Field(description="the appointment was moved once, with an apology")
    finished_at: datetime | None
    returned_at: datetime | None
    timeline: list[TrackingEventOut]
    steps: list[TrackingStepOut]

    @staticmethod
    def resolve_procedure(obj: TrackingView) -> dict[str, str]:
        return {"code": obj.procedure_code, "name": obj.procedure_name}

    @staticmethod
    def resolve_status(obj: TrackingView) -> dict[str, str]:
        return {
            "code": obj.status,
            "label": vi(obj.status_label),
            "national_code": obj.national_code,
            "national_label": obj.national_label,
        }
