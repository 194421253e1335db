"""Signing a result through the one-stop engine: the specialist uploads the result drafted elsewhere and
submits it; the chairman approves it and signs it in his step (confirming with his password), the ward
seals it; both signatures verify with poppler's pdfsig, and only the leader of the step may do it."""

import json
import shutil
import subprocess
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from egov.dossiers.models import DossierFile
from egov.dossiers.tests.conftest import MONDAY_9AM, agency_of, user
from egov.identity.services.tokens import api_token_create
from egov.organisation.demo.data import DEMO_PASSWORD
from egov.signing.choices import CertificateKind
from egov.signing.services.documents import SampleDocument, sample_official_document_pdf
from egov.signing.services.testca import issue_test_certificate


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def bearer(username: str) -> dict[str, str]:
    _token, secret = api_token_create(user=user(username), name="test", acting_user=None)
    return {"Authorization": f"Bearer {secret}"}


def act(client: Client, who: dict[str, str], code: str, action: str, files: Any = None, **body: Any) -> Any:
    if files is None:
        return client.post(
            f"/api/v1/dossiers/{code}/actions/{action}", body, content_type="application/json", headers=who
        )
    return client.post(
        f"/api/v1/dossiers/{code}/actions/{action}", {"data": json.dumps(body), "files": files}, headers=who
    )


def ok(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.json()
    result: dict[str, Any] = response.json()
    return result


def pdfsig(path: Path) -> list[str]:
    tool = shutil.which("pdfsig") or "/usr/bin/pdfsig"
    out = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False).stdout  # noqa: S603
    return [line.split(":", 1)[1].strip() for line in out.splitlines() if "Signature Validation:" in line]


def test_the_chairman_signs_and_the_ward_seals_the_result(demo: None, travel: Any, tmp_path: Path) -> None:
    client = Client()
    desk, specialist, chairman = (
        bearer("ttpdonghoi_ngothithanhtam"),
        bearer("pdonghoi_tranvandung"),
        bearer("pdonghoi_nguyenvanhai"),
    )
    travel(MONDAY_9AM)
    response = client.post(
        "/api/v1/dossiers",
        {
            "agency_id": agency_of("ttpdonghoi").pk,
            "procedure_code": "1.001193",
            "channel": "counter",
            "applicant": {"full_name": "Nguyễn Văn Bình", "id_number": "044085001234"},
            "subject": "Đăng ký khai sinh cho con",
            "papers": [{"name": "Tờ khai đăng ký khai sinh", "originals": 1}],
        },
        content_type="application/json",
        headers=desk,
    )
    dossier = response.json()
    code = dossier["code"]
    travel(MONDAY_9AM + timedelta(hours=1))
    dossier = ok(act(client, desk, code, "forward", version=dossier["version"]))
    dossier = ok(act(client, specialist, code, "claim", version=dossier["version"]))

    leader = user("pdonghoi_nguyenvanhai")
    ward = agency_of("pdonghoi")
    result = sample_official_document_pdf(
        SampleDocument(agency_name=ward.name, signer_name=leader.get_full_name(), doc_type="Giấy khai sinh")
    )
    upload = BytesIO(result)
    upload.name = "giay-khai-sinh.pdf"
    dossier = ok(act(client, specialist, code, "attach_result", files=[upload], version=dossier["version"]))
    # The uploaded draft cannot be forwarded around: it is submitted to the signer (which forwards).
    response = act(client, specialist, code, "forward", version=dossier["version"])
    assert response.status_code == 409
    assert response.json()["code"] == "dossier.draft_open"
    dossier = ok(act(client, specialist, code, "submit_result", version=dossier["version"]))

    # Not before it is approved; then not without a certificate.
    response = act(client, chairman, code, "sign_result", version=dossier["version"], confirmation=DEMO_PASSWORD)
    assert response.status_code == 409
    assert response.json()["code"] == "dossier.no_such_draft"
    dossier = ok(act(client, chairman, code, "approve_result", version=dossier["version"]))
    response = act(client, chairman, code, "sign_result", version=dossier["version"], confirmation=DEMO_PASSWORD)
    assert response.status_code == 409
    assert response.json()["code"] == "signing.no_certificate"

    issue_test_certificate(
        kind=CertificateKind.PERSONAL,
        agency=ward,
        subject_name=leader.get_full_name(),
        user=leader,
        image_size_mm=(45, 22.5),
    )
    issue_test_certificate(kind=CertificateKind.SEAL, agency=ward, subject_name=ward.name)
    # The specialist has no signing step: refused.
    response = act(client, specialist, code, "sign_result", version=dossier["version"], confirmation=DEMO_PASSWORD)
    assert response.status_code == 403
    # Without his password: refused, nothing signed.
    response = act(client, chairman, code, "sign_result", version=dossier["version"])
    assert response.status_code == 403
    assert response.json()["code"] == "dossier.sign_confirmation"

    dossier = ok(act(client, chairman, code, "sign_result", version=dossier["version"], confirmation=DEMO_PASSWORD))
    signed = [f for f in dossier["files"] if f["is_signed"]]
    assert [f["name"] for f in signed] == ["giay-khai-sinh-ky-so.pdf"]
    record = DossierFile.objects.get(pk=signed[0]["id"])
    path = tmp_path / "signed.pdf"
    with record.file.open("rb") as handle:
        path.write_bytes(handle.read())
    assert pdfsig(path) == ["Signature is Valid.", "Signature is Valid."]
    events = client.get(f"/api/v1/dossiers/{code}/events", headers=desk).json()
    assert [e["action"] for e in events[-2:]] == ["sign_result", "resolve"]

    # Signing the result completed the chairman's step: the result is ready. Nothing is left to sign.
    assert dossier["status"]["code"] == "resolved"
    response = act(client, chairman, code, "sign_result", version=dossier["version"], confirmation=DEMO_PASSWORD)
    assert response.status_code == 409
    assert response.json()["code"] == "dossier.no_such_draft"

    # After the step: a corrected result attached by the desk is approved and signed by the chairman as leader.
    again = BytesIO(result)
    again.name = "giay-khai-sinh-dinh-chinh.pdf"
    dossier = ok(act(client, desk, code, "attach_result", files=[again], version=dossier["version"]))
    dossier = ok(act(client, desk, code, "submit_result", version=dossier["version"]))
    dossier = ok(act(client, chairman, code, "approve_result", version=dossier["version"]))
    dossier = ok(act(client, chairman, code, "sign_result", version=dossier["version"], confirmation=DEMO_PASSWORD))
    assert sorted(f["name"] for f in dossier["files"] if f["is_signed"]) == [
        "giay-khai-sinh-dinh-chinh-ky-so.pdf",
        "giay-khai-sinh-ky-so.pdf",
    ]
