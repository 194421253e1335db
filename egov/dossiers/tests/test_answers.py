"""Changing the e-form answers of a dossier (issue 13 item 3): an officer's correction with a reason,
the answers questioned in a supplementation request and the applicant's correction of exactly those;
one service, validated as the portal validates, the previous answer kept, audited, in the history."""

from datetime import date
from typing import Any

import pytest

from egov.core.errors import ApplicationError
from egov.core.models import AuditEntry
from egov.dossiers.choices import DossierStatus
from egov.dossiers.contracts import ActionData, ApplicantData
from egov.dossiers.demo_answers import birth_answers
from egov.dossiers.models import AnswerCorrection, Dossier, DossierEvent
from egov.dossiers.services.actions import dossier_act
from egov.dossiers.services.answers import dossier_answers_correct
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, user
from egov.identity.models import User, UserKind
from egov.procedures.eforms import eform_schema_for, eform_validate

DESK, SPECIALIST = "ttpdonghoi_ngothithanhtam", "pdonghoi_tranvandung"
OTHER_DESK = "ttxvinhlinh_hovantrung"
APPLICANT = ApplicantData(
    full_name="Nguyễn Văn Bình",
    id_number="044085001234",
    address="Số 12 đường Trần Hưng Đạo, phường Đồng Hới, tỉnh Quảng Trị",
    phone="0905110001",
    email="nguyenvanbinh@example.com",
)


def answers() -> dict[str, Any]:
    schema = eform_schema_for("1.001193")
    assert schema is not None
    raw = birth_answers(
        applicant=APPLICANT,
        subject="Đăng ký khai sinh cho con: Nguyễn Minh An",
        office="Ủy ban nhân dân phường Đồng Hới",
        today=date(2026, 11, 2),
    )
    return eform_validate(schema, raw)


@pytest.fixture
def citizen(demo: None) -> User:
    return User.objects.create_user(
        username="binh", password="x" * 16, kind=UserKind.CITIZEN, full_name="Nguyễn Văn Bình"
    )


@pytest.fixture
def dossier(receive_birth: ReceiveFn, travel: Any, citizen: User) -> Dossier:
    travel(MONDAY_9AM)
    return receive_birth(applicant=ApplicantData(**{**APPLICANT.__dict__, "user_id": citizen.pk}), form_data=answers())


def _act(username: str | User, dossier: Dossier, action: str, **fields: Any) -> Dossier:
    dossier.refresh_from_db()
    actor = user(username) if isinstance(username, str) else username
    return dossier_act(
        actor=actor, code=dossier.code, action=action, data=ActionData(version=dossier.version, **fields)
    )


def test_an_officer_corrects_an_answer_with_a_reason_and_the_submitted_answer_is_kept(dossier: Dossier) -> None:
    submitted = dossier.form_data["child"]["birth_date"]
    # when the desk officer corrects the child's date of birth, typed as people type it
    corrections = dossier_answers_correct(
        actor=user(DESK),
        code=dossier.code,
        version=dossier.version,
        answers={"child": {"birth_date": "20/10/2026"}},
        reason="Theo Giấy chứng sinh số 123/GCS",
    )
    # then the answer is stored cleaned, and the correction keeps the submitted value
    dossier.refresh_from_db()
    assert dossier.form_data["child"]["birth_date"] == "2026-10-20"
    assert [(c.field, c.old_value, c.new_value, c.source) for c in corrections] == [
        ("child.birth_date", submitted, "2026-10-20", "officer")
    ]
    row = AnswerCorrection.objects.get(dossier=dossier)
    assert (row.reason, row.actor, row.label) == (
        "Theo Giấy chứng sinh số 123/GCS",
        user(DESK),
        "Người được khai sinh \N{EN DASH} Ngày, tháng, năm sinh",
    )
    # and one public event in the history, audited in the same transaction
    event = DossierEvent.objects.get(dossier=dossier, action="correct_answers")
    assert event.public is True
    assert event.note == "Theo Giấy chứng sinh số 123/GCS"
    assert event.data["changes"] == [{"field": "child.birth_date", "old": submitted, "new": "2026-10-20"}]
    assert AuditEntry.objects.filter(action="dossiers.correct_answers", object_id=str(dossier.pk)).count() == 1


