"""Helpers shared by the organisation API modules."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.identity.models import User
from egov.organisation.access import has_permission


class AuthedRequest(HttpRequest):
    """A request that passed the API authentication: ``auth`` is the user (session or bearer)."""

    auth: User


# Every list is paginated: ?page=1&page_size=50 (at most 200).
PAGE: dict[str, int] = {"page_size": 50, "max_page_size": 200}


def require_staff_access(user: Any, perm: str) -> None:
    """Lists are for staff who hold ``perm`` in at least one agency; others (citizens) get 403."""
    if not has_permission(user, perm):
        raise PermissionDeniedError(_("You do not have permission to do this."))


def changed_fields(payload: Any, *, required: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The fields the client sent; ``null`` is refused for fields that cannot be empty."""
    data: dict[str, Any] = payload.model_dump(exclude_unset=True)
    nulls = sorted(name for name in required if name in data and data[name] is None)
    if nulls:
        raise ApplicationError(
            _("These fields cannot be empty."), code="field_required", fields=dict.fromkeys(nulls, "required")
        )
    return data
