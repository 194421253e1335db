"""Issue 13's journeys in a real browser, the citizen on a phone and the officers at their desks, on
one dossier from the application to the signed extract in the citizen's inbox:

1. Lê Thị Thu Hà applies for her son's birth registration (1.001193): the papers step names each
   missing paper, asks about the cases of the conditional papers and, once she answers "no", asks
   only for the papers that apply; she downloads her submission confirmation (PDF with the QR code
   of the tracking page);
2. she asks for three copies of a civil-status extract (2.000635) and pays 3 times 8.000 đồng in the
   sandbox gateway;
3. the ward's desk reads her e-form answers on the dossier page, questions the child's date of birth
   in a supplementation request, she corrects it on her phone, the desk sees the correction and
   receives the dossier;
4. the specialist drafts the birth extract (Trích lục khai sinh) from the corrected answers and
   submits it;
5. the chairman sees the pages, approves, sees what he will sign, confirms and signs;
6. she reads the notice in her inbox, opens her dossier, downloads the signed extract (pdfsig: both
   signatures valid; the signer block and the seal drawn in their boxes) and the confirmation again.

Every page the journey stops on passes axe-core (WCAG 2.1 AA). Screenshots for the issue are
docs/screenshots/issue13-journey-*.png (rewritten with EGOV_DOC_SCREENSHOTS=1, else written under
screenshots/docs/), the others go to screenshots/.
"""

import io
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import DOC_SCREENSHOTS, MOBILE, REPO_ROOT
from tests.e2e.test_dossiers_staff import (  # noqa: F401 - demo_province is a fixture
    CHAIRMAN,
    DEMO_PASSWORD,
    DESK,
    SPECIALIST,
    act,
    demo_province,
    log_in,
    open_dossier,
)
from tests.e2e.test_portal_citizen import fill_child_and_parents, submit_step

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BIRTH, COPY_EXTRACT = "1.001193", "2.000635"
CITIZEN_ID, PASSWORD = "045192003344", "Mật-khẩu-đủ-dài-2026"
DOCS = DOC_SCREENSHOTS  # docs/screenshots/ with EGOV_DOC_SCREENSHOTS=1, else screenshots/docs/
QUESTION = "Ngày sinh khác với Giấy chứng sinh số 512/GCS"
# A scanned paper as the portal accepts it (a PDF; its content is not the point here).
SCAN_PDF = b"%PDF-1.4\n% scan\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def journey(demo_province: None, settings: Any, live_server: Any, tmp_path: Path) -> Any:  # noqa: F811
    """The demo province with the demo result templates, the chairman's certificate and the ward's seal
    from the test CA, and Hà's citizen account; links (QR codes, payment return) point at the server."""
    from egov.dossiers.demo_result_templates import result_templates_load_demo
    from egov.dossiers.tests.conftest import agency_of, user
    from egov.identity.services.citizens import citizen_register
    from egov.organisation.models import AdministrativeUnit
    from egov.signing.choices import CertificateKind
    from egov.signing.services.testca import issue_test_certificate

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.EGOV_PUBLIC_BASE_URL = live_server.url
    settings.EGOV_SMS_GATEWAY = "sandbox"
    result_templates_load_demo()
    ward, chairman = agency_of("pdonghoi"), user(CHAIRMAN)
    # the ward's unit by its name (the fixture's communes are numbered): the extract's place and date line
    AdministrativeUnit.objects.filter(pk=ward.administrative_unit_id).update(name="Phường Đồng Hới", unit_type="Phường")
    issue_test_certificate(
        kind=CertificateKind.PERSONAL,
        agency=ward,
        subject_name=chairman.get_full_name(),
        user=chairman,
        image_size_mm=(45, 22.5),
    )
    issue_test_certificate(kind=CertificateKind.SEAL, agency=ward, subject_name=ward.name)
    return citizen_register(
        full_name="Lê Thị Thu Hà", citizen_id=CITIZEN_ID, phone="0912345678", email="", password=PASSWORD
    )


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Any:
    """The citizen's phone: its own browser context (her session beside the officers')."""
    context = browser.new_context(viewport=MOBILE, locale="vi-VN", base_url=live_server.url)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def shoot(page: Any, name: str, *, docs: bool = False, full_page: bool = True, part: Any = None) -> None:
    """The axe-core check, then a screenshot (of the page, or of one part of it): with the docs' ones
    when ``docs``, else under screenshots/."""
    assert_accessible(page, name)
    folder = DOCS if docs else REPO_ROOT / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"issue13-journey-{name}.png"
    if part is not None:
        part.screenshot(path=path)
    else:
        page.screenshot(path=path, full_page=full_page)


