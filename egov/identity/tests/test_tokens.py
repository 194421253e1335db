from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client

from egov.core.models import AuditEntry
from egov.identity.models import ApiToken
from egov.identity.services.tokens import api_token_create, token_hash
from egov.identity.tests.factories import make_citizen, make_staff

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ME = "/api/v1/identity/me"
TOKENS = "/api/v1/identity/tokens"


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def integrator(db):
    return make_staff(username="lgsp-bot", kind="service", full_name="LGSP")


@pytest.mark.django_db
def test_valid_token_authenticates_as_its_user(client, integrator):
    token, secret = api_token_create(user=integrator, name="LGSP", acting_user=None)
    response = client.get(ME, headers=_bearer(secret))
    assert response.status_code == 200
    assert response.json() == {"id": integrator.pk, "username": "lgsp-bot", "full_name": "LGSP", "kind": "service"}
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.django_db
def test_only_hash_and_prefix_are_stored(integrator):
    token, secret = api_token_create(user=integrator, name="LGSP", acting_user=None)
    row = ApiToken.objects.values().get(pk=token.pk)
    assert secret not in str(row)
    assert row["token_hash"] == token_hash(secret)
    assert secret.startswith(row["prefix"])
    assert len(row["prefix"]) == 12


@pytest.mark.django_db
def test_token_is_scoped_to_its_user_even_with_another_session(client, integrator, staff_user):
    _, secret = api_token_create(user=integrator, name="LGSP", acting_user=None)
    client.force_login(staff_user)
    assert client.get(ME, headers=_bearer(secret)).json()["id"] == integrator.pk
    assert client.get(ME).json()["id"] == staff_user.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    [
        "Bearer egov_" + "A" * 43,  # well-formed, unknown
        "Bearer not-a-token",
        "Bearer egov_short",
        "Bearer ",
    ],
)
def test_unknown_or_malformed_tokens_get_401_bilingual(client, header):
    response = client.get(ME, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    body = response.json()
    assert body["code"] in {"invalid_token", "not_authenticated"}
    assert body["message"] != body["message_en"]


@pytest.mark.django_db
def test_revoked_token_is_refused(client, integrator):
    token, secret = api_token_create(user=integrator, name="LGSP", acting_user=None)
    client.force_login(integrator)
    assert client.delete(f"{TOKENS}/{token.pk}", headers=_bearer(secret)).status_code == 204
    client.logout()
    response = client.get(ME, headers=_bearer(secret))
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"
    assert response.json()["message"] == "Mã truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi."


@pytest.mark.django_db
def test_invalid_token_does_not_fall_back_to_the_session(client, staff_user):
    client.force_login(staff_user)
    assert client.get(ME, headers=_bearer("egov_" + "B" * 43)).status_code == 401


@pytest.mark.django_db
def test_expired_token_is_refused(client, integrator):
    with time_machine.travel(datetime(2026, 3, 2, 8, 0, tzinfo=VN), tick=False):
        _, secret = api_token_create(
            user=integrator, name="LGSP", acting_user=None, expires_at=datetime(2026, 3, 3, 8, 0, tzinfo=VN)
        )
        assert client.get(ME, headers=_bearer(secret)).status_code == 200
    with time_machine.travel(datetime(2026, 3, 3, 8, 0, tzinfo=VN), tick=False):
        assert client.get(ME, headers=_bearer(secret)).status_code == 401


@pytest.mark.django_db
def test_token_of_deactivated_user_is_refused(client, integrator):
    _, secret = api_token_create(user=integrator, name="LGSP", acting_user=None)
    integrator.is_active = False
    integrator.save()
    assert client.get(ME, headers=_bearer(secret)).status_code == 401


@pytest.mark.django_db
def test_citizens_cannot_get_tokens():
    from egov.core.errors import ApplicationError

    with pytest.raises(ApplicationError) as info:
        api_token_create(user=make_citizen(), name="x", acting_user=None)
    assert info.value.code == "token_citizen"


@pytest.mark.django_db
def test_list_shows_own_tokens_without_secret(client, integrator, staff_user):
    mine, secret = api_token_create(user=integrator, name="Mine", acting_user=None)
    api_token_create(user=staff_user, name="Theirs", acting_user=None)
    response = client.get(TOKENS, headers=_bearer(secret))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["id"], item["name"], item["prefix"], item["is_active"]) == (mine.pk, "Mine", mine.prefix, True)
    assert secret not in response.content.decode()
    assert "token_hash" not in item


