from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from egov.core.models import AuditEntry
from egov.identity.models import ExternalIdentity, User, UserKind
from egov.identity.oidc import EgovOIDCBackend, OIDCCallbackView
from egov.identity.tests.factories import PASSWORD, make_citizen

VNEID_CLAIMS = {
    "sub": "vneid-7f3a",
    "citizen_id": "045099012345",
    "name": "Nguyễn  Văn An",
    "phone_number": "+84912000333",
    "email": "an@example.vn",
}


@pytest.fixture
def oidc_settings(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "egov-portal"
    settings.OIDC_RP_CLIENT_SECRET = "s3cret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://id.example.vn/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://id.example.vn/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://id.example.vn/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://id.example.vn/jwks"
    settings.OIDC_PROVIDER_NAME = "VNeID"
    settings.OIDC_ACCOUNT_KIND = "citizen"
    return settings


# --- URLs --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_oidc_urls_are_absent_when_disabled(client, settings):
    assert settings.OIDC_ENABLED is False
    with pytest.raises(NoReverseMatch):
        reverse("identity:oidc_authentication_init")
    assert client.get("/accounts/oidc/authenticate/").status_code == 404
    assert client.get("/accounts/oidc/callback/?code=x&state=y").status_code == 404
    assert "egov.identity.oidc.EgovOIDCBackend" not in settings.AUTHENTICATION_BACKENDS
    assert "oidc" not in client.get("/accounts/citizen/login/").content.decode()


@pytest.mark.django_db
@pytest.mark.urls("egov.identity.tests.urls_oidc")
def test_oidc_login_redirects_to_the_provider_when_enabled(client, oidc_settings):
    # the citizen login offers the provider
    page = client.get("/accounts/citizen/login/").content.decode()
    assert "Đăng nhập bằng VNeID" in page
    # when
    response = client.get("/accounts/oidc/authenticate/?next=/ho-so/")
    # then
    assert response.status_code == 302
    location = urlparse(response["Location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}{location.path}" == "https://id.example.vn/authorize"
    assert query["client_id"] == ["egov-portal"]
    assert query["redirect_uri"] == ["http://testserver/accounts/oidc/callback/"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["state"][0] in client.session["oidc_states"]
    assert client.session["oidc_login_next"] == "/ho-so/"


@pytest.mark.django_db
@pytest.mark.urls("egov.identity.tests.urls_oidc")
def test_callback_without_matching_state_fails_safely(client, oidc_settings):
    response = client.get("/accounts/oidc/callback/?code=abc&state=unknown")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/citizen/login/"
    assert "_auth_user_id" not in client.session


# --- Claim mapping: citizen provider -----------------------------------------------------------------


@pytest.mark.django_db
def test_citizen_claims_create_a_linked_citizen_account(oidc_settings):
    backend = EgovOIDCBackend()
    assert backend.verify_claims(VNEID_CLAIMS) is True
    assert list(backend.filter_users_by_claims(VNEID_CLAIMS)) == []
    # when
    user = backend.create_user(VNEID_CLAIMS)
    # then
    user.refresh_from_db()
    assert (user.kind, user.citizen_id, user.full_name, user.phone, user.email) == (
        UserKind.CITIZEN,
        "045099012345",
        "Nguyễn Văn An",
        "0912000333",
        "an@example.vn",
    )
    assert (user.is_staff, user.has_usable_password()) == (False, False)
    link = ExternalIdentity.objects.get(user=user)
    assert (link.provider, link.subject) == ("VNeID", "vneid-7f3a")
    assert AuditEntry.objects.get(action="identity.oidc_user_create").object_id == str(user.pk)
    # the next sign-in finds the same account through the link
    assert list(backend.filter_users_by_claims(VNEID_CLAIMS)) == [user]


@pytest.mark.django_db
def test_citizen_claims_update_the_profile(oidc_settings):
    backend = EgovOIDCBackend()
    user = backend.create_user(VNEID_CLAIMS)
    updated = backend.update_user(user, {**VNEID_CLAIMS, "name": "Nguyễn Văn Bình", "phone_number": "0912000444"})
    updated.refresh_from_db()
    assert (updated.full_name, updated.phone) == ("Nguyễn Văn Bình", "0912000444")
    entry = AuditEntry.objects.get(action="identity.oidc_user_update")
    assert entry.changes == {"provider": "VNeID", "full_name": "Nguyễn Văn Bình", "phone": "0912000444"}
    # unchanged claims write nothing
    backend.update_user(updated, {**VNEID_CLAIMS, "name": "Nguyễn Văn Bình", "phone_number": "0912000444"})
    assert AuditEntry.objects.filter(action="identity.oidc_user_update").count() == 1


@pytest.mark.django_db
def test_self_registered_citizen_is_linked_and_its_password_disabled(oidc_settings, citizen_user):
    backend = EgovOIDCBackend()
    matches = list(backend.filter_users_by_claims(VNEID_CLAIMS))
    assert matches == [citizen_user]
    user = backend.update_user(matches[0], VNEID_CLAIMS)
    user.refresh_from_db()
    assert user.has_usable_password() is False
    assert ExternalIdentity.objects.get(user=user).subject == "vneid-7f3a"
    assert AuditEntry.objects.get(action="identity.oidc_user_update").changes["password"] == "disabled"


@pytest.mark.django_db
def test_phone_of_another_citizen_is_not_taken(oidc_settings):
    make_citizen(phone="0912000333")
    user = EgovOIDCBackend().create_user(VNEID_CLAIMS)
    assert user.phone == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "claims",
    [
        {**VNEID_CLAIMS, "sub": ""},
        {k: v for k, v in VNEID_CLAIMS.items() if k != "citizen_id"},
        {**VNEID_CLAIMS, "citizen_id": "999099012345"},
        {**VNEID_CLAIMS, "citizen_id": "12345"},
    ],
)
def test_claims_without_a_valid_subject_or_citizen_id_are_refused(oidc_settings, claims):
    assert EgovOIDCBackend().verify_claims(claims) is False


@pytest.mark.django_db
def test_claim_names_are_configurable(oidc_settings):
    oidc_settings.OIDC_CLAIM_CITIZEN_ID = "so_dinh_danh"
    oidc_settings.OIDC_CLAIM_FULL_NAME = "ho_ten"
    claims = {"sub": "x-1", "so_dinh_danh": "001199000777", "ho_ten": "Phạm Thị Cúc"}
    backend = EgovOIDCBackend()
    assert backend.verify_claims(claims) is True
    user = backend.create_user(claims)
    assert (user.citizen_id, user.full_name) == ("001199000777", "Phạm Thị Cúc")


@pytest.mark.django_db
def test_a_citizen_provider_never_reaches_staff_accounts(oidc_settings, staff_user):
    claims = {**VNEID_CLAIMS, "preferred_username": staff_user.username}
    ExternalIdentity.objects.create(user=staff_user, provider="VNeID", subject="vneid-7f3a")
    assert list(EgovOIDCBackend().filter_users_by_claims(claims)) == []


# --- Claim mapping: staff provider -------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_claims_match_the_staff_account_by_username(oidc_settings, staff_user):
    oidc_settings.OIDC_ACCOUNT_KIND = "staff"
    claims = {"sub": "kc-42", "preferred_username": "nguyenvana", "name": "Nguyễn Văn A", "email": "a@skhcn.gov.vn"}
    backend = EgovOIDCBackend()
    assert backend.verify_claims(claims) is True
    assert list(backend.filter_users_by_claims(claims)) == [staff_user]
    user = backend.update_user(staff_user, claims)
    assert (user.kind, user.email, user.has_usable_password()) == (UserKind.STAFF, "a@skhcn.gov.vn", True)
    assert ExternalIdentity.objects.get(user=staff_user).subject == "kc-42"


@pytest.mark.django_db
def test_staff_provider_creates_staff_without_privileges(oidc_settings):
    oidc_settings.OIDC_ACCOUNT_KIND = "staff"
    user = EgovOIDCBackend().create_user({"sub": "kc-43", "preferred_username": "tranthib", "name": "Trần Thị B"})
    assert (user.kind, user.is_staff, user.is_superuser, user.has_usable_password()) == (
        UserKind.STAFF,
        False,
        False,
        False,
    )


@pytest.mark.django_db
def test_staff_provider_cannot_take_over_a_citizen_username(oidc_settings, citizen_user):
    oidc_settings.OIDC_ACCOUNT_KIND = "staff"
    claims = {"sub": "kc-44", "preferred_username": citizen_user.username}
    backend = EgovOIDCBackend()
    assert list(backend.filter_users_by_claims(claims)) == []
    with pytest.raises(SuspiciousOperation):
        backend.create_user(claims)
    assert User.objects.get(pk=citizen_user.pk).kind == UserKind.CITIZEN


@pytest.mark.django_db
def test_subject_linked_to_another_account_is_refused(oidc_settings, citizen_user):
    other = make_citizen()
    ExternalIdentity.objects.create(user=other, provider="VNeID", subject="vneid-7f3a")
    with pytest.raises(SuspiciousOperation):
        EgovOIDCBackend().update_user(citizen_user, VNEID_CLAIMS)


# --- Backend and callback behaviour ------------------------------------------------------------------


@pytest.mark.django_db
def test_password_logins_never_reach_the_oidc_backend(oidc_settings, staff_user):
    request = RequestFactory().post("/accounts/login/?code=abc&state=def")
    backend = EgovOIDCBackend()
    assert backend.authenticate(request, username="nguyenvana", password=PASSWORD) is None
    assert backend.authenticate(request, citizen_identifier="045099012345", password=PASSWORD) is None


def _request_with_session(path: str = "/accounts/oidc/callback/") -> HttpRequest:
    request = RequestFactory().get(path)
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    return request


@pytest.mark.django_db
def test_callback_success_logs_in_audits_and_sends_citizens_to_the_portal(oidc_settings, citizen_user):
    request = _request_with_session()
    view = OIDCCallbackView()
    view.request = request
    citizen_user.backend = "egov.identity.oidc.EgovOIDCBackend"
    view.user = citizen_user
    response = view.login_success()
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert request.session["_auth_user_id"] == str(citizen_user.pk)
    assert AuditEntry.objects.get(action="identity.login").changes["method"] == "oidc"


@pytest.mark.django_db
def test_callback_success_sends_staff_to_the_console(oidc_settings, staff_user):
    oidc_settings.OIDC_ACCOUNT_KIND = "staff"
    request = _request_with_session()
    view = OIDCCallbackView()
    view.request = request
    staff_user.backend = "egov.identity.oidc.EgovOIDCBackend"
    view.user = staff_user
    assert view.login_success()["Location"] == "/staff/"


@pytest.mark.django_db
def test_staff_kind_setting_rejects_other_values():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "OIDC_RP_CLIENT_ID": "x",
        "OIDC_ACCOUNT_KIND": "everyone",
        "DJANGO_SETTINGS_MODULE": "config.django.test",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "OIDC_ACCOUNT_KIND" in result.stderr
