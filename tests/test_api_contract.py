"""The API as an integrator meets it: the OpenAPI document, the docs page and error bodies."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_openapi_document_lists_the_platform_endpoints(client: Client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    assert spec["info"]["title"] == "egov API"
    paths = set(spec["paths"])
    assert "/api/v1/calendar/add-working-days" in paths
    assert "/api/v1/identity/me" in paths


@pytest.mark.django_db
def test_docs_page_is_served(client: Client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


@pytest.mark.django_db
def test_unauthenticated_call_gets_bilingual_401(client: Client):
    response = client.get("/api/v1/identity/me")
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "not_authenticated"
    assert body["message"] != body["message_en"]  # Vietnamese first, English beside it


@pytest.mark.django_db
def test_unknown_api_path_is_404_not_500(client: Client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
