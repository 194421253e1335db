"""The identity routes as the real project URLconf (config/urls.py, config/api.py) serves them."""

import pytest
from django.urls import reverse

from egov.identity.services.tokens import api_token_create
from egov.identity.tests.factories import PASSWORD

pytestmark = pytest.mark.urls("config.urls")


@pytest.mark.django_db
def test_named_routes_resolve_in_the_project():
    assert reverse("identity:login") == "/accounts/login/"
    assert reverse("identity:citizen_login") == "/accounts/citizen/login/"
    assert reverse("identity:citizen_register") == "/accounts/citizen/register/"
    assert reverse("identity:logout") == "/accounts/logout/"


@pytest.mark.django_db
def test_me_works_with_a_token_and_with_a_session(client, staff_user):
    _, secret = api_token_create(user=staff_user, name="wiring", acting_user=None)
    assert client.get("/api/v1/identity/me", HTTP_AUTHORIZATION=f"Bearer {secret}").json()["id"] == staff_user.pk
    client.post("/accounts/login/", {"username": staff_user.username, "password": PASSWORD})
    assert client.get("/api/v1/identity/me").json()["id"] == staff_user.pk


@pytest.mark.django_db
def test_openapi_documents_bearer_and_session_auth(client):
    spec = client.get("/api/v1/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert schemes["BearerTokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["in"] == "cookie"
    assert "/api/v1/identity/tokens" in spec["paths"]
    assert "/api/v1/identity/tokens/{token_id}" in spec["paths"]


@pytest.mark.django_db
def test_login_pages_render_in_the_project_layout(client):
    for url in ("/accounts/login/", "/accounts/citizen/login/", "/accounts/citizen/register/"):
        response = client.get(url)
        assert response.status_code == 200
        assert 'class="site-header"' in response.content.decode()
