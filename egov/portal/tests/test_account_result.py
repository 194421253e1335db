"""“Hồ sơ của tôi” once the result is ready: the signed copy to download, the rating (once)."""

# ruff: noqa: F811 - the fixtures of the one-stop engine's tests are imported by name

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from egov.dossiers.contracts import UploadedFile
from egov.dossiers.models import Dossier, DossierFile, Rating
from egov.dossiers.tests.conftest import (  # noqa: F401 - demo and travel are fixtures
    MONDAY_9AM,
    agency_of,
    demo,
    travel,
    user,
)
from egov.identity.models import User
from egov.organisation.demo.data import DEMO_PASSWORD
from egov.portal.tests.test_account import DESK, LIST, PDF, SPECIALIST, act, citizen, submit
from egov.signing.choices import CertificateKind
from egov.signing.services.documents import SampleDocument, sample_official_document_pdf
from egov.signing.services.testca import issue_test_certificate

CHAIRMAN = "pdonghoi_nguyenvanhai"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def ha(demo: None) -> User:
    return citizen("Lê Thị Thu Hà", "045192003344", "0912345678")


def certificates() -> None:
    ward, chairman = agency_of("pdonghoi"), user(CHAIRMAN)
    issue_test_certificate(
        kind=CertificateKind.PERSONAL, agency=ward, subject_name=chairman.get_full_name(), user=chairman
    )
    issue_test_certificate(kind=CertificateKind.SEAL, agency=ward, subject_name=ward.name)


def with_draft_result(owner: User, travel: Any) -> Dossier:
    """Through the ward's process up to the chairman, with the draft result and an officer's working file."""
    travel(MONDAY_9AM)
    dossier = act(DESK, submit(owner), "accept")
    travel(MONDAY_9AM + timedelta(hours=1))
    dossier = act(DESK, dossier, "forward")
    travel(MONDAY_9AM + timedelta(hours=2))
    pdf = sample_official_document_pdf(
        SampleDocument(agency_name=agency_of("pdonghoi").name, signer_name=user(CHAIRMAN).get_full_name())
    )
    draft = UploadedFile("giay-khai-sinh.pdf", pdf, "application/pdf")
    dossier = act(SPECIALIST, dossier, "attach_result", files=(draft,))
    note = UploadedFile("phieu-kiem-tra.pdf", PDF, "application/pdf")
    dossier = act(SPECIALIST, dossier, "note", note="Đã đối chiếu dữ liệu", files=(note,))
    return act(SPECIALIST, dossier, "submit_result")


def test_the_result_is_the_signed_copy_and_nothing_internal_is_shown(client: Client, ha: User, travel: Any) -> None:
    # given a draft result waiting for the chairman's signature
    dossier = with_draft_result(ha, travel)
    draft = DossierFile.objects.get(dossier=dossier, kind="result")
    working = DossierFile.objects.get(dossier=dossier, kind="working")
    client.force_login(ha)
    base = f"{LIST}{dossier.code}/"
    # then neither the draft nor the officer's file is Hà's to see yet
    html = client.get(base).content.decode()
    assert "giay-khai-sinh" not in html
    assert "phieu-kiem-tra" not in html
    assert client.get(f"{base}tep/{draft.pk}/").status_code == 404
    # when the chairman signs the result and signs off his step
    certificates()
    travel(MONDAY_9AM + timedelta(hours=3))
    dossier = act(CHAIRMAN, dossier, "approve_result")
    dossier = act(CHAIRMAN, dossier, "sign_result", confirmation=DEMO_PASSWORD)  # completes his step
    assert dossier.status == "resolved"
    signed = DossierFile.objects.get(dossier=dossier, is_signed=True)
    # then the page offers the signed copy only, with the way to check its signatures
    response = client.get(base)
    html = response.content.decode()
    assert [f.name for f in response.context["dossier"].results] == ["giay-khai-sinh-ky-so.pdf"]
    assert f'href="{base}tep/{signed.pk}/"' in html
    assert f'href="{base}tep/{draft.pk}/"' not in html
    assert 'href="/kiem-tra-chu-ky-so/"' in html
    download = client.get(f"{base}tep/{signed.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert 'attachment; filename="giay-khai-sinh-ky-so.pdf"' in download["Content-Disposition"]
    with signed.file.open("rb") as handle:
        assert b"".join(download.streaming_content) == handle.read()  # type: ignore[attr-defined]
    # the unsigned original and the working file stay out of reach
    assert client.get(f"{base}tep/{draft.pk}/").status_code == 404
    assert client.get(f"{base}tep/{working.pk}/").status_code == 404
    assert "phieu-kiem-tra" not in html


def test_the_service_is_rated_once(client: Client, ha: User, travel: Any) -> None:
    # given a resolved dossier (the draft result approved and signed: only an approved draft is signed,
    # and the step cannot be signed off around it)
    dossier = with_draft_result(ha, travel)
    travel(MONDAY_9AM + timedelta(hours=3))
    certificates()
    dossier = act(CHAIRMAN, dossier, "approve_result")
    dossier = act(CHAIRMAN, dossier, "sign_result", confirmation=DEMO_PASSWORD)
    client.force_login(ha)
    base = f"{LIST}{dossier.code}/"
    html = client.get(base).content.decode()
    assert f'action="{base}danh-gia/"' in html
    assert 'type="radio" name="score" value="5"' in html
    assert "giay-khai-sinh-ky-so.pdf" in html
    # without a score: asked again
    response = client.post(f"{base}danh-gia/", {"version": dossier.version, "comment": "Nhanh"})
    assert response.status_code == 400
    assert 'href="#id_score_0"' in response.content.decode()
    # when she rates
    response = client.post(
        f"{base}danh-gia/", {"version": dossier.version, "score": "4", "comment": "Cán bộ nhiệt tình"}
    )
    assert response.status_code == 302
    rating = Rating.objects.get(dossier=dossier)
    assert (rating.score, rating.comment, rating.rated_by) == (4, "Cán bộ nhiệt tình", ha)
    html = client.get(base).content.decode()
    assert "Cán bộ nhiệt tình" in html
    assert "danh-gia/" not in html
    # a second rating (an old tab) is refused with a clear message
    fresh = Dossier.objects.get(pk=dossier.pk)
    response = client.post(f"{base}danh-gia/", {"version": fresh.version, "score": "1"})
    assert response.status_code == 409
    with translation.override("vi"):
        expected = str(translation.gettext("This dossier has already been rated."))
    assert expected in response.content.decode()
    assert Rating.objects.get(dossier=dossier).score == 4
