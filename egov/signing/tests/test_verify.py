"""The PDF verifier on documents we sign with the test CA, cross-checked with poppler's pdfsig.

Real keys, real CMS, real CRL: the only thing faked is the clock (time_machine) to sign in the past.
"""

import json
from datetime import timedelta
from io import BytesIO, StringIO

import pytest
import time_machine
from asn1crypto import crl as asn1_crl
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pypdf import PdfReader, PdfWriter

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.signing.choices import CertificateStatus
from egov.signing.models import CertificateAuthority
from egov.signing.services import testca
from egov.signing.services.keys import open_signer
from egov.signing.services.pdf_sign import sign_pdf_bytes
from egov.signing.services.signing import sign_as_person, sign_result, stamp_as_agency
from egov.signing.services.verify import verify_pdf_bytes
from egov.signing.tests.conftest import LEADER_NAME, make_signing_setup, make_timestamper, tampered
from egov.signing.tests.pdfsig import pdfsig

pytestmark = pytest.mark.django_db
LEADER_CN = f"{LEADER_NAME} (THỬ NGHIỆM)"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _revoke(cert, when):
    cert.status, cert.revoked_at = CertificateStatus.REVOKED, when
    cert.save(update_fields=["status", "revoked_at"])


def test_signer_and_seal_are_valid_and_agree_with_pdfsig(signed_pdf, agency):
    report = verify_pdf_bytes(signed_pdf, file_name="qd.pdf")
    assert (report.verdict, report.file_name, report.size) == ("valid", "qd.pdf", len(signed_pdf))
    signer, seal = report.signatures
    assert (signer.field_name, signer.signer, signer.organisation) == ("Signature1", LEADER_CN, agency.name)
    assert (seal.field_name, seal.signer) == ("Seal2", f"{agency.name} (THỬ NGHIỆM)")
    for sig in (signer, seal):
        assert [sig.intact, sig.signature_valid, sig.trusted, sig.test_certificate] == [True] * 4
        assert sig.chain[-1] == sig.trust_anchor == testca.TEST_CA_NAME
        assert (sig.valid_at_signing, sig.valid_now, sig.revocation) == (True, True, "good")
        assert sig.verdict == "valid"
        assert "The certificate was issued by the internal test CA; it has no legal value." in sig.messages
    # The leader's signature is followed by the seal's revision: not the whole file, but only a signature added.
    assert (signer.covers_whole_document, signer.modification) == (False, "signatures")
    assert (seal.covers_whole_document, seal.modification) == (True, "none")
    assert "The document has not been changed since it was signed." in seal.messages
    first, second = pdfsig(signed_pdf)
    assert (first.valid, second.valid) == (True, True)
    assert (first.total_document_signed, second.total_document_signed) == (False, True)
    assert (first.field_name, second.field_name) == ("Signature1", "Seal2")


def test_tampered_copy_is_broken_for_both_verifiers(signed_pdf):
    bad = tampered(signed_pdf)
    report = verify_pdf_bytes(bad)
    assert report.verdict == "broken"
    assert [s.verdict for s in report.signatures] == ["broken", "broken"]
    assert not any(s.intact for s in report.signatures)
    assert report.signatures[0].signer == LEADER_CN  # who claimed to sign is still reported
    assert [s.valid for s in pdfsig(bad)] == [False, False]


def test_an_unreadable_signature_container_is_broken_not_an_error(signed_pdf):
    start = signed_pdf.index(b"/Contents <") + len(b"/Contents <")
    garbled = signed_pdf[:start] + b"0" * 64 + signed_pdf[start + 64 :]  # the first signature's CMS
    report = verify_pdf_bytes(garbled)
    first, seal = report.signatures
    assert (first.field_name, first.verdict, first.messages) == (
        "Signature1",
        "broken",
        ["The signature could not be read."],
    )
    assert seal.verdict == "broken"  # the seal covers the first signature's bytes too


def test_change_after_signing_is_reported_as_modified(signed_pdf):
    writer = IncrementalPdfFileWriter(BytesIO(signed_pdf), strict=False)
    patch = writer.add_object(generic.StreamObject(stream_data=b"q 1 0 0 rg 60 60 200 40 re f Q"))
    writer.add_stream_to_page(0, patch)
    out = BytesIO()
    writer.write(out)
    changed = out.getvalue()
    report = verify_pdf_bytes(changed)
    assert report.verdict == "modified"
    for sig in report.signatures:
        assert (sig.intact, sig.covers_whole_document) == (True, False)
        assert (sig.modification, sig.verdict) == ("other", "modified")
    # pdfsig only checks the digests: both still "valid", just not covering the whole document.
    assert [(s.valid, s.total_document_signed) for s in pdfsig(changed)] == [(True, False), (True, False)]


