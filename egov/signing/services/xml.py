"""XML signatures (XMLDSig) for edXML packages (QCVN 102:2016/BTTTT) and other signed XML.

Signing: enveloped, RSA-SHA256 over SHA-256 digests, the whole document (``URI=""``), KeyInfo with the
signer's certificate and our chain. Canonicalization is inclusive Canonical XML 1.0: it is the only
c14n every XMLDSig 1.0 verifier must implement and the one the edXML packages of the VPCP exchange use;
exclusive c14n only helps when a signed fragment is moved into another document, and we sign the whole
document. In an edXML package the signature goes into ``edXMLHeader`` as in those packages.

Verification accepts SHA-1 on input (older edXML senders sign rsa-sha1/sha1) and says so, then checks
the signer's chain against our trust store. Parsing never resolves entities, loads a DTD or touches
the network: a document with a DTD is refused (XXE, "billion laughs").
"""

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, cast

from asgiref.sync import async_to_sync
from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped]
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from lxml import etree  # type: ignore[import-untyped]
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathError, RevokedError, ValidationError
from signxml.algorithms import CanonicalizationMethod, DigestAlgorithm, SignatureConstructionMethod, SignatureMethod
from signxml.exceptions import SignXMLException
from signxml.signer import XMLSigner
from signxml.verifier import SignatureConfiguration, XMLVerifier

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.signing.choices import KeyStorage
from egov.signing.contracts import XmlVerification
from egov.signing.crypto import decrypt_private_key
from egov.signing.models import Certificate, CertificateAuthority
from egov.signing.services.keys import (
    authorise,
    check_usable,
    open_signer,
    personal_certificate,
    record_key_use,
    seal_certificate,
)
from egov.signing.services.testca import test_ca_crl
from egov.signing.trust import common_name, load_certificate, organisation_name, trust_snapshot

DS_NS = "http://www.w3.org/2000/09/xmldsig#"
EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
C14N = CanonicalizationMethod.CANONICAL_XML_1_0
_NS = {"ds": DS_NS}
# Accepted on input: every public-key method (SHA-1 included), never HMAC (no shared secrets here).
_ACCEPTED = SignatureConfiguration(
    expect_references=True,
    signature_methods=frozenset(m for m in SignatureMethod if not m.name.startswith("HMAC")),
    digest_algorithms=frozenset(DigestAlgorithm),
)
_UNSIGNED = XmlVerification(False, False, "", "", "", "", "", [])
_SHA1_URIS = {SignatureMethod.RSA_SHA1.value, DigestAlgorithm.SHA1.value, SignatureMethod.DSA_SHA1.value}


class TokenRsaKey:
    """An RSA key on a PKCS#11 token, shaped like the part of cryptography's key signxml calls."""

    def __init__(self, handle: Any, key_size: int) -> None:
        self._handle = handle
        self.key_size = key_size

    def sign(self, data: bytes, padding: Any, algorithm: hashes.HashAlgorithm) -> bytes:
        from pkcs11 import Mechanism

        if not isinstance(padding, PKCS1v15):
            raise ValueError("only RSASSA-PKCS1-v1_5 is signed on the token")
        mechanism = {"sha256": Mechanism.SHA256_RSA_PKCS, "sha384": Mechanism.SHA384_RSA_PKCS}[algorithm.name]
        return cast(bytes, self._handle.sign(data, mechanism=mechanism))


SigningKey = PrivateKeyTypes | TokenRsaKey


def parse_xml(xml: bytes) -> etree._Element:
    """Parse untrusted XML: no entity expansion, no DTD, no network; a bad document is a 400."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(bytes(xml), parser=parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ApplicationError(_("The file is not well-formed XML."), code="signing.bad_xml") from exc
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.doctype:
        raise ApplicationError(_("XML with a document type declaration (DTD) is not accepted."), code="signing.bad_xml")
    return root


def _signature_method(key: SigningKey) -> SignatureMethod:
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return SignatureMethod.ECDSA_SHA256
    if isinstance(key, rsa.RSAPrivateKey | TokenRsaKey):
        return SignatureMethod.RSA_SHA256
    raise ApplicationError(_("This kind of key cannot sign XML."), code="signing.xml_key_type", status=409)


def _as_certificates(chain: Sequence[x509.Certificate | bytes]) -> list[x509.Certificate]:
    return [c if isinstance(c, x509.Certificate) else load_certificate(c) for c in chain]


def sign_xml_with_key(xml: bytes, key: SigningKey, chain: Sequence[x509.Certificate | bytes]) -> bytes:
    """Sign ``xml`` with an already-loaded key; ``chain`` starts with the signer's certificate (PEM/DER/x509)."""
    root = parse_xml(xml)
    if root.find(".//ds:Signature", _NS) is not None:
        raise ApplicationError(_("This XML document is already signed."), code="signing.xml_signed", status=409)
    header = root.find(f".//{{{EDXML_NS}}}edXMLHeader")
    if header is not None:  # QCVN 102:2016: the sender's signature sits in the edXML header.
        etree.SubElement(header, f"{{{DS_NS}}}Signature", Id="placeholder", nsmap={"ds": DS_NS})
    signer = XMLSigner(
        method=SignatureConstructionMethod.enveloped,
        signature_algorithm=_signature_method(key),
        digest_algorithm=DigestAlgorithm.SHA256,
        c14n_algorithm=C14N,
    )
    signed = signer.sign(root, key=cast(Any, key), cert=_as_certificates(chain))
    return cast(bytes, etree.tostring(signed, xml_declaration=True, encoding="UTF-8"))


