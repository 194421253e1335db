"""The e-form preview page: officers and administrators see a procedure's form as citizens will,
and can try it out. What is entered is validated and shown back, never stored."""

import logging

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from egov.core.errors import ApplicationError
from egov.procedures.eforms import eform_data_from_post, eform_schema_check, eform_validate
from egov.procedures.eforms.messages import bilingual
from egov.procedures.eforms.selectors import eform_preview_get
from egov.procedures.eforms.spec import text_for, ui

logger = logging.getLogger(__name__)


@require_http_methods(["GET", "POST"])
def eform_preview(request: HttpRequest, code: str) -> HttpResponse:
    preview = eform_preview_get(code=code)
    if preview is None:
        raise Http404(_("This procedure has no e-form."))
    try:
        eform_schema_check(preview.schema)
    except ApplicationError as exc:  # stored around the write path (e.g. by hand): do not draw it
        logger.warning("Invalid e-form schema on procedure %s: %s", code, exc.fields)
        raise Http404(_("This procedure has no e-form.")) from exc
    data, errors, cleaned, status = None, None, None, 200
    if request.method == "POST":
        data = eform_data_from_post(preview.schema, request.POST)
        try:
            cleaned = eform_validate(preview.schema, data)
        except ApplicationError as exc:
            errors = exc.fields or {"__all__": [bilingual(exc.message)]}
            status = 400
    hints = ui(preview.schema)
    context = {
        "preview": preview,
        "schema": preview.schema,
        "title": text_for(hints.get("title")),
        "description": text_for(hints.get("description")),
        "form_reference": text_for(hints.get("form_reference")),
        "data": data,
        "errors": errors,
        "cleaned": cleaned,
        "breadcrumbs": [(_("Home"), reverse("portal:home")), (_("E-form preview"), "")],
    }
    return render(request, "procedures/eforms/preview.html", context, status=status)
