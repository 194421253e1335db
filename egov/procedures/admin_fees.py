"""Django admin of the province's fee table (rates the provincial People's Council sets).

Province administrators (and staff holding the model's permission) add a rate when a resolution
comes into force and end the old one the day before; nothing is deleted, so the rate a dossier was
charged stays on record. Saves go through ``provincial_fee_save`` (checked, audited).
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.procedures.admin import _acting_user, _CatalogueAdmin
from egov.procedures.models import ProvincialFee
from egov.procedures.services.provincial_fees import provincial_fee_save


class InForceFilter(admin.SimpleListFilter):
    title = _("in force")
    parameter_name = "in_force"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("today", _("In force today")), ("ended", _("Ended")), ("future", _("Not yet in force"))]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        today = clock.today()
        if self.value() == "today":
            return queryset.filter(effective_from__lte=today).exclude(effective_to__lt=today)
        if self.value() == "ended":
            return queryset.filter(effective_to__lt=today)
        if self.value() == "future":
            return queryset.filter(effective_from__gt=today)
        return queryset


@admin.register(ProvincialFee)
class ProvincialFeeAdmin(_CatalogueAdmin):
    list_display = (
        "procedure_code",
        "name",
        "amount_display",
        "channel_kind",
        "effective_from",
        "effective_to",
        "resolution_number",
        "condition_label",
    )
    list_filter = (InForceFilter, "channel_kind", "resolution_number")
    list_select_related = ("procedure",)
    search_fields = ("procedure__code", "procedure__name", "name", "resolution_number")
    raw_id_fields = ("procedure",)
    ordering = ("procedure__code", "channel_kind", "-effective_from")
    fieldsets = (
        (None, {"fields": ("procedure", "channel_kind", "name", ("amount", "per", "unit"))}),
        (_("In force"), {"fields": (("effective_from", "effective_to"), ("resolution_number", "resolution_article"))}),
        (None, {"fields": ("note",)}),
        (
            _("Only in a case the applicant declares"),
            {
                "fields": (("condition_field", "condition_operator", "condition_value"), "condition_label"),
                "description": _(
                    "A rate for one case of the e-form answers (a re-registration, a beneficiary exempted: "
                    "0 đồng) replaces the rate of the same name without a case when the case holds."
                ),
            },
        ),
    )

    @admin.display(description=_("procedure"), ordering="procedure__code")
    def procedure_code(self, obj: ProvincialFee) -> str:
        return obj.procedure.code

    @admin.display(description=_("amount (đồng)"), ordering="amount")
    def amount_display(self, obj: ProvincialFee) -> str:
        return f"{obj.amount:,}".replace(",", ".") + (f"/{obj.unit}" if obj.unit else "")

    def save_model(self, request: HttpRequest, obj: ProvincialFee, form: Any, change: bool) -> None:
        provincial_fee_save(fee=obj, acting_user=_acting_user(request))
