"""XMLDSig of edXML packages: sign as a person or with the agency's seal, verify, and refuse bad input."""

import hashlib
from datetime import timedelta
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.utils.translation import override
from lxml import etree  # type: ignore[import-untyped]
from signxml.algorithms import DigestAlgorithm, SignatureConstructionMethod, SignatureMethod
from signxml.signer import XMLSigner

from egov.core import clock
from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.core.models import AuditEntry
from egov.identity.roles import Role
from egov.organisation.tests.factories import make_agency, make_staff
from egov.signing.choices import CertificateKind, CertificateStatus
from egov.signing.crypto import decrypt_private_key
from egov.signing.models import Certificate
from egov.signing.services.testca import TEST_CA_NAME, issue_test_certificate
from egov.signing.services.xml import DS_NS, EDXML_NS, sign_xml, sign_xml_with_key, verify_xml

pytestmark = pytest.mark.django_db

RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
NS = {"ds": DS_NS, "edXML": EDXML_NS}

EDXML = """<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
  <edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
    <edXML:edXMLHeader>
      <edXML:MessageHeader>
        <edXML:From>
          <edXML:OrganId>000.00.00.H16</edXML:OrganId>
          <edXML:OrganName>UBND phường Đồng Hới</edXML:OrganName>
        </edXML:From>
        <edXML:Code><edXML:CodeNumber>125</edXML:CodeNumber><edXML:CodeNotation>QĐ-UBND</edXML:CodeNotation></edXML:Code>
        <edXML:Subject>Quyết định cấp giấy phép xây dựng</edXML:Subject>
        <edXML:SignerInfo><edXML:Position>Chủ tịch</edXML:Position><edXML:FullName>Nguyễn Văn An</edXML:FullName></edXML:SignerInfo>
      </edXML:MessageHeader>
    </edXML:edXMLHeader>
    <edXML:edXMLBody><edXML:edXMLManifest version="1.0"/></edXML:edXMLBody>
  </edXML:edXMLEnvelope>
</edXML>
""".encode()


@pytest.fixture
def office() -> dict[str, Any]:
    agency = make_agency(name="UBND phường Đồng Hới")
    leader = make_staff(agency, Role.LEADER, full_name="Nguyễn Văn An")
    clerk = make_staff(agency, Role.CLERK, full_name="Trần Thị Bình")
    personal = issue_test_certificate(
        kind=CertificateKind.PERSONAL, agency=agency, subject_name="Nguyễn Văn An", user=leader
    )
    seal = issue_test_certificate(kind=CertificateKind.SEAL, agency=agency, subject_name=agency.name)
    return {"agency": agency, "leader": leader, "clerk": clerk, "personal": personal, "seal": seal}


def _tree(xml: bytes) -> Any:
    return etree.fromstring(xml, etree.XMLParser(resolve_entities=False))


def test_personal_signature_verifies_intact_and_trusted(office: dict[str, Any]) -> None:
    signed = sign_xml(EDXML, actor=office["leader"])
    root = _tree(signed)
    # QCVN 102:2016: the signature sits in the edXML header, inclusive c14n 1.0, whole document.
    signature = root.find("edXML:edXMLEnvelope/edXML:edXMLHeader/ds:Signature", NS)
    assert signature is not None
    c14n = signature.find("ds:SignedInfo/ds:CanonicalizationMethod", NS).get("Algorithm")
    assert c14n == "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
    assert signature.find("ds:SignedInfo/ds:Reference", NS).get("URI") == ""
    assert len(signature.findall("ds:KeyInfo/ds:X509Data/ds:X509Certificate", NS)) == 2  # signer, test CA

    result = verify_xml(signed)
    assert result.intact, result.messages
    assert result.trusted, result.messages
    assert result.signer == "Nguyễn Văn An (THỬ NGHIỆM)"
    assert result.organisation == "UBND phường Đồng Hới"
    assert result.issuer == TEST_CA_NAME
    assert result.chain == ["Nguyễn Văn An (THỬ NGHIỆM)", TEST_CA_NAME]
    assert (result.signature_algorithm, result.digest_algorithm) == (RSA_SHA256, SHA256)
    assert result.messages == []


