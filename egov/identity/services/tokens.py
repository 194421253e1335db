"""API tokens for integrators (LGSP, partner systems): issue, check, revoke.

A token is ``egov_`` + 43 random urlsafe characters (256 bits). Only its SHA-256 and a short
prefix (to recognise it in lists) are stored; the token itself is shown once, when issued.
"""

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.core.services.audit import audit_record
from egov.identity.models import ApiToken, User, UserKind

TOKEN_PREFIX = "egov_"  # noqa: S105 - the public prefix, not a secret
_TOKEN_FORMAT = re.compile(r"^egov_[A-Za-z0-9_-]{43}$")
_DISPLAY_PREFIX_LENGTH = 12  # "egov_" + 7 characters
# Writing last_used_at on every call would turn each API read into a write.
_LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, user: User, name: str, acting_user: User | None, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Issue a token for ``user``; returns the row and the token (never stored, shown once)."""
    name = " ".join(name.split())
    if not name:
        raise ApplicationError(_("Give the token a name."), code="token_name_required")
    if user.kind == UserKind.CITIZEN:
        raise ApplicationError(_("API tokens are for staff and integration accounts only."), code="token_citizen")
    if not user.is_active:
        raise ApplicationError(_("The account is not active."), code="account_inactive")
    now = clock.now()
    if expires_at is not None and expires_at <= now:
        raise ApplicationError(_("The expiry date must be in the future."), code="token_expiry_past")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name,
        prefix=secret[:_DISPLAY_PREFIX_LENGTH],
        token_hash=token_hash(secret),
        created_at=now,
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=acting_user,
        action="identity.token_create",
        obj=token,
        changes={"user_id": user.pk, "name": name, "prefix": token.prefix, "expires_at": expires_at},
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, acting_user: User | None) -> ApiToken:
    """Revoke a token; revoking a revoked token changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=acting_user,
        action="identity.token_revoke",
        obj=token,
        changes={"user_id": token.user_id, "prefix": token.prefix},
    )
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active user a well-formed, unrevoked, unexpired token belongs to; otherwise None."""
    raw = raw.strip()
    if not _TOKEN_FORMAT.match(raw):
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=token_hash(raw)).first()
    now = clock.now()
    if token is None or token.revoked_at is not None:
        return None
    if token.expires_at is not None and token.expires_at <= now:
        return None
    if not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= _LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def api_token_is_active(token: ApiToken) -> bool:
    if token.revoked_at is not None:
        return False
    return token.expires_at is None or token.expires_at > clock.now()
