"""Posting an action of the dossier page: one form per action, through ``dossier_act``.

Success: back to the page with a message (post/redirect/get). Refusal by the engine: the page again
with the message, the form's input and errors, and the engine's 4xx status (never a 500).
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from egov.core.errors import ApplicationError
from egov.dossiers.choices import Action
from egov.dossiers.facade import dossier_act, dossier_rate
from egov.dossiers.views.action_forms import ACTION_FORMS, ActionForm, RatingForm
from egov.dossiers.views.common import add_service_errors, load_dossier
from egov.dossiers.views.detail import render_detail
from egov.dossiers.views.panels import Failed
from egov.identity.access import staff_required


def _task_id(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def _form(action: str, request: HttpRequest, data: QueryDict | None = None) -> ActionForm:
    key = f"{action}-{_task_id(request.POST.get('task_id')) or 'd'}"
    return ACTION_FORMS[action](data or request.POST, request.FILES, auto_id=f"id_{key}_%s")


@staff_required
@require_POST
def act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    dossier = load_dossier(request, code)
    if action not in ACTION_FORMS:
        raise Http404(_("Unknown action."))
    task_id = _task_id(request.POST.get("task_id"))
    form = _form(action, request)
    if not form.is_valid():
        return render_detail(request, dossier, failed=Failed(action, task_id, form), status=400)
    try:
        dossier_act(actor=request.user, code=dossier.code, action=action, data=form.action_data())
    except ApplicationError as exc:
        fresh = load_dossier(request, dossier.code)
        if exc.code == "dossier.conflict":
            # The page now shows the other officer's change; the input is kept for a second look.
            data = request.POST.copy()
            data["version"] = str(fresh.version)
            form = _form(action, request, data)
            form.is_valid()
        add_service_errors(form, exc)
        return render_detail(request, fresh, failed=Failed(action, task_id, form), error=exc, status=exc.status)
    messages.success(request, format_lazy(_("Done: {action}."), action=Action(action).label))
    return redirect("dossiers:detail", code=dossier.code)


@staff_required
@require_POST
def rate(request: HttpRequest, code: str) -> HttpResponse:
    """The desk records the applicant's satisfaction at the return of the result."""
    dossier = load_dossier(request, code)
    form = RatingForm(request.POST, auto_id="id_rate_%s")
    if not form.is_valid():
        return render_detail(request, dossier, rating_form=form, status=400)
    try:
        dossier_rate(
            actor=request.user,
            code=dossier.code,
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
        )
    except ApplicationError as exc:
        add_service_errors(form, exc)
        return render_detail(request, load_dossier(request, code), rating_form=form, error=exc, status=exc.status)
    messages.success(request, _("The rating was recorded."))
    return redirect("dossiers:detail", code=dossier.code)
