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


def _entered_form(**requester: str) -> dict[str, Any]:
    """The intake post with the birth declaration entered at the desk, its requester's part as given."""
    from egov.dossiers.tests.test_answers import answers

    flat = {
        f"{section}.{name}": str(value).lower() if isinstance(value, bool) else str(value)
        for section, values in answers().items()
        for name, value in values.items()
    }
    flat.update({f"requester.{name}": value for name, value in requester.items()})
    return {**_form(full_name="", id_number="", address="", phone=""), **flat, "eform_mode": "entered"}


def test_the_applicant_left_empty_is_taken_from_the_requester_of_the_e_form(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    desk = login(DESK)
    # the intake page marks the applicant's fields with the e-form field each follows (js/intake.js)
    page = desk.get(RECEIVE, {"agency": str(agency_of("ttpdonghoi").pk), "procedure": "1.001193"}).text
    assert 'name="full_name" maxlength="255" data-from-eform="requester.full_name"' in page
    assert 'data-from-eform="requester.citizen_id"' in page
    assert 'data-from-eform="requester.residence"' in page
    assert 'data-from-eform="requester.phone"' in page
    assert "/static/js/intake.js" in page
    # when the officer enters the e-form and leaves the applicant's fields empty
    posted = _entered_form(
        full_name="Trần Thị Mai", citizen_id="044190004455", residence="Số 9 Hùng Vương, Đồng Hới", phone="0905 222 333"
    )
    response = desk.post(RECEIVE, posted)
    # then the dossier's applicant is the requester of the form
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert (dossier.applicant_name, dossier.applicant_id_number) == ("Trần Thị Mai", "044190004455")
    assert (dossier.applicant_address, dossier.applicant_phone) == ("Số 9 Hùng Vương, Đồng Hới", "0905222333")


def test_what_the_officer_typed_as_the_applicant_is_never_replaced(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    # given the officer typed the applicant's name and phone, and left the ID number and address empty
    posted = _entered_form(
        full_name="Trần Thị Mai", citizen_id="044190004455", residence="Số 9 Hùng Vương, Đồng Hới", phone="0905222333"
    )
    posted.update(full_name="Nguyễn Văn Bình", phone="0905110001")
    # when the dossier is received
    assert login(DESK).post(RECEIVE, posted).status_code == 302
    # then what was typed stays, and only the empty fields come from the form
    dossier = Dossier.objects.get()
    assert (dossier.applicant_name, dossier.applicant_phone) == ("Nguyễn Văn Bình", "0905110001")
    assert (dossier.applicant_id_number, dossier.applicant_address) == ("044190004455", "Số 9 Hùng Vương, Đồng Hới")


def test_nothing_is_taken_from_the_form_for_an_organisation_or_a_paper_form(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    desk = login(DESK)
    # an organisation: its requester is the person filing for it, so the name stays required
    organisation = desk.post(RECEIVE, _entered_form(full_name="Trần Thị Mai") | {"applicant_kind": "organisation"})
    assert organisation.status_code == 400
    assert "full_name" in organisation.context["form"].errors
    # the paper form handed in: its answers are not entered, nothing is read from them
    paper = desk.post(RECEIVE, _entered_form(full_name="Trần Thị Mai") | {"eform_mode": "paper"})
    assert paper.status_code == 400
    assert "full_name" in paper.context["form"].errors
    assert not Dossier.objects.exists()
    # an invalid e-form keeps the page, with the applicant's fields already filled from the requester
    invalid = desk.post(RECEIVE, _entered_form(full_name="Trần Thị Mai") | {"child.birth_date": "32/13/2026"})
    assert invalid.status_code == 400
    assert invalid.context["form"]["full_name"].value() == "Trần Thị Mai"


def test_an_online_submission_with_only_its_answers_gets_the_requester_s_contact(demo: None, travel: Any) -> None:
    from egov.dossiers.contracts import ApplicantData
    from egov.dossiers.services.intake import dossier_submit_online
    from egov.dossiers.tests.conftest import birth_intake
    from egov.dossiers.tests.test_answers import answers

    travel(MONDAY_9AM)
    # given an online submission (e.g. through the API) whose applicant has a name and nothing else
    data = birth_intake(
        applicant=ApplicantData(full_name="Nguyễn Văn Bình"), channel="online_full", form_data=answers()
    )
    # when it is submitted
    dossier = dossier_submit_online(applicant_user=None, agency_id=agency_of("ttpdonghoi").pk, data=data)
    # then the ID number, address, phone and e-mail are the requester's answers; the name given stays
    requester = answers()["requester"]
    assert dossier.applicant_name == "Nguyễn Văn Bình"
    assert (dossier.applicant_id_number, dossier.applicant_address) == (requester["citizen_id"], requester["residence"])
    assert (dossier.applicant_phone, dossier.applicant_email) == (requester["phone"], requester["email"])
