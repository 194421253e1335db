"""Intake at the desk (/staff/dossiers/receive/), TT 03/2025/TT-VPCP Điều 5.

Step 1 (GET): the receiving agency and the procedure (only those with an internal process that
applies at that desk). Step 2: the applicant, the papers of the procedure ticked as received,
scans; ``dossier_receive`` gives the code and the appointment, then the dossier page offers the
receipt and appointment slip (Mẫu 01) to print.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.core.text import fold
from egov.dossiers.facade import dossier_receive
from egov.dossiers.forms import IntakeForm, IntakeStartForm, to_uploads
from egov.dossiers.selectors import intake_agencies, intake_procedures, procedure_papers
from egov.dossiers.views.common import add_service_errors
from egov.identity.access import staff_required
from egov.organisation.models import Agency
from egov.procedures.models import Procedure

MAX_CHOICES = 500
# The engine names applicant fields with a prefix; the form has them flat.
FIELD_ALIASES = {"applicant.full_name": "full_name", "applicant.id_number": "id_number"}


def _pick_agency(agencies: list[Agency], raw: Any) -> Agency | None:
    if raw:  # an agency that is not one of the officer's desks is refused, never swapped for another
        return {str(a.pk): a for a in agencies}.get(str(raw))
    return agencies[0] if len(agencies) == 1 else None


def _procedure_choices(agency: Agency, q: str) -> list[tuple[str, str]]:
    qs = intake_procedures(agency=agency)
    text = q.strip()
    if text:
        qs = qs.filter(Q(code__startswith=text) | Q(name_folded__contains=fold(text)))
    return [(p.code, f"{p.code} \N{EN DASH} {p.name[:140]}") for p in qs[:MAX_CHOICES]]


def _intake_page(
    request: HttpRequest, agency: Agency, procedure: Procedure, form: IntakeForm, status: int = 200
) -> HttpResponse:
    context = {
        "agency": agency,
        "procedure": procedure,
        "form": form,
        "change_url": f"{reverse('dossiers:receive')}?agency={agency.pk}",
        "breadcrumbs": [(_("Dossiers"), reverse("dossiers:worklist")), (_("Receive a dossier"), "")],
    }
    return render(request, "dossiers/staff/receive.html", context, status=status)


def _procedure_for(agency: Agency, code: str) -> Procedure | None:
    return intake_procedures(agency=agency).filter(code=code.strip()).first() if code else None


@staff_required
def receive(request: HttpRequest) -> HttpResponse:
    agencies = intake_agencies(user=request.user)
    if not agencies:
        raise PermissionDenied(_("Only one-stop desk officers may receive dossiers."))
    source = request.POST if request.method == "POST" else request.GET
    agency = _pick_agency(agencies, source.get("agency"))
    procedure = _procedure_for(agency, source.get("procedure", "")) if agency else None
    if request.method == "POST":
        if agency is None or procedure is None:
            raise PermissionDenied(_("Choose a receiving agency of yours and a procedure it handles."))
        papers = procedure_papers(procedure=procedure)
        form = IntakeForm(request.POST, request.FILES, papers=papers)
        if not form.is_valid():
            return _intake_page(request, agency, procedure, form, status=400)
        try:
            dossier = dossier_receive(
                actor=request.user,
                agency_id=agency.pk,
                data=form.intake_data(),
                files=to_uploads(form.cleaned_data["attachments"]),
            )
        except ApplicationError as exc:
            add_service_errors(form, exc, FIELD_ALIASES)
            form.add_error(None, str(exc.message))
            return _intake_page(request, agency, procedure, form, status=exc.status)
        # The dossier page says it was received, with the receipt to print (?received=1).
        return redirect(f"{reverse('dossiers:detail', kwargs={'code': dossier.code})}?received=1")
    if agency is not None and procedure is not None:
        initial = {"agency": agency.pk, "procedure": procedure.code, "copies": 1}
        return _intake_page(
            request, agency, procedure, IntakeForm(initial=initial, papers=procedure_papers(procedure=procedure))
        )
    choices = _procedure_choices(agency, source.get("q", "")) if agency else []
    start = IntakeStartForm(
        source or None, agencies=agencies, procedures=choices, initial={"agency": agency.pk if agency else None}
    )
    context = {
        "start": start,
        "agency": agency,
        "choices_count": len(choices),
        "searched": bool(source.get("q")),
        "breadcrumbs": [(_("Dossiers"), reverse("dossiers:worklist")), (_("Receive a dossier"), "")],
    }
    return render(request, "dossiers/staff/receive_start.html", context)