def citizen_log_in(phone: Any, next_url: str) -> None:
    phone.goto(f"/accounts/citizen/login/?next={next_url}")
    form = phone.locator("main form")
    form.locator("input[name=identifier]").fill(CITIZEN_ID)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    phone.wait_for_url(f"**{next_url}")


def start_application(phone: Any, procedure: str) -> None:
    """From the procedure's start page: start, and choose the Đồng Hới ward's centre."""
    phone.goto(f"/nop-ho-so/{procedure}/")
    phone.locator("form.apply-form button[type=submit]").click()
    phone.wait_for_load_state("load")
    phone.get_by_label("Trung tâm Phục vụ hành chính công phường Đồng Hới").check()
    phone.locator("form.apply-form button[type=submit]").click()
    phone.wait_for_load_state("load")


def pdf_of(page: Any, href: str | None) -> bytes:
    assert href
    response = page.request.get(href)
    assert response.status == 200, (href, response.status)
    assert response.headers["content-type"] == "application/pdf"
    return bytes(response.body())


def assert_tracking_qr(pdf: bytes, url: str) -> None:
    """The PDF carries, as an image, the QR code of ``url``: module for module (one pixel each)."""
    from pypdf import PdfReader

    from egov.dossiers.documents.qr import qr_matrix

    expected = qr_matrix(url)
    images = [image.image for page in PdfReader(io.BytesIO(pdf)).pages for image in page.images]
    found = []
    for image in images:
        grey = image.convert("L")
        found.append(grey.size)
        if grey.size == (len(expected), len(expected)):
            modules = [[grey.getpixel((x, y)) < 128 for x in range(grey.width)] for y in range(grey.height)]
            if modules == expected:
                return
    raise AssertionError(f"no QR code of {url} among the PDF's images (sizes {found})")


# 1. The birth registration on her phone: only the papers that apply.


