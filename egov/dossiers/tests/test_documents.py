"""The one-stop documents (TT 03/2025/TT-VPCP Phụ lục I, Mẫu 01 to 06) of dossiers brought into each state
through the engine's services, read back from the PDF; and who may download them."""

import io
import unicodedata
from datetime import date, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from egov.dossiers.choices import DossierStatus
from egov.dossiers.contracts import ActionData, ApplicantData, ReceivedPaper
from egov.dossiers.documents import available_documents, render_document
from egov.dossiers.documents.qr import qr_matrix
from egov.dossiers.facade import dossier_act, dossier_submit_online
from egov.dossiers.models import Dossier
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, agency_of, birth_intake, user
from egov.identity.models import User

DESK = "ttpdonghoi_ngothithanhtam"
SPECIALIST = "pdonghoi_tranvandung"
CHAIRMAN = "pdonghoi_nguyenvanhai"
AT_10 = MONDAY_9AM + timedelta(hours=1)


# --- scenarios (also used by scripts/render_slips.py) ---------------------------------------------


def act(username: str, dossier: Dossier, action: str, **data: Any) -> Dossier:
    return dossier_act(actor=user(username), code=dossier.code, action=action, data=ActionData(**data))


def received(receive: ReceiveFn) -> Dossier:
    return receive(
        papers=(
            ReceivedPaper(name="Tờ khai đăng ký khai sinh", originals=1),
            ReceivedPaper(name="Giấy chứng sinh", originals=1, copies=1),
        ),
        representative={"full_name": "Trần Thị Hoa", "id_number": "044190009876", "mandate": "Văn bản ủy quyền số 12"},
        return_method="post",
    )


def with_specialist(receive: ReceiveFn, travel: Any) -> Dossier:
    dossier = received(receive)
    travel(AT_10)
    dossier = act(DESK, dossier, "forward", version=dossier.version)
    return act(SPECIALIST, dossier, "claim", version=dossier.version)


def supplement_requested(receive: ReceiveFn, travel: Any) -> Dossier:
    dossier = with_specialist(receive, travel)
    reasons = ("Thiếu Giấy chứng sinh bản chính", "Tờ khai chưa có chữ ký của người đi đăng ký")
    return act(SPECIALIST, dossier, "request_supplement", version=dossier.version, reasons=reasons)


def refused_after_examination(receive: ReceiveFn, travel: Any) -> Dossier:
    dossier = with_specialist(receive, travel)
    reasons = ("Trẻ đã được đăng ký khai sinh tại Ủy ban nhân dân xã Vĩnh Linh",)
    return act(SPECIALIST, dossier, "refuse", version=dossier.version, reasons=reasons)


def not_accepted(demo: None) -> Dossier:
    citizen = User.objects.get(citizen_id="044085001234")
    dossier = dossier_submit_online(
        applicant_user=citizen,
        agency_id=agency_of("ttpdonghoi").pk,
        data=birth_intake(
            channel="online_full",
            applicant=ApplicantData(full_name="Nguyễn Văn Bình", id_number="044085001234", user_id=citizen.pk),
        ),
    )
    reasons = ("Thủ tục thuộc thẩm quyền của Ủy ban nhân dân nơi cư trú của người cha hoặc mẹ",)
    return act(DESK, dossier, "reject", version=dossier.version, reasons=reasons)


def extended(receive: ReceiveFn, travel: Any) -> Dossier:
    dossier = with_specialist(receive, travel)
    reasons = ("Cần xác minh thông tin nơi sinh với cơ sở y tế",)
    return act(CHAIRMAN, dossier, "extend", version=dossier.version, reasons=reasons, new_due_date=date(2026, 11, 5))


def withdrawn(receive: ReceiveFn, travel: Any) -> Dossier:
    dossier = with_specialist(receive, travel)
    return act(DESK, dossier, "withdraw", version=dossier.version, note="Gia đình chuyển nơi cư trú")


