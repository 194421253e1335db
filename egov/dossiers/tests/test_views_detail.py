"""The dossier page and its action forms: the whole life of a dossier posted through the staff UI,
and every refusal coming back as a 4xx page with the message and the officer's input."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from egov.dossiers.choices import DossierStatus, TaskStatus
from egov.dossiers.models import Dossier, Rating
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, user
from egov.identity.models import User, UserKind

DESK, SPECIALIST, CHAIRMAN = "ttpdonghoi_ngothithanhtam", "pdonghoi_tranvandung", "pdonghoi_nguyenvanhai"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def login(client: Client, username: str) -> Client:
    client.force_login(user(username))
    return client


def page_url(dossier: Dossier) -> str:
    return f"/staff/dossiers/{dossier.code}/"


def post_action(client: Client, dossier: Dossier, action: str, **fields: Any) -> Any:
    dossier.refresh_from_db()
    data = {"version": dossier.version, **fields}
    return client.post(f"{page_url(dossier)}actions/{action}/", data)


def test_the_whole_life_of_a_dossier_through_the_staff_pages(
    receive_birth: ReceiveFn, travel: Any, client: Client
) -> None:
    # given a birth registration received at the Đồng Hới ward centre
    travel(MONDAY_9AM)
    dossier = receive_birth()
    desk = login(Client(), DESK)
    specialist = login(Client(), SPECIALIST)
    chairman = login(Client(), CHAIRMAN)
    page = desk.get(page_url(dossier))
    assert page.status_code == 200
    assert 'data-action="forward"' in page.text
    # when the desk forwards, the specialist takes the work and asks for supplementation
    travel(MONDAY_9AM + timedelta(minutes=30))
    assert post_action(desk, dossier, "forward", note="Đủ giấy tờ").status_code == 302
    assert 'data-action="claim"' in specialist.get(page_url(dossier)).text
    assert post_action(specialist, dossier, "claim").status_code == 302
    response = post_action(
        specialist, dossier, "request_supplement", reasons="Thiếu giấy chứng sinh\nTờ khai chưa ký", task_id=""
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WAITING_SUPPLEMENT
    assert dossier.reasons == ["Thiếu giấy chứng sinh", "Tờ khai chưa ký"]
    # and the desk receives the supplement with a scan
    travel(MONDAY_9AM + timedelta(hours=2))
    assert 'data-action="supplement"' in desk.get(page_url(dossier)).text
    dossier.refresh_from_db()
    scan = _upload("giay-chung-sinh.pdf")
    response = desk.post(
        f"{page_url(dossier)}actions/supplement/",
        {"version": dossier.version, "note": "Đã nhận", "attachments": [scan]},
    )
    assert response.status_code == 302
    # then the specialist forwards, the chairman signs, the desk returns and records the rating
    assert post_action(specialist, dossier, "forward").status_code == 302
    # the chairman takes the work first: then (and only then) its actions appear
    before_claim = chairman.get(page_url(dossier)).text
    assert 'data-action="claim"' in before_claim
    assert 'data-action="sign"' not in before_claim
    assert post_action(chairman, dossier, "claim").status_code == 302
    assert 'data-action="sign"' in chairman.get(page_url(dossier)).text
    assert post_action(chairman, dossier, "sign").status_code == 302
    page = desk.get(page_url(dossier))
    assert 'data-action="return_result"' in page.text
    assert post_action(desk, dossier, "return_result", return_method="desk").status_code == 302
    response = desk.post(f"{page_url(dossier)}rate/", {"score": "5", "comment": "Nhanh"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    assert Rating.objects.get(dossier=dossier).score == 5
    assert dossier.files.filter(kind="supplement").count() == 1
    final = desk.get(page_url(dossier)).text
    assert "giay-chung-sinh.pdf" in final
    assert f"/staff/dossiers/{dossier.code}/pdf/control_sheet/" in final


def _upload(name: str, content: bytes = PDF) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_stale_version_is_a_409_that_keeps_the_input(receive_birth: ReceiveFn, travel: Any) -> None:
    # given the desk opened the page, then someone else changed the dossier
    travel(MONDAY_9AM)
    dossier = receive_birth()
    seen = dossier.version
    desk = login(Client(), DESK)
    post_action(desk, dossier, "note", note="Ghi chú thứ nhất")
    # when the desk posts with the version it saw
    response = desk.post(f"{page_url(dossier)}actions/forward/", {"version": seen, "note": "Chuyển thẩm định"})
    # then the action is refused with the reason, and the note typed is still in the form
    assert response.status_code == 409
    assert "Hồ sơ vừa được người khác cập nhật" in response.text
    assert "Chuyển thẩm định" in response.text
    assert Dossier.objects.get(pk=dossier.pk).tasks.filter(status=TaskStatus.ACTIVE, step_index=0).exists()


def test_a_second_supplementation_request_is_refused_with_a_message(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    desk = login(Client(), DESK)
    assert post_action(desk, dossier, "request_supplement", reasons="Thiếu tờ khai").status_code == 302
    assert post_action(desk, dossier, "supplement", note="Đã bổ sung tờ khai").status_code == 302
    # when the desk asks again (the form is no longer offered; posted by hand)
    assert 'data-action="request_supplement"' not in desk.get(page_url(dossier)).text
    response = post_action(desk, dossier, "request_supplement", reasons="Thiếu bản sao")
    # then
    assert response.status_code == 409
    assert 'role="alert"' in response.text
    assert "Thiếu bản sao" in response.text


def test_an_officer_without_the_step_gets_403_and_invalid_input_400(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    colleague = login(Client(), "ttpdonghoi_buivankien")
    # the step is assigned to the receiving desk officer: a colleague at the same desk may not forward it
    response = post_action(colleague, dossier, "forward")
    assert response.status_code == 403
    assert 'role="alert"' in response.text
    # sending back needs a note; refusing needs reasons
    desk = login(Client(), DESK)
    assert post_action(desk, dossier, "refuse", reasons="").status_code == 400
    # an unknown action does not exist
    assert post_action(desk, dossier, "explode").status_code == 404
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING


def test_another_agencys_dossier_is_not_found(receive_birth: ReceiveFn, travel: Any) -> None:
    # given a dossier of the Đồng Hới ward and an officer of the provincial Department of Justice
    travel(MONDAY_9AM)
    dossier = receive_birth()
    outsider = login(Client(), "stp_phamthimai")
    # then neither the page, an action, a file nor a PDF of it can be reached
    assert outsider.get(page_url(dossier)).status_code == 404
    assert post_action(outsider, dossier, "note", note="x").status_code == 404
    assert outsider.get(f"{page_url(dossier)}files/1/").status_code == 404
    assert outsider.get(f"{page_url(dossier)}pdf/receipt/").status_code == 404
    # while the province's auditor reads it
    assert login(Client(), "ubndt_phamquanghuy").get(page_url(dossier)).status_code == 200


def test_citizens_and_anonymous_visitors_are_kept_out(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    anonymous = Client().get(page_url(dossier))
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    citizen = User.objects.create_user(username="congdan1", password="x" * 12, kind=UserKind.CITIZEN)
    browser = Client()
    browser.force_login(citizen)
    assert browser.get(page_url(dossier)).status_code == 403
    assert browser.get("/staff/dossiers/").status_code == 403


def test_posting_without_the_csrf_token_is_refused(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    strict = login(Client(enforce_csrf_checks=True), DESK)
    response = strict.post(f"{page_url(dossier)}actions/forward/", {"version": dossier.version})
    assert response.status_code == 403
    dossier.refresh_from_db()
    assert dossier.tasks.filter(status=TaskStatus.ACTIVE, step_index=0).exists()


def test_files_are_served_only_from_their_own_dossier(receive_birth: ReceiveFn, travel: Any) -> None:
    # given two dossiers, one with a scan attached as a note
    travel(MONDAY_9AM)
    first, second = receive_birth(), receive_birth()
    desk = login(Client(), DESK)
    response = desk.post(
        f"{page_url(first)}actions/note/", {"version": first.version, "attachments": [_upload("to-khai.pdf")]}
    )
    assert response.status_code == 302
    stored = first.files.get()
    # when
    own = desk.get(f"{page_url(first)}files/{stored.pk}/")
    other = desk.get(f"{page_url(second)}files/{stored.pk}/")
    # then
    assert own.status_code == 200
    assert own["Content-Type"] == "application/pdf"
    assert own.getvalue() == PDF
    assert other.status_code == 404


def test_a_file_that_is_not_a_pdf_or_image_is_refused(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    desk = login(Client(), DESK)
    bad = _upload("virus.pdf", b"MZ\x90\x00 not a pdf")
    response = desk.post(f"{page_url(dossier)}actions/note/", {"version": dossier.version, "attachments": [bad]})
    assert response.status_code == 400
    assert "virus.pdf" in response.text
    assert dossier.files.count() == 0


@pytest.mark.parametrize("username", [CHAIRMAN])
def test_a_leader_assigns_the_specialist_step(receive_birth: ReceiveFn, travel: Any, username: str) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    desk = login(Client(), DESK)
    post_action(desk, dossier, "forward")
    leader = login(Client(), username)
    page = leader.get(page_url(dossier)).text
    assert 'data-action="assign"' in page
    task = dossier.tasks.get(status=TaskStatus.ACTIVE)
    assert f'value="{user(SPECIALIST).pk}"' in page
    response = post_action(leader, dossier, "assign", task_id=task.pk, assignee_id=user(SPECIALIST).pk)
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.assignee == user(SPECIALIST)


def test_the_desk_accepts_one_online_submission_and_rejects_another(demo: None, travel: Any) -> None:
    from egov.dossiers.services.intake import dossier_submit_online
    from egov.dossiers.tests.conftest import agency_of, birth_intake

    travel(MONDAY_9AM)
    desk_id, data = agency_of("ttpdonghoi").pk, birth_intake(channel="online_full")
    accepted = dossier_submit_online(applicant_user=None, agency_id=desk_id, data=data)
    rejected = dossier_submit_online(applicant_user=None, agency_id=desk_id, data=data)
    desk = login(Client(), DESK)
    page = desk.get(page_url(accepted)).text
    assert 'data-action="accept"' in page
    assert 'data-action="reject"' in page
    assert post_action(desk, accepted, "accept").status_code == 302
    assert post_action(desk, rejected, "reject", reasons="Không thuộc thẩm quyền").status_code == 302
    accepted.refresh_from_db()
    rejected.refresh_from_db()
    assert (accepted.status, rejected.status) == (DossierStatus.PROCESSING, DossierStatus.REJECTED)
    assert "Không thuộc thẩm quyền" in desk.get(page_url(rejected)).text


def test_the_leader_extends_once_and_the_desk_records_a_withdrawal(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    post_action(login(Client(), DESK), dossier, "forward")
    chairman = login(Client(), CHAIRMAN)
    assert 'data-action="extend"' in chairman.get(page_url(dossier)).text
    # a date that is not a later working day is a field error
    response = post_action(chairman, dossier, "extend", new_due_date="2026-11-01", reasons="Cần xác minh thêm")
    assert response.status_code == 400
    assert "Cần xác minh thêm" in response.text
    response = post_action(chairman, dossier, "extend", new_due_date="2026-11-06", reasons="Cần xác minh thêm")
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.extended_at is not None
    assert 'data-action="extend"' not in chairman.get(page_url(dossier)).text
    assert post_action(login(Client(), DESK), dossier, "withdraw", note="Đơn xin rút hồ sơ").status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWN
