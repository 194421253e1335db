"""The e-form in the officer's hands (issue 13 item 3): the staff dossier page shows the applicant's
answers in the form's sections, printable; an officer corrects a section with a reason; the desk
fills the e-form for a walk-in applicant; a supplementation request questions answers."""

from typing import Any

import pytest
from django.test import Client

from egov.dossiers.choices import DossierStatus
from egov.dossiers.contracts import ActionData
from egov.dossiers.models import AnswerCorrection, Dossier
from egov.dossiers.services.actions import dossier_act
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, agency_of, user
from egov.dossiers.tests.test_answers import answers
from egov.identity.models import User, UserKind
from egov.procedures.models import Procedure, RequiredPaper

DESK, SPECIALIST, OTHER_DESK = "ttpdonghoi_ngothithanhtam", "pdonghoi_tranvandung", "ttxvinhlinh_hovantrung"


def login(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


@pytest.fixture
def dossier(receive_birth: ReceiveFn, travel: Any) -> Dossier:
    travel(MONDAY_9AM)
    return receive_birth(form_data=answers())


def url(dossier: Dossier, tail: str = "") -> str:
    return f"/staff/dossiers/{dossier.code}/{tail}"


def test_the_staff_dossier_page_shows_the_answers_in_the_sections_of_the_form(dossier: Dossier) -> None:
    html = login(DESK).get(url(dossier)).text
    # the sections with the form's own labels
    for text in ("Người được khai sinh", "Họ, chữ đệm, tên", "Ngày, tháng, năm sinh", "Người mẹ", "Người cha"):
        assert text in html
    # the child's name, date of birth (as people write it) and the parents
    child = dossier.form_data["child"]
    day = child["birth_date"]
    assert child["full_name"] in html
    assert f"{day[8:10]}/{day[5:7]}/{day[0:4]}" in html
    assert dossier.form_data["mother"]["full_name"] in html
    assert dossier.form_data["father"]["full_name"] in html
    assert "Giới tính" in html  # a choice shown by its label, not its value
    assert ">Nam<" in html or ">Nữ<" in html
    # printable, and correctable by the desk of the receiving agency
    assert f'href="{url(dossier, "answers/print/")}"' in html
    assert f'href="{url(dossier, "answers/child/")}"' in html


def test_the_print_view_lays_out_the_form_for_the_register(dossier: Dossier) -> None:
    specialist_client = login(DESK)
    response = specialist_client.get(url(dossier, "answers/print/"))
    assert response.status_code == 200
    assert "Tờ khai đăng ký khai sinh" in response.text
    assert "Thông tư số 04/2020/TT-BTP" in response.text
    assert dossier.form_data["child"]["full_name"] in response.text
    assert "css/answers-print.css" in response.text
    # only for officers who may see the dossier
    assert login(OTHER_DESK).get(url(dossier, "answers/print/")).status_code == 404
    assert Client().get(url(dossier, "answers/print/")).status_code == 302


def test_a_dossier_without_answers_has_no_answers_section(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    client = login(DESK)
    assert 'id="answers-title"' not in client.get(url(dossier)).text
    assert client.get(url(dossier, "answers/print/")).status_code == 404


def _section_post(dossier: Dossier, section: str, **changes: str) -> dict[str, Any]:
    values = dict(dossier.form_data[section])
    post: dict[str, Any] = {
        f"{section}.{name}": str(value).lower() if isinstance(value, bool) else str(value)
        for name, value in values.items()
    }
    post.update({f"{section}.{name}": value for name, value in changes.items()})
    return {"version": dossier.version, **post}


def test_an_officer_corrects_a_section_with_a_reason(dossier: Dossier) -> None:
    client = login(DESK)
    form = client.get(url(dossier, "answers/child/"))
    assert form.status_code == 200
    assert 'name="child.full_name"' in form.text
    assert f'value="{dossier.form_data["child"]["full_name"]}"' in form.text
    assert 'name="mother.full_name"' not in form.text  # one section at a time
    # without a reason: refused, the input kept
    response = client.post(url(dossier, "answers/child/"), _section_post(dossier, "child", full_name="Nguyễn Minh Anh"))
    assert response.status_code == 400
    assert "Nguyễn Minh Anh" in response.text
    # an impossible date: refused with the form's own message next to the field
    bad = _section_post(dossier, "child", birth_date="2026-02-31")
    response = client.post(url(dossier, "answers/child/"), {**bad, "reason": "Sửa ngày sinh"})
    assert response.status_code == 400
    assert "ef-child--birth_date-error" in response.text
    assert not AnswerCorrection.objects.exists()
    # with a reason: corrected, back on the dossier page which shows the submitted value too
    submitted = dossier.form_data["child"]["full_name"]
    good = _section_post(dossier, "child", full_name="Nguyễn Minh Anh")
    response = client.post(url(dossier, "answers/child/"), {**good, "reason": "Theo Giấy chứng sinh"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.form_data["child"]["full_name"] == "Nguyễn Minh Anh"
    html = client.get(url(dossier)).text
    assert submitted in html
    assert "Theo Giấy chứng sinh" in html
    assert [c.field for c in AnswerCorrection.objects.filter(dossier=dossier)] == ["child.full_name"]


def test_who_may_open_the_correction_page(dossier: Dossier, demo: None) -> None:
    citizen = User.objects.create_user(username="dan", password="x" * 16, kind=UserKind.CITIZEN)
    citizen_client = Client()
    citizen_client.force_login(citizen)
    assert Client().get(url(dossier, "answers/child/")).status_code == 302
    assert citizen_client.get(url(dossier, "answers/child/")).status_code in (302, 403)
    assert login(OTHER_DESK).get(url(dossier, "answers/child/")).status_code == 404
    assert login(DESK).get(url(dossier, "answers/nosuch/")).status_code == 404
    # a specialist of the ward once the dossier reached it; nobody once it is finished
    dossier_act(actor=user(DESK), code=dossier.code, action="forward", data=ActionData(version=dossier.version))
    assert login(SPECIALIST).get(url(dossier, "answers/child/")).status_code == 200
    dossier.refresh_from_db()
    dossier_act(
        actor=user(DESK), code=dossier.code, action="withdraw", data=ActionData(version=dossier.version, note="Rút")
    )
    assert login(DESK).get(url(dossier, "answers/child/")).status_code == 403
    assert f'href="{url(dossier, "answers/child/")}"' not in login(DESK).get(url(dossier)).text


def test_the_specialist_questions_answers_when_requesting_supplementation(dossier: Dossier) -> None:
    dossier = dossier_act(
        actor=user(DESK), code=dossier.code, action="forward", data=ActionData(version=dossier.version)
    )
    dossier_act(actor=user(SPECIALIST), code=dossier.code, action="claim", data=ActionData(version=dossier.version))
    client = login(SPECIALIST)
    page = client.get(url(dossier)).text
    assert 'data-action="request_supplement"' in page
    assert 'name="question__child.birth_date"' in page
    dossier.refresh_from_db()
    task = dossier.tasks.get(status="active")
    response = client.post(
        url(dossier, "actions/request_supplement/"),
        {
            "version": dossier.version,
            "task_id": task.pk,
            "reasons": "",
            "question__child.birth_date": "Ngày sinh khác Giấy chứng sinh",
            "question__child.full_name": "",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WAITING_SUPPLEMENT
    assert dossier.questioned_answers == [{"field": "child.birth_date", "note": "Ngày sinh khác Giấy chứng sinh"}]
    html = client.get(url(dossier)).text
    assert "Questioned: Ngày sinh khác Giấy chứng sinh" in html or "Cần xem lại: Ngày sinh khác Giấy chứng sinh" in html


def test_the_desk_fills_the_e_form_for_a_walk_in_applicant(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    client = login(DESK)
    agency = agency_of("ttpdonghoi")
    start = client.get("/staff/dossiers/receive/", {"agency": str(agency.pk), "procedure": "1.001193"})
    assert start.status_code == 200
    assert 'name="child.full_name"' in start.text
    assert 'name="eform_mode"' in start.text
    version = Procedure.objects.get(code="1.001193").current_version
    paper = RequiredPaper.objects.filter(version=version).order_by("order").first()
    assert paper is not None
    base = {
        "agency": agency.pk,
        "procedure": "1.001193",
        "applicant_kind": "citizen",
        "full_name": "Nguyễn Văn Bình",
        "id_number": "044085001234",
        "channel": "counter",
        "copies": "1",
        "return_method": "desk",
        "eform_mode": "entered",
        f"paper_{paper.pk}": "on",
    }
    flat = {
        f"{section}.{name}": str(value).lower() if isinstance(value, bool) else str(value)
        for section, values in answers().items()
        for name, value in values.items()
    }
    # an answer the form refuses: nothing is received, the message is on the field
    response = client.post("/staff/dossiers/receive/", {**base, **flat, "child.birth_date": "32/13/2026"})
    assert response.status_code == 400
    assert "ef-child--birth_date-error" in response.text
    assert not Dossier.objects.exists()
    # valid answers: stored cleaned, as the portal stores them
    response = client.post("/staff/dossiers/receive/", {**base, **flat, "requester.phone": "0905 110 001"})
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.form_data == {**answers(), "requester": {**answers()["requester"], "phone": "0905110001"}}
    # the paper form handed in instead: no answers stored, none required
    response = client.post("/staff/dossiers/receive/", {**base, "eform_mode": "paper"})
    assert response.status_code == 302
    assert Dossier.objects.order_by("-pk").first().form_data == {}  # type: ignore[union-attr]