def returned(receive: ReceiveFn, travel: Any) -> Dossier:
    dossier = with_specialist(receive, travel)
    dossier = act(SPECIALIST, dossier, "send_back", version=dossier.version, note="Bổ sung số định danh của mẹ")
    dossier = act(DESK, dossier, "forward", version=dossier.version)
    dossier = act(SPECIALIST, dossier, "claim", version=dossier.version)
    travel(AT_10 + timedelta(hours=2))
    dossier = act(SPECIALIST, dossier, "forward", version=dossier.version)
    dossier = act(CHAIRMAN, dossier, "sign", version=dossier.version)
    travel(AT_10 + timedelta(hours=3))
    return act(DESK, dossier, "return_result", version=dossier.version)


# --- reading the PDF ------------------------------------------------------------------------------


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def font_names(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            # "/ABCDEF+Liberation-Serif-Bold" → "LiberationSerifBold"
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1].replace("-", ""))
    return names


@pytest.fixture
def staff_travel(receive_birth: ReceiveFn, travel: Any) -> Any:
    travel(MONDAY_9AM)
    return travel


# --- the documents --------------------------------------------------------------------------------


def test_the_receipt_has_the_code_applicant_papers_times_register_entry_and_a_scannable_qr(
    receive_birth: ReceiveFn, staff_travel: Any
) -> None:
    dossier = received(receive_birth)
    pdf = render_document(dossier, "receipt")
    text = pdf_text(pdf)
    assert pdf.startswith(b"%PDF")
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG ĐỒNG HỚI",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {dossier.code}",
        "Ông/Bà Nguyễn Văn Bình",
        "044085001234",
        "0905110001",
        "nguyenvanbinh@example.com",
        "Trần Thị Hoa",  # filed on the applicant's behalf
        "Văn bản ủy quyền số 12",
        "Đăng ký khai sinh cho con",
        "Giấy chứng sinh",
        "Số lượng hồ sơ: 01 (bộ)",
        "Thời gian giải quyết hồ sơ theo quy định: 01 ngày làm việc",
        "Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02 tháng 11 năm 2026",
        "Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 03 tháng 11 năm 2026",
        "bưu chính công ích",
        "Số thứ tự: 0001",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Ngô Thị Thanh Tâm",
        "Quét mã để tra cứu hồ sơ",
    ):
        assert expected in text, expected
    assert fonts_are_times_metric(font_names(pdf))
    # the QR image is the tracking URL's code, module for module
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    images = reader.pages[0].images
    assert len(images) == 1
    modules = qr_matrix(f"{settings.EGOV_PUBLIC_BASE_URL.rstrip('/')}/tra-cuu/{dossier.code}/")
    image = images[0].image
    assert image is not None
    size = len(modules)
    assert image.size == (size, size)  # one pixel per module
    grey = image.convert("L").tobytes()
    assert [[grey[y * size + x] < 128 for x in range(size)] for y in range(size)] == modules


def fonts_are_times_metric(names: set[str]) -> bool:
    """Liberation Serif or Times New Roman (ND 30/2020), and no fallback font: a font without the
    Vietnamese letters (e.g. Liberation 1.x) would pull DejaVu in for them."""
    return bool(names) and all(n.startswith(("LiberationSerif", "TimesNewRoman")) for n in names)


def test_the_receipt_fonts_are_liberation_serif_here(receive_birth: ReceiveFn, staff_travel: Any) -> None:
    names = font_names(render_document(received(receive_birth), "receipt"))
    assert {"LiberationSerif", "LiberationSerifBold", "LiberationSerifItalic"} == names


def test_the_supplement_request_lists_the_reasons_and_the_guide(receive_birth: ReceiveFn, staff_travel: Any) -> None:
    dossier = supplement_requested(receive_birth, staff_travel)
    assert dossier.status == DossierStatus.WAITING_SUPPLEMENT
    text = pdf_text(render_document(dossier, "supplement"))
    for expected in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        dossier.code,
        "Nguyễn Văn Bình",
        "1. Thiếu Giấy chứng sinh bản chính",
        "2. Tờ khai chưa có chữ ký của người đi đăng ký",
        "10 giờ 00 phút, ngày 02 tháng 11 năm 2026",
        "NGƯỜI HƯỚNG DẪN",
        "Trần Văn Dũng",
    ):
        assert expected in text, expected


