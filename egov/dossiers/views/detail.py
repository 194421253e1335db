"""The dossier page (/staff/dossiers/<code>/): summary, action panel, steps, papers, timeline, documents."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from egov.core import clock
from egov.core.errors import ApplicationError, NotFoundError
from egov.dossiers.choices import Action, DossierStatus, FileKind, Outcome, TaskStatus
from egov.dossiers.documents import DOCUMENT_KINDS, available_documents
from egov.dossiers.models import Dossier, DossierEvent, DossierFile, DossierTask, Rating
from egov.dossiers.selectors import (
    dossier_file_get,
    dossier_files,
    dossier_tasks,
    dossier_timeline,
    due_soon_horizon,
)
from egov.dossiers.selectors_answers import dossier_answers, dossier_paper_cases
from egov.dossiers.selectors_fees import dossier_fees
from egov.dossiers.services.answers import can_correct_answers
from egov.dossiers.views.action_forms import RatingForm
from egov.dossiers.views.common import TIMELINESS_TONES, channel_label, due_tone, load_dossier, status_tone
from egov.dossiers.views.panels import Failed, build_panels
from egov.identity.access import staff_required
from egov.organisation.facade import has_permission
from egov.procedures.choices import ChannelKind, TimeUnit

EVENT_LABELS: dict[str, Promise] = {
    "submit": _("Submitted online"),
    "receive": _("Received at the desk"),
    "resolve": _("Result ready"),
    "rate": _("Rated by the applicant"),
    "pay": _("Fees paid online"),
    "correct_answers": _("Answers in the form corrected"),
}
FILE_KIND_ORDER = [FileKind.PAPER, FileKind.SUPPLEMENT, FileKind.WORKING, FileKind.RESULT]


@dataclass(frozen=True)
class StepRow:
    task: DossierTask
    allotted_hours: float
    spent_hours: float | None
    due_tone: str
    timeliness_tone: str


@dataclass(frozen=True)
class EventRow:
    event: DossierEvent
    label: str | Promise
    status_label: str | Promise  # the status it led to, when it changed


def _event_row(event: DossierEvent) -> EventRow:
    changed = (
        event.action != "resolve"  # "Result ready" says it already
        and event.to_status != event.from_status
        and event.to_status in DossierStatus.values
    )
    return EventRow(event, _event_label(event.action), DossierStatus(event.to_status).label if changed else "")


def _event_label(action: str) -> str | Promise:
    if action in EVENT_LABELS:
        return EVENT_LABELS[action]
    return Action(action).label if action in Action.values else action


def _step_rows(tasks: list[DossierTask], now: datetime, horizon: datetime) -> list[StepRow]:
    return [
        StepRow(
            task=task,
            allotted_hours=round(task.allotted_seconds / 3600, 1),
            spent_hours=round(task.spent_seconds / 3600, 1) if task.spent_seconds is not None else None,
            due_tone=due_tone(task.due_at, now, horizon) if task.status == TaskStatus.ACTIVE else "",
            timeliness_tone=TIMELINESS_TONES.get(task.timeliness, "neutral"),  # type: ignore[call-overload]
        )
        for task in tasks
    ]


def _files_by_kind(files: list[DossierFile]) -> list[tuple[str, list[DossierFile]]]:
    groups = []
    for kind in FILE_KIND_ORDER:
        found = [f for f in files if f.kind == kind]
        if found:
            groups.append((str(FileKind(kind).label), found))
    return groups


def _documents(dossier: Dossier) -> list[tuple[str, str, str]]:
    return [
        (
            str(DOCUMENT_KINDS[kind].label),  # one label per kind, where the kind is declared
            DOCUMENT_KINDS[kind].form,
            reverse("dossiers:dossier_pdf", kwargs={"code": dossier.code, "kind": kind}),
        )
        for kind in available_documents(dossier)
    ]


def _reasons_title(dossier: Dossier) -> str | Promise:
    """What ``dossier.reasons`` are now (they hold the last written reasons given to the applicant)."""
    if not dossier.reasons:
        return ""
    if dossier.status == DossierStatus.REJECTED:
        return _("Reasons for not accepting")
    if dossier.outcome == Outcome.REFUSED:
        return _("Reasons for the refusal")
    if dossier.status == DossierStatus.WAITING_SUPPLEMENT:
        return _("Supplementation requested")
    return ""


def render_detail(
    request: HttpRequest,
    dossier: Dossier,
    *,
    failed: Failed | None = None,
    error: ApplicationError | None = None,
    rating_form: RatingForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page; after a refused action, with the refused form (its input and errors) and the message."""
    now = clock.now()
    horizon = due_soon_horizon(now)
    tasks = dossier_tasks(dossier=dossier)
    active = sorted((t for t in tasks if t.status == TaskStatus.ACTIVE), key=lambda t: (t.step_index, t.pk))
    participants = list(dossier.participants.values_list("agency_id", flat=True))
    rating = Rating.objects.filter(dossier=dossier).select_related("rated_by").first()
    can_rate = (
        rating is None
        and dossier.status in (DossierStatus.RESOLVED, DossierStatus.RETURNED)
        and has_permission(request.user, "dossiers.receive", dossier.receiving_agency_id)
    )
    if can_rate and rating_form is None:
        rating_form = RatingForm(auto_id="id_rate_%s")
    context: dict[str, Any] = {
        "dossier": dossier,
        "status_tone": status_tone(dossier.status),
        "due_tone": due_tone(dossier.due_at, now, horizon) if dossier.finished_at is None else "",
        "timeliness_tone": TIMELINESS_TONES.get(dossier.timeliness, "neutral"),  # type: ignore[call-overload]
        "channel": channel_label(dossier.channel),
        "is_online": dossier.channel in (ChannelKind.ONLINE_FULL, ChannelKind.ONLINE_PARTIAL),
        "paused_hours": round(dossier.paused_seconds / 3600, 1),
        "processing_unit": TimeUnit(dossier.processing_time_unit).label
        if dossier.processing_time_unit in TimeUnit.values
        else dossier.processing_time_unit,
        "active": _step_rows(active, now, horizon),
        "steps": _step_rows(tasks, now, horizon),
        "groups": build_panels(
            dossier=dossier, user=request.user, active=active, participants=participants, now=now, failed=failed
        ),
        "error": error,
        "file_groups": _files_by_kind(dossier_files(dossier=dossier)),
        "events": [_event_row(e) for e in dossier_timeline(dossier=dossier)],
        "documents": _documents(dossier),
        "rating": rating,
        "rating_form": rating_form if can_rate else None,
        "just_received": request.GET.get("received") == "1" and dossier.received_at is not None,
        "reasons_title": _reasons_title(dossier),
        "answers": dossier_answers(dossier=dossier),
        "paper_cases": dossier_paper_cases(dossier=dossier),
        "fees": dossier_fees(dossier=dossier),
        "can_correct_answers": can_correct_answers(dossier, request.user),
        "breadcrumbs": [(_("Dossiers"), reverse("dossiers:worklist")), (dossier.code, "")],
    }
    return render(request, "dossiers/staff/detail.html", context, status=status)


@staff_required
@require_GET
def detail(request: HttpRequest, code: str) -> HttpResponse:
    return render_detail(request, load_dossier(request, code))


@staff_required
@require_GET
def file_download(request: HttpRequest, code: str, file_id: int) -> HttpResponse:
    """A paper or result file, only to officers who may see the dossier (types were checked at upload)."""
    dossier = load_dossier(request, code)
    try:
        item = dossier_file_get(dossier=dossier, file_id=file_id)
    except NotFoundError as exc:
        raise Http404(str(exc)) from exc
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.content_type,
        as_attachment=request.GET.get("download") == "1",
        filename=item.name,
    )
    response["Cache-Control"] = "private, no-store"
    return response  # type: ignore[return-value]  # a streaming response; staff_required types HttpResponse