@pytest.mark.django_db
def test_cannot_revoke_someone_elses_token(client, integrator, staff_user):
    _, secret = api_token_create(user=integrator, name="Mine", acting_user=None)
    theirs, _ = api_token_create(user=staff_user, name="Theirs", acting_user=None)
    response = client.delete(f"{TOKENS}/{theirs.pk}", headers=_bearer(secret))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


@pytest.mark.django_db
def test_create_and_revoke_are_audited(client, integrator):
    token, secret = api_token_create(user=integrator, name="LGSP", acting_user=None)
    client.delete(f"{TOKENS}/{token.pk}", headers=_bearer(secret))
    created = AuditEntry.objects.get(action="identity.token_create")
    revoked = AuditEntry.objects.get(action="identity.token_revoke")
    assert (created.object_type, created.object_id) == ("identity.apitoken", str(token.pk))
    assert secret not in str(created.changes)
    assert revoked.actor_id == integrator.pk


@pytest.mark.django_db
def test_session_api_writes_without_csrf_are_refused(integrator, staff_user):
    token, _ = api_token_create(user=staff_user, name="Mine", acting_user=None)
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    # reads are fine without the token
    assert client.get(ME).status_code == 200
    # a write without the CSRF token is refused and changes nothing
    response = client.delete(f"{TOKENS}/{token.pk}")
    assert response.status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None
    # with the CSRF cookie and header it goes through
    client.get("/accounts/login/")
    csrf = client.cookies["csrftoken"].value
    assert client.delete(f"{TOKENS}/{token.pk}", HTTP_X_CSRFTOKEN=csrf).status_code == 204


@pytest.mark.django_db
def test_bearer_writes_need_no_csrf(integrator):
    token, secret = api_token_create(user=integrator, name="Mine", acting_user=None)
    client = Client(enforce_csrf_checks=True)
    assert client.delete(f"{TOKENS}/{token.pk}", headers=_bearer(secret)).status_code == 204


@pytest.mark.django_db
def test_anonymous_gets_401(client):
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_token_endpoints_are_rate_limited(client, integrator, settings):
    settings.IDENTITY_API_TOKEN_RATE_LIMIT = 2
    _, secret = api_token_create(user=integrator, name="Mine", acting_user=None)
    assert client.get(TOKENS, headers=_bearer(secret)).status_code == 200
    assert client.get(TOKENS, headers=_bearer(secret)).status_code == 200
    response = client.get(TOKENS, headers=_bearer(secret))
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    body = response.json()
    assert body["code"] == "rate_limited"
    assert body["message_en"].startswith("Too many requests.")
    assert body["message"].startswith("Quá nhiều yêu cầu.")


@pytest.mark.django_db
def test_management_command_prints_a_working_token(client, integrator):
    out, err = StringIO(), StringIO()
    call_command("create_api_token", "lgsp-bot", "--name", "Trục LGSP", "--expires-days", "30", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    assert secret.startswith("egov_")
    assert "cannot be shown again" in err.getvalue()
    token = ApiToken.objects.get(user=integrator)
    assert token.name == "Trục LGSP"
    assert token.expires_at is not None
    assert client.get(ME, headers=_bearer(secret)).json()["username"] == "lgsp-bot"


@pytest.mark.django_db
def test_management_command_rejects_unknown_user():
    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody", stdout=StringIO(), stderr=StringIO())


@pytest.mark.django_db
def test_unlock_command_clears_a_lock(client, staff_user, settings):
    settings.IDENTITY_LOCKOUT_THRESHOLD = 1
    client.post("/accounts/login/", {"username": "nguyenvana", "password": "bad"})
    out = StringIO()
    call_command("unlock_login", "nguyenvana", stdout=out)
    assert "Unlocked staff:nguyenvana" in out.getvalue()
    assert AuditEntry.objects.filter(action="identity.unlock").count() == 1
    assert (
        client.post("/accounts/login/", {"username": "nguyenvana", "password": "Correct-Horse-42"}).status_code == 302
    )


@pytest.mark.django_db
def test_session_api_post_without_csrf_is_refused(staff_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    refused = client.post("/api/v1/probe/echo")
    assert refused.status_code == 403
    client.get("/accounts/login/")
    csrf = client.cookies["csrftoken"].value
    accepted = client.post("/api/v1/probe/echo", headers={"X-CSRFToken": csrf})
    assert accepted.status_code == 200
    assert accepted.json() == {"user_id": staff_user.pk}


@pytest.mark.django_db
def test_bearer_post_needs_no_csrf_and_acts_as_the_token_user(integrator, staff_user):
    _, secret = api_token_create(user=integrator, name="Mine", acting_user=None)
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    response = client.post("/api/v1/probe/echo", headers=_bearer(secret))
    assert response.json() == {"user_id": integrator.pk}