def test_agency_seal_signature(office: dict[str, Any]) -> None:
    signed = sign_xml(EDXML, actor=office["clerk"], seal_agency_id=office["agency"].pk)
    result = verify_xml(signed)
    assert result.intact
    assert result.trusted
    assert result.signer == "UBND phường Đồng Hới (THỬ NGHIỆM)"


def test_plain_xml_gets_the_signature_at_the_end_of_the_root(office: dict[str, Any]) -> None:
    signed = sign_xml("<hoSo><ma>H16.1</ma><ten>Đăng ký hộ kinh doanh</ten></hoSo>".encode(), actor=office["leader"])
    assert _tree(signed)[-1].tag == f"{{{DS_NS}}}Signature"
    assert verify_xml(signed).intact


def test_tampered_text_is_not_intact(office: dict[str, Any]) -> None:
    root = _tree(sign_xml(EDXML, actor=office["leader"]))
    root.find(".//edXML:Subject", NS).text = "Quyết định thu hồi giấy phép xây dựng"
    result = verify_xml(etree.tostring(root))
    assert not result.intact
    assert result.messages


def test_removed_signature_is_not_intact(office: dict[str, Any]) -> None:
    root = _tree(sign_xml(EDXML, actor=office["leader"]))
    signature = root.find(".//ds:Signature", NS)
    signature.getparent().remove(signature)
    result = verify_xml(etree.tostring(root))
    assert not result.intact
    assert not result.trusted
    assert result.messages


class _Sha1Signer(XMLSigner):  # type: ignore[misc]
    """An old edXML sender: signxml refuses SHA-1 when signing, so the check is switched off here."""

    def check_deprecated_methods(self) -> None:
        pass


