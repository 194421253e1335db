"""The audit log in plain language: what each action code means, and an entry's details as
labelled fields instead of raw JSON.

Action codes are ``"<app>.<verb>"`` (``egov.core.services.audit.audit_record``); the dossier
engine writes ``"dossiers.<action>"`` with the actions of its transition table, labelled by the
engine itself. A code missing from the table still reads as words, never as a bare code.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from egov.dossiers.facade import Action, DossierStatus

ACTION_LABELS: dict[str, Promise] = {
    # Accounts and sign-in (egov.identity)
    "identity.login": _("Signed in"),
    "identity.login_failed": _("Failed sign-in attempt"),
    "identity.locked": _("Sign-in locked after repeated failures"),
    "identity.unlock": _("Sign-in lock lifted"),
    "identity.logout": _("Signed out"),
    "identity.citizen_register": _("Citizen account registered"),
    "identity.oidc_user_create": _("Account created from the national identity sign-in"),
    "identity.oidc_user_update": _("Account updated from the national identity sign-in"),
    "identity.totp_enable": _("Two-step verification turned on"),
    "identity.totp_disable": _("Two-step verification turned off"),
    "identity.recovery_codes_regenerate": _("New recovery codes made"),
    "identity.recovery_code_use": _("Recovery code used to sign in"),
    "identity.token_create": _("API token created"),
    "identity.token_revoke": _("API token revoked"),
    "identity.password_reset_request": _("Password recovery requested"),
    "identity.password_reset_code": _("Password recovery code sent"),
    "identity.password_reset": _("Password reset"),
    "identity.password_reset_failed": _("Failed password recovery attempt"),
    # Organisation directory
    "organisation.agency_create": _("Agency created"),
    "organisation.agency_update": _("Agency changed"),
    "organisation.agency_deactivate": _("Agency deactivated"),
    "organisation.agency_reactivate": _("Agency reactivated"),
    "organisation.agency_legacy_code_add": _("Former agency code added"),
    "organisation.agency_legacy_code_remove": _("Former agency code removed"),
    "organisation.department_create": _("Department created"),
    "organisation.department_update": _("Department changed"),
    "organisation.department_activate": _("Department reactivated"),
    "organisation.department_deactivate": _("Department deactivated"),
    "organisation.position_create": _("Position created"),
    "organisation.position_update": _("Position changed"),
    "organisation.staff_create": _("Staff member added"),
    "organisation.staff_update": _("Staff member changed"),
    "organisation.staff_move": _("Staff member moved to another department"),
    "organisation.staff_roles_change": _("Staff roles changed"),
    "organisation.staff_post_add": _("Additional post given"),
    "organisation.staff_activate": _("Staff member reactivated"),
    "organisation.staff_deactivate": _("Staff member deactivated"),
    "organisation.admin_units_load": _("Administrative units loaded"),
    "organisation.demo_load": _("Demo organisation loaded"),
    # Working-day calendar and office hours
    "workflow.calendar_override_create": _("Day off or make-up day added"),
    "workflow.calendar_override_update": _("Day off or make-up day changed"),
    "workflow.calendar_override_delete": _("Day off or make-up day removed"),
    "workflow.office_hours_create": _("Office hours added"),
    "workflow.office_hours_update": _("Office hours changed"),
    "workflow.office_hours_delete": _("Office hours removed"),
    # Procedure catalogue
    "procedures.procedure_create": _("Procedure created"),
    "procedures.procedure_update": _("Procedure changed"),
    "procedures.procedure_activate": _("Procedure published"),
    "procedures.procedure_deactivate": _("Procedure withdrawn"),
    "procedures.catalogue_import": _("Catalogue imported"),
    "procedures.field_rename": _("Field renamed"),
    "procedures.level_create": _("Implementing level created"),
    "procedures.process_template_create": _("Internal process created"),
    "procedures.process_template_update": _("Internal process changed"),
    "procedures.process_template_activate": _("Internal process put into use"),
    "procedures.process_template_deactivate": _("Internal process taken out of use"),
    "procedures.provincial_fee_create": _("Provincial fee rate added"),
    "procedures.provincial_fee_update": _("Provincial fee rate changed"),
    # Digital signatures
    "signing.key_use": _("Signing key used"),
    "signing.certificate_issue": _("Certificate issued"),
    "signing.certificate_revoke": _("Certificate revoked"),
    "signing.certificate_suspend": _("Certificate suspended"),
    "signing.certificate_reactivate": _("Certificate reactivated"),
    "signing.test_ca_create": _("Test certification authority created"),
    "signing.trust_anchor_add": _("Trusted root certificate added"),
    "signing.trust_anchor_enable": _("Trusted root certificate enabled"),
    "signing.trust_anchor_delete": _("Trusted root certificate removed"),
    # Notifications
    "notifications.delivery_sent": _("Message delivered"),
    "notifications.delivery_failed": _("Message delivery failed"),
    "notifications.delivery_retry": _("Message delivery retried"),
    # Payments
    "payments.start": _("Online payment started"),
    "payments.paid": _("Payment received"),
    "payments.fail": _("Payment failed"),
    "payments.close": _("Payment closed unpaid"),
    "payments.refund_due": _("Refund due"),
    # Citizen portal
    "portal.application_start": _("Online application started"),
    "portal.application_submit": _("Online application submitted"),
    "portal.application_abandon": _("Online application abandoned"),
    "portal.application_purge": _("Expired draft applications deleted"),
    "portal.application_prefill": _("Online application filled from the saved profile"),
    "portal.profile_update": _("Citizen profile changed"),
    "portal.household_member_add": _("Household member added to the profile"),
    "portal.household_member_update": _("Household member changed"),
    "portal.household_member_remove": _("Household member removed from the profile"),
    # One-stop engine: what is not an action of its transition table
    "dossiers.submit": _("Dossier submitted online"),
    "dossiers.receive": _("Dossier received at the desk"),
    "dossiers.resolve": _("Dossier result ready"),
    "dossiers.rate": _("Applicant's rating recorded"),
    "dossiers.pay": _("Dossier fees paid online"),
    "dossiers.correct_answers": _("Applicant's answers corrected"),
    "dossiers.code_rule_create": _("Dossier numbering rule created"),
    "dossiers.result_template_create": _("Result template created"),
    "dossiers.result_template_change": _("Result template changed"),
    "dossiers.demo_applicant": _("Demo applicant account linked"),
    # Tests of the audit log itself
    "core.test": _("Test entry"),
}

_DOSSIER_PREFIX = "dossiers."


def action_label(code: str) -> str:
    """The plain-language name of an action code (in the active language)."""
    if code in ACTION_LABELS:
        return str(ACTION_LABELS[code])
    if code.startswith(_DOSSIER_PREFIX) and code[len(_DOSSIER_PREFIX) :] in Action.values:
        return str(_("Dossier: {action}")).format(action=Action(code[len(_DOSSIER_PREFIX) :]).label)
    return code.partition(".")[2].replace("_", " ").capitalize() or code


def is_labelled(code: str) -> bool:
    return code in ACTION_LABELS or (code.startswith(_DOSSIER_PREFIX) and code[len(_DOSSIER_PREFIX) :] in Action.values)


# The keys services write into ``changes`` most often.
FIELD_LABELS: dict[str, Promise] = {
    "ip": _("Client address"),
    "login": _("Login"),
    "kind": _("Kind"),
    "method": _("Method"),
    "reason": _("Reason"),
    "note": _("Note"),
    "status": _("Status"),
    "version": _("Version"),
    "name": _("Name"),
    "code": _("Code"),
    "full_name": _("Full name"),
    "email": _("E-mail"),
    "phone": _("Phone"),
    "address": _("Address"),
    "roles": _("Roles"),
    "added": _("Added"),
    "removed": _("Removed"),
    "agency_id": _("Agency"),
    "department_id": _("Department"),
    "parent_id": _("Parent agency"),
    "is_active": _("Active"),
    "amount": _("Amount"),
    "reference": _("Reference"),
    "purpose": _("Purpose"),
    "gateway": _("Payment gateway"),
    "channel": _("Channel"),
    "recipient": _("Recipient"),
    "attempts": _("Attempts"),
    "error": _("Error"),
    "reasons": _("Reasons"),
    "task": _("Step"),
    "assignee": _("Handler"),
    "due_at": _("Due"),
    "date": _("Date"),
    "procedure": _("Procedure"),
    "rank": _("Rank"),
    "serial": _("Serial number"),
    "subject": _("Subject"),
    "fingerprint": _("Fingerprint"),
    "created": _("Created"),
    "updated": _("Updated"),
    "unchanged": _("Unchanged"),
    "rejected": _("Rejected"),
    "file": _("File"),
    "files": _("Files"),
    "score": _("Rating"),
    "comment": _("Comment"),
}
# Verbs whose entries record ``{"field": [before, after]}``.
_CHANGE_VERBS = ("update", "change", "move", "rename", "correct")


@dataclass(frozen=True)
class DetailRow:
    key: str  # as stored
    label: str
    value: str  # the value, or "before → after" for a change
    before: str | None = None  # set for a change
    after: str | None = None
    depth: int = 0  # nested values are indented under their parent


def field_label(key: str) -> str:
    return str(FIELD_LABELS[key]) if key in FIELD_LABELS else key.replace("_", " ").capitalize()


def _scalar(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return str(_("Yes"))
    if value is False:
        return str(_("No"))
    return str(value)


def _is_change(action: str, key: str, value: Any) -> bool:
    verb = action.partition(".")[2]
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(not isinstance(v, dict | list) for v in value)
        and (key == "status" or any(word in verb for word in _CHANGE_VERBS))
    )


def detail_rows(action: str, changes: dict[str, Any]) -> list[DetailRow]:
    """``changes`` as labelled rows, in the stored (sorted) order; nested objects one level deep."""
    return list(_rows(action, changes.items(), 0))


def _rows(action: str, items: Iterable[tuple[str, Any]], depth: int) -> Iterable[DetailRow]:
    for key, value in items:
        label = field_label(str(key))
        if _is_change(action, str(key), value):
            before, after = _scalar(value[0]), _scalar(value[1])
            if key == "status" and action.startswith(_DOSSIER_PREFIX):
                before, after = _dossier_status(value[0]), _dossier_status(value[1])
            yield DetailRow(str(key), label, f"{before} → {after}", before=before, after=after, depth=depth)
        elif isinstance(value, dict) and depth < 2:
            yield DetailRow(str(key), label, "", depth=depth)
            yield from _rows(action, value.items(), depth + 1)
        elif isinstance(value, list):
            shown = [_scalar(v) if not isinstance(v, dict | list) else _compact(v) for v in value]
            yield DetailRow(str(key), label, "; ".join(shown) if shown else "—", depth=depth)
        elif isinstance(value, dict):
            yield DetailRow(str(key), label, _compact(value), depth=depth)
        else:
            yield DetailRow(str(key), label, _scalar(value), depth=depth)


def _dossier_status(value: Any) -> str:
    return str(DossierStatus(value).label) if value in DossierStatus.values else _scalar(value)


def _compact(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{field_label(str(k))}: {_compact(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_compact(v) for v in value)
    return _scalar(value)
