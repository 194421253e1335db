"""``/api/v1/dossiers``: refusals (illegal transition, stale version, other agency, citizens, bad
input), lists with filters, online submission, downloads and the OpenAPI document."""

import json
from io import BytesIO
from typing import Any

import pytest
from django.test import Client

from egov.dossiers.models import Dossier
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, agency_of, user
from egov.identity.models import User
from egov.identity.services.tokens import api_token_create

DESK = "ttpdonghoi_ngothithanhtam"
OTHER_DESK = "ttpdongha_lethiquynh"  # Đông Hà ward: another agency
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def bearer(username: str) -> dict[str, str]:
    _token, secret = api_token_create(user=user(username), name="test", acting_user=None)
    return {"Authorization": f"Bearer {secret}"}


def post_json(client: Client, url: str, body: Any, headers: dict[str, str] | None = None) -> Any:
    return client.post(url, body, content_type="application/json", headers=headers or {})


def citizen_client() -> Client:
    """Citizens cannot hold API tokens (tokens are for staff and integration accounts): their session."""
    client = Client()
    client.force_login(User.objects.get(citizen_id="044085001234"))
    return client


@pytest.fixture
def dossier(receive_birth: ReceiveFn, travel: Any) -> Dossier:
    travel(MONDAY_9AM)
    return receive_birth()


def test_an_illegal_transition_is_409_with_its_code_and_both_messages(dossier: Dossier) -> None:
    url = f"/api/v1/dossiers/{dossier.code}/actions/return_result"
    response = post_json(Client(), url, {"version": dossier.version}, bearer(DESK))
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "dossier.illegal_transition"
    assert "Being processed" in body["message_en"]
    assert body["message"]  # the Vietnamese message beside it


def test_a_stale_version_is_a_409_conflict(dossier: Dossier) -> None:
    client, desk = Client(), bearer(DESK)
    seen = dossier.version
    assert (
        post_json(
            client, f"/api/v1/dossiers/{dossier.code}/actions/note", {"version": seen, "note": "Đã gọi"}, desk
        ).status_code
        == 200
    )
    response = post_json(client, f"/api/v1/dossiers/{dossier.code}/actions/forward", {"version": seen}, desk)
    assert response.status_code == 409
    assert response.json()["code"] == "dossier.conflict"
    assert Dossier.objects.get(pk=dossier.pk).status == "processing"  # nothing moved


def test_another_agencys_officer_gets_404_on_read_and_act(dossier: Dossier) -> None:
    client, other = Client(), bearer(OTHER_DESK)
    for url in (f"/api/v1/dossiers/{dossier.code}", f"/api/v1/dossiers/{dossier.code}/events"):
        response = client.get(url, headers=other)
        assert (response.status_code, response.json()["code"]) == (404, "dossier.not_found")
    response = post_json(
        client, f"/api/v1/dossiers/{dossier.code}/actions/forward", {"version": dossier.version}, other
    )
    assert (response.status_code, response.json()["code"]) == (404, "dossier.not_found")
    response = post_json(client, f"/api/v1/dossiers/{dossier.code}/rating", {"score": 5}, other)
    assert response.status_code == 404
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version
    listed = client.get("/api/v1/dossiers", headers=other).json()
    assert dossier.code not in [item["code"] for item in listed["items"]]


def test_a_citizen_gets_403_on_staff_endpoints(dossier: Dossier) -> None:
    client = citizen_client()  # the applicant of this very dossier
    intake = {"agency_id": agency_of("ttpdonghoi").pk, "procedure_code": "1.001193", "applicant": {"full_name": "A"}}
    responses = [
        client.get("/api/v1/dossiers"),
        client.get(f"/api/v1/dossiers/{dossier.code}"),
        client.get(f"/api/v1/dossiers/{dossier.code}/events"),
        post_json(client, "/api/v1/dossiers", intake),
        post_json(client, f"/api/v1/dossiers/{dossier.code}/actions/withdraw", {"version": dossier.version}),
    ]
    assert [r.status_code for r in responses] == [403] * 5
    assert {r.json()["code"] for r in responses} == {"dossier.staff_only"}


