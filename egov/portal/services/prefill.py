"""“Điền từ hồ sơ của tôi / thành viên hộ gia đình”: fill one part of a draft's e-form from the
citizen's saved profile or from a household member (the father and the mother of a birth
registration, the applicant of any form). The person's facts fill only the fields that are empty
(or still hold the form's default): an answer the citizen typed, saved or not yet saved (the page
posts what is on screen with the choice), is never replaced; those kept and different from the saved
facts are named, so the citizen can clear one and fill again. The part is saved, not confirmed: the
citizen checks it and presses "Continue" as always.
"""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError, NotFoundError
from egov.core.services.audit import audit_record
from egov.portal import selectors_apply as selectors
from egov.portal.forms_apply import visible_steps
from egov.portal.selectors_profile import SELF, prefill_person
from egov.portal.services.applications import SectionSaved, application_save_section, ensure_unpaid, lock_draft
from egov.procedures.eforms.prefill import is_person_section, person_answers
from egov.procedures.eforms.spec import JSONDict, text_for
from egov.procedures.eforms.structure import FieldSpec, fields, sections


@dataclass(frozen=True)
class PrefillOutcome:
    saved: SectionSaved
    filled: tuple[str, ...]  # labels of the fields the person's facts filled
    kept: tuple[str, ...]  # labels of the answers kept although the saved facts say otherwise


def _is_blank(spec: FieldSpec, value: Any) -> bool:
    """Nothing typed: no value, an empty text or list, an unticked box, or the form's own default."""
    if value is None or value is False or value == []:
        return True
    if isinstance(value, str) and (not value.strip() or (spec.type == "boolean" and value == "false")):
        return True
    default = spec.schema.get("default")
    if default is None:
        return False
    as_posted = ("true" if default else "false") if isinstance(default, bool) else str(default)
    return isinstance(value, str) and value.strip() == as_posted


def _label(spec: FieldSpec) -> str:
    return text_for(spec.hints.get("label")) or spec.name


def merge_person(
    schema: JSONDict, section: str, current: dict[str, Any], answers: dict[str, str]
) -> tuple[dict[str, Any], list[FieldSpec], list[FieldSpec]]:
    """``current`` with its blank fields filled from ``answers``; the fields filled, and those kept
    although ``answers`` says otherwise."""
    specs = {spec.name: spec for spec in fields(dict(sections(schema))[section], section)}
    merged, filled, kept = dict(current), [], []
    for name, value in answers.items():
        spec = specs.get(name)
        if spec is None or str(merged.get(name)).strip() == value:
            continue
        if _is_blank(spec, merged.get(name)):
            merged[name] = value
            filled.append(spec)
        else:
            kept.append(spec)
    return merged, filled, kept


@transaction.atomic
def application_prefill_section(
    *, citizen: Any, public_id: UUID | str, step: int, person: str, typed: dict[str, Any] | None = None
) -> PrefillOutcome:
    """Fill the blank fields of part ``step`` from ``person``. ``typed``: the part's answers on the
    citizen's screen when they asked (not saved yet); they count as the part's answers."""
    application = lock_draft(citizen=citizen, public_id=public_id)
    ensure_unpaid(application)
    schema = selectors.form_schema_of(application)
    current = next((item for item in visible_steps(schema, application.form_data) if item.number == step), None)
    if schema is None or current is None:
        raise NotFoundError(_("This application has no such step."), code="application_step_not_found")
    if not is_person_section(schema, current.name):
        raise ApplicationError(
            _("This part of the form is not about a person; it cannot be filled from your profile."),
            code="prefill_not_a_person",
        )
    answers = person_answers(schema, current.name, prefill_person(citizen=citizen, key=person))
    if not answers:
        raise ApplicationError(
            _("Nothing is saved about this person yet. Add their details in “My profile” first."),
            code="prefill_nothing",
        )
    stored = application.form_data.get(current.name)
    on_screen = {**(stored if isinstance(stored, dict) else {}), **(typed or {})}
    merged, filled, kept = merge_person(schema, current.name, on_screen, answers)
    saved = application_save_section(citizen=citizen, public_id=public_id, step=step, answers=merged, confirm=False)
    audit_record(
        actor=citizen,
        action="portal.application_prefill",
        obj=application,
        agency_id=application.receiving_agency_id,
        changes={
            "section": current.name,
            "from": "self" if person == SELF else "household_member",
            "fields": sorted(spec.name for spec in filled),
            "kept": sorted(spec.name for spec in kept),
        },
    )
    return PrefillOutcome(
        saved=saved, filled=tuple(_label(spec) for spec in filled), kept=tuple(_label(spec) for spec in kept)
    )
