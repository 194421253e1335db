from django.http import HttpRequest
from ninja import Router, Schema

router = Router(tags=["identity"])


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    kind: str


@router.get("/me", response=MeOut, summary="The authenticated account")
def me(request: HttpRequest) -> MeOut:
    user = request.auth  # type: ignore[attr-defined]
    return MeOut(id=user.pk, username=user.username, full_name=user.get_full_name(), kind=user.kind)
