"""The one-stop documents of a dossier as PDF for staff: ``/staff/dossiers/<code>/pdf/<kind>/``."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.dossiers.documents import DocumentUnavailableError, render_document
from egov.dossiers.models import Dossier
from egov.identity.access import staff_required


@staff_required
@require_GET
def dossier_pdf(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    dossier = (
        Dossier.objects.visible_to(request.user)
        .filter(code=code)
        .select_related(
            "procedure_version",
            "received_by",
            "receiving_agency__parent",
            "receiving_agency__administrative_unit",
            "handling_agency",
        )
        .first()
    )
    if dossier is None:
        raise Http404(_("No dossier with this code is visible to you."))
    try:
        pdf = render_document(dossier, kind)
    except DocumentUnavailableError:
        raise Http404(_("This document does not exist for the dossier in its current state.")) from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, f"{dossier.code}-{kind}.pdf") or "inline"
    response["Cache-Control"] = "private, no-store"  # personal data
    return response


urlpatterns = [path("<str:code>/pdf/<slug:kind>/", dossier_pdf, name="dossier_pdf")]
