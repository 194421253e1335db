"""A citizen on a phone, in a real browser, from the search box to the signed birth certificate:
find the procedure, log in, fill the e-form one part at a time (one wrong answer corrected), save and
come back, upload the papers (one file refused), pay in the sandbox gateway, submit, get the code and
an e-mail through a real SMTP server; answer the desk's request for a missing paper from “Hồ sơ của
tôi”; download the result the chairman signed, and rate the service. Every page passes axe-core
(WCAG 2.1 AA); screenshots on a phone and a desktop go to ``screenshots/``."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import DESKTOP, MOBILE
from tests.e2e.test_dossiers_staff import CHAIRMAN, DESK, SPECIALIST, demo_province  # noqa: F401 - a fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BIRTH = "1.001193"
PASSWORD = "Mật-khẩu-đủ-dài-2026"
EMAIL = "thuha.le@example.vn"
PDF = b"%PDF-1.4\n% scan\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# The smallest valid PNG (1 by 1 pixel): the portal turns it into a PDF page.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ffff3f0005fe02fe"
    "a7d6a4800000000049454e44ae426082"
)


@pytest.fixture
def citizen(demo_province: None, settings: Any, live_server: Any, tmp_path: Path) -> Any:  # noqa: F811
    from egov.identity.services.citizens import citizen_register

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.EGOV_PUBLIC_BASE_URL = live_server.url  # links in e-mails, the sandbox gateway's IPN
    settings.EGOV_SMS_GATEWAY = "sandbox"
    return citizen_register(
        full_name="Lê Thị Thu Hà", citizen_id="045192003344", phone="0912345678", email=EMAIL, password=PASSWORD
    )


@pytest.fixture
def smtp(settings: Any) -> Any:
    from egov.notifications.tests.smtp import smtp_sink, use_smtp

    with smtp_sink() as sink:
        use_smtp(settings, sink)
        yield sink


def shoot(page: Any, screenshots: Path, name: str, *, desktop: bool = False) -> None:
    """A phone screenshot of the page (and a desktop one when asked), after the axe-core check."""
    assert_accessible(page, name)
    page.screenshot(path=screenshots / f"portal-{name}-mobile.png", full_page=True)
    if desktop:
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=screenshots / f"portal-{name}-desktop.png", full_page=True)
        page.set_viewport_size(MOBILE)


def log_in_and_start(page: Any, identifier: str, before_choosing: Any = None) -> None:
    """From the start page of an application: log in, start, choose the ward's centre."""
    page.locator(".apply-actions a").click()
    page.wait_for_load_state("load")
    form = page.locator("main form")
    form.locator("input[name=identifier]").fill(identifier)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**/nop-ho-so/{BIRTH}/")
    page.locator("form.apply-form button[type=submit]").click()
    page.wait_for_load_state("load")
    if before_choosing is not None:
        before_choosing()
    page.get_by_label("Trung tâm Phục vụ hành chính công phường Đồng Hới").check()
    page.locator("form.apply-form button[type=submit]").click()
    page.wait_for_load_state("load")


def submit_step(page: Any, action: str = "continue") -> None:
    page.locator(f"form.apply-form button[value={action}]").click()
    page.wait_for_load_state("load")


def fill_form(page: Any, screenshots: Path) -> None:
    """The eight parts of the birth declaration (the requester's part comes prefilled from the account)."""
    page.fill("#ef-authority--registry_office", "Ủy ban nhân dân phường Đồng Hới")
    submit_step(page)
    assert page.locator("#ef-requester--full_name").input_value() == "Lê Thị Thu Hà"  # from the profile
    page.fill("#ef-requester--residence", "Số 5 Lý Thường Kiệt, phường Đồng Hới, tỉnh Quảng Trị")
    page.select_option("#ef-requester--relationship", "mother")
    page.fill("#ef-requester--phone", "09123")  # too short: refused with a message next to the field
    submit_step(page)
    errors = page.locator("#eform-errors")
    errors.wait_for()
    assert page.evaluate("() => document.activeElement.id") == "eform-errors"
    assert page.locator("#ef-requester--phone").get_attribute("aria-invalid") == "true"
    shoot(page, screenshots, "apply-error")
    page.fill("#ef-requester--phone", "0912 345 678")
    submit_step(page)
    assert page.locator("#eform-errors").count() == 0