def apply_for_birth_registration(phone: Any) -> str:
    start_application(phone, BIRTH)
    phone.fill("#ef-authority--registry_office", "Ủy ban nhân dân phường Đồng Hới")
    submit_step(phone)
    assert phone.locator("#ef-requester--full_name").input_value() == "Lê Thị Thu Hà"  # from her account
    phone.fill("#ef-requester--residence", "Số 5 Lý Thường Kiệt, phường Đồng Hới, tỉnh Quảng Trị")
    phone.select_option("#ef-requester--relationship", "mother")  # she applies herself: no power of attorney
    submit_step(phone)
    fill_child_and_parents(phone, copies=0)  # born ten days ago; no copies: nothing to pay
    submit_step(phone)
    assert "/giay-to/" in phone.url, phone.url
    papers = phone.locator("#papers-list")
    assert "ủy quyền" not in papers.inner_text()
    # "Tiếp tục" with nothing attached: each missing paper and each unanswered case named
    phone.locator("button[value=continue]").click()
    phone.wait_for_load_state("load")
    problems = phone.locator("#apply-errors li").all_inner_texts()
    assert any("Giấy chứng sinh" in text for text in problems), problems
    assert any("Giấy tờ tùy thân" in text for text in problems), problems
    assert any("Trẻ em bị bỏ rơi" in text for text in problems), problems
    assert any("mang thai hộ" in text for text in problems), problems
    assert len(problems) == len(set(problems)), problems  # no two identical messages
    shoot(phone, "1-papers-missing", docs=True)
    # a case that applies adds its paper; answered "no", it is not asked for
    abandoned = phone.locator("fieldset.apply-case", has_text="Trẻ em bị bỏ rơi")
    abandoned.locator("input[value=yes]").check()
    phone.locator("fieldset.apply-case", has_text="mang thai hộ").locator("input[value=no]").check()
    phone.locator("button[value=answer]").click()
    phone.wait_for_load_state("load")
    assert papers.locator("section.apply-paper", has_text="trẻ bị bỏ rơi").count() == 1
    phone.locator("fieldset.apply-case", has_text="Trẻ em bị bỏ rơi").locator("input[value=no]").check()
    phone.locator("button[value=answer]").click()
    phone.wait_for_load_state("load")
    assert papers.locator("section.apply-paper", has_text="trẻ bị bỏ rơi").count() == 0
    assert papers.locator("section.apply-paper", has_text="mang thai hộ").count() == 0
    # the declaration is the e-form she filled in; then the birth certificate, her identity paper and,
    # if she has it, a proof of residence
    assert papers.locator("section.apply-paper", has_text="Tờ khai").get_by_text("Đã khai trực tuyến").count() == 1
    assert papers.locator("input[type=file]").count() == 3

    def paper_input(name: str) -> Any:
        return papers.locator("section.apply-paper", has_text=name).locator("input[type=file]")

    paper_input("Giấy chứng sinh").set_input_files(
        files=[{"name": "giay-chung-sinh.pdf", "mimeType": "application/pdf", "buffer": SCAN_PDF}]
    )
    paper_input("Giấy tờ tùy thân").set_input_files(
        files=[{"name": "can-cuoc.pdf", "mimeType": "application/pdf", "buffer": SCAN_PDF}]
    )
    phone.locator("button[value=upload]").click()
    phone.wait_for_load_state("load")
    assert phone.locator("#apply-errors").count() == 0
    shoot(phone, "1-papers", docs=True)
    phone.locator("button[value=continue]").click()
    phone.wait_for_load_state("load")
    assert "/kiem-tra/" in phone.url, phone.url
    phone.locator("button.apply-submit__button").click()
    phone.wait_for_load_state("load")
    code = phone.locator("#dossier-code").inner_text().strip()
    # the submission confirmation: a PDF with the QR code of the public tracking page
    receipt = pdf_of(phone, phone.get_by_role("link", name="Tải giấy xác nhận nộp hồ sơ").get_attribute("href"))
    assert_tracking_qr(receipt, f"{phone.url.split('/ho-so-nhap/')[0]}/tra-cuu/{code}/")
    shoot(phone, "1-submitted")
    return code


# 2. Three copies of a civil-status extract, paid in the sandbox gateway.


def pay_for_three_copies(phone: Any) -> None:
    from egov.payments.models import Payment
    from egov.portal.models import Application

    start_application(phone, COPY_EXTRACT)
    phone.fill("#ef-authority--registry_office", "Ủy ban nhân dân phường Đồng Hới")
    submit_step(phone)
    phone.fill("#ef-requester--residence", "Số 5 Lý Thường Kiệt, phường Đồng Hới, tỉnh Quảng Trị")
    phone.select_option("#ef-requester--relationship", "self")
    submit_step(phone)
    phone.select_option("#ef-record--kind", "birth")
    phone.fill("#ef-record--full_name", "Lê Thị Thu Hà")
    phone.fill("#ef-record--birth_date", "1992-05-14")
    phone.fill("#ef-record--registry_office", "Ủy ban nhân dân xã Bảo Ninh, tỉnh Quảng Bình")
    submit_step(phone)
    phone.fill("#ef-copies--count", "3")
    submit_step(phone)
    submit_step(phone)  # delivery: at the desk
    phone.check("#ef-declaration--confirmed")
    submit_step(phone)
    assert "/giay-to/" in phone.url, phone.url
    assert phone.locator(".apply-case").count() == 0  # who applies is in the form: no power of attorney
    for section in phone.locator("section.apply-paper", has=phone.locator("input[type=file]")).all():
        if section.locator(".badge--warning").count():
            section.locator("input[type=file]").set_input_files(
                files=[{"name": "can-cuoc.pdf", "mimeType": "application/pdf", "buffer": SCAN_PDF}]
            )
    phone.locator("button[value=continue]").click()
    phone.wait_for_load_state("load")
    assert "/kiem-tra/" in phone.url, phone.locator("main").inner_text()
    fees = phone.locator("#fees").inner_text()
    assert "24.000" in fees, fees
    phone.locator("#fees form button[type=submit]").click()
    phone.wait_for_url("**/thanh-toan/thu-nghiem/**")
    assert "24.000" in phone.locator("main").inner_text()
    shoot(phone, "2-payment", docs=True)
    phone.locator("button[value=pay]").click()
    phone.wait_for_url("**/kiem-tra/**")
    assert phone.locator("#fees").get_by_text("Đã thanh toán").count() >= 1
    application = Application.objects.filter(procedure__code=COPY_EXTRACT).get()
    payment = Payment.objects.get(purpose=f"application:{application.public_id}")
    assert (payment.status, payment.amount) == ("paid", 24000)
    assert [(item["unit_amount"], item["quantity"]) for item in payment.items] == [(8000, 3)]
    phone.locator("button.apply-submit__button").click()
    phone.wait_for_load_state("load")
    assert phone.locator("#dossier-code").count() == 1


