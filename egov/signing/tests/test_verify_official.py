"""The verifier on real government-signed PDFs (public documents; sources in data/README.md).

No internet here: trust comes only from the shipped, pinned roots; no CRL/OCSP can be fetched, so
revocation is "unknown". Every verdict is cross-checked against poppler's pdfsig.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from django.utils import translation

from egov.signing.services.verify import verify_pdf_bytes
from egov.signing.tests.pdfsig import pdfsig

pytestmark = pytest.mark.django_db

G2_ROOT = "RootCA chuyên dùng Chính phủ G2"
G2_CA = "CA phục vụ các cơ quan Nhà nước G2"
PORTAL = "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@time_machine.travel(datetime(2026, 6, 1, tzinfo=UTC), tick=False)
def test_g2_document_chains_to_the_g2_root(official_pdf):
    data = official_pdf("g2_cong_ttdt_chinh_phu.pdf")
    report = verify_pdf_bytes(data, file_name="g2.pdf")
    assert report.verdict == "valid"
    [sig] = report.signatures
    assert (sig.signer, sig.organisation, sig.issuer) == (PORTAL, "VĂN PHÒNG CHÍNH PHỦ", G2_CA)
    assert (sig.intact, sig.signature_valid, sig.covers_whole_document, sig.modification) == (True, True, True, "none")
    assert (sig.trusted, sig.trust_anchor) == (True, G2_ROOT)
    assert sig.chain == [PORTAL, G2_CA, G2_ROOT]
    assert (sig.valid_at_signing, sig.valid_now) == (True, True)
    assert not sig.test_certificate
    # Nothing to check revocation with offline: soft-fail, said plainly.
    assert sig.revocation == "unknown"
    assert sig.serial_number == "64F15B53E2D116B1"
    # The RFC 3161 token is intact, but its TSA chains to the old root we do not ship.
    assert sig.timestamp_time == "2025-07-09T08:42:23+07:00"
    assert "The certificate chains to RootCA chuyên dùng Chính phủ G2." in sig.messages
    assert any("not a trusted timestamp authority" in m for m in sig.messages)
    [other] = pdfsig(data)
    assert (other.valid, other.signer, other.total_document_signed) == (True, PORTAL, True)


@time_machine.travel(datetime(2029, 6, 1, tzinfo=UTC), tick=False)
def test_g2_document_after_its_certificate_expired(official_pdf):
    report = verify_pdf_bytes(official_pdf("g2_cong_ttdt_chinh_phu.pdf"))
    [sig] = report.signatures
    assert report.verdict == sig.verdict == "valid_expired"
    assert (sig.valid_at_signing, sig.valid_now, sig.trusted) == (True, False, True)
    assert "The certificate has expired since the signature was made; the signature stays valid." in sig.messages


def test_document_from_a_ca_we_do_not_ship_is_intact_but_untrusted(official_pdf):
    data = official_pdf("cqcts_cong_ttdt_chinh_phu.pdf")
    report = verify_pdf_bytes(data)
    [sig] = report.signatures
    assert report.verdict == sig.verdict == "untrusted"
    assert sig.signer == "Cổng Thông tin điện tử Chính phủ"
    assert sig.issuer == "Co quan chung thuc so Chinh phu"
    assert (sig.intact, sig.signature_valid, sig.modification) == (True, True, "none")
    assert (sig.trusted, sig.trust_anchor) == (False, "")
    assert sig.chain == ["Cổng Thông tin điện tử Chính phủ", "Co quan chung thuc so Chinh phu"]
    # Signed 2021-02-03 with a certificate valid 2019-01-04 .. 2024-01-03.
    assert (sig.valid_at_signing, sig.valid_now) == (True, False)
    assert any("is not a trusted certification authority" in m for m in sig.messages)
    [other] = pdfsig(data)
    assert other.valid


def test_signature_cut_out_of_a_larger_document_is_broken(official_pdf):
    """A Công báo extract: the page kept the signature widget, but its /ByteRange points past the end of
    the file and the form that listed the signature is gone."""
    data = official_pdf("resaved_out_of_range.pdf")
    report = verify_pdf_bytes(data)
    [sig] = report.signatures
    assert report.verdict == sig.verdict == "broken"
    assert (sig.intact, sig.trusted) == (False, False)
    assert (sig.signer, sig.issuer) == (PORTAL, G2_CA)
    assert any("beyond the end of this file" in m for m in sig.messages)
    [other] = pdfsig(data)
    assert (other.valid, other.total_document_signed) == (False, False)
