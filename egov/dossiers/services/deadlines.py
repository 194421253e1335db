"""Deadline warnings and escalation (issue 4 item 3), run by Celery beat.

* ``warn_due_soon``: a step in progress due within ``EGOV_DOSSIER_WARN_HOURS`` working hours → its
  assignee (or, unassigned, the holders of its role in its agency/department), once (``warned_at``).
* ``escalate_overdue``: a step in progress past its due time → the leaders of its agency and the
  assignee, once (``escalated_at``).
* ``warn_dossiers_due``: a dossier whose appointment is within one working day → the leaders of the
  receiving agency, once per appointment (dedupe key), since the centre answers to the applicant
  for it (ND 118/2025: the apology and new appointment must be issued before the appointment).

Only steps in the window are read (the partial index on active steps' ``due_at``), in batches
locked with SKIP LOCKED so two workers never tell anyone twice; the notices' dedupe keys make a
repeated run harmless even so. The keys name the step and its due time, so a step whose due time
moved (after a pause) can be told again once its ``warned_at``/``escalated_at`` is cleared.
Dossiers waiting for the applicant are skipped: their clock is stopped and their due times move
when it restarts.
"""

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from egov.dossiers.choices import WAITING_STATUSES, DossierStatus, TaskStatus
from egov.dossiers.models import Dossier, DossierTask
from egov.dossiers.services.notices import staff_link
from egov.dossiers.services.process import role_holders
from egov.identity.roles import Role
from egov.notifications.facade import NoticeData, notify
from egov.workflow.facade import VIETNAM_TZ, add_working_hours

BATCH = 200
HOURS_PER_WORKING_DAY = 8
_Holders = dict[tuple[int, str, int | None], list[int]]


def _holders(cache: _Holders, agency_id: int, role: str, department_id: int | None = None) -> list[int]:
    key = (agency_id, role, department_id)
    if key not in cache:
        cache[key] = role_holders(agency_id, role, department_id)
    return cache[key]


def _when(moment: datetime) -> str:
    return f"{moment.astimezone(VIETNAM_TZ):%H:%M %d/%m/%Y}"


def _active_steps() -> QuerySet[DossierTask]:
    return DossierTask.objects.filter(status=TaskStatus.ACTIVE).exclude(dossier__status__in=WAITING_STATUSES)


def _in_batches(
    candidates: QuerySet[DossierTask], mark: str, now: datetime, tell: Callable[[DossierTask], None]
) -> int:
    """Tell about each candidate and stamp ``mark``; stamped steps leave ``candidates``, so the loop ends."""
    done = 0
    while True:
        with transaction.atomic():
            batch = list(
                candidates.select_for_update(skip_locked=True, of=("self",))
                .select_related("dossier")
                .order_by("due_at", "pk")[:BATCH]
            )
            if not batch:
                return done
            for task in batch:
                tell(task)
            DossierTask.objects.filter(pk__in=[t.pk for t in batch]).update(**{mark: now})
            done += len(batch)


def warn_due_soon(now: datetime) -> int:
    """Warn about steps due within the warning horizon; returns how many steps were warned."""
    horizon = add_working_hours(now, Decimal(settings.EGOV_DOSSIER_WARN_HOURS))
    candidates = _active_steps().filter(due_at__gt=now, due_at__lte=horizon, warned_at__isnull=True)
    holders: _Holders = {}

    def tell(task: DossierTask) -> None:
        recipients = (
            [task.assignee_id] if task.assignee_id else _holders(holders, task.agency_id, task.role, task.department_id)
        )
        with override("vi"):
            title = format_lazy(
                _("Dossier {code}: the step “{step}” is due at {due}"),
                code=task.dossier.code,
                step=task.name,
                due=_when(task.due_at),
            )
            notice = NoticeData(
                kind="dossier.step_due_soon",
                title=str(title),
                link=staff_link(task.dossier),
                dedupe_key=f"dossier-step-due-soon:{task.pk}:{task.due_at:%Y%m%d%H%M}",
            )
        notify(recipient_ids=recipients, notice=notice)

    return _in_batches(candidates, "warned_at", now, tell)


def escalate_overdue(now: datetime) -> int:
    """Tell the agency's leaders (and the assignee) about steps past due; returns how many."""
    candidates = _active_steps().filter(due_at__lte=now, escalated_at__isnull=True)
    holders: _Holders = {}

    def tell(task: DossierTask) -> None:
        recipients = set(_holders(holders, task.agency_id, Role.LEADER))
        if task.assignee_id:
            recipients.add(task.assignee_id)
        with override("vi"):
            title = format_lazy(
                _("Dossier {code}: the step “{step}” is overdue (due {due})"),
                code=task.dossier.code,
                step=task.name,
                due=_when(task.due_at),
            )
            notice = NoticeData(
                kind="dossier.step_overdue",
                title=str(title),
                link=staff_link(task.dossier),
                dedupe_key=f"dossier-step-overdue:{task.pk}:{task.due_at:%Y%m%d%H%M}",
            )
        notify(recipient_ids=recipients, notice=notice)

    return _in_batches(candidates, "escalated_at", now, tell)


def warn_dossiers_due(now: datetime) -> int:
    """Tell the receiving agency's leaders about dossiers due within a working day; returns how many
    dossiers are in that window (each leader is told once per dossier and appointment)."""
    horizon = add_working_hours(now, Decimal(HOURS_PER_WORKING_DAY))
    dossiers = (
        Dossier.objects.filter(status=DossierStatus.PROCESSING, due_at__gt=now, due_at__lte=horizon)
        .order_by("due_at", "pk")
        .only("pk", "code", "due_at", "receiving_agency_id")
    )
    holders: _Holders = {}
    count = 0
    for dossier in dossiers.iterator(chunk_size=BATCH):
        due = dossier.due_at
        if due is None:  # excluded by the filter; keeps the type checker honest
            continue
        with override("vi"):
            title = format_lazy(_("Dossier {code} is due at {due}"), code=dossier.code, due=_when(due))
            notice = NoticeData(
                kind="dossier.due_soon",
                title=str(title),
                link=staff_link(dossier),
                dedupe_key=f"dossier-due-soon:{dossier.pk}:{due:%Y%m%d%H%M}",
            )
        with transaction.atomic():
            notify(recipient_ids=_holders(holders, dossier.receiving_agency_id, Role.LEADER), notice=notice)
        count += 1
    return count