# 3. The desk reads the answers, questions one, the citizen corrects it, the desk receives the dossier.


def desk_questions_an_answer_the_citizen_corrects_it(page: Any, phone: Any, code: str) -> date:
    from egov.core import clock
    from egov.dossiers.models import AnswerCorrection, Dossier

    log_in(page, DESK)
    open_dossier(page, code)
    answers = page.locator("section.answers")
    assert answers.locator("h3", has_text="Người được khai sinh").count() == 1
    assert answers.get_by_text("Nguyễn Minh An", exact=True).count() == 1
    born = clock.today() - timedelta(days=10)  # as fill_child_and_parents entered it
    assert answers.locator(".answers__value", has_text=born.strftime("%d/%m/%Y")).count() == 1
    shoot(page, "3-staff-answers", docs=True)
    # the birth certificate gives another date: she is asked to correct it (no paper asked for)
    page.locator("details:has(form[data-action=request_supplement]) > summary").click()
    form = page.locator("form[data-action=request_supplement]")
    form.locator("details.question-answers > summary").click()
    form.locator("[name='question__child.birth_date']").fill(QUESTION)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.locator("#action-error").count() == 0
    assert Dossier.objects.get(code=code).status == "waiting_supplement"
    # she is told in her inbox, opens the message and its dossier, corrects the date on her phone
    phone.goto("/ca-nhan/thong-bao/")
    phone.locator(".inbox-item--unread", has_text="đề nghị bổ sung").locator("a").click()
    phone.wait_for_load_state("load")
    phone.locator(f"main a[href='/ca-nhan/ho-so/{code}/']").click()
    phone.wait_for_load_state("load")
    supplement = phone.locator("#supplement")
    assert QUESTION in supplement.inner_text()
    corrected = born - timedelta(days=1)
    supplement.locator("input[name='child.birth_date']").fill(corrected.isoformat())
    supplement.locator("textarea[name=note]").fill("Đã sửa ngày sinh theo Giấy chứng sinh số 512/GCS")
    shoot(phone, "3-supplement-correction", docs=True, part=supplement)
    supplement.locator("button[type=submit]").click()
    phone.wait_for_load_state("load")
    assert phone.locator("#corrections-title").count() == 1
    correction = AnswerCorrection.objects.get(dossier__code=code)
    assert (correction.field, correction.source, correction.new_value) == (
        "child.birth_date",
        "applicant",
        corrected.isoformat(),
    )
    # the desk sees the corrected date, receives the dossier and sends it on to the ward's specialist
    open_dossier(page, code)
    assert answers.locator(".answers__value", has_text=corrected.strftime("%d/%m/%Y")).count() == 1
    shoot(page, "3-staff-corrected")
    for action in ("accept", "forward"):  # "Tiếp nhận", then the desk's step is done
        act(page, action)
        assert page.locator("#action-error").count() == 0, page.locator("#action-error").inner_text()
    dossier = Dossier.objects.get(code=code)
    assert dossier.received_at is not None
    assert dossier.tasks.get(status="active").role == "specialist"
    return corrected


