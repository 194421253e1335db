"""A supplementation round that corrects answers (issue 13 items 3 and 6): the citizen's supplement
page lets her correct exactly the answers the officer questioned, validated as the form validates
them, with or without papers; the corrections are shown to her and to the officer."""

# ruff: noqa: F811 - the fixtures of the one-stop engine's tests are imported by name

from typing import Any

import pytest
from django.test import Client

from egov.dossiers.contracts import ApplicantData, IntakeData, UploadedFile
from egov.dossiers.facade import ActionData, dossier_act, dossier_submit_online
from egov.dossiers.models import AnswerCorrection, Dossier, DossierEvent
from egov.dossiers.tests.conftest import MONDAY_9AM, agency_of, demo, travel, user  # noqa: F401 - fixtures
from egov.dossiers.tests.test_answers import answers
from egov.identity.models import User
from egov.identity.services.citizens import citizen_register

LIST = "/ca-nhan/ho-so/"
DESK = "ttpdonghoi_ngothithanhtam"
PDF = b"%PDF-1.4\n% scan\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
NOTE = "Ngày sinh khác với Giấy chứng sinh"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def ha(demo: None, travel: Any) -> User:
    travel(MONDAY_9AM)
    return citizen_register(
        full_name="Lê Thị Thu Hà", citizen_id="045192003344", phone="0912345678", email="", password="DemoQT@2026"
    )


def _act(username: str, dossier: Dossier, action: str, **data: Any) -> Dossier:
    dossier.refresh_from_db()
    return dossier_act(
        actor=user(username), code=dossier.code, action=action, data=ActionData(version=dossier.version, **data)
    )


@pytest.fixture
def questioned(ha: User) -> Dossier:
    """Her birth registration, submitted online with the e-form, sent back with the birth date questioned."""
    data = IntakeData(
        procedure_code="1.001193",
        channel="online_full",
        applicant=ApplicantData(full_name=ha.full_name, id_number=ha.citizen_id or "", user_id=ha.pk),
        form_data=answers(),
    )
    scan = UploadedFile("To-khai.pdf", PDF, "application/pdf", 0)
    dossier = dossier_submit_online(applicant_user=ha, agency_id=agency_of("ttpdonghoi").pk, data=data, files=(scan,))
    return _act(DESK, dossier, "request_supplement", questioned=(("child.birth_date", NOTE),))


def _client(who: User) -> Client:
    client = Client()
    client.force_login(who)
    return client


def test_the_supplement_page_asks_to_correct_the_questioned_answers(questioned: Dossier, ha: User) -> None:
    html = _client(ha).get(f"{LIST}{questioned.code}/").text
    assert 'name="child.birth_date"' in html  # the questioned answer, as the form asks it
    assert 'name="child.full_name"' not in html  # and only that one
    assert NOTE in html
    assert f'value="{questioned.form_data["child"]["birth_date"]}"' in html


def test_an_invalid_correction_is_refused_as_the_form_refuses_it(questioned: Dossier, ha: User) -> None:
    response = _client(ha).post(
        f"{LIST}{questioned.code}/bo-sung/",
        {"version": questioned.version, "child.birth_date": "31/02/2026", "note": ""},
    )
    assert response.status_code == 400
    assert "ef-child--birth_date-error" in response.text
    assert 'value="31/02/2026"' in response.text  # her input kept
    questioned.refresh_from_db()
    assert questioned.status == "waiting_supplement"
    assert not AnswerCorrection.objects.exists()


def test_she_corrects_the_answer_without_papers_and_both_sides_see_it(questioned: Dossier, ha: User) -> None:
    old = questioned.form_data["child"]["birth_date"]
    client = _client(ha)
    response = client.post(
        f"{LIST}{questioned.code}/bo-sung/",
        {"version": questioned.version, "child.birth_date": "19/10/2026", "note": "Đã sửa theo giấy chứng sinh"},
    )
    assert response.status_code == 302
    questioned.refresh_from_db()
    assert questioned.status == "submitted"  # back to the desk, which had not accepted it yet
    assert questioned.form_data["child"]["birth_date"] == "2026-10-19"
    correction = AnswerCorrection.objects.get(dossier=questioned)
    assert (correction.source, correction.old_value, correction.new_value) == ("applicant", old, "2026-10-19")
    # she sees the change on her dossier page, and the timeline says the answers were corrected
    html = client.get(f"{LIST}{questioned.code}/").text
    assert "19/10/2026" in html
    assert 'id="corrections-title"' in html
    assert DossierEvent.objects.filter(dossier=questioned, action="correct_answers", public=True).count() == 1
    # the officer sees the correction and the submitted value on the staff page
    staff = _client(user(DESK)).get(f"/staff/dossiers/{questioned.code}/").text
    assert "19/10/2026" in staff
    assert f"{old[8:10]}/{old[5:7]}/{old[0:4]}" in staff
    assert "Đã sửa theo giấy chứng sinh" in staff


def test_a_supplement_without_questioned_answers_still_needs_papers(ha: User) -> None:
    data = IntakeData(
        procedure_code="1.001193",
        channel="online_full",
        applicant=ApplicantData(full_name=ha.full_name, id_number=ha.citizen_id or "", user_id=ha.pk),
        form_data=answers(),
    )
    dossier = dossier_submit_online(applicant_user=ha, agency_id=agency_of("ttpdonghoi").pk, data=data)
    dossier = _act(DESK, dossier, "request_supplement", reasons=("Thiếu giấy chứng sinh",))
    client = _client(ha)
    assert 'name="child.birth_date"' not in client.get(f"{LIST}{dossier.code}/").text
    # a posted answer she was not asked about is refused by the engine
    response = client.post(
        f"{LIST}{dossier.code}/bo-sung/", {"version": dossier.version, "child.birth_date": "19/10/2026"}
    )
    assert response.status_code == 400  # no file: the form asks for the papers; the field is ignored
    dossier.refresh_from_db()
    assert dossier.form_data["child"]["birth_date"] == answers()["child"]["birth_date"]
