"""The test URLconf with the OIDC routes mounted, as when OIDC_RP_CLIENT_ID is set."""

from django.urls import include, path

from egov.identity.tests.urls import urlpatterns as base_patterns
from egov.identity.urls import identity_urlpatterns

urlpatterns = [
    path("accounts/", include((identity_urlpatterns(oidc_enabled=True), "identity"))),
    *[pattern for pattern in base_patterns if str(pattern.pattern) != "accounts/"],
]
