"""Actions on the legal clock: supplementation (once), financial obligations, extension (once), withdrawal.

ND 118/2025/NĐ-CP (as restated by the 2025 provincial regulations, rules digest §1.2): a dossier may
be sent back for supplementation only once, with the reasons in writing (Mẫu 02); the time the
applicant takes is not counted (QĐ 766 indicator 2.1 subtracts it). A late dossier gets an apology
and a new appointment (Mẫu 04), issued before the appointment, and only once. The applicant may
withdraw before the result (ND 118/2025 Điều 21; Mẫu 05 notice).
"""

from datetime import datetime, time
from typing import Any

from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.dossiers.choices import DossierStatus, FileKind, PauseKind
from egov.dossiers.contracts import ActionData
from egov.dossiers.models import AnswerCorrection, Dossier, DossierPause
from egov.dossiers.services.answers import (
    apply_answer_changes,
    question_lines,
    questioned_paths,
    questioned_reasons,
)
from egov.dossiers.services.files import store_files
from egov.dossiers.services.guards import (
    active_tasks,
    actor_task,
    is_applicant,
    require_applicant_or_desk,
    require_desk,
    require_leader,
    require_reasons,
)
from egov.dossiers.services.notices import tell_applicant
from egov.dossiers.services.steps import cancel_active
from egov.dossiers.timing import classify, required, shift_by_working_time, working_seconds_between
from egov.workflow.facade import VIETNAM_TZ, is_working_day, working_deadline


def _pause(dossier: Dossier, kind: str, reasons: list[str], now: datetime) -> None:
    DossierPause.objects.create(
        dossier=dossier,
        kind=kind,
        started_at=now,
        reasons=reasons,
        task_ids=[t.pk for t in active_tasks(dossier)],
    )


def _resume(dossier: Dossier, now: datetime) -> int:
    """End the open pause; the appointment and the running steps move by the office time it lasted."""
    pause = dossier.pauses.filter(ended_at__isnull=True).order_by("-started_at").first()
    if pause is None:
        return 0
    seconds = working_seconds_between(pause.started_at, now) if dossier.received_at else 0
    pause.ended_at = now
    pause.working_seconds = seconds
    pause.save(update_fields=["ended_at", "working_seconds"])
    if seconds:
        dossier.legal_due_at = shift_by_working_time(required(dossier.legal_due_at), seconds)
        dossier.due_at = shift_by_working_time(required(dossier.due_at), seconds)
        dossier.paused_seconds += seconds
        for task in active_tasks(dossier):
            task.due_at = shift_by_working_time(task.due_at, seconds)
            task.warned_at = task.escalated_at = None  # a new due time deserves its own warnings
            task.save(update_fields=["due_at", "warned_at", "escalated_at"])
    return seconds


def act_request_supplement(
    dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime
) -> dict[str, Any]:
    if dossier.status == DossierStatus.SUBMITTED:
        require_desk(dossier, actor)
        task = None
    else:
        task = actor_task(dossier, actor, action, data.task_id)
    if dossier.supplement_requests >= 1:
        raise ApplicationError(
            _("Supplementation was already requested once; the law allows only one request per dossier."),
            code="dossier.supplement_once",
            status=409,
        )
    # The questioned answers are written into the reasons too: the applicant receives them in writing (Mẫu 02).
    questioned = questioned_reasons(dossier, data.questioned)
    reasons = require_reasons(data.reasons + tuple(question_lines(dossier, questioned)))
    dossier.supplement_requests += 1
    dossier.status = DossierStatus.WAITING_SUPPLEMENT
    dossier.reasons = reasons
    dossier.questioned_answers = questioned
    _pause(dossier, PauseKind.SUPPLEMENT, reasons, now)
    dossier.save()
    tell_applicant(dossier, kind="supplement")
    return {"task": task, "data": {"reasons": reasons, "questioned": questioned}}


