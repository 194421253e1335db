"""What administrators do to the certificate store: each change is one transaction with its audit entry.

Certificates: revoke (final; the test CA's CRL lists it from then on), suspend, reactivate a suspended
one — by holders of ``signing.manage_certificates`` in the certificate's agency. Trust anchors: add a
CA certificate (PEM or DER), enable, disable, delete one an administrator added — by holders of
``signing.manage_trust`` over the province (ND 68/2024: the province decides which CAs it trusts;
the shipped government roots can only be disabled).
"""

from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.core.services.audit import audit_record
from egov.organisation.facade import has_permission, has_province_permission
from egov.signing.choices import AnchorRole, AnchorSource, CertificateStatus
from egov.signing.models import Certificate, TrustAnchor
from egov.signing.trust import anchor_fields, fingerprint, load_certificate

MANAGE_CERTIFICATES = "signing.manage_certificates"
MANAGE_TRUST = "signing.manage_trust"
# verb → (the statuses it applies to, the status it leaves); revocation is final (RFC 5280 §3.3)
_TRANSITIONS = {
    "revoke": ({CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED}, CertificateStatus.REVOKED),
    "suspend": ({CertificateStatus.ACTIVE}, CertificateStatus.SUSPENDED),
    "reactivate": ({CertificateStatus.SUSPENDED}, CertificateStatus.ACTIVE),
}


def _change_status(*, certificate_id: int, actor: Any, verb: str, reason: str = "") -> Certificate:
    allowed_from, target = _TRANSITIONS[verb]
    with transaction.atomic():
        cert = Certificate.objects.select_for_update().get(pk=certificate_id)
        if not has_permission(actor, MANAGE_CERTIFICATES, cert.agency_id):
            raise PermissionDeniedError(_("You do not have permission to manage this agency's certificates."))
        if cert.status not in allowed_from:
            raise ApplicationError(
                format_lazy(
                    _("The certificate “{name}” is {status}: this cannot be done."),
                    name=cert.subject_name,
                    status=cert.get_status_display().lower(),
                ),
                code="signing.certificate_status",
                status=409,
            )
        before = cert.status
        cert.status = target
        fields = ["status"]
        if target == CertificateStatus.REVOKED:
            cert.revoked_at = clock.now()
            fields.append("revoked_at")
        cert.save(update_fields=fields)
        changes: dict[str, Any] = {"status": [before, str(target)], "serial": cert.serial_number}
        if reason:
            changes["reason"] = reason[:500]
        audit_record(
            actor=actor, action=f"signing.certificate_{verb}", obj=cert, agency_id=cert.agency_id, changes=changes
        )
    return cert


def certificate_revoke(*, certificate_id: int, actor: Any, reason: str = "") -> Certificate:
    return _change_status(certificate_id=certificate_id, actor=actor, verb="revoke", reason=reason)


def certificate_suspend(*, certificate_id: int, actor: Any, reason: str = "") -> Certificate:
    return _change_status(certificate_id=certificate_id, actor=actor, verb="suspend", reason=reason)


def certificate_reactivate(*, certificate_id: int, actor: Any, reason: str = "") -> Certificate:
    return _change_status(certificate_id=certificate_id, actor=actor, verb="reactivate", reason=reason)


def _require_trust_manager(actor: Any) -> None:
    if not has_province_permission(actor, MANAGE_TRUST):
        raise PermissionDeniedError(_("Only province administrators manage the trusted certification authorities."))


def _is_self_signed(cert: x509.Certificate) -> bool:
    if cert.subject != cert.issuer:
        return False
    try:
        cert.verify_directly_issued_by(cert)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def parse_ca_certificate(data: bytes) -> x509.Certificate:
    """A CA certificate (PEM or DER) not yet in the store; else an ``ApplicationError`` saying why."""
    try:
        cert = load_certificate(data)
    except ValueError as exc:
        raise ApplicationError(
            _("The file is not an X.509 certificate (PEM or DER)."), code="signing.bad_certificate"
        ) from exc
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        constraints = None
    if constraints is None or not constraints.ca:
        raise ApplicationError(
            _("This is not a certification authority's certificate (BasicConstraints CA is not set)."),
            code="signing.not_ca",
        )
    existing = TrustAnchor.objects.filter(fingerprint_sha256=fingerprint(cert)).first()
    if existing is not None:
        raise ApplicationError(
            format_lazy(_("This certificate is already in the trust store as “{name}”."), name=existing.name),
            code="signing.anchor_duplicate",
            status=409,
        )
    return cert


def trust_anchor_add(*, data: bytes, actor: Any) -> TrustAnchor:
    """Add a CA certificate: a self-signed one as a root (trusted), any other as an intermediate."""
    _require_trust_manager(actor)
    cert = parse_ca_certificate(data)
    role = AnchorRole.ROOT if _is_self_signed(cert) else AnchorRole.INTERMEDIATE
    with transaction.atomic():
        anchor = TrustAnchor.objects.create(
            fingerprint_sha256=fingerprint(cert), role=role, source=AnchorSource.ADDED, **anchor_fields(cert)
        )
        audit_record(
            actor=actor,
            action="signing.trust_anchor_add",
            obj=anchor,
            changes={"role": str(role), "subject": anchor.subject, "fingerprint": anchor.fingerprint_sha256},
        )
    return anchor


def trust_anchor_set_enabled(*, anchor_id: int, enabled: bool, actor: Any) -> TrustAnchor:
    _require_trust_manager(actor)
    with transaction.atomic():
        anchor = TrustAnchor.objects.select_for_update().get(pk=anchor_id)
        if anchor.enabled == enabled:
            return anchor
        anchor.enabled = enabled
        anchor.save(update_fields=["enabled"])
        audit_record(
            actor=actor,
            action="signing.trust_anchor_enable" if enabled else "signing.trust_anchor_disable",
            obj=anchor,
            changes={"enabled": [not enabled, enabled], "fingerprint": anchor.fingerprint_sha256},
        )
    return anchor


def trust_anchor_delete(*, anchor_id: int, actor: Any) -> None:
    """Only an administrator-added anchor is deleted; shipped and test anchors are disabled instead."""
    _require_trust_manager(actor)
    with transaction.atomic():
        anchor = TrustAnchor.objects.select_for_update().get(pk=anchor_id)
        if anchor.source != AnchorSource.ADDED:
            raise ApplicationError(
                format_lazy(
                    _("“{name}” was not added by an administrator: disable it instead of deleting it."),
                    name=anchor.name,
                ),
                code="signing.anchor_protected",
                status=409,
            )
        audit_record(
            actor=actor,
            action="signing.trust_anchor_delete",
            obj=anchor,
            changes={"subject": anchor.subject, "fingerprint": anchor.fingerprint_sha256},
        )
        anchor.delete()
