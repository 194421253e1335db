"""The printable confirmation of an online submission (Giấy xác nhận nộp hồ sơ trực tuyến): a PDF in
the layout of the one-stop slips with a QR code to the tracking page, downloadable from the
confirmation page and from the citizen's dossier page; and the citizen's file list names the paper
each file answers."""

import re
import shutil
import subprocess
from datetime import UTC, datetime
from typing import Any

from django.test import Client

from egov.dossiers.contracts import ActionData, ApplicantData, IntakeData, ReceivedPaper, UploadedFile
from egov.dossiers.documents import render_html
from egov.dossiers.facade import dossier_act, dossier_receive, dossier_submit_online
from egov.dossiers.models import Dossier
from egov.dossiers.tests.conftest import agency_of, user
from egov.identity.models import User
from egov.portal.tests.conftest import (
    DESK_OFFICER,
    attach_mandatory,
    draft_url,
    english_client,
    fill_form,
    start_draft,
)

PDF = b"%PDF-1.4\n% scan\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# 00:10 on Tuesday 3 November 2026 in Vietnam: still Monday in UTC.
AFTER_MIDNIGHT_IN_VIETNAM = datetime(2026, 11, 2, 17, 10, tzinfo=UTC)


def receipt_url(code: str) -> str:
    return f"/ca-nhan/ho-so/{code}/giay-xac-nhan-nop.pdf"


def submit_online(owner: User) -> Dossier:
    data = IntakeData(
        procedure_code="1.001193",
        channel="online_full",
        applicant=ApplicantData(full_name=owner.full_name, id_number=owner.citizen_id or "", user_id=owner.pk),
        papers=(
            ReceivedPaper(name="Tờ khai đăng ký khai sinh (biểu mẫu điện tử)", copies=1),
            ReceivedPaper(name="Giấy chứng sinh", copies=1),
            ReceivedPaper(name="Giấy tờ tùy thân của người đi đăng ký", copies=1),
        ),
    )
    files = (
        UploadedFile("giay-chung-sinh.pdf", PDF, "application/pdf", 1),
        UploadedFile("can-cuoc-mat-truoc.pdf", PDF, "application/pdf", 2),
        UploadedFile("can-cuoc-mat-sau.pdf", PDF, "application/pdf", 2),
    )
    return dossier_submit_online(applicant_user=owner, agency_id=agency_of("ttpdonghoi").pk, data=data, files=files)


def pdf_text(content: bytes, tmp_path: Any) -> str:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None, "poppler-utils (scripts/system-deps.sh)"
    path = tmp_path / "receipt.pdf"
    path.write_bytes(content)
    result = subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True)  # noqa: S603
    return re.sub(r"\s+", " ", result.stdout)


def test_the_confirmation_lists_each_paper_with_its_files_at_the_vietnamese_time(
    owner: User, travel: Any, settings: Any
) -> None:
    settings.EGOV_PUBLIC_BASE_URL = "https://dichvucong.quangtri.gov.vn"
    travel(AFTER_MIDNIGHT_IN_VIETNAM)
    dossier = submit_online(owner)
    html = render_html(dossier, "submission")
    assert "GIẤY XÁC NHẬN NỘP HỒ SƠ TRỰC TUYẾN" in html
    assert f"Mã hồ sơ: <strong>{dossier.code}</strong>" in html
    assert "00 giờ 10 phút, ngày 03 tháng 11 năm 2026" in html  # not 17:10 on the 2nd (UTC)
    assert f"https://dichvucong.quangtri.gov.vn/tra-cuu/{dossier.code}/" in html
    assert 'src="data:image/png;base64,' in html  # the QR code, drawn in-process
    rows = re.findall(r"<tr><td class=\"num\">(\d+)</td><td>(.*?)</td>\s*<td>(.*?)</td></tr>", html, re.S)
    assert rows == [
        ("1", "Tờ khai đăng ký khai sinh (biểu mẫu điện tử)", "Không kèm tệp"),
        ("2", "Giấy chứng sinh", "giay-chung-sinh.pdf"),
        ("3", "Giấy tờ tùy thân của người đi đăng ký", "can-cuoc-mat-truoc.pdf<br>can-cuoc-mat-sau.pdf"),
    ]
    assert "Thời gian trả kết quả dự kiến" in html  # provisional until the desk accepts it


