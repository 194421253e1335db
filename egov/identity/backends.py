"""Authentication backend for citizen accounts: citizen ID number or phone number + password."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from egov.identity.models import User
from egov.identity.selectors import citizen_get_by_identifier


class CitizenBackend(ModelBackend):
    """``authenticate(request, citizen_identifier=..., password=...)``; only ``kind=citizen`` accounts.

    Django calls a backend only when its signature accepts the credentials, so a staff login
    (``username=``) never reaches this backend and a citizen login never reaches ModelBackend's
    username lookup.
    """

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        citizen_identifier: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not citizen_identifier or password is None or kwargs:
            return None
        user = citizen_get_by_identifier(citizen_identifier)
        if user is None:
            # Hash anyway so an unknown identifier takes as long as a wrong password.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
