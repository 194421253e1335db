"""Routing through internal processes: liên thông between agencies, parallel steps, send back,
refusal, online submissions, and who may (not) act."""

from datetime import timedelta
from typing import Any

import pytest

from egov.core.errors import ApplicationError
from egov.dossiers.choices import DossierStatus, Outcome, TaskStatus
from egov.dossiers.contracts import ActionData, ApplicantData, UploadedFile
from egov.dossiers.models import Dossier
from egov.dossiers.services.actions import dossier_act
from egov.dossiers.services.intake import dossier_receive, dossier_submit_online
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, agency_of, birth_intake, user


def act(dossier: Dossier, username: str, action: str, **fields: Any) -> Dossier:
    return dossier_act(
        actor=user(username), code=dossier.code, action=action, data=ActionData(version=dossier.version, **fields)
    )


def active(dossier: Dossier) -> list[tuple[str, str]]:
    return [(t.agency.code, t.role) for t in dossier.tasks.filter(status=TaskStatus.ACTIVE).select_related("agency")]


def visible(username: str, dossier: Dossier) -> bool:
    return Dossier.objects.visible_to(user(username)).filter(pk=dossier.pk).exists()


def test_a_dossier_goes_from_the_ward_to_the_provincial_department_and_back(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = dossier_receive(
        actor=user("ttpdonghoi_ngothithanhtam"),
        agency_id=agency_of("ttpdonghoi").pk,
        data=birth_intake(procedure_code="1.012796", subject="Đính chính Giấy chứng nhận"),
    )
    assert not visible("snnmt_lethanhha", dossier)
    dossier = act(dossier, "ttpdonghoi_ngothithanhtam", "forward")
    dossier = act(dossier, "pdonghoi_lethikimyen", "forward")
    # handed off to the Department of Agriculture and Environment: its officer now sees and works it
    assert dossier.handling_agency == agency_of("snnmt")
    assert active(dossier) == [(agency_of("snnmt").code, "specialist")]
    assert visible("snnmt_lethanhha", dossier)
    assert not visible("stp_phamthimai", dossier)
    travel(MONDAY_9AM + timedelta(days=1))
    dossier = act(dossier, "snnmt_lethanhha", "forward")
    assert dossier.handling_agency == agency_of("pdonghoi")
    dossier = act(dossier, "pdonghoi_lethikimyen", "forward")
    dossier = act(dossier, "pdonghoi_nguyenvanhai", "sign")
    assert dossier.status == DossierStatus.RESOLVED
    dossier = act(dossier, "ttpdonghoi_ngothithanhtam", "return_result", return_method="post")
    assert (dossier.status, dossier.return_method) == (DossierStatus.RETURNED, "post")
    rows = list(dossier.tasks.order_by("started_at", "pk").values_list("agency__code", "status"))
    assert [code for code, _status in rows] == [
        agency_of(key).code for key in ("ttpdonghoi", "pdonghoi", "snnmt", "pdonghoi", "pdonghoi", "ttpdonghoi")
    ]
    assert {status for _code, status in rows} == {TaskStatus.DONE}


def test_parallel_steps_wait_for_each_other(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    desk = "ttpvhcc_tranthibichngoc"
    dossier = dossier_receive(
        actor=user(desk),
        agency_id=agency_of("ttpvhcc").pk,
        data=birth_intake(procedure_code="1.013236", subject="Cấp GPXD"),
    )
    dossier = act(dossier, desk, "forward")
    # the head of division assigns the appraisal to a specialist when forwarding
    dossier = act(dossier, "sxd_truongthingoc", "forward", assignee_id=user("sxd_phanvanthanh").pk)
    tasks = list(dossier.tasks.filter(status=TaskStatus.ACTIVE).order_by("step_index"))
    assert [t.parallel_group for t in tasks] == ["tham-dinh", "tham-dinh"]
    assert {t.assignee_id for t in tasks} == {user("sxd_phanvanthanh").pk}
    dossier = act(dossier, "sxd_phanvanthanh", "forward", task_id=tasks[0].pk)
    assert dossier.tasks.filter(status=TaskStatus.ACTIVE).count() == 1  # the consultation is still open
    dossier = act(dossier, "sxd_phanvanthanh", "forward", task_id=tasks[1].pk)
    assert [t.name for t in dossier.tasks.filter(status=TaskStatus.ACTIVE)] == ["Dự thảo giấy phép xây dựng"]


def test_a_step_can_send_the_dossier_back_to_the_officer_who_did_the_previous_one(
    receive_birth: ReceiveFn, travel: Any
) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    dossier = act(dossier, "ttpdonghoi_ngothithanhtam", "forward")
    dossier = act(dossier, "pdonghoi_tranvandung", "forward")
    with pytest.raises(ApplicationError) as caught:
        act(dossier, "pdonghoi_nguyenvanhai", "send_back")
    assert caught.value.code == "dossier.note_required"
    dossier = act(dossier, "pdonghoi_nguyenvanhai", "send_back", note="Ghi lại ngày sinh")
    task = dossier.tasks.get(status=TaskStatus.ACTIVE)
    assert (task.role, task.assignee_id) == ("specialist", user("pdonghoi_tranvandung").pk)
    assert dossier.tasks.filter(status=TaskStatus.SENT_BACK).count() == 1


def test_a_refusal_after_examination_is_the_result_with_its_reasons(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    dossier = act(dossier, "ttpdonghoi_ngothithanhtam", "forward")
    with pytest.raises(ApplicationError):
        act(dossier, "pdonghoi_tranvandung", "refuse", reasons=())
    dossier = act(dossier, "pdonghoi_tranvandung", "refuse", reasons=("Không thuộc thẩm quyền",))
    assert (dossier.status, dossier.outcome, dossier.reasons) == (
        DossierStatus.RESOLVED,
        Outcome.REFUSED,
        ["Không thuộc thẩm quyền"],
    )
    assert active(dossier) == [(agency_of("ttpdonghoi").code, "desk_officer")]


def test_an_online_submission_is_accepted_by_the_desk_and_the_clock_starts_then(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    citizen = user("citizen-044085001234")
    data = birth_intake(
        channel="online_full",
        applicant=ApplicantData(full_name="Nguyễn Văn Bình", id_number="044085001234", user_id=citizen.pk),
    )
    dossier = dossier_submit_online(applicant_user=citizen, agency_id=agency_of("ttpdonghoi").pk, data=data)
    assert (dossier.status, dossier.received_at) == (DossierStatus.SUBMITTED, None)
    assert dossier.code.endswith("-0001")
    travel(MONDAY_9AM + timedelta(hours=2))
    with pytest.raises(ApplicationError) as caught:
        act(dossier, "pdonghoi_tranvandung", "accept")
    assert caught.value.status == 403
    dossier = act(dossier, "ttpdonghoi_ngothithanhtam", "accept")
    assert dossier.status == DossierStatus.PROCESSING
    assert dossier.received_at == MONDAY_9AM + timedelta(hours=2)
    # the citizen was told, and may withdraw their own dossier
    assert citizen.notifications.filter(kind="dossier.accepted").count() == 1
    dossier = act(dossier, "citizen-044085001234", "withdraw")
    assert dossier.status == DossierStatus.WITHDRAWN


def test_the_desk_may_refuse_to_accept_an_online_submission_with_reasons(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    citizen = user("citizen-044085001234")
    dossier = dossier_submit_online(
        applicant_user=citizen, agency_id=agency_of("ttpdonghoi").pk, data=birth_intake(channel="online_partial")
    )
    dossier = act(dossier, "ttpdonghoi_ngothithanhtam", "reject", reasons=("Hồ sơ không thuộc thẩm quyền của phường",))
    assert dossier.status == DossierStatus.REJECTED
    assert dossier.finished_at is not None


def test_waiting_for_financial_obligations_pauses_the_clock(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    dossier = act(dossier, "ttpdonghoi_ngothithanhtam", "forward")
    due = dossier.legal_due_at
    dossier = act(dossier, "pdonghoi_tranvandung", "request_obligation", reasons=("Nộp lệ phí",))
    assert dossier.status == DossierStatus.WAITING_OBLIGATION
    travel(MONDAY_9AM + timedelta(hours=4))  # 13:00, after the lunch break
    dossier = act(dossier, "ttpdonghoi_ngothithanhtam", "fulfil_obligation")
    assert dossier.paused_seconds == int(2.5 * 3600)  # office time 9:00→11:30, none over lunch
    assert dossier.legal_due_at is not None
    assert due is not None
    assert dossier.legal_due_at > due


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("stp_phamthimai", 403),  # a specialist of another agency
        ("citizen-045190002345", 403),  # a citizen who is not the applicant
        ("ubndt_phamquanghuy", 403),  # the auditor sees everything but acts on nothing
    ],
)
def test_outsiders_cannot_act_on_a_dossier(receive_birth: ReceiveFn, travel: Any, username: str, status: int) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    dossier = act(dossier, "ttpdonghoi_ngothithanhtam", "forward")
    attempts: list[tuple[str, dict[str, Any]]] = [
        ("forward", {}),
        ("claim", {}),
        ("withdraw", {}),
        ("request_supplement", {"reasons": ("x",)}),
        ("note", {"note": "x"}),
        ("extend", {"reasons": ("x",)}),
    ]
    for action, fields in attempts:
        with pytest.raises(ApplicationError) as caught:
            act(dossier, username, action, **fields)
        assert caught.value.status in {status, 409}, (action, caught.value.code)
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version


def test_uploads_are_checked_by_content(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    fake = UploadedFile(name="giay-khai-sinh.pdf", content=b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ApplicationError) as caught:
        act(dossier, "ttpdonghoi_ngothithanhtam", "note", note="scan", files=(fake,))
    assert caught.value.code == "dossier.file_type"
    assert "giay-khai-sinh.pdf" in caught.value.as_dict()["message"]
    assert not dossier.files.exists()
