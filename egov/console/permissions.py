"""Who may use the staff console and its pages.

The decisions themselves live in ``egov.organisation.facade`` (roles per agency, the table in
``egov.identity.roles``); this module only names the questions the console asks.
"""

from typing import Any

from egov.identity.models import UserKind
from egov.organisation.facade import CHANGE_AGENCY, has_permission

VIEW_AUDIT = "core.view_audit"


def is_staff_account(user: Any) -> bool:
    """An active officer's account (or a superuser); citizens and integration accounts are not."""
    if not (getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)):
        return False
    return bool(user.is_superuser or user.kind == UserKind.STAFF)


def can_view_audit(user: Any) -> bool:
    """Province administrators and auditors (``core.view_audit``), and superusers."""
    if not is_staff_account(user):
        return False
    return has_permission(user, VIEW_AUDIT)


def can_use_admin(user: Any) -> bool:
    """Agency and province administrators whose account may enter the Django admin."""
    if not (is_staff_account(user) and user.is_staff):
        return False
    return has_permission(user, CHANGE_AGENCY)