def test_after_the_desk_accepts_the_confirmation_shows_the_final_appointment(owner: User) -> None:
    dossier = dossier_act(actor=user(DESK_OFFICER), code=submit_online(owner).code, action="accept", data=ActionData())
    html = render_html(Dossier.objects.get(pk=dossier.pk), "submission")
    assert "Hồ sơ đã được tiếp nhận lúc" in html
    assert "dự kiến" not in html


def test_the_citizen_downloads_it_and_no_one_else_can(owner: User, stranger: User, tmp_path: Any) -> None:
    dossier = submit_online(owner)
    response = english_client(owner).get(receipt_url(dossier.code))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"{dossier.code}-xac-nhan-nop-truc-tuyen.pdf" in response["Content-Disposition"]
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    text = pdf_text(response.content, tmp_path)
    assert "GIẤY XÁC NHẬN NỘP HỒ SƠ TRỰC TUYẾN" in text
    assert dossier.code in text
    assert "can-cuoc-mat-sau.pdf" in text
    assert english_client(stranger).get(receipt_url(dossier.code)).status_code == 404
    anonymous = Client().get(receipt_url(dossier.code))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/citizen/login/")


def test_a_dossier_received_at_the_desk_has_no_online_confirmation(owner: User) -> None:
    from egov.dossiers.tests.conftest import birth_intake

    dossier = dossier_receive(
        actor=user(DESK_OFFICER),
        agency_id=agency_of("ttpdonghoi").pk,
        data=birth_intake(applicant=ApplicantData(full_name="Nguyễn Văn Bình", user_id=owner.pk)),
    )
    assert dossier.applicant_user_id == owner.pk
    response = english_client(owner).get(receipt_url(dossier.code))
    assert response.status_code == 404
    page = english_client(owner).get(f"/ca-nhan/ho-so/{dossier.code}/").content.decode()
    assert receipt_url(dossier.code) not in page


def test_the_dossier_page_links_it_and_names_the_paper_of_each_file(owner: User) -> None:
    dossier = submit_online(owner)
    page = english_client(owner).get(f"/ca-nhan/ho-so/{dossier.code}/").content.decode()
    assert f'href="{receipt_url(dossier.code)}"' in page
    papers = page[page.index('id="papers-title"') :]
    items = re.findall(r'<li class="file-list__item">(.*?)</li>', papers, re.S)
    assert len(items) == 3
    assert "Giấy chứng sinh" in items[0]
    assert "giay-chung-sinh.pdf" in items[0]
    assert "Giấy tờ tùy thân của người đi đăng ký" in items[1]
    assert "can-cuoc-mat-truoc.pdf" in items[1]
    assert "can-cuoc-mat-sau.pdf" in items[2]


def test_the_confirmation_page_after_submitting_offers_it(owner_client: Client, owner: User) -> None:
    application = start_draft(owner_client)
    fill_form(owner_client, application)
    attach_mandatory(owner_client, application)
    assert owner_client.post(draft_url(application, "nop/")).status_code == 302
    application.refresh_from_db()
    done = owner_client.get(draft_url(application, "da-nop/")).content.decode()
    assert f'href="{receipt_url(application.dossier_code)}"' in done
    assert owner_client.get(receipt_url(application.dossier_code)).status_code == 200


def test_the_desk_sees_it_by_its_name_among_the_dossiers_documents(owner: User) -> None:
    dossier = submit_online(owner)
    desk = Client()
    desk.force_login(user(DESK_OFFICER))
    page = desk.get(f"/staff/dossiers/{dossier.code}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    link = f'href="/staff/dossiers/{dossier.code}/pdf/submission/"'
    assert link in page
    name = page.split(link, 1)[1].split(">", 1)[1].split("<", 1)[0]
    assert name == "Giấy xác nhận nộp hồ sơ trực tuyến"  # its name, not the kind's code