def test_a_correction_is_validated_as_the_form_is_and_needs_a_reason(dossier: Dossier) -> None:
    before = dict(dossier.form_data["child"])
    with pytest.raises(ApplicationError) as invalid:
        dossier_answers_correct(
            actor=user(DESK),
            code=dossier.code,
            version=dossier.version,
            answers={"child": {"birth_date": "31/02/2026", "full_name": ""}},
            reason="Sửa",
        )
    assert (invalid.value.code, invalid.value.status) == ("eform_invalid", 400)
    assert set(invalid.value.fields) == {"child.full_name", "child.birth_date"}
    with pytest.raises(ApplicationError) as no_reason:
        dossier_answers_correct(
            actor=user(DESK),
            code=dossier.code,
            version=dossier.version,
            answers={"child": {"full_name": "Nguyễn Minh Anh"}},
            reason="  ",
        )
    assert (no_reason.value.code, list(no_reason.value.fields)) == ("dossier.reason_required", ["reason"])
    with pytest.raises(ApplicationError) as same:
        dossier_answers_correct(
            actor=user(DESK),
            code=dossier.code,
            version=dossier.version,
            answers={"child": {"full_name": before["full_name"]}},
            reason="Không đổi",
        )
    assert same.value.code == "dossier.answers_unchanged"
    dossier.refresh_from_db()
    assert dossier.form_data["child"] == before
    assert not AnswerCorrection.objects.filter(dossier=dossier).exists()


def test_only_officers_working_on_the_dossier_may_correct(dossier: Dossier, citizen: User) -> None:
    for actor in (user(OTHER_DESK), citizen):
        with pytest.raises(ApplicationError) as refused:
            dossier_answers_correct(
                actor=actor,
                code=dossier.code,
                version=None,
                answers={"child": {"full_name": "Nguyễn Minh Anh"}},
                reason="Sửa tên",
            )
        assert refused.value.status == 403
    # the specialist the dossier was forwarded to may
    _act(DESK, dossier, "forward")
    dossier_answers_correct(
        actor=user(SPECIALIST),
        code=dossier.code,
        version=None,
        answers={"child": {"full_name": "Nguyễn Minh Anh"}},
        reason="Sửa tên theo giấy chứng sinh",
    )
    assert AnswerCorrection.objects.get(dossier=dossier).new_value == "Nguyễn Minh Anh"


def test_the_applicant_corrects_the_questioned_answers_in_the_supplementation_round(
    dossier: Dossier, citizen: User
) -> None:
    # given the specialist questions the child's date of birth and asks for a paper
    _act(DESK, dossier, "forward")
    _act(SPECIALIST, dossier, "claim")
    dossier = _act(
        SPECIALIST,
        dossier,
        "request_supplement",
        reasons=("Bổ sung Giấy chứng sinh",),
        questioned=(("child.birth_date", "Ngày sinh khác với Giấy chứng sinh"),),
    )
    assert dossier.status == DossierStatus.WAITING_SUPPLEMENT
    assert dossier.questioned_answers == [{"field": "child.birth_date", "note": "Ngày sinh khác với Giấy chứng sinh"}]
    assert dossier.reasons == [
        "Bổ sung Giấy chứng sinh",
        "Người được khai sinh \N{EN DASH} Ngày, tháng, năm sinh: Ngày sinh khác với Giấy chứng sinh",
    ]
    # when the applicant tries to change an answer nobody questioned: refused, nothing changes
    with pytest.raises(ApplicationError) as refused:
        _act(citizen, dossier, "supplement", answers={"child": {"full_name": "Tên khác"}})
    assert (refused.value.code, refused.value.status) == ("dossier.answer_not_questioned", 403)
    # an invalid date: refused as the form refuses it
    with pytest.raises(ApplicationError) as invalid:
        _act(citizen, dossier, "supplement", answers={"child": {"birth_date": "2099-01-01"}})
    assert (invalid.value.code, list(invalid.value.fields)) == ("eform_invalid", ["child.birth_date"])
    # the questioned answer, corrected alone (no file): the dossier goes back to processing
    old = dossier.form_data["child"]["birth_date"]
    dossier = _act(citizen, dossier, "supplement", answers={"child": {"birth_date": "2026-10-19"}}, note="Đã sửa")
    assert dossier.status == DossierStatus.PROCESSING
    assert dossier.form_data["child"]["birth_date"] == "2026-10-19"
    correction = AnswerCorrection.objects.get(dossier=dossier)
    assert (correction.source, correction.old_value, correction.actor, correction.reason) == (
        "applicant",
        old,
        citizen,
        "Đã sửa",
    )
    actions = list(DossierEvent.objects.filter(dossier=dossier).values_list("action", flat=True))
    assert actions[-2:] == ["correct_answers", "supplement"]
    assert DossierEvent.objects.get(dossier=dossier, action="supplement").data["answers"] == ["child.birth_date"]


def test_a_questioned_answer_must_be_a_field_of_the_form_with_a_note(dossier: Dossier) -> None:
    for questioned, code in (
        ((("child.colour", "x"),), "eform_invalid"),
        ((("child.birth_date", " "),), "dossier.question_note_required"),
    ):
        with pytest.raises(ApplicationError) as refused:
            _act(DESK, dossier, "request_supplement", questioned=questioned)
        assert refused.value.code == code
    dossier.refresh_from_db()
    assert (dossier.status, dossier.questioned_answers) == (DossierStatus.PROCESSING, [])
