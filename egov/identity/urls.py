from django.conf import settings
from django.urls import URLPattern, path

from egov.identity.views import auth, recovery, security

app_name = "identity"


def identity_urlpatterns(*, oidc_enabled: bool) -> list[URLPattern]:
    patterns = [
        path("login/", auth.staff_login, name="login"),
        path("login/verify/", auth.login_verify, name="login_verify"),
        path("logout/", auth.logout_view, name="logout"),
        path("citizen/login/", auth.citizen_login, name="citizen_login"),
        path("citizen/register/", auth.citizen_registration, name="citizen_register"),
        path("citizen/password/forgot/", recovery.password_forgot, name="password_forgot"),
        path("citizen/password/reset/", recovery.password_reset, name="password_reset"),
        path("security/", security.security_overview, name="security"),
        path("security/two-step/", security.totp_enrol, name="totp_enrol"),
        path("security/two-step/turn-off/", security.totp_turn_off, name="totp_disable"),
        path("security/recovery-codes/", security.recovery_codes_new, name="recovery_codes"),
        path("security/tokens/<int:token_id>/revoke/", security.token_revoke, name="token_revoke"),
    ]
    if oidc_enabled:
        from egov.identity.oidc import oidc_urlpatterns

        patterns += oidc_urlpatterns()
    return patterns


urlpatterns = identity_urlpatterns(oidc_enabled=settings.OIDC_ENABLED)
