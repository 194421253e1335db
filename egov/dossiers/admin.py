"""Admin of the one-stop rules stored as data: dossier code formats and national status codes.

Province administrators (``dossiers.manage_rules``) change them; every save is checked and audited.
Dossiers themselves are worked in the staff UI (``/staff/dossiers/``), never edited here.
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from egov.core.errors import ApplicationError
from egov.dossiers.models import DossierCodeRule, ResultTemplate, StatusCodeMapping
from egov.dossiers.services.drafting import result_template_save
from egov.dossiers.services.rules import code_rule_check, code_rule_save
from egov.organisation.facade import has_province_permission

MANAGE = "dossiers.manage_rules"

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = admin.ModelAdmin


class _RulesAdmin(_ModelAdmin):
    def _can_manage(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active) and (
            has_province_permission(request.user, MANAGE) or request.user.has_perm(MANAGE)
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._can_manage(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._can_manage(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._can_manage(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._can_manage(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # rules end with valid_to; history stays readable


class CodeRuleForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = DossierCodeRule
        fields = [
            "name",
            "legal_basis",
            "pattern",
            "agency_code_scheme",
            "prefix",
            "min_digits",
            "valid_from",
            "valid_to",
        ]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if self.errors:
            return data
        try:
            code_rule_check(DossierCodeRule(**{f: data.get(f) for f in self.Meta.fields}))
        except ApplicationError as error:
            raise ValidationError({k: [str(m) for m in v] for k, v in error.fields.items()}) from error
        return data


@admin.register(DossierCodeRule)
class DossierCodeRuleAdmin(_RulesAdmin):
    list_display = ("name", "pattern", "agency_code_scheme", "min_digits", "valid_from", "valid_to")
    fields = ("name", "legal_basis", "pattern", "agency_code_scheme", "prefix", "min_digits", "valid_from", "valid_to")

    form = CodeRuleForm

    def save_model(self, request: HttpRequest, obj: DossierCodeRule, form: Any, change: bool) -> None:
        try:
            code_rule_save(rule=obj, actor=request.user)
        except ApplicationError as error:  # pragma: no cover - the form's clean ran the same check
            messages.error(request, str(error.message))


@admin.register(StatusCodeMapping)
class StatusCodeMappingAdmin(_RulesAdmin):
    list_display = ("status", "national_code", "national_label", "valid_from", "valid_to")
    list_filter = ("status",)


@admin.register(ResultTemplate)
class ResultTemplateAdmin(_RulesAdmin):
    """The documents procedures produce (issue 13): edited by the province's administrators; a template
    ends with ``valid_to`` (drafts made from it keep pointing at it)."""

    list_display = ("name", "procedure", "notation", "position", "valid_from", "valid_to")
    list_filter = ("valid_to",)
    search_fields = ("name", "procedure__code", "procedure__name")
    raw_id_fields = ("procedure",)
    fields = (
        "procedure",
        "name",
        "form_reference",
        "title",
        "subject",
        "notation",
        "fields",
        "body",
        "authority",
        "position",
        "recipients",
        "valid_from",
        "valid_to",
    )

    def save_model(self, request: HttpRequest, obj: ResultTemplate, form: Any, change: bool) -> None:
        result_template_save(template=obj, actor=request.user)
