from datetime import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from egov.core.ratelimit import ninja_rate_limit
from egov.identity.models import ApiToken, User
from egov.identity.selectors import api_token_list_for_user
from egov.identity.services.tokens import api_token_is_active, api_token_revoke

router = Router(tags=["identity"])


def _token_rate_limit() -> int:
    return int(settings.IDENTITY_API_TOKEN_RATE_LIMIT)


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    kind: str


class ApiTokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    is_active: bool

    @staticmethod
    def resolve_is_active(obj: ApiToken) -> bool:
        return api_token_is_active(obj)


@router.get("/me", response=MeOut, summary="The authenticated account")
def me(request: HttpRequest) -> MeOut:
    user: User = request.auth  # type: ignore[attr-defined]
    return MeOut(id=user.pk, username=user.username, full_name=user.get_full_name(), kind=user.kind)


@router.get("/tokens", response=list[ApiTokenOut], summary="My API tokens (never the secret)")
@ninja_rate_limit("identity-tokens", limit=_token_rate_limit, window=60)
@paginate(LimitOffsetPagination)
def list_tokens(request: HttpRequest) -> object:
    user: User = request.auth  # type: ignore[attr-defined]
    return api_token_list_for_user(user)


@router.delete("/tokens/{token_id}", response={204: None}, summary="Revoke one of my API tokens")
@ninja_rate_limit("identity-tokens", limit=_token_rate_limit, window=60)
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse | Status[None]:
    user: User = request.auth  # type: ignore[attr-defined]
    token = get_object_or_404(ApiToken, pk=token_id, user=user)
    api_token_revoke(token=token, acting_user=user)
    return Status(204, None)
