"""Drafting the result (issue 13 item 4): the specialist drafts the birth extract from the e-form
answers, submits it; the chairman approves (or returns it with a comment) and signs exactly the PDF he
was shown, confirming with his password; the signed PDF carries the signer block and the seal, and
pdfsig finds both signatures valid. Only an approved draft is signed; every change is in the history."""

import hashlib
import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from egov.core.errors import ApplicationError
from egov.core.models import AuditEntry
from egov.dossiers.choices import DossierStatus, ResultDraftStatus
from egov.dossiers.contracts import ActionData, ApplicantData
from egov.dossiers.models import Dossier, DossierEvent, ResultDraft, ResultTemplate
from egov.dossiers.services.actions import dossier_act
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, agency_of, user
from egov.organisation.demo.data import DEMO_PASSWORD
from egov.procedures.eforms import eform_schema_for, eform_validate
from egov.signing.choices import CertificateKind
from egov.signing.services.testca import issue_test_certificate

DESK, SPECIALIST, CHAIRMAN = "ttpdonghoi_ngothithanhtam", "pdonghoi_tranvandung", "pdonghoi_nguyenvanhai"
APPLICANT = ApplicantData(
    full_name="Nguyễn Văn Bình",
    id_number="044085001234",
    address="Số 12 đường Trần Hưng Đạo, phường Đồng Hới, tỉnh Quảng Trị",
    phone="0905110001",
)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


BIRTH_FORM = {
    "authority": {"registry_office": "Ủy ban nhân dân phường Đồng Hới"},
    "requester": {
        "full_name": "Nguyễn Văn Bình",
        "id_document_type": "citizen_id_card",
        "citizen_id": "044085001234",
        "residence": "Số 12 đường Trần Hưng Đạo, phường Đồng Hới, tỉnh Quảng Trị",
        "relationship": "father",
        "phone": "0905110001",
    },
    "child": {
        "full_name": "Nguyễn Minh An",
        "birth_date": "2026-10-18",
        "gender": "male",
        "ethnicity": "Kinh",
        "nationality": "Việt Nam",
        "birth_place_kind": "health_facility",
        "birth_facility": "Bệnh viện Đa khoa tỉnh Quảng Trị",
        "birth_certificate_number": "512/GCS",
        "birth_place": "Bệnh viện Đa khoa tỉnh Quảng Trị, tỉnh Quảng Trị",
        "hometown": "Tỉnh Quảng Trị",
    },
    "mother": {
        "declared": "true",
        "full_name": "Hồ Bảo Giang",
        "birth_year": "1990",
        "ethnicity": "Kinh",
        "nationality": "Việt Nam",
        "residence": "Số 12 đường Trần Hưng Đạo, phường Đồng Hới, tỉnh Quảng Trị",
    },
    "father": {
        "declared": "true",
        "full_name": "Nguyễn Văn Bình",
        "birth_year": "1985",
        "ethnicity": "Kinh",
        "nationality": "Việt Nam",
        "residence": "Số 12 đường Trần Hưng Đạo, phường Đồng Hới, tỉnh Quảng Trị",
        "citizen_id": "044085001234",
    },
    "copies": {"requested": "true", "count": "1"},
    "delivery": {"method": "desk"},
    "declaration": {"confirmed": "true", "signed_at": "Đồng Hới"},
}


def answers() -> dict[str, Any]:
    """The birth registration form as the citizen filled it, cleaned by the form's own validation."""
    schema = eform_schema_for("1.001193")
    assert schema is not None
    return eform_validate(schema, BIRTH_FORM)


def act(username: str, dossier: Dossier, action: str, **fields: Any) -> Dossier:
    dossier.refresh_from_db()
    return dossier_act(
        actor=user(username), code=dossier.code, action=action, data=ActionData(version=dossier.version, **fields)
    )


@pytest.fixture
def at_specialist(receive_birth: ReceiveFn, travel: Any) -> Dossier:
    """A birth registration with its e-form, forwarded by the desk and taken by the specialist."""
    travel(MONDAY_9AM)
    dossier = receive_birth(applicant=APPLICANT, form_data=answers())
    travel(MONDAY_9AM + timedelta(minutes=30))
    dossier = act(DESK, dossier, "forward")
    return act(SPECIALIST, dossier, "claim")


