"""Result numbers (ND 30/2020/NĐ-CP Điều 15 k1-k3): taken in the order of issue within the calendar
year, after the signature, by the system; unique and without gaps. A draft approved and then
returned, replaced or left unsigned takes no number; the number and the date of issue are those of
the signature; a signature refused takes none."""

import io
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfWriter

from egov.core.errors import ApplicationError
from egov.dossiers.choices import ResultDraftStatus
from egov.dossiers.contracts import UploadedFile
from egov.dossiers.models import Dossier, DossierEvent, ResultDraft, ResultNumberCounter
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, agency_of
from egov.dossiers.tests.test_result_drafting import (
    APPLICANT,
    CHAIRMAN,
    DESK,
    SPECIALIST,
    act,
    answers,
    birth_template,
    certificates,
    pdftext,
)
from egov.organisation.demo.data import DEMO_PASSWORD
from egov.workflow.facade import VIETNAM_TZ


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def taken(receive_birth: ReceiveFn) -> Dossier:
    """A birth registration forwarded by the desk and taken by the specialist."""
    dossier = receive_birth(applicant=APPLICANT, form_data=answers())
    return act(SPECIALIST, act(DESK, dossier, "forward"), "claim")


def submitted(dossier: Dossier) -> tuple[Dossier, ResultDraft]:
    dossier = act(SPECIALIST, dossier, "draft_result", template_id=birth_template(dossier).pk)
    draft = ResultDraft.objects.get(dossier=dossier, status=ResultDraftStatus.DRAFT)
    return act(SPECIALIST, dossier, "submit_result", draft_id=draft.pk), draft


def approved(dossier: Dossier) -> tuple[Dossier, ResultDraft]:
    dossier, draft = submitted(dossier)
    dossier = act(CHAIRMAN, dossier, "approve_result", draft_id=draft.pk)
    draft.refresh_from_db()
    return dossier, draft


def sign(dossier: Dossier, draft: ResultDraft) -> ResultDraft:
    draft.refresh_from_db()
    act(CHAIRMAN, dossier, "sign_result", draft_id=draft.pk, digest=draft.sha256, confirmation=DEMO_PASSWORD)
    draft.refresh_from_db()
    return draft


def counter_last(year: int = 2026) -> int:
    row = ResultNumberCounter.objects.filter(agency=agency_of("pdonghoi"), year=year, notation="TLKS").first()
    return row.last if row else 0


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def signed_text(draft: ResultDraft, tmp_path: Path) -> str:
    assert draft.signed_file is not None
    path = tmp_path / f"{draft.pk}.pdf"
    with draft.signed_file.file.open("rb") as handle:
        path.write_bytes(handle.read())
    return pdftext(path)