def act_supplement(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    require_applicant_or_desk(dossier, actor)
    corrected = []
    if data.answers:  # before the files: a refused answer stores nothing
        corrected = apply_answer_changes(
            dossier,
            actor=actor,
            answers=data.answers,
            reason=data.note.strip(),
            source=AnswerCorrection.Source.APPLICANT
            if is_applicant(dossier, actor)
            else AnswerCorrection.Source.OFFICER,
            allowed=questioned_paths(dossier),
            agency_id=None if is_applicant(dossier, actor) else dossier.receiving_agency_id,
            now=now,
        )
    stored = store_files(dossier, data.files, actor=actor, now=now, kind=FileKind.SUPPLEMENT)
    if not stored and not corrected and not data.note.strip():
        raise ApplicationError(
            _("Attach the supplementary papers or describe what was handed in."),
            code="dossier.supplement_empty",
            fields={"files": [_("Attach at least one file or write a note.")]},
        )
    seconds = _resume(dossier, now)
    dossier.status = DossierStatus.PROCESSING if dossier.received_at else DossierStatus.SUBMITTED
    dossier.save()
    return {
        "task": None,
        "data": {
            "paused_seconds": seconds,
            "files": [f.name for f in stored],
            "answers": [item.field for item in corrected],
        },
    }


def act_request_obligation(
    dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime
) -> dict[str, Any]:
    task = actor_task(dossier, actor, "forward", data.task_id)
    reasons = require_reasons(data.reasons)
    dossier.status = DossierStatus.WAITING_OBLIGATION
    _pause(dossier, PauseKind.OBLIGATION, reasons, now)
    dossier.save()
    tell_applicant(dossier, kind="obligation")
    return {"task": task, "data": {"reasons": reasons}}


def act_fulfil_obligation(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    require_applicant_or_desk(dossier, actor)
    seconds = _resume(dossier, now)
    dossier.status = DossierStatus.PROCESSING
    dossier.save()
    return {"task": None, "data": {"paused_seconds": seconds}}


def act_extend(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    require_leader(dossier, actor)
    if dossier.extended_at is not None:
        raise ApplicationError(
            _("The appointment was already moved once; the law allows it only once."),
            code="dossier.extend_once",
            status=409,
        )
    if now >= required(dossier.due_at):
        raise ApplicationError(
            _("The apology and new appointment must be issued before the appointment date has passed."),
            code="dossier.extend_too_late",
            status=409,
        )
    reasons = require_reasons(data.reasons)
    new_day = data.new_due_date
    if (
        new_day is None
        or new_day <= required(dossier.due_at).astimezone(VIETNAM_TZ).date()
        or not is_working_day(new_day)
    ):
        raise ApplicationError(
            _("Choose a new appointment date: a working day after the current appointment."),
            code="dossier.extend_date",
            fields={"new_due_date": [_("Choose a later working day.")]},
        )
    previous = required(dossier.due_at)
    dossier.due_at = working_deadline(
        received_at=datetime.combine(new_day, time(0, 0), tzinfo=VIETNAM_TZ), working_days=0
    )
    dossier.extended_at = now
    dossier.extension_reason = "\n".join(reasons)
    dossier.save()
    tell_applicant(dossier, kind="extended")
    return {"task": None, "data": {"previous_due_at": previous.isoformat(), "due_at": dossier.due_at.isoformat()}}


def act_withdraw(dossier: Dossier, actor: Any, action: str, data: ActionData, now: datetime) -> dict[str, Any]:
    require_applicant_or_desk(dossier, actor)
    dossier.pauses.filter(ended_at__isnull=True).update(ended_at=now)
    cancel_active(dossier, now=now, action=action)
    dossier.status = DossierStatus.WITHDRAWN
    dossier.finished_at = now
    if dossier.legal_due_at is not None:
        dossier.timeliness = classify(now, dossier.legal_due_at)
    dossier.save()
    tell_applicant(dossier, kind="withdrawn")
    return {"task": None, "data": {}}
