import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from egov.core.models import AuditEntry
from egov.identity.models import LoginLockout
from egov.identity.tests.factories import PASSWORD, make_staff

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

VN = ZoneInfo("Asia/Ho_Chi_Minh")
LOGIN = "/accounts/login/"
GENERIC = "Tên đăng nhập hoặc mật khẩu không đúng."


def _post_login(client: Client, username: str, password: str, **extra: str) -> "_MonkeyPatchedWSGIResponse":
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def _normalized(response: "_MonkeyPatchedWSGIResponse", login: str) -> str:
    """The page without the per-render CSRF token and the echoed login."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return html.replace(login, "X")


@pytest.mark.django_db
def test_login_url_is_named_identity_login():
    assert reverse("identity:login") == LOGIN


@pytest.mark.django_db
def test_staff_login_succeeds_and_is_audited(client, staff_user):
    # when
    response = _post_login(client, "nguyenvana", PASSWORD)
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("console:home")
    assert client.session["_auth_user_id"] == str(staff_user.pk)
    entry = AuditEntry.objects.get(action="identity.login")
    assert (entry.actor_id, entry.object_id, entry.changes["method"]) == (staff_user.pk, str(staff_user.pk), "password")


@pytest.mark.django_db
def test_login_redirects_to_safe_next_only(client, staff_user):
    response = _post_login(client, "nguyenvana", PASSWORD, next="/staff/dossiers/")
    assert response["Location"] == "/staff/dossiers/"
    client.logout()
    response = _post_login(client, "nguyenvana", PASSWORD, next="https://evil.example/steal")
    assert response["Location"] == reverse("console:home")


@pytest.mark.django_db
def test_wrong_password_is_refused_with_generic_message_and_audited(client, staff_user):
    response = _post_login(client, "nguyenvana", "wrong-password")
    assert response.status_code == 400
    assert GENERIC in response.content.decode()
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.get(action="identity.login_failed")
    assert entry.actor_id is None
    assert entry.object_id == str(staff_user.pk)
    assert entry.changes["reason"] == "bad_credentials"


@pytest.mark.django_db
def test_unknown_username_and_wrong_password_look_the_same(client, staff_user):
    # given one existing and one unknown username
    wrong_password = _post_login(client, "nguyenvana", "wrong-password")
    unknown_user = _post_login(client, "nobody-here", "wrong-password")
    # then the responses differ only in the echoed username
    assert wrong_password.status_code == unknown_user.status_code == 400
    assert _normalized(wrong_password, "nguyenvana") == _normalized(unknown_user, "nobody-here")


@pytest.mark.django_db
def test_unknown_username_locks_like_a_real_one(client, settings):
    settings.IDENTITY_LOCKOUT_THRESHOLD = 2
    _post_login(client, "ghost", "a")
    response = _post_login(client, "ghost", "b")
    assert response.status_code == 400
    assert "bị khoá" in response.content.decode()
    assert LoginLockout.objects.get(login_key="staff:ghost").locked_until is not None


@pytest.mark.django_db
def test_lockout_after_five_failures_then_unlock_after_fifteen_minutes(client, staff_user):
    start = datetime(2026, 3, 2, 8, 0, tzinfo=VN)
    with time_machine.travel(start, tick=False):
        for _ in range(4):
            assert _post_login(client, "nguyenvana", "wrong").status_code == 400
        assert AuditEntry.objects.filter(action="identity.locked").count() == 0
        # the fifth failure locks
        fifth = _post_login(client, "nguyenvana", "wrong")
        assert "15 phút" in fifth.content.decode()
        assert AuditEntry.objects.filter(action="identity.locked").count() == 1
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        # even the right password is refused while locked, and the lock is not extended
        locked = _post_login(client, "nguyenvana", PASSWORD)
        assert locked.status_code == 400
        assert "_auth_user_id" not in client.session
        assert "1 phút" in locked.content.decode()
        assert AuditEntry.objects.filter(action="identity.login_failed", changes__reason="locked").count() == 1
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        response = _post_login(client, "nguyenvana", PASSWORD)
        assert response.status_code == 302
        assert not LoginLockout.objects.filter(login_key="staff:nguyenvana").exists()


@pytest.mark.django_db
def test_failures_outside_the_window_do_not_accumulate(client, staff_user):
    start = datetime(2026, 3, 2, 8, 0, tzinfo=VN)
    with time_machine.travel(start, tick=False):
        for _ in range(4):
            _post_login(client, "nguyenvana", "wrong")
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        _post_login(client, "nguyenvana", "wrong")
        assert _post_login(client, "nguyenvana", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_lockout_uses_settings(client, staff_user, settings):
    settings.IDENTITY_LOCKOUT_THRESHOLD = 3
    settings.IDENTITY_LOCKOUT_MINUTES = 60
    start = datetime(2026, 3, 2, 8, 0, tzinfo=VN)
    with time_machine.travel(start, tick=False):
        for _ in range(3):
            _post_login(client, "nguyenvana", "wrong")
    with time_machine.travel(start + timedelta(minutes=59), tick=False):
        assert _post_login(client, "nguyenvana", PASSWORD).status_code == 400
    with time_machine.travel(start + timedelta(minutes=60, seconds=1), tick=False):
        assert _post_login(client, "nguyenvana", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_citizen_cannot_use_staff_login(client, citizen_user):
    response = _post_login(client, citizen_user.username, PASSWORD)
    assert response.status_code == 400
    assert "tài khoản công dân" in response.content.decode()
    assert reverse("identity:citizen_login") in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.get(action="identity.login_failed").changes["reason"] == "wrong_kind"


@pytest.mark.django_db
def test_service_account_cannot_use_staff_login(client):
    make_staff(username="lgsp", kind="service")
    response = _post_login(client, "lgsp", PASSWORD)
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_inactive_staff_gets_the_generic_message(client):
    make_staff(username="retired", is_active=False)
    response = _post_login(client, "retired", PASSWORD)
    assert response.status_code == 400
    assert GENERIC in response.content.decode()


@pytest.mark.django_db
def test_login_post_without_csrf_token_is_refused(staff_user):
    client = Client(enforce_csrf_checks=True)
    response = _post_login(client, "nguyenvana", PASSWORD)
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_post_with_csrf_token_is_accepted(staff_user):
    client = Client(enforce_csrf_checks=True)
    page = client.get(LOGIN)
    token = page.cookies["csrftoken"].value
    response = _post_login(client, "nguyenvana", PASSWORD, csrfmiddlewaretoken=token)
    assert response.status_code == 302


@pytest.mark.django_db
def test_login_page_is_accessible_markup(client):
    response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_username">' in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html


@pytest.mark.django_db
def test_errors_are_tied_to_fields(client):
    response = client.post(LOGIN, {"username": "", "password": ""})
    html = response.content.decode()
    assert 'id="id_username_error"' in html
    assert 'aria-describedby="id_username_error"' in html
    assert 'aria-invalid="true"' in html


@pytest.mark.django_db
def test_client_ip_is_throttled_with_429(client, settings, staff_user):
    settings.IDENTITY_LOGIN_IP_LIMIT = 3
    for i in range(3):
        assert _post_login(client, f"user{i}", "x").status_code == 400
    response = _post_login(client, "nguyenvana", PASSWORD)
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "Quá nhiều lần thử" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_logout_requires_post_and_is_audited(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/accounts/logout/").status_code == 302  # to a page with the button; still logged in
    assert "_auth_user_id" in client.session
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.get(action="identity.logout").actor_id == staff_user.pk
