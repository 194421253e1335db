"""The applicant's e-form answers on the staff side: the print view and an officer's correction.

``/staff/dossiers/<code>/answers/print/``: the answers as the form lays them out, for the file or to
copy into the register (the civil-status officer's "thẩm tra, ghi sổ" step).
``/staff/dossiers/<code>/answers/<section>/``: one section of the form, filled with the current
answers, and the reason; ``dossier_answers_correct`` validates the whole form and records the change.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from egov.core.errors import ApplicationError
from egov.dossiers.models import Dossier
from egov.dossiers.selectors_answers import dossier_answers, form_schema, section_schema_only
from egov.dossiers.services.answers import can_correct_answers, dossier_answers_correct
from egov.dossiers.views.common import load_dossier
from egov.identity.access import staff_required
from egov.procedures.eforms import eform_data_from_post
from egov.procedures.eforms.spec import JSONDict, text_for, ui
from egov.procedures.eforms.structure import fields


@staff_required
@require_GET
def answers_print(request: HttpRequest, code: str) -> HttpResponse:
    dossier = load_dossier(request, code)
    answers = dossier_answers(dossier=dossier)
    if answers is None:
        raise Http404(_("This dossier has no e-form answers."))
    context = {"dossier": dossier, "answers": answers, "back_url": reverse("dossiers:detail", args=[dossier.code])}
    return render(request, "dossiers/staff/answers_print.html", context)


def section_answers(schema: JSONDict, section: str, post: Any) -> JSONDict:
    """The posted answers of one section, every field of it (a field left empty clears its answer)."""
    reduced = section_schema_only(schema, section)
    own = post.copy()
    for key in list(own):
        if not key.startswith(f"{section}."):
            del own[key]
    parsed = eform_data_from_post(reduced, own).get(section, {})
    return {section: {spec.name: parsed.get(spec.name, "") for spec in fields(schema["properties"][section], section)}}


def _page(
    request: HttpRequest,
    dossier: Dossier,
    schema: JSONDict,
    section: str,
    *,
    data: Any,
    errors: Any = None,
    reason: str = "",
    reason_error: str = "",
    error: ApplicationError | None = None,
    status: int = 200,
) -> HttpResponse:
    title = text_for(ui(schema["properties"][section]).get("title"))
    context = {
        "dossier": dossier,
        "section_title": title,
        "schema": section_schema_only(schema, section),
        "data": data,
        "errors": errors or {},
        "reason": reason,
        "reason_error": reason_error,
        "error": error,
        "action_url": reverse("dossiers:answers_correct", args=[dossier.code, section]),
        "back_url": reverse("dossiers:detail", args=[dossier.code]) + "#answers-title",
        "breadcrumbs": [
            (_("Dossiers"), reverse("dossiers:worklist")),
            (dossier.code, reverse("dossiers:detail", args=[dossier.code])),
            (_("Correct the answers"), ""),
        ],
    }
    return render(request, "dossiers/staff/answers_correct.html", context, status=status)


@staff_required
@require_http_methods(["GET", "POST"])
def answers_correct(request: HttpRequest, code: str, section: str) -> HttpResponse:
    dossier = load_dossier(request, code)
    schema = form_schema(dossier)
    if schema is None or section not in schema["properties"]:
        raise Http404(_("This form has no such section."))
    if not can_correct_answers(dossier, request.user):
        raise PermissionDenied(_("You may not correct the answers of this dossier now."))
    if request.method == "GET":
        return _page(request, dossier, schema, section, data=dossier.form_data)
    answers = section_answers(schema, section, request.POST)
    reason = request.POST.get("reason", "").strip()
    raw_version = request.POST.get("version", "")
    version = int(raw_version) if raw_version.isdigit() else None
    shown = {**dossier.form_data, **answers}
    if version is None:
        error = ApplicationError(
            _("This page is out of date. Reload it and try again."), code="dossier.version_missing"
        )
        return _page(request, dossier, schema, section, data=shown, reason=reason, error=error, status=400)
    try:
        dossier_answers_correct(actor=request.user, code=dossier.code, version=version, answers=answers, reason=reason)
    except ApplicationError as exc:
        fresh = load_dossier(request, code)
        reason_errors = exc.fields.get("reason") or []
        return _page(
            request,
            fresh,
            schema,
            section,
            data=shown,
            errors={key: value for key, value in exc.fields.items() if key != "reason"},
            reason=reason,
            reason_error=str(reason_errors[0]) if reason_errors else "",
            error=exc,
            status=exc.status,
        )
    messages.success(request, _("The answers were corrected; the applicant sees the correction and its reason."))
    return redirect(f"{reverse('dossiers:detail', args=[dossier.code])}#answers-title")