def test_sha1_signature_from_older_senders_is_accepted_and_reported(office: dict[str, Any]) -> None:
    cert: Certificate = office["personal"]
    der = decrypt_private_key(bytes(cert.encrypted_key or b""), bound_to=cert.fingerprint_sha256)
    key = serialization.load_der_private_key(der, password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    signer = _Sha1Signer(
        method=SignatureConstructionMethod.enveloped,
        signature_algorithm=SignatureMethod.RSA_SHA1,
        digest_algorithm=DigestAlgorithm.SHA1,
        c14n_algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
    )
    signed = etree.tostring(signer.sign(_tree(EDXML), key=key, cert=[x509.load_der_x509_certificate(bytes(cert.der))]))
    with override("en"):
        result = verify_xml(signed)
    assert result.intact, result.messages
    assert result.trusted, result.messages
    assert result.signature_algorithm == "http://www.w3.org/2000/09/xmldsig#rsa-sha1"
    assert result.digest_algorithm == "http://www.w3.org/2000/09/xmldsig#sha1"
    assert any("SHA-1" in m for m in result.messages)


def _self_signed() -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kẻ giả mạo")])
    now = clock.now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return key, cert


def test_self_signed_signature_is_intact_but_not_trusted() -> None:
    key, cert = _self_signed()
    signed = sign_xml_with_key(EDXML, key, [cert.public_bytes(serialization.Encoding.PEM)])
    result = verify_xml(signed)
    assert result.intact
    assert not result.trusted
    assert result.signer == "Kẻ giả mạo"
    assert result.messages


def test_test_ca_is_not_trusted_when_disabled(office: dict[str, Any], settings: Any) -> None:
    signed = sign_xml(EDXML, actor=office["leader"])
    settings.EGOV_SIGNING_TEST_CA = False
    result = verify_xml(signed)
    assert result.intact
    assert not result.trusted


def test_revoked_certificate_cannot_sign(office: dict[str, Any]) -> None:
    Certificate.objects.filter(pk=office["personal"].pk).update(status=CertificateStatus.REVOKED)
    with pytest.raises(ApplicationError) as error:
        sign_xml(EDXML, actor=office["leader"], certificate=Certificate.objects.get(pk=office["personal"].pk))
    assert error.value.status == 409


def test_another_users_personal_certificate_is_refused(office: dict[str, Any]) -> None:
    with pytest.raises(PermissionDeniedError):
        sign_xml(EDXML, actor=office["clerk"], certificate=office["personal"])


def test_seal_without_signing_seal_permission_is_refused(office: dict[str, Any]) -> None:
    with pytest.raises(PermissionDeniedError):
        sign_xml(EDXML, actor=office["leader"], seal_agency_id=office["agency"].pk)


def test_key_use_is_audited_with_the_document_hash(office: dict[str, Any]) -> None:
    sign_xml(EDXML, actor=office["leader"])
    entry = AuditEntry.objects.get(action="signing.key_use")
    assert entry.actor_id == office["leader"].pk
    assert entry.object_id == str(office["personal"].pk)
    assert entry.changes["document_sha256"] == hashlib.sha256(EDXML).hexdigest()
    assert entry.changes["purpose"] == "sign_xml"


def test_an_already_signed_document_is_not_signed_again(office: dict[str, Any]) -> None:
    signed = sign_xml(EDXML, actor=office["leader"])
    with pytest.raises(ApplicationError) as error:
        sign_xml(signed, actor=office["leader"])
    assert error.value.code == "signing.xml_signed"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<lolz>&lol3;</lolz>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<foo>&xxe;</foo>"""


@pytest.mark.parametrize("document", [b"<edXML><unclosed></edXML>", b"", b"not xml", BILLION_LAUGHS, XXE])
def test_bad_or_dangerous_xml_is_a_400(document: bytes, office: dict[str, Any]) -> None:
    for call in (lambda: verify_xml(document), lambda: sign_xml(document, actor=office["leader"])):
        with pytest.raises(ApplicationError) as error:
            call()
        assert (error.value.status, error.value.code) == (400, "signing.bad_xml")
    assert not AuditEntry.objects.filter(action="signing.key_use").exists()


def test_signature_in_the_wrong_namespace_is_named_as_such(office: dict[str, Any]) -> None:
    signed = sign_xml(EDXML, actor=office["leader"])
    # Some edXML senders write <Signature> without the XMLDSig namespace (it inherits edXML's).
    misplaced = signed.replace(b"ds:", b"").replace(b' xmlns:ds="http://www.w3.org/2000/09/xmldsig#"', b"")
    with override("en"):
        result = verify_xml(misplaced)
    assert not result.intact
    assert result.messages == [
        "The document has a Signature element outside the XML Signature namespace; it cannot be checked."
    ]


def test_garbage_signature_does_not_raise() -> None:
    broken = EDXML.replace(
        b"</edXML:edXMLHeader>",
        f'<ds:Signature xmlns:ds="{DS_NS}"><ds:SignedInfo/><ds:KeyInfo><ds:X509Data>'
        "<ds:X509Certificate>MIIFqTCCBJG</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>"
        "</edXML:edXMLHeader>".encode(),
    )
    result = verify_xml(broken)
    assert not result.intact
    assert not result.trusted
    assert result.messages


def test_signature_by_a_since_revoked_test_certificate_is_not_trusted(office: dict[str, Any]) -> None:
    signed = sign_xml(EDXML, actor=office["leader"])
    Certificate.objects.filter(pk=office["personal"].pk).update(
        status=CertificateStatus.REVOKED, revoked_at=clock.now() - timedelta(minutes=1)
    )
    with override("en"):
        result = verify_xml(signed)
    assert result.intact
    assert not result.trusted
    assert any("revoked" in m for m in result.messages)
