"""The legal clock: one supplementation request, paused time not counted, one apology, lateness."""

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from egov.core.errors import ApplicationError
from egov.dossiers.choices import DossierStatus, TaskStatus, Timeliness
from egov.dossiers.contracts import ActionData, UploadedFile
from egov.dossiers.models import Dossier, DossierPause
from egov.dossiers.services.actions import dossier_act
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, user
from egov.workflow.facade import VIETNAM_TZ

PDF = UploadedFile(name="to-khai-bo-sung.pdf", content=b"%PDF-1.4\n%test\n", content_type="application/pdf")
DESK, SPECIALIST, CHAIRMAN = "ttpdonghoi_ngothithanhtam", "pdonghoi_tranvandung", "pdonghoi_nguyenvanhai"


def act(dossier: Dossier, username: str, action: str, **fields: Any) -> Dossier:
    return dossier_act(
        actor=user(username), code=dossier.code, action=action, data=ActionData(version=dossier.version, **fields)
    )


def at_specialist(receive_birth: ReceiveFn, travel: Any) -> Dossier:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    travel(MONDAY_9AM + timedelta(minutes=30))
    dossier = act(dossier, DESK, "forward")
    return act(dossier, SPECIALIST, "claim")


def test_a_second_supplementation_request_is_refused(receive_birth: ReceiveFn, travel: Any) -> None:
    dossier = at_specialist(receive_birth, travel)
    dossier = act(dossier, SPECIALIST, "request_supplement", reasons=("Thiếu giấy chứng sinh",))
    dossier = act(dossier, DESK, "supplement", files=(PDF,))
    with pytest.raises(ApplicationError) as caught:
        act(dossier, SPECIALIST, "request_supplement", reasons=("Thiếu bản sao CCCD",))
    assert caught.value.code == "dossier.supplement_once"
    assert "only one" in caught.value.as_dict()["message_en"]
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.PROCESSING


def test_supplementation_needs_reasons(receive_birth: ReceiveFn, travel: Any) -> None:
    dossier = at_specialist(receive_birth, travel)
    with pytest.raises(ApplicationError) as caught:
        act(dossier, SPECIALIST, "request_supplement", reasons=("  ",))
    assert caught.value.code == "dossier.reasons_required"
    assert Dossier.objects.get(pk=dossier.pk).supplement_requests == 0


def test_time_waiting_for_the_applicant_is_not_counted(receive_birth: ReceiveFn, travel: Any) -> None:
    # given a 1-day dossier received Monday 9:00, due Tuesday 17:00, paused Monday 10:00
    dossier = at_specialist(receive_birth, travel)
    travel(datetime(2026, 11, 2, 10, 0, tzinfo=VIETNAM_TZ))
    dossier = act(dossier, SPECIALIST, "request_supplement", reasons=("Thiếu giấy chứng sinh",))
    step_due_before = dossier.tasks.get(status=TaskStatus.ACTIVE).due_at
    # when the applicant comes back on Wednesday at 10:00 (two working days = 16 working hours later)
    travel(datetime(2026, 11, 4, 10, 0, tzinfo=VIETNAM_TZ))
    dossier = act(dossier, DESK, "supplement", files=(PDF,))
    # then the appointment and the running step move by those 16 working hours
    assert dossier.paused_seconds == 16 * 3600
    assert dossier.legal_due_at == datetime(2026, 11, 5, 17, 0, tzinfo=VIETNAM_TZ)
    assert dossier.due_at == dossier.legal_due_at
    task = dossier.tasks.get(status=TaskStatus.ACTIVE)
    assert task.due_at > step_due_before
    pause = DossierPause.objects.get(dossier=dossier)
    assert (pause.working_seconds, pause.reasons) == (16 * 3600, ["Thiếu giấy chứng sinh"])
    # and finishing on Thursday is on time although it is two days after the first appointment
    travel(datetime(2026, 11, 5, 15, 0, tzinfo=VIETNAM_TZ))
    dossier = act(dossier, SPECIALIST, "forward")
    dossier = act(dossier, CHAIRMAN, "sign")
    assert (dossier.status, dossier.timeliness) == (DossierStatus.RESOLVED, Timeliness.ON_TIME)


def test_a_late_dossier_gets_one_apology_and_stays_late(receive_birth: ReceiveFn, travel: Any) -> None:
    dossier = at_specialist(receive_birth, travel)
    # the chairman apologises on Tuesday (before the appointment) and sets Friday
    travel(datetime(2026, 11, 3, 14, 0, tzinfo=VIETNAM_TZ))
    dossier = act(dossier, CHAIRMAN, "extend", reasons=("Cần xác minh thêm",), new_due_date=date(2026, 11, 6))
    assert dossier.due_at == datetime(2026, 11, 6, 17, 0, tzinfo=VIETNAM_TZ)
    assert dossier.legal_due_at == datetime(2026, 11, 3, 17, 0, tzinfo=VIETNAM_TZ)
    with pytest.raises(ApplicationError) as caught:
        act(dossier, CHAIRMAN, "extend", reasons=("Lần hai",), new_due_date=date(2026, 11, 9))
    assert caught.value.code == "dossier.extend_once"
    # finished Thursday: within the new appointment, but late against the law's
    travel(datetime(2026, 11, 5, 9, 0, tzinfo=VIETNAM_TZ))
    dossier = act(dossier, SPECIALIST, "forward")
    dossier = act(dossier, CHAIRMAN, "sign")
    assert dossier.timeliness == Timeliness.LATE
    assert dossier.tasks.filter(timeliness=Timeliness.LATE).exists()


def test_an_apology_after_the_appointment_is_refused(receive_birth: ReceiveFn, travel: Any) -> None:
    dossier = at_specialist(receive_birth, travel)
    travel(datetime(2026, 11, 4, 8, 0, tzinfo=VIETNAM_TZ))
    with pytest.raises(ApplicationError) as caught:
        act(dossier, CHAIRMAN, "extend", reasons=("Quá muộn",), new_due_date=date(2026, 11, 6))
    assert caught.value.code == "dossier.extend_too_late"


def test_only_a_leader_may_apologise(receive_birth: ReceiveFn, travel: Any) -> None:
    dossier = at_specialist(receive_birth, travel)
    with pytest.raises(ApplicationError) as caught:
        act(dossier, SPECIALIST, "extend", reasons=("x",), new_due_date=date(2026, 11, 6))
    assert caught.value.status == 403


def test_withdrawal_stops_the_work(receive_birth: ReceiveFn, travel: Any) -> None:
    dossier = at_specialist(receive_birth, travel)
    dossier = act(dossier, DESK, "withdraw", note="Đơn xin rút hồ sơ")
    assert dossier.status == DossierStatus.WITHDRAWN
    assert dossier.finished_at is not None
    assert not dossier.tasks.filter(status=TaskStatus.ACTIVE).exists()
    with pytest.raises(ApplicationError) as caught:
        act(dossier, SPECIALIST, "forward")
    assert caught.value.code == "dossier.illegal_transition"
