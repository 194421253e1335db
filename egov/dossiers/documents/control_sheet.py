"""Mẫu 06 Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-over (activation of a step).

Each row reads "Giao: <who handed over> / Nhận: <the step's unit>", the time of the hand-over, the
result of the step (trước hạn / đúng hạn / quá hạn, or in progress) and the officers. The trace is
kept automatically by the system, as the form's note allows (TT 03/2025/TT-VPCP Phụ lục I, Mẫu 06).
"""

from typing import Any

from egov.dossiers.choices import TaskStatus
from egov.dossiers.documents import formatting as fmt
from egov.dossiers.documents.context import common, user_name
from egov.dossiers.models import Dossier, DossierTask

_CLOSING_NOTES = {
    "send_back": "Chuyển trả bước trước",
    "refuse": "Từ chối giải quyết",
    "withdraw": "Dừng theo đề nghị của người nộp",
    "return_result": "Đã trả kết quả",
}


def unit_label(task: DossierTask) -> str:
    agency = task.agency.short_name or task.agency.name
    return f"{task.department.name} - {agency}" if task.department else agency


def _result(task: DossierTask) -> str:
    if task.status == TaskStatus.ACTIVE:
        return fmt.IN_PROGRESS
    return fmt.timeliness(task.timeliness)


def _note(task: DossierTask) -> str:
    parts = [task.name]
    if task.status == TaskStatus.CANCELLED:
        parts.append(_CLOSING_NOTES.get(task.closing_action, "Đã hủy"))
    elif task.closing_action in _CLOSING_NOTES:
        parts.append(_CLOSING_NOTES[task.closing_action])
    if task.note.strip():
        parts.append(task.note.strip())
    return ". ".join(parts)


def _handed_over_by(task: DossierTask, tasks: list[DossierTask]) -> DossierTask | None:
    """The step finished last at or before this step started (parallel steps: the last of them)."""
    before = [
        t
        for t in tasks
        if t.pk != task.pk
        and t.finished_at is not None
        and t.finished_at <= task.started_at
        and t.status != TaskStatus.CANCELLED
    ]
    return max(before, key=lambda t: (t.finished_at, t.pk), default=None)


def rows(dossier: Dossier) -> list[dict[str, Any]]:
    tasks = list(
        DossierTask.objects.filter(dossier=dossier)
        .select_related("agency", "department", "assignee", "finished_by")
        .order_by("started_at", "id")
    )
    result = []
    for index, task in enumerate(tasks, start=1):
        giver = _handed_over_by(task, tasks)
        result.append(
            {
                "index": index,
                "giver": unit_label(giver) if giver else "Tổ chức, cá nhân nộp hồ sơ",
                "receiver": unit_label(task),
                "handed_over_at": fmt.vn_datetime(task.started_at),
                "giver_name": user_name(giver.finished_by) if giver else dossier.applicant_name,
                "receiver_name": user_name(task.assignee or task.finished_by),
                "result": _result(task),
                "note": _note(task),
            }
        )
    return result


def control_sheet(dossier: Dossier) -> dict[str, Any]:
    context = common(dossier, "control_sheet", dossier.receiving_agency, dossier.received_at)
    coordinating = (
        dossier.participants.exclude(agency_id__in=[dossier.receiving_agency_id, dossier.handling_agency_id])
        .select_related("agency")
        .order_by("agency__name")
    )
    context.update(
        handling_agency=dossier.handling_agency.name,
        coordinating=[p.agency.name for p in coordinating],
        legal_due_at=fmt.vn_datetime(dossier.legal_due_at),
        extended=dossier.extended_at is not None,
        rows=rows(dossier),
        final_result=fmt.timeliness(dossier.timeliness),
        finished_at=fmt.vn_datetime(dossier.finished_at) if dossier.finished_at else "",
    )
    return context
