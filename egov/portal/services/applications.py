"""Drafts of online applications (hồ sơ nháp): start, receiving agency, answers, deletion, expiry.

A draft never loses what the citizen typed: answers are stored whether or not they validate, and a
section counts as done only once the citizen confirmed it ("Tiếp tục") and it is still valid.
"""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from egov.core.services.audit import audit_record
from egov.identity.models import UserKind
from egov.portal import selectors_apply as selectors
from egov.portal.forms_apply import (
    Errors,
    errors_of_step,
    form_errors,
    form_steps,
    initial_answers,
    steps_with_errors,
    visible_steps,
)
from egov.portal.models import Application, ApplicationFile, ApplicationStatus
from egov.portal.services.storage import delete_stored_files
from egov.procedures.eforms.spec import MAX_DATA_BYTES


def retention_end(moment: datetime) -> datetime:
    return moment + timedelta(days=settings.PORTAL_DRAFT_RETENTION_DAYS)


def ensure_citizen(user: Any) -> None:
    if not getattr(user, "is_authenticated", False) or getattr(user, "kind", "") != UserKind.CITIZEN:
        raise PermissionDeniedError(
            _("Only citizen accounts can apply online. Log in with your citizen account."),
            code="application_citizen_only",
        )


def lock_draft(*, citizen: Any, public_id: UUID | str) -> Application:
    """The citizen's draft, locked for the change; a submitted one is read-only (409)."""
    ensure_citizen(citizen)
    application = selectors.application_get_for_citizen(citizen=citizen, public_id=public_id, for_update=True)
    if application.status != ApplicationStatus.DRAFT:
        raise ApplicationError(
            _("This application has been submitted and can no longer be changed."),
            code="application_submitted",
            status=409,
        )
    return application


def ensure_unpaid(application: Application) -> None:
    """Once the fees are paid the answers they were computed from are final (the receipt states them)."""
    payment = selectors.application_payment(application)
    if payment is not None and payment.status == selectors.PAID:
        raise ApplicationError(
            _(
                "You have paid the fees of this application, so its answers can no longer be changed. Submit it as it is."
            ),
            code="application_paid",
            status=409,
        )


def _profile(citizen: Any) -> dict[str, str]:
    return {
        "full_name": citizen.full_name or citizen.get_full_name(),
        "citizen_id": citizen.citizen_id or "",
        "phone": citizen.phone or "",
        "email": citizen.email or "",
    }


@transaction.atomic
def application_start(*, citizen: Any, code: str) -> Application:
    """A new draft of procedure ``code`` for a logged-in citizen, prefilled from their account."""
    ensure_citizen(citizen)
    target = selectors.apply_target_get(code=code)
    if target.channel is None:
        raise ApplicationError(
            _("This procedure cannot be submitted online. See its page for where to submit it."),
            code="application_not_online",
            status=409,
        )
    if not target.agencies:
        raise ApplicationError(
            _("No agency of the province receives this procedure online yet. See its page for where to submit it."),
            code="application_no_agency",
            status=409,
        )
    limit = settings.PORTAL_DRAFTS_MAX_OPEN
    if selectors.open_draft_count(citizen=citizen) >= limit:
        raise ApplicationError(
            format_lazy(
                _("You already have {count} unfinished applications. Submit or delete one before starting another."),
                count=limit,
            ),
            code="application_too_many_drafts",
            status=409,
        )
    now = clock.now()
    application = Application.objects.create(
        citizen=citizen,
        procedure=target.procedure,
        procedure_version=target.version,
        receiving_agency=target.agencies[0] if len(target.agencies) == 1 else None,
        channel=target.channel.kind,
        form_data=initial_answers(target.version.form_schema or None, _profile(citizen)),
        expires_at=retention_end(now),
    )
    audit_record(
        actor=citizen,
        action="portal.application_start",
        obj=application,
        agency_id=application.receiving_agency_id,
        changes={"procedure": target.procedure.code, "version": target.version.number, "channel": application.channel},
    )
    return application


@transaction.atomic
def application_choose_agency(*, citizen: Any, public_id: UUID | str, agency_id: int) -> Application:
    application = lock_draft(citizen=citizen, public_id=public_id)
    ensure_unpaid(application)
    allowed = selectors.receiving_agencies(
        procedure=application.procedure, version=application.procedure_version, channel=application.channel
    )
    agency = next((agency for agency in allowed if agency.pk == agency_id), None)
    if agency is None:
        raise ApplicationError(
            _("Choose one of the agencies listed."),
            code="application_agency_invalid",
            fields={"agency": [_("Choose one of the agencies listed.")]},
        )
    application.receiving_agency = agency
    application.expires_at = retention_end(clock.now())
    application.save(update_fields=["receiving_agency", "expires_at", "updated_at"])
    return application


