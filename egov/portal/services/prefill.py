"""“Điền từ hồ sơ của tôi / thành viên hộ gia đình”: fill one part of a draft's e-form from the
citizen's saved profile or from a household member (the father and the mother of a birth
registration, the applicant of any form). What the person's facts fill replaces the answers of
those fields; every other answer of the part stays as it was. The part is saved, not confirmed:
the citizen checks it and presses "Continue" as always.
"""

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


@transaction.atomic
def application_prefill_section(*, citizen: Any, public_id: UUID | str, step: int, person: str) -> SectionSaved:
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
    merged = {**(stored if isinstance(stored, dict) else {}), **answers}
    saved = application_save_section(citizen=citizen, public_id=public_id, step=step, answers=merged, confirm=False)
    audit_record(
        actor=citizen,
        action="portal.application_prefill",
        obj=application,
        agency_id=application.receiving_agency_id,
        changes={
            "section": current.name,
            "from": "self" if person == SELF else "household_member",
            "fields": sorted(answers),
        },
    )
    return saved
