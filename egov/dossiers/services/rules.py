"""Changes to the legal rules stored as data (dossier code formats), audited like any other change."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.core.services.audit import audit_record
from egov.dossiers.models import DossierCodeRule
from egov.dossiers.services.codes import format_code

_KNOWN = {"agency", "yymmdd", "prefix", "seq"}


def code_rule_check(rule: DossierCodeRule) -> None:
    """A pattern must name the day and the sequence (TT 01/2018 Điều 19, TT 03/2025 Điều 13) and
    nothing we cannot fill in."""
    errors: dict[str, list[Any]] = {}
    try:
        sample = format_code(rule, agency_code="H44.02", day=date(2026, 1, 31), sequence=7)
    except (KeyError, IndexError, ValueError):
        sample = ""
    if not sample or "{seq}" not in rule.pattern or "{yymmdd}" not in rule.pattern:
        errors["pattern"] = [
            _("Use the parts {agency}, {yymmdd}, {prefix} and {seq}; {yymmdd} and {seq} are required.")
        ]
    elif len(sample) > 50:
        errors["pattern"] = [_("Codes in this format would be too long.")]
    if not 1 <= rule.min_digits <= 8:
        errors["min_digits"] = [_("Between 1 and 8 digits.")]
    if rule.valid_to is not None and rule.valid_to < rule.valid_from:
        errors["valid_to"] = [_("The end date is before the start date.")]
    if errors:
        raise ApplicationError(_("The code format is not valid."), code="dossier.code_rule_invalid", fields=errors)


@transaction.atomic
def code_rule_save(*, rule: DossierCodeRule, actor: Any) -> DossierCodeRule:
    code_rule_check(rule)
    created = rule.pk is None
    rule.save()
    audit_record(
        actor=actor,
        action="dossiers.code_rule_create" if created else "dossiers.code_rule_update",
        obj=rule,
        changes={
            "pattern": rule.pattern,
            "scheme": rule.agency_code_scheme,
            "min_digits": rule.min_digits,
            "valid_from": rule.valid_from.isoformat(),
            "valid_to": rule.valid_to.isoformat() if rule.valid_to else None,
        },
    )
    return rule
