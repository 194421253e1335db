"""Who may use which key, and the pyHanko signer over it (decrypted key or PKCS#11 token).

A personal key is used only by its owner; an agency seal only by a holder of ``signing.seal`` in
that agency (the clerk, ND 30/2020 Điều 32 k2) or by the result-signing service right after a
competent person of that agency signed (``sealing_for_signer``). Every use is audited.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from pyhanko.sign.signers.pdf_cms import Signer, SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from egov.core import clock
from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.core.services.audit import audit_record
from egov.organisation.facade import has_permission
from egov.signing.choices import CertificateKind, CertificateStatus, KeyStorage
from egov.signing.crypto import decrypt_private_key
from egov.signing.models import Certificate
from egov.signing.trust import trust_snapshot


def asn1_cert(der: bytes | memoryview) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(bytes(der))


def chain_certs() -> list[asn1_x509.Certificate]:
    """Intermediates and roots embedded next to the signer's certificate (so verifiers can build the path)."""
    from cryptography.hazmat.primitives.serialization import Encoding

    snap = trust_snapshot()
    return [asn1_cert(c.public_bytes(Encoding.DER)) for c in [*snap.intermediates, *snap.roots]]


def check_usable(cert: Certificate) -> None:
    now = clock.now()
    if cert.status != CertificateStatus.ACTIVE:
        raise ApplicationError(
            _("This certificate is revoked or suspended and cannot sign."), code="signing.cert_inactive", status=409
        )
    if not cert.not_before <= now <= cert.not_after:
        raise ApplicationError(
            _("This certificate is outside its validity period and cannot sign."),
            code="signing.cert_expired",
            status=409,
        )
    if cert.is_test and not getattr(settings, "EGOV_SIGNING_TEST_CA", False):
        raise ApplicationError(
            _("Test certificates cannot sign on this installation."), code="signing.cert_test", status=409
        )
    if cert.key_storage == KeyStorage.NONE:
        raise ApplicationError(
            _("The key of this certificate is not held by the system (sign with your token)."),
            code="signing.no_key",
            status=409,
        )


def authorise(cert: Certificate, actor: Any, *, sealing_for_signer: Any = None) -> None:
    """Raise unless ``actor`` may use ``cert``'s key."""
    if cert.kind == CertificateKind.PERSONAL:
        if actor is None or cert.user_id != getattr(actor, "pk", None):
            raise PermissionDeniedError(_("Only the certificate's owner may sign with it."))
        return
    if sealing_for_signer is not None and _holds_personal_cert(sealing_for_signer, cert.agency_id):
        return
    if actor is None or not has_permission(actor, "signing.seal", cert.agency_id):
        raise PermissionDeniedError(_("Only the agency's clerk may apply the agency's seal."))


def _holds_personal_cert(user: Any, agency_id: int) -> bool:
    if getattr(user, "pk", None) is None:
        return False
    return Certificate.objects.filter(
        user_id=user.pk,
        agency_id=agency_id,
        kind=CertificateKind.PERSONAL,
        status=CertificateStatus.ACTIVE,
    ).exists()


def personal_certificate(user: Any) -> Certificate | None:
    """The user's current personal certificate (the newest active one)."""
    now = clock.now()
    if getattr(user, "pk", None) is None:
        return None
    return (
        Certificate.objects.filter(
            user_id=user.pk,
            kind=CertificateKind.PERSONAL,
            status=CertificateStatus.ACTIVE,
            not_before__lte=now,
            not_after__gte=now,
        )
        .order_by("-not_after", "-id")
        .first()
    )


def seal_certificate(agency_id: int) -> Certificate | None:
    now = clock.now()
    return (
        Certificate.objects.filter(
            agency_id=agency_id,
            kind=CertificateKind.SEAL,
            status=CertificateStatus.ACTIVE,
            not_before__lte=now,
            not_after__gte=now,
        )
        .order_by("-not_after", "-id")
        .first()
    )


@contextmanager
def open_signer(cert: Certificate) -> Iterator[Signer]:
    """A pyHanko signer over ``cert``'s key; a PKCS#11 session is closed on exit. No checks here:
    callers go through ``authorise`` and ``check_usable`` first (the bench reuses one signer)."""
    signing_cert = asn1_cert(cert.der)
    others = chain_certs()
    if cert.key_storage == KeyStorage.ENCRYPTED:
        der = decrypt_private_key(bytes(cert.encrypted_key or b""), bound_to=cert.fingerprint_sha256)
        yield SimpleSigner(
            signing_cert=signing_cert,
            signing_key=asn1_keys.PrivateKeyInfo.load(der),
            cert_registry=SimpleCertificateStore.from_certs(others),
        )
        return
    if cert.key_storage == KeyStorage.PKCS11:
        from pkcs11.exceptions import PinExpired, PinIncorrect, PinInvalid, PinLocked, PKCS11Error
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

        module = getattr(settings, "EGOV_PKCS11_MODULE", "")
        if not module:
            raise ApplicationError(
                _("No PKCS#11 module is configured (EGOV_PKCS11_MODULE)."), code="signing.pkcs11_missing", status=503
            )
        # The PIN and the token are the server's configuration, not the user's input: a 503, never a 500.
        try:
            session = open_pkcs11_session(
                module,
                token_criteria=TokenCriteria(label=cert.pkcs11_token_label),
                user_pin=getattr(settings, "EGOV_PKCS11_PIN", "") or None,
            )
        except (PinIncorrect, PinInvalid, PinLocked, PinExpired) as exc:
            raise ApplicationError(
                _("The signing token refused the PIN (check EGOV_PKCS11_PIN)."), code="signing.pkcs11_pin", status=503
            ) from exc
        except PKCS11Error as exc:
            raise _token_error() from exc
        try:
            yield PKCS11Signer(session, key_label=cert.pkcs11_key_label, signing_cert=signing_cert, ca_chain=others)
        except PKCS11Error as exc:  # e.g. no key with that label on the token
            raise _token_error() from exc
        finally:
            session.close()
        return
    raise ApplicationError(_("The key of this certificate is not held by the system."), code="signing.no_key")


def _token_error() -> ApplicationError:
    return ApplicationError(
        _("The signing token is unavailable or refused the operation."), code="signing.pkcs11_error", status=503
    )


def record_key_use(cert: Certificate, actor: Any, *, purpose: str, document_sha256: str, detail: str = "") -> None:
    audit_record(
        actor=actor,
        action="signing.key_use",
        obj=cert,
        agency_id=cert.agency_id,
        changes={"purpose": purpose, "document_sha256": document_sha256, "detail": detail[:300]},
    )