@pytest.mark.parametrize("enabled", [True, False])
def test_test_ca_is_trusted_only_when_enabled(signed_pdf, settings, enabled):
    settings.EGOV_SIGNING_TEST_CA = enabled
    report = verify_pdf_bytes(signed_pdf)
    assert report.verdict == ("valid" if enabled else "untrusted")
    for sig in report.signatures:
        assert (sig.intact, sig.trusted, sig.test_certificate) == (True, enabled, True)
        assert sig.trust_anchor == (testca.TEST_CA_NAME if enabled else "")
        assert sig.revocation == ("good" if enabled else "unknown")


def test_certificate_revoked_before_signing(sample_pdf, leader, leader_certificate):
    signed = sign_as_person(sample_pdf, actor=leader).pdf
    revoked_at = clock.now() - timedelta(minutes=2)  # after issuance (not_before is 5 minutes back)
    _revoke(leader_certificate, revoked_at)
    [sig] = verify_pdf_bytes(signed).signatures
    assert (sig.revocation, sig.verdict) == ("revoked", "revoked")
    assert sig.revoked_at == timezone.localtime(revoked_at).replace(microsecond=0).isoformat()
    assert (sig.intact, sig.valid_at_signing, sig.valid_now) == (True, False, False)
    assert any(m.startswith("The certificate had been revoked on") for m in sig.messages)


def test_revocation_data_embedded_in_the_pdf_is_used(sample_pdf, leader, leader_certificate):
    """PAdES B-LT: a CRL kept in the document's DSS answers even without the live test CA CRL."""
    signed = sign_as_person(sample_pdf, actor=leader).pdf
    _revoke(leader_certificate, clock.now() - timedelta(minutes=2))
    out = BytesIO(signed)
    DocumentSecurityStore.add_dss(out, None, crls=[asn1_crl.CertificateList.load(testca.test_ca_crl())], strict=False)
    CertificateAuthority.objects.all().delete()  # the anchor stays trusted; its live CRL is gone
    [plain] = verify_pdf_bytes(signed).signatures
    assert (plain.revocation, plain.verdict) == ("unknown", "valid")
    [sig] = verify_pdf_bytes(out.getvalue()).signatures
    assert (sig.revocation, sig.verdict, sig.modification) == ("revoked", "revoked", "signatures")


def test_certificate_revoked_after_signing_keeps_the_signature(sample_pdf, leader, leader_certificate):
    signed = sign_as_person(sample_pdf, actor=leader).pdf
    with time_machine.travel(clock.now() + timedelta(hours=1), tick=True):
        _revoke(leader_certificate, clock.now())
        [sig] = verify_pdf_bytes(signed).signatures
    assert (sig.revocation, sig.verdict) == ("revoked", "valid_expired")
    assert (sig.valid_at_signing, sig.valid_now) == (True, False)


def test_certificate_expired_since_signing(sample_pdf):
    with time_machine.travel(clock.now() - timedelta(days=30), tick=True):
        setup = make_signing_setup(days=10)
        signed = sign_result(sample_pdf, leader=setup.leader, agency_id=setup.agency.pk)
    report = verify_pdf_bytes(signed)
    assert report.verdict == "valid_expired"
    for sig in report.signatures:
        assert (sig.verdict, sig.trusted, sig.intact) == ("valid_expired", True, True)
        assert (sig.valid_at_signing, sig.valid_now) == (True, False)
        assert "The certificate has expired since the signature was made; the signature stays valid." in sig.messages
    assert all(s.valid for s in pdfsig(signed))


def test_signed_with_an_already_expired_certificate_is_not_valid(sample_pdf):
    with time_machine.travel(clock.now() - timedelta(days=30), tick=True):
        setup = make_signing_setup(days=10)
    # signing.py's check_usable would refuse the expired key: sign with the mechanism underneath.
    with (
        time_machine.travel(clock.now() - timedelta(days=5), tick=True),
        open_signer(setup.personal) as signer,
    ):
        signed = sign_pdf_bytes(sample_pdf, signer, field_name="Late")
    [sig] = verify_pdf_bytes(signed).signatures
    assert (sig.intact, sig.trusted, sig.verdict) == (True, True, "untrusted")
    assert (sig.valid_at_signing, sig.valid_now) == (False, False)


