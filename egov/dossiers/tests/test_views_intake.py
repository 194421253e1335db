"""/staff/dossiers/receive/: intake at the desk, from choosing the procedure to the receipt."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.dossiers.models import Dossier
from egov.dossiers.tests.conftest import MONDAY_9AM, agency_of, user
from egov.procedures.models import Procedure, RequiredPaper

RECEIVE = "/staff/dossiers/receive/"
DESK = "ttpdonghoi_ngothithanhtam"
PDF = b"%PDF-1.4\n%%EOF\n"


def login(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


def _form(**overrides: Any) -> dict[str, Any]:
    version_id = Procedure.objects.get(code="1.001193").current_version_id
    papers = RequiredPaper.objects.filter(version_id=version_id).order_by("order", "pk")
    data: dict[str, Any] = {
        "agency": agency_of("ttpdonghoi").pk,
        "procedure": "1.001193",
        "applicant_kind": "citizen",
        "full_name": "Nguyễn Văn Bình",
        "id_number": "044085001234",
        "address": "Phường Đồng Hới, tỉnh Quảng Trị",
        "phone": "0905110001",
        "email": "",
        "channel": "counter",
        "copies": "1",
        "return_method": "desk",
        "subject": "",
        "note": "",
        "other_papers": "",
    }
    first = papers.first()
    assert first is not None
    data[f"paper_{first.pk}"] = "on"
    data[f"paper_{first.pk}_originals"] = "1"
    data[f"paper_{first.pk}_copies"] = "0"
    data.update(overrides)
    return data


def test_the_desk_chooses_a_procedure_then_receives_the_dossier(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    desk = login(DESK)
    # step 1: the procedures with an internal process at this desk, searchable without accents
    start = desk.get(RECEIVE, {"q": "khai sinh"})
    assert start.status_code == 200
    assert "1.001193" in start.text
    step2 = desk.get(RECEIVE, {"agency": str(agency_of("ttpdonghoi").pk), "procedure": "1.001193"})
    assert step2.status_code == 200
    assert step2.context["form"].papers, "the catalogue's papers are offered as checkboxes"
    # step 2: the applicant, the papers ticked, a scan
    data = _form(attachments=[SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf")])
    response = desk.post(RECEIVE, data)
    # then the dossier exists, with its code, papers and scan, and the page offers the receipt
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert response["Location"] == f"/staff/dossiers/{dossier.code}/?received=1"
    assert dossier.applicant_name == "Nguyễn Văn Bình"
    assert dossier.papers[0]["originals"] == 1
    assert dossier.files.get().name == "to-khai.pdf"
    assert dossier.received_by == user(DESK)
    page = desk.get(response["Location"])
    assert f"/staff/dossiers/{dossier.code}/pdf/receipt/" in page.text


def test_missing_name_and_papers_are_shown_and_the_input_kept(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    data = _form(full_name="", id_number="1234")
    data = {k: v for k, v in data.items() if not k.startswith("paper_")}
    data["address"] = "Số 5 Lý Thường Kiệt"
    response = login(DESK).post(RECEIVE, data)
    assert response.status_code == 400
    form = response.context["form"]
    assert "full_name" in form.errors
    assert "id_number" in form.errors
    assert form.non_field_errors()
    assert "Số 5 Lý Thường Kiệt" in response.text
    assert not Dossier.objects.exists()


def test_an_online_channel_cannot_be_posted_at_the_desk(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    response = login(DESK).post(RECEIVE, _form(channel="online_full"))
    assert response.status_code == 400
    assert not Dossier.objects.exists()


def test_only_desk_officers_receive_and_only_for_their_agency(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    assert login("pdonghoi_tranvandung").get(RECEIVE).status_code == 403
    # a desk officer of the provincial centre cannot receive for the ward's desk
    other_desk = login("ttpvhcc_tranthibichngoc")
    assert other_desk.post(RECEIVE, _form()).status_code == 403
    assert not Dossier.objects.exists()


def test_the_desk_checks_off_papers_not_the_notes_of_the_national_record(demo: None, travel: Any) -> None:
    # given a note the importer kept among the procedure's rows (a duty of the receiving officer)
    version = Procedure.objects.get(code="1.001193").current_version
    assert version is not None
    RequiredPaper.objects.create(
        version=version, order=99, name="Người tiếp nhận có trách nhiệm kiểm tra giấy tờ", kind="note"
    )
    travel(MONDAY_9AM)
    page = login(DESK).get(RECEIVE, {"agency": str(agency_of("ttpdonghoi").pk), "procedure": "1.001193"})
    # then the checklist holds the papers only
    offered = [paper.name for paper in page.context["form"].papers]
    assert offered
    assert "Người tiếp nhận có trách nhiệm kiểm tra giấy tờ" not in offered