# 4. The specialist drafts the birth extract from the answers.


def specialist_drafts_the_extract(page: Any, code: str, born: date) -> None:
    log_in(page, SPECIALIST)
    page.goto("/staff/dossiers/?list=department")
    page.get_by_role("link", name=code).click()
    page.wait_for_load_state("load")
    act(page, "claim")
    page.locator("a[data-action=draft_result]").click()
    page.get_by_role("button", name="Lập dự thảo").click()
    page.wait_for_load_state("load")
    assert page.locator("[name=f_child_name]").input_value() == "Nguyễn Minh An"
    assert page.locator("[name=f_mother_name]").input_value() == "Lê Thị Thu Hà"
    birth_date = page.locator("[name=f_birth_date]").input_value()
    assert birth_date in (born.strftime("%d/%m/%Y"), born.isoformat()), birth_date  # the corrected date
    shoot(page, "4-draft", docs=True)
    page.get_by_role("button", name="Lưu và trình duyệt").click()
    page.wait_for_load_state("load")
    assert page.locator("#action-error").count() == 0, page.locator("#action-error").inner_text()


# 5. The chairman sees the pages, approves, sees what he signs, confirms and signs.


def chairman_signs(page: Any, code: str) -> None:
    from egov.dossiers.models import Dossier

    log_in(page, CHAIRMAN)
    open_dossier(page, code)
    page.locator("form[data-action=claim] button[type=submit]").click()
    page.wait_for_load_state("load")
    page.locator("a[data-action=approve_result]").click()
    page.wait_for_load_state("load")
    page.wait_for_function("document.querySelector('img.result-page').naturalWidth > 0")
    shoot(page, "5-result-preview", docs=True, full_page=False)
    page.get_by_role("button", name="Duyệt dự thảo").click()
    page.wait_for_url(f"**/staff/dossiers/{code}/result/sign/")
    facts = page.locator(".result-facts").inner_text()
    assert "/TLKS" in facts, facts  # the number in the ward's series of extracts
    assert "SHA-256" in facts, facts
    page.wait_for_function("document.querySelector('img.result-page').naturalWidth > 0")
    page.locator("[name=confirm]").check()
    page.locator("[name=confirmation]").fill(DEMO_PASSWORD)
    shoot(page, "5-result-sign", docs=True, full_page=False)
    page.get_by_role("button", name="Ký số và đóng dấu").click()
    page.wait_for_url(f"**/staff/dossiers/{code}/")
    assert Dossier.objects.get(code=code).status == "resolved"


# 6. The citizen reads the notice, downloads the signed extract and her confirmation.


def ink(picture: Any, box: tuple[float, float, float, float], height: float, scale: float) -> tuple[float, float]:
    """Shares of the pixels inside a PDF rectangle (points, origin bottom-left) that are not white, and
    that are red (a seal's ink)."""
    left, bottom, right, top = box
    area = picture.crop(
        (round(left * scale), round((height - top) * scale), round(right * scale), round((height - bottom) * scale))
    )
    pixels = list(area.convert("RGB").get_flattened_data())
    assert pixels, box
    inked = [p for p in pixels if min(p) < 200]
    red = [p for p in inked if p[0] > 150 and p[0] - max(p[1], p[2]) > 60]
    return len(inked) / len(pixels), len(red) / len(pixels)