def certificates() -> None:
    ward, chairman = agency_of("pdonghoi"), user(CHAIRMAN)
    issue_test_certificate(
        kind=CertificateKind.PERSONAL,
        agency=ward,
        subject_name=chairman.get_full_name(),
        user=chairman,
        image_size_mm=(45, 22.5),
    )
    issue_test_certificate(kind=CertificateKind.SEAL, agency=ward, subject_name=ward.name)


def birth_template(dossier: Dossier) -> ResultTemplate:
    return ResultTemplate.objects.get(procedure_id=dossier.procedure_id, notation="TLKS")


def pdfsig(path: Path) -> list[str]:
    tool = shutil.which("pdfsig") or "/usr/bin/pdfsig"
    out = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False).stdout  # noqa: S603
    return [line.split(":", 1)[1].strip() for line in out.splitlines() if "Signature Validation:" in line]


def pdftext(path: Path) -> str:
    tool = shutil.which("pdftotext") or "/usr/bin/pdftotext"
    return subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603


def test_the_specialist_drafts_the_extract_from_the_answers(at_specialist: Dossier) -> None:
    # when the specialist starts the draft from the birth extract template
    template = birth_template(at_specialist)
    dossier = act(SPECIALIST, at_specialist, "draft_result", template_id=template.pk)
    # then its fields are the citizen's answers, as people read them
    draft = ResultDraft.objects.get(dossier=dossier)
    assert draft.status == ResultDraftStatus.DRAFT
    assert draft.values["child_name"] == "Nguyễn Minh An"
    assert draft.values["nationality"] == "Việt Nam"
    assert draft.values["gender"] == "Nam"
    assert draft.values["birth_date"] == "18/10/2026"
    assert draft.values["birth_date_words"] == "Ngày mười tám, tháng mười, năm hai nghìn không trăm hai mươi sáu"
    assert draft.values["mother_name"] == "Hồ Bảo Giang"
    assert draft.values["father_name"] == "Nguyễn Văn Bình"
    # and the specialist's correction is kept (other fields untouched)
    act(SPECIALIST, dossier, "draft_result", draft_id=draft.pk, values={"hometown": "Quảng Trị"})
    draft.refresh_from_db()
    assert draft.values["hometown"] == "Quảng Trị"
    assert draft.values["child_name"] == "Nguyễn Minh An"
    assert DossierEvent.objects.filter(dossier=dossier, action="draft_result").count() == 2


def test_an_extract_without_a_father_is_submitted_with_his_part_blank(receive_birth: ReceiveFn, travel: Any) -> None:
    # given a mother who registers her child alone: the father is not established (the form's
    # "declared" is no), so the extract leaves his part blank (TT 04/2020/TT-BTP, Trích lục khai sinh)
    travel(MONDAY_9AM)
    schema = eform_schema_for("1.001193")
    assert schema is not None
    alone = {**BIRTH_FORM, "requester": {**BIRTH_FORM["requester"], "relationship": "mother"}}
    alone["father"] = {"declared": "false"}
    dossier = receive_birth(applicant=APPLICANT, form_data=eform_validate(schema, alone))
    dossier = act(SPECIALIST, act(DESK, dossier, "forward"), "claim")
    dossier = act(SPECIALIST, dossier, "draft_result", template_id=birth_template(dossier).pk)
    draft = ResultDraft.objects.get(dossier=dossier)
    assert draft.values["father_name"] == ""
    # when the specialist submits it, then it goes to the chairman
    dossier = act(SPECIALIST, dossier, "submit_result", draft_id=draft.pk)
    draft.refresh_from_db()
    assert draft.status == ResultDraftStatus.SUBMITTED
    # but a field every extract needs is still asked for
    dossier = act(CHAIRMAN, act(CHAIRMAN, dossier, "claim"), "return_draft", draft_id=draft.pk, note="Thiếu quê quán")
    act(SPECIALIST, dossier, "draft_result", draft_id=draft.pk, values={**draft.values, "hometown": ""})
    with pytest.raises(ApplicationError) as refused:
        act(SPECIALIST, dossier, "submit_result", draft_id=draft.pk)
    assert refused.value.code == "dossier.draft_incomplete"
    assert refused.value.fields == {"values": ["Quê quán"]}


def test_the_step_cannot_be_forwarded_around_an_open_draft(at_specialist: Dossier) -> None:
    act(SPECIALIST, at_specialist, "draft_result", template_id=birth_template(at_specialist).pk)
    with pytest.raises(ApplicationError) as refused:
        act(SPECIALIST, at_specialist, "forward")
    assert refused.value.code == "dossier.draft_open"