def test_the_refusal_at_intake_is_the_form_03_with_the_reasons(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = not_accepted(demo)
    assert available_documents(dossier) == ["refusal", "submission"]  # it was submitted online
    text = pdf_text(render_document(dossier, "refusal"))
    for expected in (
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        dossier.code,
        "Nguyễn Văn Bình",
        "1. Thủ tục thuộc thẩm quyền của Ủy ban nhân dân nơi cư trú của người cha hoặc mẹ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Ngô Thị Thanh Tâm",
    ):
        assert expected in text, expected


def test_a_refusal_after_examination_is_a_notice_of_the_handling_agency(
    receive_birth: ReceiveFn, staff_travel: Any
) -> None:
    dossier = refused_after_examination(receive_birth, staff_travel)
    text = pdf_text(render_document(dossier, "refusal"))
    for expected in (
        "ỦY BAN NHÂN DÂN PHƯỜNG ĐỒNG HỚI",
        "THÔNG BÁO",
        "Từ chối giải quyết hồ sơ",
        "Kính gửi: Ông/Bà Nguyễn Văn Bình",
        dossier.code,
        "1. Trẻ đã được đăng ký khai sinh tại Ủy ban nhân dân xã Vĩnh Linh",
        "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
    ):
        assert expected in text, expected
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN" not in text


def test_the_apology_gives_the_old_and_new_appointments_and_the_reason(
    receive_birth: ReceiveFn, staff_travel: Any
) -> None:
    dossier = extended(receive_birth, staff_travel)
    text = pdf_text(render_document(dossier, "apology"))
    for expected in (
        "PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        "Kính gửi: Ông/Bà Nguyễn Văn Bình",
        "Ngày 02 tháng 11 năm 2026",
        "tiếp nhận giải quyết hồ sơ đăng ký khai sinh của Ông/Bà Nguyễn Văn Bình",
        dossier.code,
        "Thời gian hẹn trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 03 tháng 11 năm 2026",
        "1. Cần xác minh thông tin nơi sinh với cơ sở y tế",
        "17 giờ 00 phút, ngày 05 tháng 11 năm 2026",
        "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
        "Nguyễn Văn Hải",
    ):
        assert expected in text, expected


def test_the_stop_notice_of_a_withdrawn_dossier(receive_birth: ReceiveFn, staff_travel: Any) -> None:
    dossier = withdrawn(receive_birth, staff_travel)
    assert "stop" in available_documents(dossier)
    text = pdf_text(render_document(dossier, "stop"))
    for expected in (
        "THÔNG BÁO",
        "Dừng giải quyết hồ sơ",
        dossier.code,
        "Gia đình chuyển nơi cư trú",
        "10 giờ 00 phút, ngày 02 tháng 11 năm 2026",
        "Ngô Thị Thanh Tâm",
    ):
        assert expected in text, expected


def test_the_control_sheet_has_one_row_per_hand_over_and_the_final_timeliness(
    receive_birth: ReceiveFn, staff_travel: Any
) -> None:
    dossier = returned(receive_birth, staff_travel)
    assert dossier.status == DossierStatus.RETURNED
    text = pdf_text(render_document(dossier, "control_sheet"))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert f"Mã số hồ sơ: {dossier.code}" in text
    tasks = list(dossier.tasks.order_by("started_at", "id"))
    assert len(tasks) == 6  # desk, specialist (sent back), desk again, specialist, chairman, desk return
    for index in range(1, len(tasks) + 1):
        assert f"{index}. Giao:" in text
    assert "1. Giao: Tổ chức, cá nhân nộp hồ sơ" in text
    assert "Nhận: Bộ phận Tiếp nhận và trả kết quả - Trung tâm PVHCC phường Đồng Hới" in text
    assert "Chuyển trả bước trước" in text
    assert "Bổ sung số định danh của mẹ" in text
    assert "10 giờ 00 phút, ngày 02 tháng 11 năm 2026" in text
    assert "Trần Văn Dũng" in text
    assert "Nguyễn Văn Hải" in text
    # every step finished on its due day; the dossier a day before its appointment
    assert text.count("Đúng hạn") == 6
    assert "Kết quả giải quyết hồ sơ: Trước hạn" in text
    assert "Việc lưu vết được thực hiện tự động" in text


def test_the_control_sheet_of_a_dossier_in_progress_says_so(receive_birth: ReceiveFn, staff_travel: Any) -> None:
    text = pdf_text(render_document(with_specialist(receive_birth, staff_travel), "control_sheet"))
    assert "Đang xử lý" in text
    assert "Kết quả giải quyết hồ sơ: Đang giải quyết" in text


def test_documents_follow_the_dossier_state(receive_birth: ReceiveFn, staff_travel: Any) -> None:
    dossier = received(receive_birth)
    assert available_documents(dossier) == ["receipt", "control_sheet"]
    dossier = supplement_requested(receive_birth, staff_travel)
    assert available_documents(dossier) == ["receipt", "supplement", "control_sheet"]
    dossier = refused_after_examination(receive_birth, staff_travel)
    assert available_documents(dossier) == ["receipt", "refusal", "control_sheet"]


# --- the download page ----------------------------------------------------------------------------


def url(dossier: Dossier, kind: str) -> str:
    return reverse("dossiers:dossier_pdf", kwargs={"code": dossier.code, "kind": kind})


def test_the_documents_live_under_the_staff_dossier_pages() -> None:
    assert reverse("dossiers:dossier_pdf", kwargs={"code": "H44.101.01-261102-0001", "kind": "receipt"}) == (
        "/staff/dossiers/H44.101.01-261102-0001/pdf/receipt/"
    )


def test_the_desk_downloads_the_receipt_inline(receive_birth: ReceiveFn, staff_travel: Any, client: Client) -> None:
    dossier = received(receive_birth)
    client.force_login(user(DESK))
    response = client.get(url(dossier, "receipt"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{dossier.code}-receipt.pdf"'
    assert dossier.code in pdf_text(response.content)


def test_the_handling_agency_sees_the_control_sheet(
    receive_birth: ReceiveFn, staff_travel: Any, client: Client
) -> None:
    dossier = with_specialist(receive_birth, staff_travel)
    client.force_login(user(SPECIALIST))
    assert client.get(url(dossier, "control_sheet")).status_code == 200


def test_a_document_that_does_not_apply_now_is_not_found(
    receive_birth: ReceiveFn, staff_travel: Any, client: Client
) -> None:
    dossier = received(receive_birth)
    client.force_login(user(DESK))
    for kind in ("apology", "stop", "refusal", "supplement", "no_such_form"):
        assert client.get(url(dossier, kind)).status_code == 404, kind


def test_another_agencys_officer_gets_not_found(receive_birth: ReceiveFn, staff_travel: Any, client: Client) -> None:
    dossier = received(receive_birth)
    for username in ("stp_phamthimai", "ttpvhcc_tranthibichngoc"):  # a department; the provincial centre
        client.force_login(user(username))
        assert client.get(url(dossier, "receipt")).status_code == 404, username


def test_anonymous_visitors_are_sent_to_the_login(receive_birth: ReceiveFn, staff_travel: Any, client: Client) -> None:
    dossier = received(receive_birth)
    response = client.get(url(dossier, "receipt"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("identity:login") + "?next=")


def test_a_citizen_cannot_open_staff_documents_even_of_their_own_dossier(
    receive_birth: ReceiveFn, staff_travel: Any, client: Client
) -> None:
    citizen = User.objects.get(citizen_id="044085001234")
    dossier = received(receive_birth)
    client.force_login(citizen)
    response = client.get(url(dossier, "receipt"))
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
