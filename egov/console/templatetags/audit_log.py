"""The audit log's templates: action codes in plain language, details as labelled rows."""

from django import template

from egov.console.audit_display import DetailRow, action_label, detail_rows
from egov.core.models import AuditEntry

register = template.Library()


@register.filter
def audit_action_label(code: str) -> str:
    return action_label(code)


@register.simple_tag
def audit_detail_rows(entry: AuditEntry) -> list[DetailRow]:
    return detail_rows(entry.action, entry.changes or {})
