"""Turn every error an API endpoint can raise into a 4xx with the bilingual error body."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from egov.core.errors import ApplicationError, bilingual_error


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, body: dict[str, object], status: int) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        response = respond(request, exc.as_dict(), exc.status)
        if exc.status == 429 and "retry_after" in exc.fields:
            response["Retry-After"] = str(exc.fields["retry_after"])
        return response

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        body = bilingual_error("invalid_input", _("The request is not valid."))
        body["errors"] = exc.errors
        return respond(request, body, 422)

    @api.exception_handler(DjangoValidationError)
    def django_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return respond(request, bilingual_error("invalid_input", _("The request is not valid."), fields=fields), 400)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(
            request, bilingual_error("not_authenticated", _("Please log in or send a valid API token.")), 401
        )

    @api.exception_handler(PermissionDenied)
    def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, bilingual_error("permission_denied", _("You do not have permission to do this.")), 403)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, bilingual_error("not_found", _("Not found.")), 404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return respond(request, bilingual_error("error", str(exc)), exc.status_code)
