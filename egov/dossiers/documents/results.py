"""The result of a dossier drafted from a result template: fields pre-filled from the e-form answers and
the dossier, rendered as a PDF in the ND 30/2020/NĐ-CP layout (Điều 8; Phụ lục I), through the same
stylesheet and renderer as the one-stop forms (``render.py``).

The template's body is the admin's Django template; it sees only plain strings (the draft's fields,
the dossier's code and dates, the applicant) and cannot load tags or include files
(``result_models.validate_body``). Values are escaped (autoescape) wherever they are printed.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from egov.dossiers.documents import formatting as fmt
from egov.dossiers.documents.context import issuer
from egov.dossiers.models import Dossier, ResultDraft, ResultTemplate
from egov.organisation.models import Agency, AgencyKind
from egov.procedures.eforms.spec import text_for
from egov.procedures.eforms.structure import FieldSpec, all_fields, choices_for

# What a ``dossier:`` source may read: plain attributes of the dossier, never relations or secrets.
DOSSIER_SOURCES: dict[str, Callable[[Dossier], str]] = {
    "code": lambda d: d.code,
    "applicant_name": lambda d: d.applicant_name,
    "applicant_id_number": lambda d: d.applicant_id_number,
    "applicant_address": lambda d: d.applicant_address,
    "subject": lambda d: d.subject,
    "procedure_name": lambda d: d.procedure_version.name,
    "received_date": lambda d: fmt.short_date(d.received_at),
    "receiving_agency": lambda d: d.receiving_agency.name,
    "handling_agency": lambda d: d.handling_agency.name,
}
UNNUMBERED = "……"


def _display(spec: FieldSpec, value: Any) -> str:
    """An answer as the document prints it: a choice's label, a date as dd/mm/yyyy, "Có"/"Không"."""
    if value is None or value == "" or value == []:
        return ""
    labels = {repr(choice): text_for(label, "vi") for choice, label in choices_for(spec.schema)}
    if isinstance(value, list):
        return ", ".join(labels.get(repr(item), str(item)) for item in value)
    if repr(value) in labels:
        return labels[repr(value)]
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if spec.format == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return str(value)


def form_answers(dossier: Dossier) -> dict[str, str]:
    """Every answer of the dossier's e-form as people read it, keyed ``section.field`` (Vietnamese)."""
    schema = dossier.procedure_version.form_schema
    data = dossier.form_data or {}
    if not isinstance(schema, dict) or not isinstance(data, dict):
        return {}
    answers: dict[str, str] = {}
    with translation.override("vi"):
        for spec in all_fields(schema):
            section = data.get(spec.section)
            if isinstance(section, dict) and spec.name in section:
                answers[f"{spec.section}.{spec.name}"] = _display(spec, section[spec.name])
    return answers


def _date_words(dossier: Dossier, path: str) -> str:
    section, _sep, name = path.partition(".")
    raw = (dossier.form_data or {}).get(section, {})
    raw = raw.get(name) if isinstance(raw, dict) else None
    try:
        return fmt.date_in_words(date.fromisoformat(str(raw)))
    except ValueError:
        return ""


def prefill(template: ResultTemplate, dossier: Dossier) -> dict[str, str]:
    """The template's fields filled from the e-form answers and the dossier (empty where unknown)."""
    answers = form_answers(dossier)
    values: dict[str, str] = {}
    for item in template.fields:
        kind, _sep, where = str(item.get("source") or "").partition(":")
        value = ""
        if kind == "form":
            value = answers.get(where, "")
        elif kind == "date_words":
            value = _date_words(dossier, where)
        elif kind == "dossier" and where in DOSSIER_SOURCES:
            value = str(DOSSIER_SOURCES[where](dossier) or "")
        elif kind == "text":
            value = where
        values[str(item["key"])] = value
    return values


def clean_values(template: ResultTemplate, values: dict[str, Any]) -> dict[str, str]:
    """Only the template's fields, as trimmed text (at most 4 000 characters each)."""
    keys = [str(item["key"]) for item in template.fields]
    return {key: str(values.get(key) or "").strip()[:4000] for key in keys}


def signer_of(draft: ResultDraft) -> dict[str, str]:
    template = draft.template
    name = draft.signed_by.get_full_name() if draft.signed_by_id and draft.signed_by else ""
    return {
        "authority": template.authority.upper() if template else "",
        "position": template.position.upper() if template else "",
        "name": name,
    }


def draft_context(draft: ResultDraft, *, signer_name: str = "", issued_at: datetime | None = None) -> dict[str, Any]:
    template = draft.template
    if template is None:
        raise ValueError("an uploaded draft has no template to render")
    dossier: Dossier = draft.dossier
    agency: Agency = draft.agency
    head = issuer(agency)
    if agency.kind in (AgencyKind.COMMUNE_PEOPLES_COMMITTEE, AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE):
        # A People's Committee issues in its own name, with no governing agency above it (ND 30/2020
        # Phụ lục I, ô 2: "ỦY BAN NHÂN DÂN / PHƯỜNG ĐỒNG HỚI").
        head = {**head, "parent": "", "parent_lines": []}
    fields = {key: str(value) for key, value in (draft.values or {}).items()}
    plain = {
        "fields": fields,
        "dossier": {"code": dossier.code, "received_date": fmt.short_date(dossier.received_at)},
        "issued_date": fmt.short_date(issued_at) if issued_at else fmt.BLANK,
        "applicant": {
            "name": dossier.applicant_name,
            "id_number": dossier.applicant_id_number,
            "address": dossier.applicant_address,
        },
        "agency": {"name": agency.name, "place": head["place"]},
    }
    body = Template(template.body).render(Context(plain, autoescape=True))
    subject = Template(template.subject).render(Context(plain, autoescape=False)) if template.subject else ""
    number = draft.number or f"{UNNUMBERED}/{template.notation}"
    return {
        "kind": "result",
        "form": template.form_reference,
        "issuer": head,
        "number": number,
        "place_date": f"{head['place']}, {fmt.vn_date(issued_at)}",
        "code": dossier.code,
        "title": template.title.upper(),
        "subject": subject,
        "body": body,
        "authority": template.authority.upper(),
        "position": template.position.upper(),
        "signer_name": signer_name,
        "recipients": [line.strip() for line in template.recipients.splitlines() if line.strip()],
    }


def render_draft_html(draft: ResultDraft, *, signer_name: str = "", issued_at: datetime | None = None) -> str:
    data = draft_context(draft, signer_name=signer_name, issued_at=issued_at)
    with translation.override("vi"):  # a legal document is Vietnamese whatever the user's language
        return render_to_string("dossiers/pdf/result.html", data)


def render_draft_pdf(draft: ResultDraft, *, signer_name: str = "", issued_at: datetime | None = None) -> bytes:
    """The draft as a PDF; with ``signer_name`` and ``issued_at`` (at approval), as it will be signed."""
    from egov.dossiers.documents.render import html_to_pdf

    return html_to_pdf(render_draft_html(draft, signer_name=signer_name, issued_at=issued_at))
