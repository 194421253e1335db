import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from egov.identity.access import staff_required


@staff_required
def _staff_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("secret staff page")


@pytest.mark.django_db
def test_staff_required_lets_staff_in(staff_user):
    request = RequestFactory().get("/staff/x/")
    request.user = staff_user
    assert _staff_view(request).status_code == 200


@pytest.mark.django_db
def test_staff_required_refuses_citizens(citizen_user):
    request = RequestFactory().get("/staff/x/")
    request.user = citizen_user
    response = _staff_view(request)
    assert response.status_code == 403
    assert b"secret staff page" not in response.content


@pytest.mark.django_db
def test_staff_required_sends_anonymous_to_staff_login():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/staff/x/")
    request.user = AnonymousUser()
    response = _staff_view(request)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/staff/x/"


@pytest.mark.django_db
def test_middleware_keeps_citizen_sessions_out_of_staff_pages(client, settings, citizen_user, staff_user):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "egov.identity.access.StaffAreaMiddleware"]
    client.force_login(citizen_user)
    refused = client.get("/staff/")
    assert refused.status_code == 403
    assert "chỉ dành cho cán bộ" in refused.content.decode()
    assert client.get("/").status_code == 200
    client.force_login(staff_user)
    assert client.get("/staff/").status_code == 200
