"""Intake at the desk (/staff/dossiers/receive/), TT 03/2025/TT-VPCP Điều 5.

Step 1 (GET): the receiving agency and the procedure (only those with an internal process that
applies at that desk). Step 2: the applicant, the e-form of the procedure (the same form and
validation as the portal, when the procedure has one), the papers of the procedure ticked as
received, scans; ``dossier_receive`` gives the code and the appointment, then the dossier page offers the
receipt and appointment slip (Mẫu 01) to print.

The applicant's name, ID number, address, phone and e-mail follow the e-form's answers about the person
applying (the requester): in the browser while the officer types them (``js/intake.js``, into the
applicant's fields that are empty or hold what was copied there), and on receipt for the fields left
empty. What the officer typed in the applicant's fields is never replaced.
"""

from dataclasses import dataclass, field, replace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.core.text import fold
from egov.dossiers.choices import ApplicantKind
from egov.dossiers.facade import dossier_receive
from egov.dossiers.forms import IntakeForm, IntakeStartForm, to_uploads
from egov.dossiers.selectors import intake_agencies, intake_procedures, procedure_papers
from egov.dossiers.services.intake import STATED_APPLICANT_FIELDS
from egov.dossiers.views.common import add_service_errors
from egov.identity.access import staff_required
from egov.organisation.models import Agency
from egov.procedures.eforms import eform_data_from_post, eform_validate
from egov.procedures.eforms.prefill import requester_answers, requester_fields
from egov.procedures.eforms.spec import JSONDict
from egov.procedures.models import Procedure

MAX_CHOICES = 500
# The engine names applicant fields with a prefix; the form has them flat.
FIELD_ALIASES = {"applicant.full_name": "full_name", "applicant.id_number": "id_number"}
EFORM_ENTERED, EFORM_PAPER = "entered", "paper"


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


def _eform_schema(procedure: Procedure) -> JSONDict | None:
    version = procedure.current_version
    schema = version.form_schema if version is not None else None
    return schema if isinstance(schema, dict) and schema.get("properties") else None


@dataclass
class EformEntry:
    """The e-form at the desk: the officer enters the walk-in applicant's answers (validated exactly as
    the portal validates them, ``eform_validate``) or notes that the paper form was handed in."""

    schema: JSONDict | None
    mode: str = EFORM_ENTERED
    data: Any = None  # what was posted (None: a fresh form with the schema's defaults)
    cleaned: JSONDict = field(default_factory=dict)
    errors: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_post(cls, schema: JSONDict | None, post: QueryDict) -> "EformEntry":
        if schema is None:
            return cls(None)
        mode = post.get("eform_mode", EFORM_PAPER)  # the page always sends it; a bare post enters no answers
        if mode != EFORM_ENTERED:
            return cls(schema, EFORM_PAPER)
        own = post.copy()
        for key in list(own):  # the e-form's names are ``section.field``; the intake form's have no dot
            section, dot, _name = key.partition(".")
            if not dot or section not in schema["properties"]:
                del own[key]
        raw = eform_data_from_post(schema, own)
        try:
            return cls(schema, EFORM_ENTERED, raw, eform_validate(schema, raw))
        except ApplicationError as exc:
            if exc.code != "eform_invalid" or not exc.fields:
                raise
            return cls(schema, EFORM_ENTERED, raw, errors=exc.fields)


def _follow_requester(form: IntakeForm, schema: JSONDict | None) -> bool:
    """Mark the applicant's fields with the e-form field they follow (``js/intake.js``)."""
    specs = requester_fields(schema)
    followed = False
    for name, key in STATED_APPLICANT_FIELDS:
        if key in specs:
            form.fields[name].widget.attrs["data-from-eform"] = specs[key].path
            followed = True
    return followed


def _with_requester(post: QueryDict, eform: EformEntry) -> QueryDict:
    """The intake post with the applicant's fields left empty filled from the e-form's requester."""
    if eform.mode != EFORM_ENTERED or eform.schema is None:
        return post
    if post.get("applicant_kind", ApplicantKind.CITIZEN) != ApplicantKind.CITIZEN:
        return post
    stated = requester_answers(eform.schema, eform.cleaned or eform.data or {})
    filled = post.copy()
    for name, key in STATED_APPLICANT_FIELDS:
        if not filled.get(name, "").strip() and stated.get(key):
            filled[name] = stated[key]
    return filled


def _intake_page(
    request: HttpRequest,
    agency: Agency,
    procedure: Procedure,
    form: IntakeForm,
    status: int = 200,
    eform: EformEntry | None = None,
) -> HttpResponse:
    eform = eform or EformEntry(_eform_schema(procedure))
    context = {
        "agency": agency,
        "procedure": procedure,
        "form": form,
        "follows_eform": _follow_requester(form, eform.schema),
        "eform": eform,
        "eform_modes": (
            (EFORM_ENTERED, _("Enter the answers here")),
            (EFORM_PAPER, _("The applicant handed in the paper form")),
        ),
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
        eform = EformEntry.from_post(_eform_schema(procedure), request.POST)
        form = IntakeForm(_with_requester(request.POST, eform), request.FILES, papers=papers)
        if not form.is_valid() or eform.errors:
            if eform.errors:
                form.add_error(None, _("Some answers of the e-form are missing or need correcting."))
            return _intake_page(request, agency, procedure, form, status=400, eform=eform)
        try:
            dossier = dossier_receive(
                actor=request.user,
                agency_id=agency.pk,
                data=replace(form.intake_data(), form_data=eform.cleaned),
                files=to_uploads(form.cleaned_data["attachments"]),
            )
        except ApplicationError as exc:
            add_service_errors(form, exc, FIELD_ALIASES)
            form.add_error(None, str(exc.message))
            return _intake_page(request, agency, procedure, form, status=exc.status, eform=eform)
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
