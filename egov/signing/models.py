"""Certificate store: trust anchors (roots and intermediates) and the certificates of agencies and officials.

Private keys never sit in clear: either AES-GCM-encrypted under a key from the environment
(``crypto.py``) or on a PKCS#11 token/HSM, referenced by labels. Which user may use a key is decided
in ``services/keys.py``; every use is audited.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.signing.choices import AnchorRole, AnchorSource, CertificateKind, CertificateStatus, KeyStorage


class TrustAnchor(models.Model):
    """A CA certificate the verifier builds chains with; ``role=root`` ones are trusted."""

    name = models.CharField(_("name"), max_length=300)
    role = models.CharField(_("role"), max_length=20, choices=AnchorRole.choices)
    source = models.CharField(_("source"), max_length=20, choices=AnchorSource.choices)
    subject = models.CharField(_("subject"), max_length=500)
    issuer = models.CharField(_("issuer"), max_length=500)
    fingerprint_sha256 = models.CharField(_("SHA-256 fingerprint"), max_length=64, unique=True)
    der = models.BinaryField()
    not_before = models.DateTimeField(_("valid from"))
    not_after = models.DateTimeField(_("valid to"))
    enabled = models.BooleanField(_("enabled"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("trusted CA certificate")
        verbose_name_plural = _("trusted CA certificates")
        ordering = ["role", "name"]

    def __str__(self) -> str:
        return self.name


class CertificateAuthority(models.Model):
    """The internal test CA (demo and tests only): its certificate is a test trust anchor."""

    anchor = models.OneToOneField(TrustAnchor, on_delete=models.PROTECT, related_name="authority")
    encrypted_key = models.BinaryField()
    next_serial = models.PositiveBigIntegerField(default=1)
    crl_number = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = _("test certificate authority")

    def __str__(self) -> str:
        return self.anchor.name


class Certificate(models.Model):
    """A signing certificate: an official's (personal) or an agency's (seal), with where its key lives."""

    kind = models.CharField(_("kind"), max_length=20, choices=CertificateKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signing_certificates",
        verbose_name=_("owner"),
    )
    agency = models.ForeignKey(
        "organisation.Agency", on_delete=models.PROTECT, related_name="signing_certificates", verbose_name=_("agency")
    )
    subject_name = models.CharField(_("subject name"), max_length=300)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    issuer_name = models.CharField(_("issuer"), max_length=300)
    serial_number = models.CharField(_("serial number"), max_length=80)
    fingerprint_sha256 = models.CharField(_("SHA-256 fingerprint"), max_length=64, unique=True)
    der = models.BinaryField()
    not_before = models.DateTimeField(_("valid from"))
    not_after = models.DateTimeField(_("valid to"))
    status = models.CharField(
        _("status"), max_length=20, choices=CertificateStatus.choices, default=CertificateStatus.ACTIVE
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    is_test = models.BooleanField(_("test certificate"), default=False)
    key_storage = models.CharField(_("key storage"), max_length=20, choices=KeyStorage.choices)
    encrypted_key = models.BinaryField(null=True, blank=True)
    pkcs11_token_label = models.CharField(_("PKCS#11 token label"), max_length=100, blank=True)
    pkcs11_key_label = models.CharField(_("PKCS#11 key label"), max_length=100, blank=True)
    # The signature image (blue, transparent PNG) or the seal image (red, transparent PNG), and the
    # size it is printed at: a seal at its actual size (ND 30/2020 Phụ lục I §II.8a).
    image_png = models.BinaryField(null=True, blank=True)
    image_width_mm = models.DecimalField(_("image width (mm)"), max_digits=5, decimal_places=1, default=36)
    image_height_mm = models.DecimalField(_("image height (mm)"), max_digits=5, decimal_places=1, default=36)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signing certificate")
        verbose_name_plural = _("signing certificates")
        ordering = ["agency_id", "kind", "subject_name"]
        indexes = [
            models.Index(fields=["user", "kind", "status"], name="signing_cert_user_idx"),
            models.Index(fields=["agency", "kind", "status"], name="signing_cert_agency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} ({self.get_kind_display()})"
