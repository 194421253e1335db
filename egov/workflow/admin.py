"""Admin for the calendar table and office hours. Saves and deletes go through the services, so
every change is audited and the cached calendar is rebuilt at once.

Viewing needs ``workflow.view_*`` or ``workflow.manage_calendar``; changing needs
``workflow.manage_calendar``: held by the province administrator role (``egov.identity.roles``),
superusers, or as a Django permission.
"""

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from egov.identity.models import User
from egov.organisation.facade import has_province_permission
from egov.workflow.choices import OverrideBasis, OverrideKind
from egov.workflow.models import CalendarOverride, OfficeHours
from egov.workflow.services.calendar import (
    CalendarOverrideData,
    OfficeHoursData,
    calendar_override_create,
    calendar_override_delete,
    calendar_override_update,
    office_hours_create,
    office_hours_delete,
    office_hours_update,
)

MANAGE_PERMISSION = "workflow.manage_calendar"

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = admin.ModelAdmin  # not subscriptable at run time (no monkeypatching of ModelAdmin)


def _acting_user(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


class _CalendarAdminBase(_ModelAdmin):
    readonly_fields = ("recorded_at", "recorded_by", "updated_at")

    def _can_manage(self, request: HttpRequest) -> bool:
        # The province administrator's role (egov.identity.roles) or a Django permission/superuser.
        user = request.user
        return bool(user.is_active) and (
            has_province_permission(user, MANAGE_PERMISSION) or user.has_perm(MANAGE_PERMISSION)
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._can_manage(request) or super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._can_manage(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._can_manage(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._can_manage(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._can_manage(request)


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(_CalendarAdminBase):
    list_display = ("date", "weekday", "kind", "name", "basis", "legal_reference", "recorded_at")
    list_filter = ("kind", "basis")
    date_hierarchy = "date"
    search_fields = ("name", "legal_reference", "note")
    fields = ("date", "kind", "name", "legal_reference", "basis", "note", *_CalendarAdminBase.readonly_fields)

    @admin.display(description=_("weekday"))
    def weekday(self, obj: CalendarOverride) -> str:
        return date_format(obj.date, "l")

    def save_model(self, request: HttpRequest, obj: CalendarOverride, form: Any, change: bool) -> None:
        data = CalendarOverrideData(
            date=obj.date,
            kind=OverrideKind(obj.kind),
            name=obj.name,
            legal_reference=obj.legal_reference,
            basis=OverrideBasis(obj.basis),
            note=obj.note,
        )
        if change:
            saved = calendar_override_update(override_id=obj.pk, data=data, acting_user=_acting_user(request))
        else:
            saved = calendar_override_create(data=data, acting_user=_acting_user(request))
        obj.pk, obj.recorded_at, obj.recorded_by, obj.updated_at = (
            saved.pk,
            saved.recorded_at,
            saved.recorded_by,
            saved.updated_at,
        )

    def delete_model(self, request: HttpRequest, obj: CalendarOverride) -> None:
        calendar_override_delete(override_id=obj.pk, acting_user=_acting_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarOverride]) -> None:
        for override_id in queryset.values_list("pk", flat=True):
            calendar_override_delete(override_id=override_id, acting_user=_acting_user(request))


@admin.register(OfficeHours)
class OfficeHoursAdmin(_CalendarAdminBase):
    list_display = ("valid_from", "morning_start", "morning_end", "afternoon_start", "afternoon_end", "hours_per_day")
    fields = (
        "valid_from",
        "morning_start",
        "morning_end",
        "afternoon_start",
        "afternoon_end",
        "legal_reference",
        "note",
        *_CalendarAdminBase.readonly_fields,
    )

    @admin.display(description=_("hours per day"))
    def hours_per_day(self, obj: OfficeHours) -> str:
        return f"{obj.daily_hours:g}"

    def save_model(self, request: HttpRequest, obj: OfficeHours, form: Any, change: bool) -> None:
        data = OfficeHoursData(
            valid_from=obj.valid_from,
            morning_start=obj.morning_start,
            morning_end=obj.morning_end,
            afternoon_start=obj.afternoon_start,
            afternoon_end=obj.afternoon_end,
            legal_reference=obj.legal_reference,
            note=obj.note,
        )
        if change:
            saved = office_hours_update(office_hours_id=obj.pk, data=data, acting_user=_acting_user(request))
        else:
            saved = office_hours_create(data=data, acting_user=_acting_user(request))
        obj.pk, obj.recorded_at, obj.recorded_by, obj.updated_at = (
            saved.pk,
            saved.recorded_at,
            saved.recorded_by,
            saved.updated_at,
        )

    def delete_model(self, request: HttpRequest, obj: OfficeHours) -> None:
        office_hours_delete(office_hours_id=obj.pk, acting_user=_acting_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[OfficeHours]) -> None:
        for office_hours_id in queryset.values_list("pk", flat=True):
            office_hours_delete(office_hours_id=office_hours_id, acting_user=_acting_user(request))