def fill_child_and_parents(page: Any, *, copies: int) -> None:
    from datetime import timedelta

    from egov.core import clock

    page.fill("#ef-child--full_name", "Nguyễn Minh An")
    page.fill("#ef-child--birth_date", (clock.today() - timedelta(days=10)).isoformat())
    page.check("#ef-child--gender-0")
    page.select_option("#ef-child--ethnicity", "Kinh")
    page.check("#ef-child--birth_place_kind-0")
    page.fill("#ef-child--birth_facility", "Bệnh viện Hữu nghị Việt Nam - Cu Ba Đồng Hới")
    page.fill("#ef-child--birth_place", "Phường Đồng Hới, tỉnh Quảng Trị")
    page.fill("#ef-child--hometown", "Phường Đồng Hới, tỉnh Quảng Trị")
    submit_step(page)
    page.fill("#ef-mother--full_name", "Lê Thị Thu Hà")
    page.fill("#ef-mother--birth_year", "1992")
    page.select_option("#ef-mother--ethnicity", "Kinh")
    page.fill("#ef-mother--residence", "Số 5 Lý Thường Kiệt, phường Đồng Hới, tỉnh Quảng Trị")
    submit_step(page)
    page.check("#ef-father--declared-1")  # the father is not established
    submit_step(page)
    if copies:
        page.check("#ef-copies--requested-0")
        page.fill("#ef-copies--count", str(copies))  # 8.000 đồng each
    else:
        page.check("#ef-copies--requested-1")
    submit_step(page)
    submit_step(page)  # delivery: at the desk (the default)
    page.check("#ef-declaration--confirmed")
    page.fill("#ef-declaration--signed_at", "Phường Đồng Hới, tỉnh Quảng Trị")


