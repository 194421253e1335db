"""Reads of the certificate store for the API, the staff page and the admin.

Who sees which certificates: holders of ``signing.manage_certificates`` see those of the agencies
where they hold it (agency administrators their agency, province administrators all); everyone
sees their own personal certificates.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from egov.core import clock
from egov.organisation.facade import AllAgencies, visible_agency_ids
from egov.signing.choices import CertificateStatus
from egov.signing.models import Certificate

MANAGE_CERTIFICATES = "signing.manage_certificates"
EXPIRY_WARNING_DAYS = 30
# The columns a list needs; never the key material (encrypted_key) nor the images.
LIST_FIELDS = (
    "id",
    "kind",
    "user_id",
    "agency_id",
    "subject_name",
    "organisation",
    "issuer_name",
    "serial_number",
    "fingerprint_sha256",
    "not_before",
    "not_after",
    "status",
    "revoked_at",
    "is_test",
    "key_storage",
)


def certificates_visible_to(user: Any) -> QuerySet[Certificate]:
    if not getattr(user, "is_authenticated", False):
        return Certificate.objects.none()
    own = Q(user_id=user.pk)
    scope = visible_agency_ids(user, MANAGE_CERTIFICATES)
    if isinstance(scope, AllAgencies):
        qs = Certificate.objects.all()
    else:
        qs = Certificate.objects.filter(own | Q(agency_id__in=sorted(scope)))
    return (
        qs.select_related("agency", "user")
        .only(*LIST_FIELDS, "agency__name", "agency__short_name", "user__full_name", "user__username")
        .order_by("not_after", "id")
    )


def days_to_expiry(cert: Certificate, now: datetime | None = None) -> int:
    """Whole days left (negative once expired)."""
    return (cert.not_after - (now or clock.now())).days


@dataclass(frozen=True)
class ExpiryState:
    days: int
    tone: str  # "danger" expired or not usable, "warning" expiring soon, "" fine

    @property
    def expired(self) -> bool:
        return self.days < 0


def expiry_state(cert: Certificate, now: datetime | None = None) -> ExpiryState:
    now = now or clock.now()
    days = days_to_expiry(cert, now)
    if cert.not_after < now:
        return ExpiryState(days=days, tone="danger")
    if days < EXPIRY_WARNING_DAYS:
        return ExpiryState(days=days, tone="warning")
    return ExpiryState(days=days, tone="")


STATUS_TONES: dict[str, str] = {
    CertificateStatus.ACTIVE: "success",
    CertificateStatus.SUSPENDED: "warning",
    CertificateStatus.REVOKED: "danger",
}