def _chain_for(cert: Certificate) -> list[x509.Certificate]:
    """KeyInfo: the signer's certificate, then the CAs up to the root that issued it (from our trust store)."""
    snapshot = trust_snapshot()
    authorities = [*snapshot.intermediates, *snapshot.roots]
    chain = [load_certificate(bytes(cert.der))]
    while len(chain) < 6 and chain[-1].issuer != chain[-1].subject:
        issuer = next((c for c in authorities if c.subject == chain[-1].issuer and c not in chain), None)
        if issuer is None:
            break
        chain.append(issuer)
    return chain


def sign_xml(
    xml: bytes, *, actor: Any, certificate: Certificate | None = None, seal_agency_id: int | None = None
) -> bytes:
    """Sign an XML document (an edXML package) as ``actor``: with ``certificate``, else the agency's seal
    when ``seal_agency_id`` is given, else the actor's personal certificate. Same rules as for PDFs."""
    cert = certificate
    if cert is None and seal_agency_id is not None:
        cert = seal_certificate(seal_agency_id)
        if cert is None:
            raise ApplicationError(
                _("The agency has no valid seal certificate."), code="signing.no_seal_certificate", status=409
            )
    elif cert is None:
        cert = personal_certificate(actor)
        if cert is None:
            raise ApplicationError(
                _("You have no valid personal signing certificate."), code="signing.no_certificate", status=409
            )
    authorise(cert, actor)
    check_usable(cert)
    if cert.key_storage == KeyStorage.ENCRYPTED:
        der = decrypt_private_key(bytes(cert.encrypted_key or b""), bound_to=cert.fingerprint_sha256)
        signed = sign_xml_with_key(xml, serialization.load_der_private_key(der, password=None), _chain_for(cert))
    else:
        signed = _sign_on_token(xml, cert)
    with transaction.atomic():
        record_key_use(
            cert, actor, purpose="sign_xml", document_sha256=hashlib.sha256(bytes(xml)).hexdigest(), detail="XMLDSig"
        )
    return signed


def _sign_on_token(xml: bytes, cert: Certificate) -> bytes:
    from pkcs11 import ObjectClass
    from pkcs11.exceptions import PinExpired, PinIncorrect, PinInvalid, PinLocked, PKCS11Error
    from pyhanko.sign.pkcs11 import PKCS11Signer

    public_key = load_certificate(bytes(cert.der)).public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise ApplicationError(_("This kind of key cannot sign XML."), code="signing.xml_key_type", status=409)
    # The PIN comes from the server's configuration, not the user: a token problem is a 503, never a 500.
    try:
        with open_signer(cert) as signer:
            if not isinstance(signer, PKCS11Signer):
                raise ApplicationError(
                    _("The key of this certificate is not held by the system."), code="signing.no_key"
                )
            handle = signer.pkcs11_session.get_key(object_class=ObjectClass.PRIVATE_KEY, label=cert.pkcs11_key_label)
            return sign_xml_with_key(xml, TokenRsaKey(handle, public_key.key_size), _chain_for(cert))
    except (PinIncorrect, PinInvalid, PinLocked, PinExpired) as exc:
        raise ApplicationError(
            _("The signing token refused the PIN (check EGOV_PKCS11_PIN)."), code="signing.pkcs11_pin", status=503
        ) from exc
    except PKCS11Error as exc:
        raise ApplicationError(
            _("The signing token is unavailable or refused the operation."), code="signing.pkcs11_error", status=503
        ) from exc