def test_a_citizen_applies_pays_supplements_and_downloads_the_signed_result(
    page: Any, citizen: Any, smtp: Any, screenshots: Path
) -> None:
    from egov.core.services.outbox import outbox_drain
    from egov.dossiers.models import Dossier, Rating
    from egov.portal.models import Application

    page.set_viewport_size(MOBILE)
    # find the procedure from the home page's search box, without accents
    page.goto("/")
    shoot(page, screenshots, "home", desktop=True)
    page.locator("#home-q").fill("dang ky khai sinh")
    page.locator("#home-q").press("Enter")
    page.wait_for_load_state("load")
    page.locator(f"a[href='/thu-tuc/{BIRTH}/']").first.click()
    page.wait_for_load_state("load")
    shoot(page, screenshots, "procedure")
    page.locator(".procedure__apply a").first.click()
    page.wait_for_load_state("load")
    # logged out: the start page sends her to log in, and back
    log_in_and_start(page, "045192003344", before_choosing=lambda: shoot(page, screenshots, "apply-agency"))
    fill_form(page, screenshots)
    # save, leave, and come back later to the same answers
    submit_step(page, "save")
    assert page.url.endswith("/ho-so-nhap/")
    shoot(page, screenshots, "apply-drafts")
    application = Application.objects.get(citizen=citizen)
    page.goto("/")
    page.goto(f"/ho-so-nhap/{application.public_id}/")
    page.wait_for_load_state("load")
    assert page.locator("#ef-child--full_name").count() == 1  # resumes at the first unfinished part
    fill_child_and_parents(page, copies=2)
    shoot(page, screenshots, "apply-step", desktop=True)
    submit_step(page)
    # the papers: a Word file is refused with a clear message, a PDF and a phone photo are taken

    def paper_input(name: str) -> Any:
        return page.locator("section.apply-paper", has_text=name).locator("input[type=file]")

    paper_input("Giấy chứng sinh").set_input_files(
        files=[{"name": "to-khai.docx", "mimeType": "application/msword", "buffer": b"PK\x03\x04 not a pdf"}]
    )
    page.locator("button[value=upload]").click()
    page.wait_for_load_state("load")
    assert "to-khai.docx" in page.locator("#apply-errors").inner_text()
    shoot(page, screenshots, "apply-papers-error")
    paper_input("Giấy chứng sinh").set_input_files(
        files=[{"name": "giay-chung-sinh.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    paper_input("căn cước").set_input_files(
        files=[{"name": "anh-chup-cccd.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.locator("button[value=upload]").click()
    page.wait_for_load_state("load")
    assert page.locator("#apply-errors").count() == 0
    assert page.locator(".apply-files__name").count() == 2
    # the cases of the conditional papers (abandoned child, surrogacy) do not apply: "Không"
    for answer in page.locator(".apply-case input[value=no]").all():
        answer.check()
    shoot(page, screenshots, "apply-papers")
    page.locator("button[value=continue]").click()
    page.wait_for_load_state("load")
    # check your answers; pay the two copies' charge in the sandbox gateway
    assert "/kiem-tra/" in page.url
    assert "16.000" in page.locator("#fees").inner_text()
    shoot(page, screenshots, "apply-review", desktop=True)
    page.locator("#fees form button[type=submit]").click()
    page.wait_for_url("**/thanh-toan/thu-nghiem/**")
    shoot(page, screenshots, "payment-sandbox")
    page.locator("button[value=pay]").click()
    page.wait_for_url("**/kiem-tra/**")
    assert page.locator("#fees").get_by_text("Đã thanh toán").count() >= 1
    # submit: the dossier's code, and an e-mail
    page.locator("button.apply-submit__button").click()
    page.wait_for_load_state("load")
    code = page.locator("#dossier-code").inner_text().strip()
    shoot(page, screenshots, "apply-submitted", desktop=True)
    dossier = Dossier.objects.get(code=code)
    assert (dossier.status, dossier.fee_amount, dossier.paid_amount) == ("submitted", 16000, 16000)
    assert dossier.files.count() == 2
    outbox_drain()
    mails = smtp.accepted_to(EMAIL)
    assert mails, "no e-mail reached the SMTP server"
    assert any(code in str(mail["Subject"]) for mail in mails)
    # the desk accepts it and asks for a missing paper
    officer_act(code, DESK, "accept")
    officer_act(code, DESK, "request_supplement", reasons=("Bản sao giấy chứng nhận kết hôn của cha mẹ",))
    # she answers from her dossier's page
    page.goto("/ca-nhan/ho-so/")
    page.locator(f"a[href='/ca-nhan/ho-so/{code}/']").first.click()
    page.wait_for_load_state("load")
    assert "giấy chứng nhận kết hôn" in page.locator("#supplement").inner_text()
    shoot(page, screenshots, "my-dossier-supplement", desktop=True)
    supplement = page.locator("#supplement form")
    supplement.locator("input[type=file]").set_input_files(
        files=[{"name": "giay-ket-hon.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    supplement.locator("textarea").first.fill("Gửi bổ sung bản sao giấy chứng nhận kết hôn.")
    supplement.locator("button[type=submit]").click()
    page.wait_for_load_state("load")
    dossier.refresh_from_db()
    assert dossier.status != "waiting_supplement"
    assert dossier.files.filter(name="giay-ket-hon.pdf").exists()
    # the ward processes it: the specialist drafts the certificate, the chairman signs it (in another
    # thread: pyHanko runs its own event loop, and Playwright's holds this one)
    with ThreadPoolExecutor(max_workers=1) as officers:
        officers.submit(finish, code).result()
    # she downloads the signed result and rates the service
    page.reload()
    result = page.locator("#result")
    assert result.locator(".badge--success").count() == 1
    download = page.request.get(result.locator("a.button").first.get_attribute("href"))
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert b"/ByteRange" in download.body()  # a PAdES signature
    page.locator("#id_score_4").check()  # 5 of 5: very satisfied
    page.locator("#rating textarea").fill("Nộp trên điện thoại, không phải đi lại.")
    page.locator("#rating button[type=submit]").click()
    page.wait_for_load_state("load")
    rating = Rating.objects.get(dossier=dossier)
    assert (rating.score, rating.rated_by) == (5, citizen)
    shoot(page, screenshots, "my-dossier-result", desktop=True)
    page.goto("/ca-nhan/ho-so/")
    shoot(page, screenshots, "my-dossiers", desktop=True)
    page.goto(f"/tra-cuu/{code}/")
    shoot(page, screenshots, "tracking")
    page.goto("/thong-ke/")
    shoot(page, screenshots, "statistics", desktop=True)


def officer_act(code: str, username: str, action: str, **data: Any) -> None:
    from egov.dossiers.facade import ActionData, dossier_act
    from egov.dossiers.tests.conftest import user

    dossier_act(actor=user(username), code=code, action=action, data=ActionData(**data))


def finish(code: str) -> None:
    """The desk forwards; the specialist claims, attaches the draft certificate and forwards; the
    chairman approves it and signs it digitally with his password (his certificate and the ward's seal from
    the test CA), which completes his step."""
    from egov.dossiers.contracts import UploadedFile
    from egov.dossiers.tests.conftest import agency_of, user
    from egov.organisation.demo.data import DEMO_PASSWORD
    from egov.signing.choices import CertificateKind
    from egov.signing.services.documents import SampleDocument, sample_official_document_pdf
    from egov.signing.services.testca import issue_test_certificate

    ward, chairman = agency_of("pdonghoi"), user(CHAIRMAN)
    officer_act(code, DESK, "forward")
    officer_act(code, SPECIALIST, "claim")
    draft = sample_official_document_pdf(SampleDocument(agency_name=ward.name, signer_name=chairman.get_full_name()))
    files = (UploadedFile("giay-khai-sinh.pdf", draft, "application/pdf"),)
    officer_act(code, SPECIALIST, "attach_result", files=files)
    officer_act(code, SPECIALIST, "submit_result")
    issue_test_certificate(
        kind=CertificateKind.PERSONAL, agency=ward, subject_name=chairman.get_full_name(), user=chairman
    )
    issue_test_certificate(kind=CertificateKind.SEAL, agency=ward, subject_name=ward.name)
    officer_act(code, CHAIRMAN, "approve_result")
    officer_act(code, CHAIRMAN, "sign_result", confirmation=DEMO_PASSWORD)  # signs, seals and completes his step


@pytest.fixture
def phone_without_javascript(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(viewport=MOBILE, locale="vi-VN", base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_the_core_path_works_without_javascript(phone_without_javascript: Any, citizen: Any) -> None:
    """Old phones and blocked scripts: log in, fill every part (the father's part stays on the page
    and is ignored because he is not declared), attach the papers, submit a free application."""
    from egov.dossiers.models import Dossier

    page = phone_without_javascript
    page.goto(f"/nop-ho-so/{BIRTH}/")
    log_in_and_start(page, "0912345678")  # the phone number is a login too
    page.fill("#ef-authority--registry_office", "Ủy ban nhân dân phường Đồng Hới")
    submit_step(page)
    page.fill("#ef-requester--residence", "Số 5 Lý Thường Kiệt, phường Đồng Hới, tỉnh Quảng Trị")
    page.select_option("#ef-requester--relationship", "mother")
    submit_step(page)
    fill_child_and_parents(page, copies=0)  # the father's fields stay on his page, empty: not asked
    submit_step(page)
    # papers, then the check page with nothing to pay for when no copy is asked for
    assert "/giay-to/" in page.url, page.url
    for name in ("Giấy chứng sinh", "căn cước"):
        page.locator("section.apply-paper", has_text=name).locator("input[type=file]").set_input_files(
            files=[{"name": "ban-chup.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
    for answer in page.locator(".apply-case input[value=no]").all():
        answer.check()
    page.locator("button[value=continue]").click()
    page.wait_for_load_state("load")
    assert "/kiem-tra/" in page.url, page.url
    page.locator("button.apply-submit__button").click()
    page.wait_for_load_state("load")
    code = page.locator("#dossier-code").inner_text().strip()
    dossier = Dossier.objects.get(code=code)
    assert dossier.applicant_user == citizen
    assert "father" not in (dossier.form_data or {}) or not dossier.form_data["father"].get("full_name")