def test_anonymous_callers_get_401(dossier: Dossier) -> None:
    response = Client().get(f"/api/v1/dossiers/{dossier.code}")
    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")


def test_bad_input_is_a_4xx_never_a_500(dossier: Dossier) -> None:
    client, desk = Client(), bearer(DESK)
    action = f"/api/v1/dossiers/{dossier.code}/actions/forward"
    broken = client.post("/api/v1/dossiers", "{not json", content_type="application/json", headers=desk)
    assert broken.status_code == 400
    broken = client.post(action, "{not json", content_type="application/json", headers=desk)
    assert (broken.status_code, broken.json()["code"]) == (400, "invalid_json")
    assert client.post(action, "[1, 2]", content_type="application/json", headers=desk).status_code == 400
    missing_version = post_json(client, action, {"note": "x"}, desk)
    assert (missing_version.status_code, missing_version.json()["code"]) == (422, "invalid_input")
    assert post_json(client, action, {"version": "abc"}, desk).status_code == 422
    online_at_desk = {
        "agency_id": agency_of("ttpdonghoi").pk,
        "procedure_code": "1.001193",
        "channel": "online_full",
        "applicant": {"full_name": "Nguyễn Văn Bình"},
    }
    assert post_json(client, "/api/v1/dossiers", online_at_desk, desk).status_code == 422
    unknown_procedure = online_at_desk | {"channel": "counter", "procedure_code": "9.999999"}
    response = post_json(client, "/api/v1/dossiers", unknown_procedure, desk)
    assert (response.status_code, response.json()["code"]) == (404, "dossier.procedure_not_found")
    response = post_json(client, f"/api/v1/dossiers/{dossier.code}/actions/fly", {"version": dossier.version}, desk)
    assert (response.status_code, response.json()["code"]) == (404, "dossier.unknown_action")
    assert client.get("/api/v1/dossiers?worklist=nope", headers=desk).status_code == 422
    assert client.get("/api/v1/dossiers?limit=0", headers=desk).status_code == 422


def test_only_desk_officers_receive(demo: None) -> None:
    intake = {
        "agency_id": agency_of("ttpdonghoi").pk,
        "procedure_code": "1.001193",
        "applicant": {"full_name": "Nguyễn Văn Bình"},
    }
    response = post_json(Client(), "/api/v1/dossiers", intake, bearer("pdonghoi_tranvandung"))  # a specialist
    assert response.status_code == 403


def test_files_go_only_with_actions_that_keep_them(dossier: Dossier) -> None:
    upload = BytesIO(PDF)
    upload.name = "giay.pdf"
    response = Client().post(
        f"/api/v1/dossiers/{dossier.code}/actions/forward",
        {"data": json.dumps({"version": dossier.version}), "files": [upload]},
        headers=bearer(DESK),
    )
    assert (response.status_code, response.json()["code"]) == (400, "dossier.files_not_accepted")
    fake = BytesIO(b"MZ not a pdf")
    fake.name = "virus.pdf"
    response = Client().post(
        f"/api/v1/dossiers/{dossier.code}/actions/note",
        {"data": json.dumps({"version": dossier.version}), "files": [fake]},
        headers=bearer(DESK),
    )
    assert (response.status_code, response.json()["code"]) == (400, "dossier.file_type")


