"""A URLconf with only what the identity tests need, so they do not depend on other apps' routes.

The API here mounts the real identity router with the real ``api_auth`` and the project's error
handlers; ``test_wiring.py`` checks the real project URLconf separately.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from ninja import NinjaAPI, Router

from egov.core.api_errors import install_error_handlers
from egov.identity.api import router
from egov.identity.api_auth import api_auth

api = NinjaAPI(auth=api_auth, urls_namespace="api-v1")
install_error_handlers(api)
api.add_router("/identity", router)

# A write endpoint guarded only by the project's default api_auth, to test CSRF on session POSTs.
probe = Router()


@probe.post("/echo")
def echo(request: HttpRequest) -> dict[str, int]:
    return {"user_id": request.auth.pk}  # type: ignore[attr-defined]


api.add_router("/probe", probe)


def _page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"page {request.path}")


urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("egov.identity.urls")),
    path("staff/", include(([path("", _page, name="home"), path("<path:rest>", _page)], "console"))),
    path("", include(([path("", _page, name="home")], "portal"))),
]
