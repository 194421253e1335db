"""Deadline warnings and escalation: who is told, once, and never about finished or paused work.

Office hours 7:30 to 11:30 and 13:00 to 17:00. A birth registration received on Monday at 9:00: the desk's
step (4 working hours, assigned to the desk officer) is due at 14:30; the dossier on Tuesday at 17:00.
"""

from datetime import timedelta
from typing import Any

import pytest

from egov.dossiers.models import Dossier, DossierTask
from egov.dossiers.services.deadlines import escalate_overdue, warn_dossiers_due, warn_due_soon
from egov.dossiers.tasks import escalate_overdue_task, warn_dossiers_due_task, warn_due_soon_task
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn
from egov.dossiers.tests.test_statistics_scenario import CENTRE_LEADER, DESK, SPECIALIST, act, resolve
from egov.notifications.models import Notification
from egov.workflow.facade import working_time_between

STEP_KINDS = ("dossier.step_due_soon", "dossier.step_overdue", "dossier.due_soon")


def told(kind: str) -> list[str]:
    """Usernames told about ``kind``, one entry per notice."""
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def desk_step(dossier: Dossier) -> DossierTask:
    return DossierTask.objects.get(dossier=dossier, step_index=0)


@pytest.fixture
def received(receive_birth: ReceiveFn, travel: Any, settings: Any) -> Dossier:
    settings.EGOV_DOSSIER_WARN_HOURS = 2
    travel(MONDAY_9AM)
    return receive_birth()


def test_a_step_due_in_two_working_hours_is_warned_once(received: Dossier, travel: Any) -> None:
    assert warn_due_soon(MONDAY_9AM) == 0  # due in 4 working hours: not yet
    now = MONDAY_9AM + timedelta(hours=2)
    travel(now)
    assert working_time_between(now, desk_step(received).due_at) == timedelta(hours=2)
    assert warn_due_soon(now) == 1
    assert told("dossier.step_due_soon") == [DESK]
    assert desk_step(received).warned_at == now
    # a second run (or a second worker) tells nobody again
    assert warn_due_soon(now + timedelta(minutes=5)) == 0
    assert told("dossier.step_due_soon") == [DESK]


def test_an_unassigned_step_warns_the_holders_of_its_role(received: Dossier, travel: Any) -> None:
    travel(MONDAY_9AM + timedelta(minutes=30))
    act(received.code, DESK, "forward")  # the specialist's step (2 working hours), nobody took it yet
    travel(MONDAY_9AM + timedelta(hours=1))
    assert warn_due_soon_task.apply().get() == 1
    # the step belongs to the ward's office (Văn phòng): its specialists are told, not the whole ward's
    specialist_step = DossierTask.objects.get(dossier=received, step_index=1)
    assert specialist_step.assignee_id is None
    assert specialist_step.department is not None
    assert specialist_step.department.code == "VP"
    assert told("dossier.step_due_soon") == ["pdonghoi_hoangvanthinh"]


def test_an_overdue_step_is_escalated_to_the_agency_leader_once(received: Dossier, travel: Any) -> None:
    travel(MONDAY_9AM + timedelta(hours=6))  # 15:00, the desk's step was due at 14:30
    assert escalate_overdue_task.apply().get() == 1
    assert told("dossier.step_overdue") == [CENTRE_LEADER, DESK]
    assert desk_step(received).escalated_at is not None
    travel(MONDAY_9AM + timedelta(hours=7))
    assert escalate_overdue_task.apply().get() == 0
    assert told("dossier.step_overdue") == [CENTRE_LEADER, DESK]


def test_finished_steps_are_never_warned_nor_escalated(received: Dossier, travel: Any) -> None:
    travel(MONDAY_9AM + timedelta(minutes=10))
    resolve(received.code)
    act(received.code, DESK, "return_result")
    for hours in (2, 6, 30):
        now = MONDAY_9AM + timedelta(hours=hours)
        travel(now)
        assert (warn_due_soon(now), escalate_overdue(now), warn_dossiers_due(now)) == (0, 0, 0)
    assert not Notification.objects.filter(kind__in=STEP_KINDS).exists()


def test_a_dossier_waiting_for_the_applicant_is_left_alone_until_it_resumes(received: Dossier, travel: Any) -> None:
    travel(MONDAY_9AM + timedelta(minutes=30))
    act(received.code, DESK, "request_supplement", reasons=("Thiếu Giấy chứng sinh",))
    for hours in (2, 6, 24):  # the desk's step would have been due soon, then overdue
        now = MONDAY_9AM + timedelta(hours=hours)
        travel(now)
        assert (warn_due_soon(now), escalate_overdue(now), warn_dossiers_due(now)) == (0, 0, 0)
    assert not Notification.objects.filter(kind__in=STEP_KINDS).exists()
    # once supplemented, the clock runs again and the step is watched again
    travel(MONDAY_9AM + timedelta(days=1))
    act(received.code, DESK, "supplement", note="Đã nộp Giấy chứng sinh")
    due = desk_step(received).due_at
    travel(due - timedelta(minutes=30))
    assert warn_due_soon(due - timedelta(minutes=30)) == 1
    assert told("dossier.step_due_soon") == [DESK]


def test_the_centre_leader_is_told_once_when_a_dossier_is_due_within_a_working_day(
    received: Dossier, travel: Any
) -> None:
    assert warn_dossiers_due(MONDAY_9AM) == 0  # due Tuesday 17:00, more than a working day away
    tuesday_morning = MONDAY_9AM + timedelta(hours=22, minutes=15)  # Tuesday 7:15
    travel(tuesday_morning)
    assert warn_dossiers_due_task.apply().get() == 1
    assert told("dossier.due_soon") == [CENTRE_LEADER]
    travel(tuesday_morning + timedelta(hours=6))
    warn_dossiers_due_task.apply()
    assert told("dossier.due_soon") == [CENTRE_LEADER]


def test_the_specialist_who_took_the_step_is_the_one_warned(received: Dossier, travel: Any) -> None:
    travel(MONDAY_9AM + timedelta(minutes=30))
    act(received.code, DESK, "forward")
    act(received.code, SPECIALIST, "claim")
    travel(MONDAY_9AM + timedelta(hours=1))
    warn_due_soon(MONDAY_9AM + timedelta(hours=1))
    assert told("dossier.step_due_soon") == [SPECIALIST]