@pytest.mark.parametrize("tsa_trusted", [True, False])
def test_a_trusted_timestamp_decides_the_signing_time(sample_pdf, tsa_trusted):
    """The signer's clock says 30 days ago (certificate valid then); the TSA says now (certificate expired)."""
    stamped_at = clock.now().replace(microsecond=0)
    stamper, tsa_root = make_timestamper(fixed_dt=stamped_at)
    tsa_root.enabled = tsa_trusted
    tsa_root.save(update_fields=["enabled"])
    with time_machine.travel(stamped_at - timedelta(days=30), tick=True):
        setup = make_signing_setup(days=10)
        with open_signer(setup.personal) as signer:
            signed = sign_pdf_bytes(sample_pdf, signer, field_name="Signature1", timestamper=stamper)
    [sig] = verify_pdf_bytes(signed).signatures
    assert sig.timestamp_time == timezone.localtime(stamped_at).isoformat()
    assert sig.signing_time is not None
    assert sig.signing_time < sig.timestamp_time  # same offset: ISO strings compare in time order
    if tsa_trusted:
        assert (sig.valid_at_signing, sig.verdict) == (False, "untrusted")
        assert any(m.startswith("The signing time is confirmed by a timestamp from") for m in sig.messages)
    else:
        assert (sig.valid_at_signing, sig.verdict) == (True, "valid_expired")
        assert any("not a trusted timestamp authority" in m for m in sig.messages)


def test_text_stamp_of_the_agency_verifies(sample_pdf, clerk, agency):
    stamped = stamp_as_agency(sample_pdf, actor=clerk, agency_id=agency.pk, first_line="15/QĐ-UBND").pdf
    report = verify_pdf_bytes(stamped)
    [sig] = report.signatures
    assert (report.verdict, sig.field_name, sig.reason) == ("valid", "Stamp1", "15/QĐ-UBND")
    assert sig.covers_whole_document
    assert [s.valid for s in pdfsig(stamped)] == [True]


def test_unsigned_pdf(sample_pdf):
    report = verify_pdf_bytes(sample_pdf)
    assert (report.verdict, report.signatures) == ("unsigned", [])
    assert report.summary == "The document has no digital signature."


def _encrypted(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf)))
    writer.encrypt("mat-khau")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda pdf: b"<html>not a pdf</html>", "The file is not a PDF."),
        (lambda pdf: b"", "The file is not a PDF."),
        (lambda pdf: pdf[:400], "The PDF is damaged and cannot be read."),
        (_encrypted, "The PDF is encrypted; remove the password protection before verifying it."),
    ],
)
def test_unreadable_input_is_a_400(sample_pdf, make, message):
    with pytest.raises(ApplicationError) as caught:
        verify_pdf_bytes(make(sample_pdf))
    assert (caught.value.code, caught.value.status, str(caught.value.message)) == ("signing.bad_pdf", 400, message)


def test_command_prints_json(signed_pdf, tmp_path):
    path = tmp_path / "qd.pdf"
    path.write_bytes(signed_pdf)
    out = StringIO()
    call_command("verify_pdf", str(path), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert (data["verdict"], data["file_name"], data["size"]) == ("valid", "qd.pdf", len(signed_pdf))
    assert data["signatures"][0]["signer"] == LEADER_CN
    assert {"signer", "organisation", "issuer", "signing_time", "intact", "trusted", "chain"} <= set(
        data["signatures"][0]
    )


def test_command_exit_codes(signed_pdf, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(tampered(signed_pdf))
    out = StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("verify_pdf", str(bad), stdout=out)
    assert exited.value.code == 1
    assert "broken" in out.getvalue()
    for unreadable in (tmp_path / "missing.pdf", tmp_path / "note.txt"):
        if unreadable.suffix == ".txt":
            unreadable.write_text("hello")
        with pytest.raises(CommandError) as failed:
            call_command("verify_pdf", str(unreadable), stdout=StringIO())
        assert failed.value.returncode == 2
