"""The versioned REST API: one NinjaAPI, each app adds its router here."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from egov.core.errors import ApplicationError, bilingual_error
from egov.identity.api_auth import api_auth

# Every endpoint requires a session (with CSRF) or a bearer token unless it says auth=None.
api = NinjaAPI(
    auth=api_auth,
    title="egov API",
    version="1",
    description="REST API of the provincial e-government platform (egov).",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


@api.exception_handler(ApplicationError)
def _application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    body = bilingual_error("invalid_input", _("The request is not valid."))
    body["errors"] = exc.errors
    return api.create_response(request, body, status=422)


@api.exception_handler(DjangoValidationError)
def _django_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    body = bilingual_error("invalid_input", _("The request is not valid."), fields=fields)
    return api.create_response(request, body, status=400)


@api.exception_handler(AuthenticationError)
def _authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    body = bilingual_error("not_authenticated", _("Please log in or send a valid API token."))
    return api.create_response(request, body, status=401)


@api.exception_handler(PermissionDenied)
def _permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    body = bilingual_error("permission_denied", _("You do not have permission to do this."))
    return api.create_response(request, body, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, bilingual_error("not_found", _("Not found.")), status=404)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, bilingual_error("error", str(exc)), status=exc.status_code)


def _add_routers() -> None:
    from egov.console.api import router as console_router
    from egov.identity.api import router as identity_router
    from egov.organisation.api import router as organisation_router
    from egov.organisation.api_units import router as units_router
    from egov.workflow.api import router as workflow_router

    api.add_router("/calendar", workflow_router)
    api.add_router("/organisation", organisation_router)
    api.add_router("/admin-units", units_router)
    api.add_router("/identity", identity_router)
    api.add_router("/audit", console_router)


_add_routers()