@dataclass(frozen=True)
class SectionSaved:
    application: Application
    errors: Errors  # of the saved section; empty when it is valid


@transaction.atomic
def application_save_section(
    *, citizen: Any, public_id: UUID | str, step: int, answers: dict[str, Any], confirm: bool
) -> SectionSaved:
    """Store the answers of one section as typed. ``confirm`` ("Tiếp tục") marks the section done
    when it is valid; without it ("Lưu và tiếp tục sau") the answers are kept as they are."""
    application = lock_draft(citizen=citizen, public_id=public_id)
    ensure_unpaid(application)
    schema = selectors.form_schema_of(application)
    current = next((item for item in visible_steps(schema, application.form_data) if item.number == step), None)
    if schema is None or current is None:
        raise NotFoundError(_("This application has no such step."), code="application_step_not_found")
    if len(json.dumps(answers, ensure_ascii=False, default=str).encode()) > MAX_DATA_BYTES:
        raise ApplicationError(_("The answers are too long to be saved."), code="application_too_large", status=413)
    data = {**application.form_data, current.name: answers}
    _cleaned, errors = form_errors(schema, data)
    shown = {item.name for item in visible_steps(schema, data)}
    invalid = steps_with_errors(form_steps(schema), errors) | {item.name for item in form_steps(schema)} - shown
    confirmed = set(application.completed_sections) | ({current.name} if confirm else set())
    application.form_data = data
    application.completed_sections = [item.name for item in form_steps(schema) if item.name in confirmed - invalid]
    application.expires_at = retention_end(clock.now())
    application.save(update_fields=["form_data", "completed_sections", "expires_at", "updated_at"])
    return SectionSaved(application=application, errors=errors_of_step(current, errors))


@transaction.atomic
def application_abandon(*, citizen: Any, public_id: UUID | str) -> Application:
    """The citizen deletes a draft: its answers and files are erased at once."""
    application = lock_draft(citizen=citizen, public_id=public_id)
    ensure_unpaid(application)
    deleted_files = delete_stored_files(ApplicationFile.objects.filter(application=application))
    application.status = ApplicationStatus.ABANDONED
    application.form_data = {}
    application.completed_sections = []
    application.save(update_fields=["status", "form_data", "completed_sections", "updated_at"])
    audit_record(
        actor=citizen,
        action="portal.application_abandon",
        obj=application,
        agency_id=application.receiving_agency_id,
        changes={"procedure": application.procedure.code, "files_deleted": deleted_files},
    )
    return application


def application_purge_expired(*, now: datetime | None = None, batch: int = 200) -> int:
    """Delete applications past ``expires_at`` with their files (drafts kept
    PORTAL_DRAFT_RETENTION_DAYS after their last change, submitted ones after submission; the
    dossier keeps its own copy). A draft whose fees were paid is kept for the agency to settle."""
    moment = now or clock.now()
    kept = _paid_drafts(moment)
    deleted = 0
    while True:
        with transaction.atomic():
            expired = list(
                Application.objects.select_for_update(skip_locked=True)
                .filter(expires_at__lte=moment)
                .exclude(pk__in=kept)
                .select_related("procedure")
                .order_by("pk")[:batch]
            )
            if not expired:
                return deleted
            delete_stored_files(ApplicationFile.objects.filter(application__in=expired))
            for application in expired:
                audit_record(
                    actor=None,
                    action="portal.application_purge",
                    obj=application,
                    agency_id=application.receiving_agency_id,
                    changes={"status": application.status, "expired_at": application.expires_at.isoformat()},
                )
            Application.objects.filter(pk__in=[application.pk for application in expired]).delete()
            deleted += len(expired)


def _paid_drafts(moment: datetime) -> list[int]:
    drafts = Application.objects.filter(expires_at__lte=moment, status=ApplicationStatus.DRAFT)
    return [draft.pk for draft in drafts.iterator() if _is_paid(draft)]


def _is_paid(application: Application) -> bool:
    payment = selectors.application_payment(application)
    return payment is not None and payment.status == selectors.PAID