def test_the_list_filters_and_pages_a_worklist(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    codes = {receive_birth().code for _ in range(3)}
    client, desk = Client(), bearer(DESK)
    page = client.get("/api/v1/dossiers?worklist=mine&limit=2&offset=0", headers=desk).json()
    assert (page["count"], page["limit"], len(page["items"])) == (3, 2, 2)
    rest = client.get("/api/v1/dossiers?worklist=mine&limit=2&offset=2", headers=desk).json()
    assert {item["code"] for item in page["items"] + rest["items"]} == codes
    item = rest["items"][0]
    assert item["procedure"]["code"] == "1.001193"
    assert item["status"]["national_code"] == "4"
    one = sorted(codes)[0]
    found = client.get(f"/api/v1/dossiers?q={one}&status=processing", headers=desk).json()
    assert [i["code"] for i in found["items"]] == [one]
    assert client.get("/api/v1/dossiers?status=returned", headers=desk).json()["count"] == 0
    # A province administrator oversees every agency.
    overseen = client.get("/api/v1/dossiers?worklist=all", headers=bearer("skhcn_nguyenducthang")).json()
    assert codes <= {i["code"] for i in overseen["items"]}


def test_detail_and_download_check_visibility(dossier: Dossier) -> None:
    client, desk = Client(), bearer(DESK)
    upload = BytesIO(PDF)
    upload.name = "to-khai.pdf"
    body = {"data": json.dumps({"version": dossier.version, "note": "Bản quét tờ khai"}), "files": [upload]}
    response = client.post(f"/api/v1/dossiers/{dossier.code}/actions/note", body, headers=desk)
    assert response.status_code == 200, response.json()
    detail = client.get(f"/api/v1/dossiers/{dossier.code}", headers=desk).json()
    assert detail["applicant"]["id_number"] == "044085001234"  # staff see the applicant in full
    assert detail["tasks"][0]["name"]
    assert detail["tasks"][0]["assignee_name"] == "Ngô Thị Thanh Tâm"
    (stored,) = detail["files"]
    assert (stored["kind"], stored["content_type"], stored["size"]) == ("working", "application/pdf", len(PDF))
    download = client.get(stored["url"], headers=desk)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert client.get(stored["url"], headers=bearer(OTHER_DESK)).status_code == 404
    assert client.get(f"/api/v1/dossiers/{dossier.code}/files/999999", headers=desk).status_code == 404


def test_a_citizen_submits_online_and_the_desk_accepts(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    body = {
        "agency_id": agency_of("ttpdonghoi").pk,
        "procedure_code": "1.001193",
        "channel": "online_full",
        "applicant": {"address": "Phường Đồng Hới"},
    }
    response = post_json(citizen_client(), "/api/v1/dossiers/online", body)
    assert response.status_code == 201, response.json()
    submitted = response.json()
    assert submitted["status"]["code"] == "submitted"
    assert submitted["status"]["national_code"] == "1"
    assert submitted["tracking_url"].endswith(f"/tra-cuu/{submitted['code']}/")
    stored = Dossier.objects.get(code=submitted["code"])
    assert (stored.applicant_name, stored.applicant_id_number) == ("Nguyễn Văn Bình", "044085001234")
    # Staff accounts do not submit online; the desk accepts from its "to receive" list.
    assert post_json(Client(), "/api/v1/dossiers/online", body, bearer(DESK)).status_code == 403
    desk = bearer(DESK)
    waiting = Client().get("/api/v1/dossiers?worklist=to_receive", headers=desk).json()
    assert submitted["code"] in [i["code"] for i in waiting["items"]]
    url = f"/api/v1/dossiers/{submitted['code']}/actions/accept"
    accepted = post_json(Client(), url, {"version": submitted["version"]}, desk)
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["status"]["code"] == "processing"


def test_the_openapi_document_describes_every_endpoint_and_its_errors(db: None) -> None:
    spec = Client().get("/api/v1/openapi.json").json()
    paths = spec["paths"]
    expected = {
        ("/api/v1/dossiers", "post"),
        ("/api/v1/dossiers", "get"),
        ("/api/v1/dossiers/online", "post"),
        ("/api/v1/dossiers/{code}", "get"),
        ("/api/v1/dossiers/{code}/events", "get"),
        ("/api/v1/dossiers/{code}/actions/{action}", "post"),
        ("/api/v1/dossiers/{code}/rating", "post"),
        ("/api/v1/dossiers/{code}/files/{file_id}", "get"),
        ("/api/v1/track/{code}", "get"),
    }
    for path, method in expected:
        operation = paths[path][method]
        assert operation["summary"], path
        assert operation["description"], path
        assert operation["responses"]["404"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorOut"
        }, path
    action = paths["/api/v1/dossiers/{code}/actions/{action}"]["post"]
    assert set(action["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert paths["/api/v1/track/{code}"]["get"].get("security") is None  # public
    assert "429" in paths["/api/v1/track/{code}"]["get"]["responses"]
