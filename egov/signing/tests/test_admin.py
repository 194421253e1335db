"""The admin of the certificate store: every change audited, revocation seen by the verifier (via the CRL)."""

from datetime import timedelta
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.core import clock
from egov.core.errors import PermissionDeniedError
from egov.core.models import AuditEntry
from egov.identity.models import User
from egov.identity.roles import Role
from egov.organisation.tests.factories import make_agency, make_staff
from egov.signing import facade
from egov.signing.choices import AnchorRole, AnchorSource, CertificateStatus
from egov.signing.models import Certificate, TrustAnchor
from egov.signing.services.admin_actions import certificate_revoke
from egov.signing.tests.conftest import LEADER_NAME, SigningSetup
from egov.signing.trust import ensure_shipped_anchors

CERTS = "/admin/signing/certificate/"
ANCHORS = "/admin/signing/trustanchor/"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def province_admin(db: None) -> User:
    return make_staff(make_agency(), Role.PROVINCE_ADMIN, is_staff=True, full_name="Quản trị tỉnh")


def audited(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action))


def test_revoking_is_confirmed_audited_and_seen_by_the_verifier(
    signing_setup: SigningSetup, signed_pdf: bytes, province_admin: User
) -> None:
    client, personal = client_for(province_admin), signing_setup.personal
    chosen = {"action": "revoke_certificates", "_selected_action": [personal.pk]}
    confirm = client.post(CERTS, {**chosen, "index": 0})
    assert confirm.status_code == 200
    assert "signing/admin_revoke_confirm.html" in [t.name for t in confirm.templates]
    assert Certificate.objects.get(pk=personal.pk).status == CertificateStatus.ACTIVE  # not yet
    done = client.post(CERTS, {**chosen, "confirm": "yes", "reason": "Mất thiết bị ký"})
    assert done.status_code == 302
    personal.refresh_from_db()
    assert personal.status == CertificateStatus.REVOKED
    assert personal.revoked_at is not None
    [entry] = audited("signing.certificate_revoke")
    assert (entry.actor_id, entry.object_id, entry.agency_id) == (
        province_admin.pk,
        str(personal.pk),
        personal.agency_id,
    )
    assert entry.changes["reason"] == "Mất thiết bị ký"
    report = facade.verify_pdf(signed_pdf)
    leader = next(sig for sig in report.signatures if sig.signer.startswith(LEADER_NAME))
    assert leader.revocation == "revoked"
    assert leader.revoked_at is not None
    seal = next(sig for sig in report.signatures if not sig.signer.startswith(LEADER_NAME))
    assert seal.revocation == "good"


def test_suspend_and_reactivate_are_audited_and_checked(signing_setup: SigningSetup, province_admin: User) -> None:
    client, seal = client_for(province_admin), signing_setup.seal
    client.post(CERTS, {"action": "suspend_certificates", "_selected_action": [seal.pk], "index": 0})
    assert Certificate.objects.get(pk=seal.pk).status == CertificateStatus.SUSPENDED
    client.post(CERTS, {"action": "reactivate_certificates", "_selected_action": [seal.pk], "index": 0})
    assert Certificate.objects.get(pk=seal.pk).status == CertificateStatus.ACTIVE
    # Reactivating an active certificate is refused with a message, and nothing is recorded.
    response = client.post(
        CERTS, {"action": "reactivate_certificates", "_selected_action": [seal.pk], "index": 0}, follow=True
    )
    assert "không thể thực hiện thao tác này" in response.content.decode()
    assert len(audited("signing.certificate_suspend")) == 1
    assert len(audited("signing.certificate_reactivate")) == 1


def test_agency_admins_manage_only_their_agencys_certificates(signing_setup: SigningSetup) -> None:
    other_admin = make_staff(make_agency(), Role.AGENCY_ADMIN, is_staff=True)
    listing = client_for(other_admin).get(CERTS)
    assert listing.status_code == 200
    assert LEADER_NAME not in listing.content.decode()
    assert client_for(other_admin).get(f"{CERTS}{signing_setup.personal.pk}/change/").status_code == 302  # not found
    with pytest.raises(PermissionDeniedError):
        certificate_revoke(certificate_id=signing_setup.personal.pk, actor=other_admin)
    own_admin = make_staff(signing_setup.agency, Role.AGENCY_ADMIN, is_staff=True)
    assert LEADER_NAME in client_for(own_admin).get(CERTS).content.decode()
    assert client_for(own_admin).get(ANCHORS).status_code == 403  # trust is the province's


