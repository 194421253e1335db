"""The citizen's printable documents: the confirmation of an online submission (PDF with QR)."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from egov.core.errors import NotFoundError
from egov.dossiers.facade import applicant_submission_receipt
from egov.portal.views_account import citizen_required


@citizen_required
@never_cache
@require_GET
def my_dossier_submission_receipt(request: HttpRequest, code: str) -> HttpResponseBase:
    try:
        document = applicant_submission_receipt(user=request.user, code=code)
    except NotFoundError as error:
        raise Http404(str(error.message)) from error
    response = HttpResponse(document.content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, document.filename) or "attachment"
    response["Cache-Control"] = "private, no-store"  # personal data
    return response
