"""``manage.py sign_pdf``: an operator signs as a leader (and seals), a clerk seals, a copy is stamped;
the results carry the expected signatures (read back with pyHanko) and the refusals are clear."""

from io import BytesIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from pyhanko.pdf_utils.reader import PdfFileReader

from egov.core.models import AuditEntry
from egov.identity.roles import Role
from egov.organisation.tests.factories import make_agency, make_staff
from egov.signing.choices import CertificateKind
from egov.signing.services.documents import SampleDocument, sample_official_document_pdf
from egov.signing.services.testca import issue_test_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward(tmp_path: Path) -> dict[str, object]:
    agency = make_agency(name="UBND phường Đông Hà")
    leader = make_staff(agency, Role.LEADER, full_name="Lê Thị Hoa", username="hoa")
    clerk = make_staff(agency, Role.CLERK, full_name="Phan Văn Tư", username="tu")
    issue_test_certificate(kind=CertificateKind.PERSONAL, agency=agency, subject_name="Lê Thị Hoa", user=leader)
    issue_test_certificate(kind=CertificateKind.SEAL, agency=agency, subject_name=agency.name)
    source = tmp_path / "in.pdf"
    source.write_bytes(sample_official_document_pdf(SampleDocument(agency_name=agency.name, signer_name="Lê Thị Hoa")))
    return {"agency": agency, "leader": leader, "clerk": clerk, "source": source}


def signatures(path: Path) -> list[tuple[str, str]]:
    reader = PdfFileReader(BytesIO(path.read_bytes()))
    return [(s.field_name, s.signer_cert.subject.native["common_name"]) for s in reader.embedded_signatures]


def test_the_leader_signs_and_seals(ward: dict[str, object], tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    call_command("sign_pdf", str(ward["source"]), str(out), "--user", "hoa", "--seal", "--reason", "Ban hành")
    assert signatures(out) == [
        ("Signature1", "Lê Thị Hoa (THỬ NGHIỆM)"),
        ("Seal2", "UBND phường Đông Hà (THỬ NGHIỆM)"),
    ]
    uses = AuditEntry.objects.filter(action="signing.key_use").order_by("id")
    assert [e.changes["purpose"] for e in uses] == ["sign", "seal"]


def test_the_clerk_seals_only_what_is_signed(ward: dict[str, object], tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"already signed|người có thẩm quyền ký"):
        call_command("sign_pdf", str(ward["source"]), str(tmp_path / "x.pdf"), "--user", "tu", "--seal")
    signed = tmp_path / "signed.pdf"
    call_command("sign_pdf", str(ward["source"]), str(signed), "--user", "hoa")
    sealed = tmp_path / "sealed.pdf"
    call_command("sign_pdf", str(signed), str(sealed), "--user", "tu", "--seal")
    assert [name for name, _ in signatures(sealed)] == ["Signature1", "Seal2"]


def test_a_copy_is_stamped_and_strangers_are_refused(ward: dict[str, object], tmp_path: Path) -> None:
    copy = tmp_path / "copy.pdf"
    call_command("sign_pdf", str(ward["source"]), str(copy), "--user", "tu", "--stamp", "SAO Y")
    assert signatures(copy) == [("Stamp1", "UBND phường Đông Hà (THỬ NGHIỆM)")]
    with pytest.raises(CommandError, match="no valid personal certificate"):
        call_command("sign_pdf", str(ward["source"]), str(tmp_path / "y.pdf"), "--user", "tu")
    other = make_agency(name="UBND xã Cam Lộ")
    make_staff(other, Role.CLERK, username="outsider")
    with pytest.raises(CommandError):
        call_command(
            "sign_pdf",
            str(ward["source"]),
            str(tmp_path / "z.pdf"),
            "--user",
            "outsider",
            "--stamp",
            "SAO Y",
            "--agency",
            ward["agency"].code,  # type: ignore[attr-defined]
        )
    assert not (tmp_path / "z.pdf").exists()
