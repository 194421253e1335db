"""Django admin of the organisation directory.

Non-superusers see and change only their scope (``access.py``): lists are filtered with
``visible_to``, objects of other agencies do not exist for them, and every save goes through the
services, so it is checked and audited like an API call. Nothing is deleted here: agencies,
departments and posts are deactivated instead, which keeps their history.
"""

from typing import Any, ClassVar

from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.core.text import fold
from egov.organisation import access
from egov.organisation.admin_forms import (
    AgencyAdminForm,
    DepartmentAdminForm,
    LegacyCodeInlineForm,
    StaffChangeAdminForm,
    StaffCreateAdminForm,
)
from egov.organisation.admin_save import (
    save_agency,
    save_department,
    save_legacy_codes,
    save_position,
    save_role_assignments,
    save_staff,
)
from egov.organisation.models import (
    AdministrativeUnit,
    Agency,
    AgencyLegacyCode,
    Department,
    Position,
    StaffMember,
    StaffRoleAssignment,
)
from egov.organisation.querysets import AgencyScopedQuerySet

_STRUCTURE_FORM_FIELDS = ("code", "kind", "parent", "administrative_unit", "valid_from", "valid_to", "is_active")


class ServiceSavingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A refused save (``ApplicationError`` from a service) is shown as a message, not a 500; the
    admin's own transaction rolls everything back."""

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ApplicationError as exc:
            self.message_user(request, str(exc.message), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AgencyScopedAdmin(ServiceSavingAdmin):
    """Read with ``view_perm`` in the object's agency, change with ``change_perm`` there."""

    view_perm: ClassVar[str] = access.VIEW_AGENCY
    change_perm: ClassVar[str] = access.CHANGE_AGENCY
    add_perm: ClassVar[str] = access.ADD_AGENCY

    def _agency_id(self, obj: Any) -> int | None:
        qs = type(obj)._default_manager.all()
        assert isinstance(qs, AgencyScopedQuerySet)  # noqa: S101 - only scoped models use this admin
        return qs.agency_id_of(obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        assert isinstance(qs, AgencyScopedQuerySet)  # noqa: S101
        return qs.visible_to(request.user, self.view_perm)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.has_permission(request.user, self.view_perm)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return access.has_permission(request.user, self.view_perm)
        return access.has_permission(request.user, self.view_perm, self._agency_id(obj))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return access.has_permission(request.user, self.change_perm)
        return access.has_permission(request.user, self.change_perm, self._agency_id(obj))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return access.has_permission(request.user, self.add_perm)


class AgencyLegacyCodeInline(admin.TabularInline):  # type: ignore[type-arg]
    model = AgencyLegacyCode
    form = LegacyCodeInlineForm
    fields = ("code", "scheme", "valid_from", "valid_to")
    extra = 0

    # Existing codes are history: they can be removed (if wrong) or added, not rewritten.
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # obj is None on the agency's add page, which itself needs add_agency.
        return access.has_permission(request.user, access.ADD_AGENCY, obj.pk if obj is not None else None)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and access.has_permission(request.user, access.ADD_AGENCY, obj.pk)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or access.has_permission(request.user, access.VIEW_AGENCY, obj.pk)


@admin.register(Agency)
class AgencyAdmin(AgencyScopedAdmin):
    form = AgencyAdminForm
    list_display = ("code", "name", "kind", "parent", "administrative_unit", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")
    autocomplete_fields = ("parent", "administrative_unit")
    inlines = (AgencyLegacyCodeInline,)
    fields = (
        "code",
        "name",
        "short_name",
        "kind",
        "parent",
        "administrative_unit",
        "email",
        "phone",
        "address",
        "valid_from",
        "valid_to",
        "is_active",
    )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        if not search_term.strip():
            return queryset, False
        term = search_term.strip()
        return queryset.filter(Q(name_folded__contains=fold(term)) | Q(code__icontains=term)), False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is not None and not access.has_permission(request.user, access.ADD_AGENCY, obj.pk):
            return _STRUCTURE_FORM_FIELDS
        return ()

    def save_model(self, request: HttpRequest, obj: Agency, form: ModelForm, change: bool) -> None:  # type: ignore[type-arg]
        save_agency(request.user, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        save_legacy_codes(request.user, form.instance, formset)


class DepartmentAdmin(AgencyScopedAdmin):
    form = DepartmentAdminForm
    change_perm = access.MANAGE_DEPARTMENTS
    add_perm = access.MANAGE_DEPARTMENTS
    list_display = ("name", "code", "agency", "is_active")
    list_filter = ("is_active", ("agency", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "code", "agency__code")
    list_select_related = ("agency",)
    fields = ("agency", "code", "name", "is_active")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("agency",) if obj is not None else ()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "agency":
            kwargs["queryset"] = Agency.objects.visible_to(request.user, access.MANAGE_DEPARTMENTS).filter(
                is_active=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Department, form: ModelForm, change: bool) -> None:  # type: ignore[type-arg]
        save_department(request.user, obj, form, change)


class StaffRoleAssignmentInline(admin.TabularInline):  # type: ignore[type-arg]
    model = StaffRoleAssignment
    fields = ("role",)
    extra = 0

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a role is granted or withdrawn, never rewritten in place

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and bool(access.grantable_roles(request.user, obj.agency_id))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_add_permission(request, obj)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or access.has_permission(request.user, access.VIEW_STAFF, obj.agency_id)

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and "role" in formset.form.base_fields:
            allowed = access.grantable_roles(request.user, obj.agency_id)
            field: Any = formset.form.base_fields["role"]
            field.choices = [("", "---------")] + [(value, label) for value, label in field.choices if value in allowed]
        return formset


class StaffMemberAdmin(AgencyScopedAdmin):
    view_perm = access.VIEW_STAFF
    change_perm = access.MANAGE_STAFF
    add_perm = access.MANAGE_STAFF
    list_display = ("user", "full_name", "agency", "department", "position", "roles", "is_active")
    list_filter = ("is_active", "role_assignments__role", ("agency", admin.RelatedOnlyFieldListFilter))
    search_fields = ("user__username", "user__full_name", "user__email")
    list_select_related = ("user", "agency", "department", "position")
    inlines = (StaffRoleAssignmentInline,)

    @admin.display(description=_("full name"))
    def full_name(self, obj: StaffMember) -> str:
        return obj.user.get_full_name()

    @admin.display(description=_("roles"))
    def roles(self, obj: StaffMember) -> str:
        return ", ".join(sorted(str(a.get_role_display()) for a in obj.role_assignments.all()))

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).prefetch_related("role_assignments")

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        kwargs["form"] = StaffChangeAdminForm if obj is not None else StaffCreateAdminForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["username", "full_name", "email", "phone", "agency", "department", "position", "roles"]
        return ["user", "agency", "department", "position", "is_active"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("user", "agency") if obj is not None else ()

    def get_inlines(self, request: HttpRequest, obj: Any) -> list[Any]:
        return [StaffRoleAssignmentInline] if obj is not None else []

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "agency":
            kwargs["queryset"] = Agency.objects.visible_to(request.user, access.MANAGE_STAFF).filter(is_active=True)
        elif db_field.name == "department":
            kwargs["queryset"] = Department.objects.visible_to(request.user, access.MANAGE_STAFF).filter(is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: StaffMember, form: ModelForm, change: bool) -> None:  # type: ignore[type-arg]
        save_staff(request.user, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        save_role_assignments(request.user, form.instance, formset)


class PositionAdmin(ServiceSavingAdmin):
    list_display = ("name", "code", "rank")
    search_fields = ("name", "code")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.has_permission(request.user, access.VIEW_STAFF)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.has_permission(request.user, access.VIEW_STAFF)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.has_province_permission(request.user, access.MANAGE_POSITIONS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return access.has_province_permission(request.user, access.MANAGE_POSITIONS)

    def save_model(self, request: HttpRequest, obj: Position, form: ModelForm, change: bool) -> None:  # type: ignore[type-arg]
        save_position(request.user, obj, form, change)


class AdministrativeUnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: units come from the national list (``manage.py load_admin_units``)."""

    list_display = ("code", "name", "unit_type", "level", "parent", "valid_from", "valid_to")
    list_filter = ("level", "unit_type")
    search_fields = ("code", "name")
    list_select_related = ("parent",)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        if not search_term.strip():
            return queryset, False
        term = search_term.strip()
        return queryset.filter(Q(name_folded__contains=fold(term)) | Q(code__startswith=term)), False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.has_permission(request.user, access.VIEW_AGENCY)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.has_permission(request.user, access.VIEW_AGENCY)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


admin.site.register(Department, DepartmentAdmin)
admin.site.register(StaffMember, StaffMemberAdmin)
admin.site.register(Position, PositionAdmin)
admin.site.register(AdministrativeUnit, AdministrativeUnitAdmin)
