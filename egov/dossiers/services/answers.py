"""Changing the applicant's e-form answers after submission: the one write path for an officer's
correction (with a reason) and for the applicant correcting the answers an officer questioned in a
supplementation request (ND 118/2025/NĐ-CP: the dossier is sent back once, with the reasons in
writing, for the applicant to complete or correct it).

The changed answers are validated against the whole form exactly as the portal validates a
submission (``eform_validate``: types, formats, conditions, required fields), ``form_data`` takes
the cleaned answers, and each changed field gets an ``AnswerCorrection`` keeping the previous value,
all in the caller's transaction with one ``correct_answers`` event (public: the applicant sees it)
and its audit entry.
"""

import copy
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.dossiers.choices import DossierStatus
from egov.dossiers.models import AnswerCorrection, Dossier
from egov.dossiers.selectors_answers import field_label, field_specs, form_schema, questioned_of
from egov.dossiers.services.history import busy_as_conflict, lock_dossier, record
from egov.organisation.facade import has_permission
from egov.procedures.eforms import eform_validate
from egov.procedures.eforms.spec import JSONDict
from egov.procedures.eforms.structure import FieldSpec, lookup

S = DossierStatus
# While the dossier is still being examined; never once the result is out or the dossier closed.
CORRECTABLE = frozenset({S.SUBMITTED, S.PROCESSING, S.WAITING_SUPPLEMENT, S.WAITING_OBLIGATION})
MAX_REASON = 2000
MAX_NOTE = 500


def _schema(dossier: Dossier) -> JSONDict:
    schema = form_schema(dossier)
    if schema is None:
        raise ApplicationError(
            _("This procedure has no e-form: there are no answers to correct."), code="dossier.no_eform", status=409
        )
    return schema


def _comparable(spec: FieldSpec, value: Any) -> Any:
    """An unticked checkbox is ``False`` whether it was stored as ``False`` or left out."""
    if value is None and spec.type == "boolean" and spec.widget == "checkbox":
        return False
    return value


def apply_answer_changes(
    dossier: Dossier,
    *,
    actor: Any,
    answers: JSONDict,
    reason: str,
    source: str,
    allowed: frozenset[str] | None,
    agency_id: int | None,
    now: datetime,
) -> list[AnswerCorrection]:
    """Change the answers ``answers`` (nested as the form posts them: ``{"child": {"birth_date": "…"}}``;
    an empty value clears the answer) on a dossier the caller has locked. ``allowed``: the only fields
    that may change (None: any). Raises ``eform_invalid`` (400, per field) when the form would not be
    valid, ``dossier.answers_unchanged`` when nothing changes."""
    schema = _schema(dossier)
    specs = field_specs(schema)
    stored = dossier.form_data if isinstance(dossier.form_data, dict) else {}
    merged: JSONDict = copy.deepcopy(stored)
    touched: list[str] = []
    for section, values in answers.items():
        if not isinstance(values, dict):
            raise ApplicationError(
                _("This form has no such field."), code="eform_invalid", fields={str(section): [_("Unknown field.")]}
            )
        for name, raw in values.items():
            path = f"{section}.{name}"
            if path not in specs:
                raise ApplicationError(
                    _("This form has no such field."), code="eform_invalid", fields={path: [_("Unknown field.")]}
                )
            if allowed is not None and path not in allowed:
                raise PermissionDeniedError(
                    _("You may change only the answers the officer asked you to correct."),
                    code="dossier.answer_not_questioned",
                )
            target = merged.setdefault(section, {})
            if not isinstance(target, dict):
                target = merged[section] = {}
            target[name] = raw
            touched.append(path)
    cleaned = eform_validate(schema, merged)
    changes = [
        (path, lookup(stored, path), lookup(cleaned, path))
        for path, spec in specs.items()
        if _comparable(spec, lookup(stored, path)) != _comparable(spec, lookup(cleaned, path))
    ]
    if not changes:
        raise ApplicationError(
            _("Nothing was changed: the answers are the same as before."),
            code="dossier.answers_unchanged",
            fields={path: [_("Change the answer, or leave this page.")] for path in touched[:1]},
        )
    dossier.form_data = cleaned
    dossier.save(update_fields=["form_data", "updated_at"])
    event = record(
        dossier,
        actor=actor,
        action="correct_answers",
        from_status=dossier.status,
        note=reason,
        agency_id=agency_id,
        now=now,
        data={
            "source": source,
            "changes": [{"field": path, "old": old, "new": new} for path, old, new in changes],
        },
    )
    label = str(getattr(actor, "full_name", "") or getattr(actor, "username", ""))[:200] if actor else ""
    return AnswerCorrection.objects.bulk_create(
        [
            AnswerCorrection(
                dossier=dossier,
                field=path,
                label=field_label(schema, path, "vi")[:500],
                old_value=old,
                new_value=new,
                reason=reason,
                source=source,
                actor=actor if getattr(actor, "pk", None) else None,
                actor_label=label,
                agency_id=event.agency_id,
                event=event,
                corrected_at=now,
            )
            for path, old, new in changes
        ]
    )


