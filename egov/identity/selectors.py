"""Reads of accounts, second factors and API tokens."""

from django.db.models import Q, QuerySet

from egov.identity.models import ApiToken, TotpDevice, User, UserKind
from egov.identity.validators import looks_like_citizen_id, normalize_citizen_id, normalize_phone


def citizen_get_by_identifier(identifier: str) -> User | None:
    """The citizen account whose ID number or phone number is ``identifier`` (as typed)."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    if looks_like_citizen_id(identifier):
        condition = Q(citizen_id=normalize_citizen_id(identifier))
    else:
        phone = normalize_phone(identifier)
        if not phone:
            return None
        condition = Q(phone=phone)
    return User.objects.filter(condition, kind=UserKind.CITIZEN).first()


def totp_device_get_confirmed(user: User) -> TotpDevice | None:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()


def totp_is_enabled(user: User) -> bool:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def api_token_list_for_user(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")