def test_draft_approve_return_and_sign(at_specialist: Dossier, travel: Any, tmp_path: Path) -> None:
    template = birth_template(at_specialist)
    dossier = act(SPECIALIST, at_specialist, "draft_result", template_id=template.pk)
    draft = ResultDraft.objects.get(dossier=dossier)
    # the desk officer, who has no examining step, cannot draft or submit
    with pytest.raises(ApplicationError) as refused:
        act(DESK, dossier, "submit_result", draft_id=draft.pk)
    assert refused.value.status == 403
    # when the specialist submits it, the dossier goes to the chairman's signing step
    travel(MONDAY_9AM + timedelta(hours=1))
    dossier = act(SPECIALIST, dossier, "submit_result", draft_id=draft.pk)
    draft.refresh_from_db()
    assert draft.status == ResultDraftStatus.SUBMITTED
    assert dossier.tasks.get(status="active").role == "leader"
    # an unapproved draft cannot be signed
    certificates()
    with pytest.raises(ApplicationError) as refused:
        act(CHAIRMAN, dossier, "sign_result", draft_id=draft.pk, confirmation=DEMO_PASSWORD)
    assert refused.value.code == "dossier.no_such_draft"
    # the chairman returns it with a comment: back to the specialist, the comment kept
    with pytest.raises(ApplicationError) as refused:
        act(CHAIRMAN, dossier, "return_draft", draft_id=draft.pk, note="  ")
    assert refused.value.code == "dossier.note_required"
    dossier = act(CHAIRMAN, dossier, "return_draft", draft_id=draft.pk, note="Sửa quê quán theo tờ khai")
    draft.refresh_from_db()
    assert (draft.status, draft.review_comment) == (ResultDraftStatus.RETURNED, "Sửa quê quán theo tờ khai")
    assert dossier.tasks.get(status="active").role == "specialist"
    returned = DossierEvent.objects.get(dossier=dossier, action="return_draft")
    assert returned.note == "Sửa quê quán theo tờ khai"
    # the specialist corrects and submits again; the chairman approves: the PDF he will sign, no number yet
    act(SPECIALIST, dossier, "draft_result", draft_id=draft.pk, values={"hometown": "Quảng Trị"})
    dossier = act(SPECIALIST, dossier, "submit_result", draft_id=draft.pk)
    dossier = act(CHAIRMAN, dossier, "approve_result", draft_id=draft.pk)
    draft.refresh_from_db()
    assert draft.status == ResultDraftStatus.APPROVED
    assert draft.number == ""
    assert draft.file is not None
    with draft.file.file.open("rb") as handle:
        approved = handle.read()
    assert hashlib.sha256(approved).hexdigest() == draft.sha256
    # a wrong password, or a digest of something else, signs nothing
    with pytest.raises(ApplicationError) as refused:
        act(CHAIRMAN, dossier, "sign_result", draft_id=draft.pk, digest=draft.sha256, confirmation="wrong")
    assert refused.value.code == "dossier.sign_confirmation"
    with pytest.raises(ApplicationError) as refused:
        act(CHAIRMAN, dossier, "sign_result", draft_id=draft.pk, digest="0" * 64, confirmation=DEMO_PASSWORD)
    assert refused.value.code == "dossier.digest_mismatch"
    assert not dossier.files.filter(is_signed=True).exists()
    # when he signs with his password: signed, sealed, the step done, the dossier's result ready
    travel(MONDAY_9AM + timedelta(hours=2))
    dossier = act(CHAIRMAN, dossier, "sign_result", draft_id=draft.pk, digest=draft.sha256, confirmation=DEMO_PASSWORD)
    draft.refresh_from_db()
    assert draft.status == ResultDraftStatus.SIGNED
    assert draft.number == "01/TLKS"  # given at signing, the first of the ward's series this year
    assert dossier.status == DossierStatus.RESOLVED
    signed = dossier.files.get(is_signed=True)
    assert signed.signed_from_id == draft.file_id
    path = tmp_path / "signed.pdf"
    with signed.file.open("rb") as handle:
        path.write_bytes(handle.read())
    assert pdfsig(path) == ["Signature is Valid.", "Signature is Valid."]
    text = pdftext(path)
    assert "TRÍCH LỤC KHAI SINH" in text
    assert "Số: 01/TLKS" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text
    assert "CHỦ TỊCH" in text
    assert user(CHAIRMAN).get_full_name() in text
    assert "Nguyễn Minh An" in text
    actions = list(DossierEvent.objects.filter(dossier=dossier).values_list("action", flat=True))
    for action in ("draft_result", "submit_result", "return_draft", "approve_result", "sign_result"):
        assert action in actions
        assert AuditEntry.objects.filter(action=f"dossiers.{action}", object_id=str(dossier.pk)).exists()