def _officer_agency(dossier: Dossier, actor: Any) -> int | None:
    """The agency the officer corrects for: one working on the dossier where they process, else the desk."""
    agency_ids = sorted(dossier.participants.values_list("agency_id", flat=True))
    for agency_id in agency_ids:
        if has_permission(actor, "dossiers.process", agency_id):
            return agency_id
    if has_permission(actor, "dossiers.receive", dossier.receiving_agency_id):
        return dossier.receiving_agency_id
    return None


def can_correct_answers(dossier: Dossier, actor: Any) -> bool:
    """What the staff page asks before offering the correction links (the service checks again)."""
    return (
        dossier.status in CORRECTABLE
        and form_schema(dossier) is not None
        and _officer_agency(dossier, actor) is not None
    )


@busy_as_conflict
@transaction.atomic
def dossier_answers_correct(
    *, actor: Any, code: str, version: int | None, answers: JSONDict, reason: str
) -> list[AnswerCorrection]:
    """An officer working on the dossier (or its desk) corrects answers of the e-form, with the reason."""
    dossier = lock_dossier(code, version)
    agency_id = _officer_agency(dossier, actor)
    if agency_id is None:
        raise PermissionDeniedError(
            _("Only officers of an agency working on this dossier may correct its answers."),
            code="dossier.not_participant",
        )
    if dossier.status not in CORRECTABLE:
        raise ApplicationError(
            format_lazy(
                _("The answers can no longer be corrected: the dossier is “{status}”."),
                status=DossierStatus(dossier.status).label,
            ),
            code="dossier.answers_closed",
            status=409,
        )
    text = reason.strip()
    if not text:
        raise ApplicationError(
            _("State the reason for the correction; the applicant sees it."),
            code="dossier.reason_required",
            fields={"reason": [_("Enter the reason for the correction.")]},
        )
    if len(text) > MAX_REASON:
        raise ApplicationError(
            _("The reason is too long."),
            code="dossier.reason_too_long",
            fields={"reason": [_("Enter at most %(limit)s characters.") % {"limit": MAX_REASON}]},
        )
    return apply_answer_changes(
        dossier,
        actor=actor,
        answers=answers,
        reason=text,
        source=AnswerCorrection.Source.OFFICER,
        allowed=None,
        agency_id=agency_id,
        now=clock.now(),
    )


def questioned_reasons(dossier: Dossier, questioned: tuple[tuple[str, str], ...]) -> list[dict[str, str]]:
    """Check the answers an officer questions in a supplementation request: fields of the form, each
    once, with a note. Returns ``[{"field", "note"}]`` in the form's order."""
    if not questioned:
        return []
    schema = _schema(dossier)
    specs = field_specs(schema)
    notes: dict[str, str] = {}
    for path, note in questioned:
        text = " ".join(str(note).split())
        if path not in specs:
            raise ApplicationError(
                _("This form has no such field."), code="eform_invalid", fields={path: [_("Unknown field.")]}
            )
        if not text:
            raise ApplicationError(
                _("Say what is wrong with each questioned answer."),
                code="dossier.question_note_required",
                fields={path: [_("Write a note for the applicant.")]},
            )
        notes[path] = text[:MAX_NOTE]
    return [{"field": path, "note": notes[path]} for path in specs if path in notes]


def question_lines(dossier: Dossier, questioned: list[dict[str, str]]) -> list[str]:
    """The questioned answers as lines of the written reasons (Mẫu 02 is issued in Vietnamese)."""
    schema = _schema(dossier) if questioned else {}
    return [f"{field_label(schema, item['field'], 'vi')}: {item['note']}" for item in questioned]


def questioned_paths(dossier: Dossier) -> frozenset[str]:
    return frozenset(str(item["field"]) for item in questioned_of(dossier))
