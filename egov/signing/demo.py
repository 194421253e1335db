"""Demo certificates from the internal test CA: a personal certificate for every leader of the demo
province and a seal for every agency with staff, so that results can be signed and sealed in the demo.

Idempotent: who already has an active certificate gets none. Every certificate says "THỬ NGHIỆM".
"""

from dataclasses import dataclass

from django.db import transaction

from egov.identity.roles import Role
from egov.organisation.models import Agency, StaffRoleAssignment
from egov.signing.choices import CertificateKind, CertificateStatus
from egov.signing.models import Certificate
from egov.signing.services.images import seal_png, signature_png
from egov.signing.services.testca import issue_test_certificate
from egov.signing.trust import ensure_shipped_anchors

SEAL_DIAMETER_MM = 36.0  # the usual size of a commune/department seal
SIGNATURE_SIZE_MM = (40.0, 20.0)


@dataclass(frozen=True)
class DemoCertificates:
    personal: int
    seals: int


def signing_demo_exists() -> bool:
    return Certificate.objects.filter(is_test=True, kind=CertificateKind.SEAL).exists()


def signing_load_demo() -> DemoCertificates:
    ensure_shipped_anchors()
    personal = seals = 0
    leaders = (
        StaffRoleAssignment.objects.filter(
            role=Role.LEADER, staff_member__is_active=True, staff_member__user__is_active=True
        )
        .select_related("staff_member__user", "staff_member__agency", "staff_member__position")
        .order_by("staff_member__agency_id", "staff_member__user_id")
    )
    active = CertificateStatus.ACTIVE
    with transaction.atomic():
        for assignment in leaders:
            post = assignment.staff_member
            user = post.user
            if Certificate.objects.filter(user=user, kind=CertificateKind.PERSONAL, status=active).exists():
                continue
            name = user.get_full_name() or user.username
            issue_test_certificate(
                kind=CertificateKind.PERSONAL,
                agency=post.agency,
                subject_name=name,
                user=user,
                title=post.position.name if post.position else "",
                email=user.email,
                image_png=signature_png(name),
                image_size_mm=SIGNATURE_SIZE_MM,
            )
            personal += 1
        agency_ids = set(leaders.values_list("staff_member__agency_id", flat=True))
        for agency in Agency.objects.filter(pk__in=agency_ids).select_related("administrative_unit"):
            if Certificate.objects.filter(agency=agency, kind=CertificateKind.SEAL, status=active).exists():
                continue
            issue_test_certificate(
                kind=CertificateKind.SEAL,
                agency=agency,
                subject_name=agency.name,
                image_png=seal_png(agency.short_name or agency.name, _place(agency)),
                image_size_mm=(SEAL_DIAMETER_MM, SEAL_DIAMETER_MM),
            )
            seals += 1
    return DemoCertificates(personal=personal, seals=seals)


def _place(agency: Agency) -> str:
    unit = agency.administrative_unit
    province = unit.parent if unit.parent is not None else unit
    name = province.name
    for prefix in ("Tỉnh ", "Thành phố "):
        name = name.removeprefix(prefix)
    return name