def test_only_the_leader_of_the_signing_step_approves(at_specialist: Dossier) -> None:
    dossier = act(SPECIALIST, at_specialist, "draft_result", template_id=birth_template(at_specialist).pk)
    draft = ResultDraft.objects.get(dossier=dossier)
    dossier = act(SPECIALIST, dossier, "submit_result", draft_id=draft.pk)
    with pytest.raises(ApplicationError) as refused:
        act(SPECIALIST, dossier, "approve_result", draft_id=draft.pk)
    assert refused.value.status == 403
    with pytest.raises(ApplicationError) as refused:
        act(DESK, dossier, "approve_result", draft_id=draft.pk)
    assert refused.value.status == 403


def test_result_templates_are_admin_data_checked_and_audited(at_specialist: Dossier) -> None:
    from django.test import Client

    client = Client()
    client.force_login(user("ttpdonghoi_buivankien"))  # an agency administrator: not the province's
    assert client.get("/admin/dossiers/resulttemplate/").status_code in {302, 403}
    client.force_login(user("skhcn_nguyenducthang"))  # the province's administrator
    template = birth_template(at_specialist)
    url = f"/admin/dossiers/resulttemplate/{template.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "procedure": template.procedure_id,
        "name": template.name,
        "form_reference": template.form_reference,
        "title": template.title,
        "subject": "",
        "notation": template.notation,
        "fields": json.dumps(template.fields),
        "body": '{% include "base.html" %}',
        "authority": template.authority,
        "position": template.position,
        "recipients": template.recipients,
        "valid_from": "01/07/2025",
        "valid_to": "",
    }
    # a body that would read other files is refused
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "include" in refused.content.decode()
    template.refresh_from_db()
    assert "include" not in template.body
    # a correct change is saved and audited
    data["body"] = template.body + "<p>Ghi chú: {{ fields.child_name }}</p>"
    assert client.post(url, data).status_code == 302
    template.refresh_from_db()
    assert template.body.endswith("{{ fields.child_name }}</p>")
    assert AuditEntry.objects.filter(action="dossiers.result_template_change", object_id=str(template.pk)).exists()


def test_wrong_confirmations_are_limited_though_each_is_rolled_back(
    at_specialist: Dossier, travel: Any, settings: Any
) -> None:
    # given an approved draft waiting for the chairman's signature
    settings.IDENTITY_LOCKOUT_THRESHOLD, settings.IDENTITY_LOCKOUT_WINDOW_MINUTES = 3, 15
    dossier = act(SPECIALIST, at_specialist, "draft_result", template_id=birth_template(at_specialist).pk)
    draft = ResultDraft.objects.get(dossier=dossier)
    dossier = act(SPECIALIST, dossier, "submit_result", draft_id=draft.pk)
    dossier = act(CHAIRMAN, dossier, "approve_result", draft_id=draft.pk)
    draft.refresh_from_db()
    certificates()
    # when someone at his open session guesses three times
    for _attempt in range(3):
        with pytest.raises(ApplicationError) as refused:
            act(CHAIRMAN, dossier, "sign_result", draft_id=draft.pk, digest=draft.sha256, confirmation="guess")
        assert refused.value.code == "dossier.sign_confirmation"
    # then even the right password is refused for a while, and nothing is signed
    with pytest.raises(ApplicationError) as refused:
        act(CHAIRMAN, dossier, "sign_result", draft_id=draft.pk, digest=draft.sha256, confirmation=DEMO_PASSWORD)
    assert (refused.value.code, refused.value.status) == ("dossier.sign_confirmation_locked", 429)
    assert not dossier.files.filter(is_signed=True).exists()
    # and once the window is over he signs
    travel(MONDAY_9AM + timedelta(hours=3))
    dossier = act(CHAIRMAN, dossier, "sign_result", draft_id=draft.pk, digest=draft.sha256, confirmation=DEMO_PASSWORD)
    assert dossier.files.filter(is_signed=True).exists()