def test_drafts_dropped_after_approval_leave_no_gap(receive_birth: ReceiveFn, travel: Any, tmp_path: Path) -> None:
    travel(MONDAY_9AM)
    certificates()
    first, second, third = taken(receive_birth), taken(receive_birth), taken(receive_birth)
    # given the first extract approved, then returned by the chairman for re-drafting
    first, first_draft = approved(first)
    assert first_draft.number == ""  # approval fixes the content, not the number
    first = act(CHAIRMAN, first, "return_draft", draft_id=first_draft.pk, note="Ghi lại nơi sinh")
    # and the third approved, returned, then replaced by a result drafted elsewhere (withdrawn)
    third, third_draft = approved(third)
    third = act(CHAIRMAN, third, "return_draft", draft_id=third_draft.pk, note="Dùng mẫu giấy")
    upload = UploadedFile("trich-luc.pdf", blank_pdf(), "application/pdf")
    act(SPECIALIST, third, "attach_result", files=(upload,))
    third_draft.refresh_from_db()
    assert (third_draft.status, third_draft.number) == (ResultDraftStatus.WITHDRAWN, "")
    assert counter_last() == 0  # nothing issued yet: no number taken
    # when the second is approved and signed, it is the first extract the ward issues this year
    travel(MONDAY_9AM + timedelta(hours=1))
    second, second_draft = approved(second)
    second_draft = sign(second, second_draft)
    assert second_draft.number == "01/TLKS"
    # and the first, corrected, submitted and approved again, then signed, is the next one
    travel(MONDAY_9AM + timedelta(hours=2))
    act(SPECIALIST, first, "draft_result", draft_id=first_draft.pk, values={"birth_place": "Bệnh viện tỉnh"})
    first = act(SPECIALIST, first, "submit_result", draft_id=first_draft.pk)
    first = act(CHAIRMAN, first, "approve_result", draft_id=first_draft.pk)
    first_draft = sign(first, first_draft)
    assert first_draft.number == "02/TLKS"
    # then the series is 01, 02 with no number lost, each printed on its signed extract
    signed = ResultDraft.objects.filter(status=ResultDraftStatus.SIGNED).order_by("signed_at")
    assert [d.number for d in signed] == ["01/TLKS", "02/TLKS"]
    assert counter_last() == 2
    assert "Số: 01/TLKS" in signed_text(second_draft, tmp_path)
    assert "Số: 02/TLKS" in signed_text(first_draft, tmp_path)
    # and the history says which number each signature gave
    signs = DossierEvent.objects.filter(action="sign_result").order_by("occurred_at", "pk")
    assert [event.data["number"] for event in signs] == ["01/TLKS", "02/TLKS"]


def test_number_and_date_are_those_of_the_signature(receive_birth: ReceiveFn, travel: Any, tmp_path: Path) -> None:
    # given an extract approved on the last afternoon of 2026, after one extract issued that year
    travel(datetime(2026, 12, 30, 9, 0, tzinfo=VIETNAM_TZ))
    certificates()
    earlier, late = taken(receive_birth), taken(receive_birth)
    sign(*approved(earlier))
    travel(datetime(2026, 12, 31, 16, 0, tzinfo=VIETNAM_TZ))
    late, draft = approved(late)
    assert draft.file is not None
    approved_text = draft.file.file.open("rb").read()
    assert b"01/TLKS" not in approved_text
    # when the chairman signs it on the first working day of 2027
    travel(datetime(2027, 1, 4, 8, 30, tzinfo=VIETNAM_TZ))
    draft = sign(late, draft)
    # then it opens the 2027 series and is dated the day it was signed
    assert draft.number == "01/TLKS"
    assert (counter_last(2026), counter_last(2027)) == (1, 1)
    text = signed_text(draft, tmp_path)
    assert "Số: 01/TLKS" in text
    assert "ngày 04 tháng 01 năm 2027" in text


def test_a_refused_signature_takes_no_number(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    certificates()
    dossier, draft = approved(taken(receive_birth))
    # a wrong password: refused, no number
    with pytest.raises(ApplicationError) as refused:
        act(CHAIRMAN, dossier, "sign_result", draft_id=draft.pk, digest=draft.sha256, confirmation="sai")
    assert refused.value.code == "dossier.sign_confirmation"
    # the template edited after the approval: what would be issued is no longer what was approved
    template = birth_template(dossier)
    template.body += "<p>Ghi chú thêm</p>"
    template.save()
    with pytest.raises(ApplicationError) as refused:
        act(CHAIRMAN, dossier, "sign_result", draft_id=draft.pk, digest=draft.sha256, confirmation=DEMO_PASSWORD)
    assert (refused.value.code, refused.value.status) == ("dossier.draft_changed", 409)
    draft.refresh_from_db()
    assert (draft.status, draft.number) == (ResultDraftStatus.APPROVED, "")
    assert counter_last() == 0
    # returned and approved again with the new template, it is signed as number 01
    dossier = act(CHAIRMAN, dossier, "return_draft", draft_id=draft.pk, note="Mẫu mới")
    dossier = act(SPECIALIST, dossier, "submit_result", draft_id=draft.pk)
    dossier = act(CHAIRMAN, dossier, "approve_result", draft_id=draft.pk)
    assert sign(dossier, draft).number == "01/TLKS"