def test_the_certificate_page_is_read_only_and_shows_no_key(signing_setup: SigningSetup, province_admin: User) -> None:
    response = client_for(province_admin).get(f"{CERTS}{signing_setup.personal.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert signing_setup.personal.fingerprint_sha256 in page
    assert "field-encrypted_key" not in page
    assert "field-der" not in page
    assert 'name="_save"' not in page
    assert client_for(province_admin).get(f"{CERTS}add/").status_code == 403


def ca_certificate(*, ca: bool = True, name: str = "CA Thử Tỉnh") -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = clock.now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


def add_anchor(client: Client, content: bytes) -> Any:
    return client.post(f"{ANCHORS}add/", {"certificate_file": SimpleUploadedFile("ca.pem", content)}, follow=True)


def test_a_province_admin_adds_a_ca_certificate_once(province_admin: User) -> None:
    client, pem = client_for(province_admin), ca_certificate()
    response = add_anchor(client, pem)
    anchor = TrustAnchor.objects.get(name="CA Thử Tỉnh")
    assert (anchor.source, anchor.role, anchor.enabled) == (AnchorSource.ADDED, AnchorRole.ROOT, True)
    assert anchor.fingerprint_sha256 in response.content.decode()  # shown with subject and issuer
    assert len(audited("signing.trust_anchor_add")) == 1
    again = add_anchor(client, pem)
    assert again.context["adminform"].form.errors["certificate_file"]
    assert TrustAnchor.objects.filter(name="CA Thử Tỉnh").count() == 1


@pytest.mark.parametrize("content", [ca_certificate(ca=False, name="Không phải CA"), b"%PDF-1.7 not a certificate"])
def test_a_non_ca_or_unreadable_file_is_refused(content: bytes, province_admin: User) -> None:
    response = add_anchor(client_for(province_admin), content)
    assert response.context["adminform"].form.errors["certificate_file"]
    assert not TrustAnchor.objects.filter(source=AnchorSource.ADDED).exists()
    assert not audited("signing.trust_anchor_add")


def test_shipped_anchors_are_disabled_not_deleted(province_admin: User, signing_setup: SigningSetup) -> None:
    ensure_shipped_anchors()
    client = client_for(province_admin)
    shipped = TrustAnchor.objects.filter(source=AnchorSource.SHIPPED).first()
    assert shipped is not None
    assert client.get(f"{ANCHORS}{shipped.pk}/delete/").status_code == 403
    client.post(ANCHORS, {"action": "disable_anchors", "_selected_action": [shipped.pk], "index": 0})
    shipped.refresh_from_db()
    assert shipped.enabled is False
    assert len(audited("signing.trust_anchor_disable")) == 1
    add_anchor(client, ca_certificate())
    added = TrustAnchor.objects.get(source=AnchorSource.ADDED)
    assert client.post(f"{ANCHORS}{added.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not TrustAnchor.objects.filter(pk=added.pk).exists()
    assert len(audited("signing.trust_anchor_delete")) == 1


def test_disabling_the_test_root_makes_its_signatures_untrusted(
    province_admin: User, signing_setup: SigningSetup, signed_pdf: bytes
) -> None:
    test_root = TrustAnchor.objects.get(source=AnchorSource.TEST)
    client_for(province_admin).post(
        ANCHORS, {"action": "disable_anchors", "_selected_action": [test_root.pk], "index": 0}
    )
    report = facade.verify_pdf(signed_pdf)
    assert report.verdict == "untrusted"
    assert not any(sig.trusted for sig in report.signatures)
    client_for(province_admin).post(
        ANCHORS, {"action": "enable_anchors", "_selected_action": [test_root.pk], "index": 0}
    )
    assert facade.verify_pdf(signed_pdf).verdict == "valid"
    assert len(audited("signing.trust_anchor_enable")) == 1
