import re

import pytest
from django.db import IntegrityError, transaction
from django.http import HttpResponse

from egov.core.models import AuditEntry
from egov.identity.models import User, UserKind
from egov.identity.tests.factories import PASSWORD, make_citizen, make_staff

REGISTER = "/accounts/citizen/register/"
CITIZEN_LOGIN = "/accounts/citizen/login/"


def _registration(**overrides: str) -> dict[str, str]:
    data = {
        "full_name": "  Lê   Thị Hồng ",
        "citizen_id": "045 199 001 234",
        "phone": "+84 912 000 111",
        "email": "hong@example.vn",
        "password1": "Mat-khau-rat-dai-9",
        "password2": "Mat-khau-rat-dai-9",
    }
    data.update(overrides)
    return data


def _normalized(response: HttpResponse, login: str) -> str:
    """The page without the per-render CSRF token and the echoed login."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return html.replace(login, "X")


@pytest.mark.django_db
def test_registration_creates_a_citizen_account_and_logs_in(client):
    # when
    response = client.post(REGISTER, _registration())
    # then
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(citizen_id="045199001234")
    assert (user.kind, user.full_name, user.phone, user.email) == (
        UserKind.CITIZEN,
        "Lê Thị Hồng",
        "0912000111",
        "hong@example.vn",
    )
    assert (user.is_staff, user.is_superuser) == (False, False)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert AuditEntry.objects.get(action="identity.citizen_register").object_id == str(user.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("citizen_id", "message"),
    [
        ("04519900123", "đúng 12 chữ số"),
        ("04519900123A", "đúng 12 chữ số"),
        ("000199001234", "mã tỉnh"),
        ("097199001234", "mã tỉnh"),
        ("003199001234", "mã tỉnh"),
    ],
)
def test_registration_rejects_malformed_citizen_id(client, citizen_id, message):
    response = client.post(REGISTER, _registration(citizen_id=citizen_id))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'aria-describedby="id_citizen_id_helptext id_citizen_id_error"' in html
    assert User.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["001", "048", "079", "096"])
def test_registration_accepts_every_listed_province_code(client, code):
    response = client.post(REGISTER, _registration(citizen_id=f"{code}199001234"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_registration_refuses_an_existing_citizen_id_and_phone(client, citizen_user):
    response = client.post(REGISTER, _registration(citizen_id=citizen_user.citizen_id, phone=citizen_user.phone))
    assert response.status_code == 400
    html = response.content.decode()
    assert "số định danh cá nhân này đã tồn tại" in html
    assert "số điện thoại này đã tồn tại" in html
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_registration_enforces_password_rules(client):
    response = client.post(REGISTER, _registration(password1="12345678", password2="12345678"))
    assert response.status_code == 400
    assert 'id="id_password1_error"' in response.content.decode()
    response = client.post(REGISTER, _registration(password2="Something-else-9"))
    assert 'id="id_password2_error"' in response.content.decode()
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_registration_is_rate_limited_by_ip(client, settings):
    settings.IDENTITY_REGISTER_IP_LIMIT = 2
    client.post(REGISTER, _registration(citizen_id="001199000001", phone="0912000001"))
    client.logout()
    client.post(REGISTER, _registration(citizen_id="001199000002", phone="0912000002"))
    client.logout()
    response = client.post(REGISTER, _registration(citizen_id="001199000003", phone="0912000003"))
    assert response.status_code == 429
    assert "Retry-After" in response
    assert not User.objects.filter(citizen_id="001199000003").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("identifier", ["045099012345", "0912345678", "+84912345678", "0912 345 678"])
def test_citizen_logs_in_by_id_number_or_phone(client, citizen_user, identifier):
    response = client.post(CITIZEN_LOGIN, {"identifier": identifier, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(citizen_user.pk)


@pytest.mark.django_db
def test_citizen_login_failure_is_generic(client, citizen_user):
    wrong = client.post(CITIZEN_LOGIN, {"identifier": "045099012345", "password": "nope"})
    unknown = client.post(CITIZEN_LOGIN, {"identifier": "045099099999", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 400
    assert _normalized(wrong, "045099012345") == _normalized(unknown, "045099099999")


@pytest.mark.django_db
def test_staff_cannot_use_citizen_login(client):
    staff = make_staff(username="045099012399", phone="0912999999")
    for identifier in (staff.username, staff.phone):
        response = client.post(CITIZEN_LOGIN, {"identifier": identifier, "password": PASSWORD})
        assert response.status_code == 400
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_citizen_lockout_counts_id_and_phone_together(client, citizen_user, settings):
    settings.IDENTITY_LOCKOUT_THRESHOLD = 2
    client.post(CITIZEN_LOGIN, {"identifier": "045099012345", "password": "bad"})
    client.post(CITIZEN_LOGIN, {"identifier": "0912345678", "password": "bad"})
    response = client.post(CITIZEN_LOGIN, {"identifier": "045099012345", "password": PASSWORD})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="identity.locked").count() == 1


@pytest.mark.django_db
def test_citizen_login_is_rate_limited_by_ip(client, citizen_user, settings):
    settings.IDENTITY_LOGIN_IP_LIMIT = 1
    client.post(CITIZEN_LOGIN, {"identifier": "0", "password": "x"})
    response = client.post(CITIZEN_LOGIN, {"identifier": "045099012345", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_database_refuses_a_citizen_with_staff_flags():
    citizen = make_citizen()
    citizen.is_staff = True
    with pytest.raises(IntegrityError), transaction.atomic():
        citizen.save()
    citizen.is_staff = False
    citizen.is_superuser = True
    with pytest.raises(IntegrityError), transaction.atomic():
        citizen.save()


@pytest.mark.django_db
def test_two_citizens_cannot_share_a_phone_but_staff_can():
    make_citizen(phone="0912000555")
    make_staff(phone="0912000555")
    make_staff(phone="0912000555")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_citizen(phone="0912000555")
