"""The public verification page (/kiem-tra-chu-ky-so/) and the staff certificate list."""

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.core import clock
from egov.identity.roles import Role
from egov.organisation.tests.factories import make_agency, make_citizen, make_staff
from egov.signing.choices import CertificateKind
from egov.signing.models import Certificate
from egov.signing.services.admin_actions import certificate_revoke
from egov.signing.services.signing import sign_result
from egov.signing.services.testca import issue_test_certificate
from egov.signing.tests.conftest import LEADER_NAME, SigningSetup, make_signing_setup, tampered
from egov.signing.views import vietnam_date

PAGE = "/kiem-tra-chu-ky-so/"
STAFF_PAGE = "/staff/signing/certificates/"
VIETNAM_TIME = re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}</time> \(giờ Việt Nam\)")


def post_pdf(client: Client, content: bytes, **extra: Any) -> Any:
    return client.post(PAGE, {"file": SimpleUploadedFile("van-ban.pdf", content, "application/pdf")}, **extra)


def test_the_page_offers_an_accessible_upload_form(db: None) -> None:
    response = Client().get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "<h1>Kiểm tra chữ ký số</h1>" in page
    assert 'enctype="multipart/form-data"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert '<label for="id_file">' in page
    assert 'aria-describedby="id_file_helptext"' in page  # the size limit is read with the field
    assert 'accept="application/pdf,.pdf"' in page


def test_a_signed_document_gets_its_verdict_in_vietnamese(signed_pdf: bytes, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    response = post_pdf(Client(), signed_pdf)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chữ ký số hợp lệ" in page  # the banner
    assert "status-panel--success" in page
    assert page.count('<article class="card verify-signature"') == 2
    assert LEADER_NAME in page
    assert "UBND phường Đồng Hới" in page
    assert len(VIETNAM_TIME.findall(page)) == 2  # dd/mm/yyyy HH:MM:SS, Vietnam time
    assert "Nội dung đã ký không bị thay đổi" in page
    assert "Chứng thư số thử nghiệm" in page  # test certificates are flagged
    assert list(tmp_path.iterdir()) == []  # the upload is not kept


def test_a_tampered_document_is_reported_broken(signed_pdf: bytes) -> None:
    page = post_pdf(Client(), tampered(signed_pdf)).content.decode()
    assert "Chữ ký bị hỏng: không nên tin cậy văn bản này" in page
    assert "status-panel--danger" in page
    assert "Chữ ký số hợp lệ" not in page


def test_a_certificate_expired_since_signing_keeps_the_signature_valid(sample_pdf: bytes, db: None) -> None:
    with time_machine.travel(clock.now() - timedelta(days=30), tick=True):
        setup = make_signing_setup(days=10)
        signed = sign_result(sample_pdf, leader=setup.leader, agency_id=setup.agency.pk)
    page = post_pdf(Client(), signed).content.decode()
    assert "Chữ ký số hợp lệ, nhưng chứng thư số đã hết hạn hoặc bị thu hồi sau đó" in page
    expired_on = vietnam_date(setup.personal.not_after.isoformat())
    assert f"Chữ ký hợp lệ tại thời điểm ký; chứng thư số đã hết hạn ngày {expired_on}." in page


def test_a_certificate_revoked_since_signing_is_shown_revoked(signing_setup: SigningSetup, signed_pdf: bytes) -> None:
    with time_machine.travel(clock.now() + timedelta(hours=1), tick=True):
        certificate_revoke(
            certificate_id=signing_setup.personal.pk, actor=make_staff(make_agency(), Role.PROVINCE_ADMIN)
        )
        page = post_pdf(Client(), signed_pdf).content.decode()
    assert "chứng thư số đã bị thu hồi ngày" in page
    assert len(re.findall(r"Đã bị thu hồi lúc \d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}\.", page)) == 1  # the leader's only


def test_a_non_pdf_is_refused_with_an_error_summary(db: None) -> None:
    response = post_pdf(Client(), b"GIF89a not a pdf")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert '<a href="#id_file">Tệp không phải là tệp PDF.' in page  # the summary links to the field
    assert 'aria-invalid="true"' in page


def test_a_file_over_the_limit_is_refused(settings: Any, db: None) -> None:
    settings.EGOV_SIGNING_VERIFY_MAX_BYTES = 2 * 1048576
    response = post_pdf(Client(), b"%PDF-1.7\n" + b"0" * (2 * 1048576))
    assert response.status_code == 413
    assert "Tệp lớn hơn 2 MB." in response.content.decode()


def test_the_form_needs_its_csrf_token(signed_pdf: bytes) -> None:
    client = Client(enforce_csrf_checks=True)
    assert post_pdf(client, signed_pdf).status_code == 403
    token = client.get(PAGE).context["csrf_token"]
    response = client.post(
        PAGE, {"file": SimpleUploadedFile("a.pdf", signed_pdf, "application/pdf"), "csrfmiddlewaretoken": str(token)}
    )
    assert response.status_code == 200
    assert "Chữ ký số hợp lệ" in response.content.decode()


def test_too_many_uploads_get_the_429_page(settings: Any, db: None) -> None:
    settings.SIGNATURE_VERIFY_RATE_LIMIT = 2
    client = Client()
    assert client.get(PAGE).status_code == 200  # looking at the form costs nothing
    for _ in range(2):
        assert post_pdf(client, b"not a pdf").status_code == 400
    response = post_pdf(client, b"not a pdf")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "Quá nhiều lượt kiểm tra" in response.content.decode()


def staff_page(user: Any) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(STAFF_PAGE)
    assert response.status_code == 200
    return str(response.content.decode())


def test_the_staff_page_shows_the_certificates_in_scope(signing_setup: SigningSetup) -> None:
    other = make_agency(name="UBND phường Bắc Lý")
    issue_test_certificate(kind=CertificateKind.SEAL, agency=other, subject_name="Con dấu Bắc Lý")
    personal, seal = signing_setup.personal.serial_number, signing_setup.seal.serial_number
    admin_page = staff_page(make_staff(signing_setup.agency, Role.AGENCY_ADMIN))
    assert personal in admin_page
    assert seal in admin_page
    assert "Con dấu Bắc Lý" not in admin_page
    leader_page = staff_page(signing_setup.leader)
    assert personal in leader_page
    assert seal not in leader_page  # the leader does not manage certificates: only their own is listed
    assert "Con dấu Bắc Lý" in staff_page(make_staff(make_agency(), Role.PROVINCE_ADMIN))


def test_expired_and_expiring_certificates_are_flagged(signing_setup: SigningSetup) -> None:
    issue_test_certificate(
        kind=CertificateKind.PERSONAL,
        agency=signing_setup.agency,
        subject_name="Lê Văn Sắp Hết",
        user=make_staff(signing_setup.agency, Role.SPECIALIST),
        days=10,
    )
    Certificate.objects.filter(pk=signing_setup.seal.pk).update(not_after=clock.now() - timedelta(days=2))
    page = staff_page(make_staff(signing_setup.agency, Role.AGENCY_ADMIN))
    assert re.search(r"Hết hạn sau (9|10) ngày", page)
    assert '<span class="badge badge--danger">Đã hết hạn</span>' in page
    assert page.index(signing_setup.seal.subject_name) < page.index("Lê Văn Sắp Hết")  # soonest first


def test_the_staff_page_is_for_staff(db: None) -> None:
    response = Client().get(STAFF_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/")
    client = Client()
    client.force_login(make_citizen())
    assert client.get(STAFF_PAGE).status_code == 403
