"""Authentication for the REST API: a bearer token (integrators) or a logged-in session (CSRF-checked).

In both cases ``request.auth`` is the ``User``, so permission checks see the token's owner.
"""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer, SessionAuth

from egov.core.errors import ApplicationError
from egov.identity.models import User
from egov.identity.services.tokens import api_token_authenticate


class BearerTokenAuth(HttpBearer):
    """``Authorization: Bearer egov_…``. A token that is sent but unknown, malformed, revoked or
    expired is refused outright (401), never silently replaced by the session."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = api_token_authenticate(token)
        if user is None:
            raise ApplicationError(
                _("The API token is not valid, has expired or has been revoked."), code="invalid_token", status=401
            )
        request.user = user
        return user


api_auth = [BearerTokenAuth(), SessionAuth(csrf=True)]