def verify_xml(xml: bytes) -> XmlVerification:
    """Check the first XML signature of ``xml``: is the content intact, and is the signer trusted."""
    root = parse_xml(xml)
    signatures = root.findall(".//ds:Signature", _NS)
    if not signatures:
        if root.xpath("//*[local-name()='Signature']"):  # e.g. a <Signature> left in the edXML namespace
            message = _(
                "The document has a Signature element outside the XML Signature namespace; it cannot be checked."
            )
        else:
            message = _("The XML document carries no signature.")
        return replace(_UNSIGNED, messages=[str(message)])
    signature = signatures[0]
    signature_algorithm = _attr(signature, "ds:SignedInfo/ds:SignatureMethod")
    digest_algorithm = _attr(signature, "ds:SignedInfo/ds:Reference/ds:DigestMethod")
    messages: list[str] = []
    if len(signatures) > 1:
        messages.append(str(_("The document has several signatures; only the first was checked.")))
    if {signature_algorithm, digest_algorithm} & _SHA1_URIS:
        messages.append(str(_("The signature uses SHA-1, a weak algorithm accepted only for older senders.")))
    certs = _keyinfo_certificates(signature)
    if not certs:
        messages.append(str(_("The signature does not include the signer's certificate.")))
        return replace(
            _UNSIGNED, signature_algorithm=signature_algorithm, digest_algorithm=digest_algorithm, messages=messages
        )
    leaf = _leaf(certs)
    intact = _intact(xml, root, signature, leaf, messages)
    trusted, chain = _trust(leaf, certs, messages)
    return XmlVerification(
        intact=intact,
        trusted=trusted,
        signer=common_name(leaf.subject),
        organisation=organisation_name(leaf.subject),
        issuer=common_name(leaf.issuer),
        signature_algorithm=signature_algorithm,
        digest_algorithm=digest_algorithm,
        chain=chain,
        messages=messages,
    )


def _attr(signature: etree._Element, path: str) -> str:
    node = signature.find(path, _NS)
    return str(node.get("Algorithm", "")) if node is not None else ""


def _keyinfo_certificates(signature: etree._Element) -> list[x509.Certificate]:
    certs = []
    for node in signature.findall("ds:KeyInfo/ds:X509Data/ds:X509Certificate", _NS):
        try:
            certs.append(x509.load_der_x509_certificate(base64.b64decode("".join((node.text or "").split()))))
        except ValueError:
            continue  # a truncated or placeholder certificate: reported below as missing
    return certs


def _leaf(certs: list[x509.Certificate]) -> x509.Certificate:
    """The signer's certificate: the one in KeyInfo that issued none of the others."""
    issuers = {c.issuer for c in certs if c.issuer != c.subject}
    return next((c for c in certs if c.subject not in issuers), certs[0])


def _intact(
    xml: bytes, root: etree._Element, signature: etree._Element, leaf: x509.Certificate, messages: list[str]
) -> bool:
    # The certificate's validity is judged by _trust; signxml would refuse an expired one outright.
    when = min(max(clock.now(), leaf.not_valid_before_utc), leaf.not_valid_after_utc)
    config = replace(_ACCEPTED, verification_time=when)
    try:
        XMLVerifier().verify(bytes(xml), x509_cert=leaf, expect_config=config)
    except (SignXMLException, etree.DocumentInvalid, etree.XMLSyntaxError, ValueError):
        messages.append(str(_("The signed content was changed after signing, or the signature is broken.")))
        return False
    # "See what is signed": a reference to a fragment would leave the rest of the document unsigned.
    root_ids = {f"#{root.get(a)}" for a in ("Id", "ID") if root.get(a)}
    uris = [ref.get("URI", "") for ref in signature.findall("ds:SignedInfo/ds:Reference", _NS)]
    if not any(uri == "" or uri in root_ids for uri in uris):
        messages.append(str(_("The signature covers only part of the document.")))
        return False
    return True


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _trust(leaf: x509.Certificate, certs: list[x509.Certificate], messages: list[str]) -> tuple[bool, list[str]]:
    snapshot = trust_snapshot()
    context = ValidationContext(
        trust_roots=[_asn1(c) for c in snapshot.roots],
        other_certs=[_asn1(c) for c in [*snapshot.intermediates, *certs]],
        allow_fetching=False,
        crls=_local_crls(),
        moment=clock.now(),
    )
    validator = CertificateValidator(_asn1(leaf), validation_context=context)
    fallback = [common_name(c.subject) for c in certs]
    try:
        path = async_to_sync(validator.async_validate_path)()
    except RevokedError:
        messages.append(str(_("The signer's certificate has been revoked.")))
        return False, fallback
    except PathBuildingError:
        messages.append(str(_("The signer's certificate does not chain to a trusted certification authority.")))
        return False, fallback
    except (PathError, ValidationError, ValueError):
        messages.append(str(_("The signer's certificate is expired or otherwise not valid now.")))
        return False, fallback
    if not _may_sign(leaf):
        messages.append(str(_("The signer's certificate is not meant for signing.")))
        return False, fallback
    names = [common_name(x509.load_der_x509_certificate(c.dump()).subject) for c in path.iter_certs(True)]
    return True, list(reversed(names))


def _local_crls() -> list[bytes]:
    """Revocation data we hold ourselves (no fetching): the test CA's CRL when the test CA is trusted."""
    if getattr(settings, "EGOV_SIGNING_TEST_CA", False) and CertificateAuthority.objects.exists():
        return [test_ca_crl()]
    return []


def _may_sign(cert: x509.Certificate) -> bool:
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return True
    return bool(usage.digital_signature or usage.content_commitment)
