from django.db import models
from django.utils.translation import gettext_lazy as _


class AnchorRole(models.TextChoices):
    ROOT = "root", _("Root CA (trust anchor)")
    INTERMEDIATE = "intermediate", _("Intermediate CA")


class AnchorSource(models.TextChoices):
    SHIPPED = "shipped", _("Shipped with egov")
    ADDED = "added", _("Added by an administrator")
    TEST = "test", _("Internal test CA")


class CertificateKind(models.TextChoices):
    PERSONAL = "personal", _("Personal (official)")
    SEAL = "seal", _("Agency seal")


class CertificateStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


class KeyStorage(models.TextChoices):
    ENCRYPTED = "encrypted", _("Encrypted in the database")
    PKCS11 = "pkcs11", _("PKCS#11 token / HSM")
    NONE = "none", _("No key here (certificate only)")