def assert_signed_with_visible_block_and_seal(pdf: bytes, signer: str, folder: Path) -> None:
    from PIL import Image
    from pypdf import PdfReader

    path = folder / "signed-extract.pdf"
    path.write_bytes(pdf)
    report = subprocess.run(["/usr/bin/pdfsig", str(path)], capture_output=True, text=True, check=False).stdout  # noqa: S603
    assert report.count("Signature Validation: Signature is Valid.") == 2, report  # the chairman's and the seal
    text = subprocess.run(["/usr/bin/pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    for line in ("TRÍCH LỤC KHAI SINH", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", signer):
        assert line in text, (line, text)
    # both signatures are drawn: ink in each widget's box, the seal's red over the signer's block
    reader = PdfReader(io.BytesIO(pdf))
    boxes = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            rect = [float(value) for value in widget.get("/Rect", [0, 0, 0, 0])]
            is_signature = "/Sig" in (widget.get("/FT"), widget.get("/Parent", {}).get("/FT"))
            if is_signature and rect[2] - rect[0] > 1 and rect[3] - rect[1] > 1:  # a visible signature
                assert "/AP" in widget, widget
                boxes.append((number, rect))
    assert len(boxes) == 2, boxes
    scale = 2.0
    subprocess.run(  # noqa: S603
        [
            "/usr/bin/pdftoppm",
            "-png",
            "-r",
            "144",
            "-f",
            str(boxes[0][0] + 1),
            "-singlefile",
            str(path),
            str(folder / "signed-extract"),
        ],
        check=True,
    )
    picture = Image.open(folder / "signed-extract.png")
    DOCS.mkdir(parents=True, exist_ok=True)
    picture.save(DOCS / "issue13-journey-6-signed-extract.png")
    height = float(reader.pages[boxes[0][0]].mediabox.height)
    shares = [ink(picture, tuple(rect), height, scale) for _number, rect in boxes]
    assert all(inked > 0.05 for inked, _red in shares), shares  # the signature image and the seal
    (_red, signature), (seal_red, seal) = sorted(
        (red, rect) for (_number, rect), (_inked, red) in zip(boxes, shares, strict=True)
    )
    assert seal_red > 0.05, shares  # the seal's red ink
    assert seal[0] < signature[0] < seal[2], boxes  # the seal over the left of the signature
    assert signature[1] < seal[3], boxes


def citizen_reads_the_notice_and_downloads(phone: Any, code: str, tmp_path: Path) -> None:
    from egov.dossiers.tests.conftest import user

    phone.goto("/ca-nhan/thong-bao/")
    notice = phone.locator(".inbox-item--unread", has_text=f"Hồ sơ {code} đã có kết quả")
    assert notice.count() == 1
    shoot(phone, "6-inbox", docs=True)
    notice.locator("a").click()
    phone.wait_for_load_state("load")
    assert code in phone.locator("h1").inner_text()
    shoot(phone, "6-notice")
    phone.locator(f"main a[href='/ca-nhan/ho-so/{code}/']").click()
    phone.wait_for_load_state("load")
    result = phone.locator("#result")
    assert result.locator(".badge--success").count() == 1
    result.scroll_into_view_if_needed()
    shoot(phone, "6-result", docs=True, full_page=False)
    pdf = pdf_of(phone, result.locator("a.button").first.get_attribute("href"))
    assert_signed_with_visible_block_and_seal(pdf, user(CHAIRMAN).get_full_name(), tmp_path)
    receipt = pdf_of(
        phone, phone.locator(f"a[href='/ca-nhan/ho-so/{code}/giay-xac-nhan-nop.pdf']").get_attribute("href")
    )
    assert_tracking_qr(receipt, f"{phone.url.split('/ca-nhan/')[0]}/tra-cuu/{code}/")
    phone.goto("/ca-nhan/thong-bao/?unread=1")
    assert phone.locator(".inbox-item", has_text="đã có kết quả").count() == 0  # read now


def test_issue13_journey(page: Any, phone: Any, journey: Any, tmp_path: Path) -> None:
    citizen_log_in(phone, "/ca-nhan/ho-so/")
    code = apply_for_birth_registration(phone)
    pay_for_three_copies(phone)
    born = desk_questions_an_answer_the_citizen_corrects_it(page, phone, code)
    specialist_drafts_the_extract(page, code, born)
    chairman_signs(page, code)
    citizen_reads_the_notice_and_downloads(phone, code, tmp_path)
