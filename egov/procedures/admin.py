"""Django admin of the procedure catalogue.

A procedure's content lives in versions, so the change form edits the *current version's* text
(name, field, levels, agencies, applicants, steps, conditions …) and saving goes through
``procedure_save``: a new version is created and audited, the old one stays for the dossiers received
under it. Channels, papers and legal bases are shown as published (they come from the national
database's import). Versions are read-only history; nothing is ever deleted (a procedure is
withdrawn with the "withdraw" action). Fields are renamed and implementing levels changed through
their services, audited too.

Who: superusers and province administrators (``is_province_admin``), or staff holding the Django
permission of the model.
"""

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from egov.core.errors import ApplicationError
from egov.core.models import AuditEntry
from egov.core.text import fold
from egov.identity.models import User
from egov.organisation.facade import is_province_admin
from egov.procedures.admin_forms import ProcedureForm
from egov.procedures.models import (
    Channel,
    ImplementingLevel,
    LegalBasis,
    Procedure,
    ProcedureField,
    ProcedureVersion,
    RequiredPaper,
)
from egov.procedures.services.catalogue import (
    implementing_level_save,
    procedure_field_rename,
    procedure_save,
    procedure_set_active,
)

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
    _TabularInline = admin.TabularInline[Any, Any]
else:
    _ModelAdmin = admin.ModelAdmin
    _TabularInline = admin.TabularInline


def _acting_user(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


class _CatalogueAdmin(_ModelAdmin):
    """Province-wide data: managed by the province (or a Django permission); saves go through services."""

    def _can_manage(self, request: HttpRequest) -> bool:
        opts = self.model._meta
        return is_province_admin(request.user) or request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._can_manage(request) or super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._can_manage(request) or super().has_view_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._can_manage(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._can_manage(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ApplicationError as exc:  # refused by the service: shown, and the admin's transaction rolled back
            self.message_user(request, _message(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


def _message(exc: ApplicationError) -> str:
    details = "; ".join(f"{key}: {' '.join(map(str, value))}" for key, value in exc.fields.items())
    return f"{exc.message} {details}".strip() if details and details not in str(exc.message) else str(exc.message)


class VersionInline(_TabularInline):
    model = ProcedureVersion
    fields = ("number", "status", "valid_from", "valid_to", "source", "created_at")
    readonly_fields = fields
    show_change_link = True
    extra = 0
    ordering = ("-number",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Procedure)
class ProcedureAdmin(_CatalogueAdmin):
    form = ProcedureForm
    list_display = ("code", "name", "field", "version", "has_online", "has_full_online", "is_active")
    list_filter = ("is_active", "has_online", "has_full_online", "field")
    list_select_related = ("field", "current_version")
    search_fields = ("code",)
    list_per_page = 50
    inlines = (VersionInline,)
    actions = ("withdraw", "reinstate")
    readonly_fields = ("channels_table", "papers_table", "legal_bases_table", "history")
    fieldsets = (
        (None, {"fields": ("code", "name", "field_name", "level_codes", "procedure_type", "decision_number")}),
        (
            _("Agencies"),
            {
                "fields": (
                    "competent_agency",
                    "implementing_agency",
                    "authorised_agency",
                    "coordinating_agencies",
                    "local_agency_codes",
                )
            },
        ),
        (
            _("Content"),
            {"fields": ("target_applicants", "submission_address", "steps", "conditions", "related_procedures")},
        ),
        (None, {"fields": ("valid_from",)}),
        (
            _("As published"),
            {"fields": ("channels_table", "papers_table", "legal_bases_table"), "classes": ("collapse",)},
        ),
        (_("History"), {"fields": ("history",), "classes": ("collapse",)}),
    )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(Q(code__startswith=term) | Q(name_folded__contains=fold(term))), False

    @admin.display(description=_("version"), ordering="current_version__number")
    def version(self, obj: Procedure) -> int | None:
        return obj.current_version.number if obj.current_version else None

    def _current(self, obj: Procedure | None) -> ProcedureVersion | None:
        if obj is None or obj.current_version_id is None:
            return None
        return obj.current_version

    @admin.display(description=_("submission channels"))
    def channels_table(self, obj: Procedure | None) -> SafeString:
        version = self._current(obj)
        rows = Channel.objects.filter(version=version).order_by("pk") if version else []
        return _table(
            (_("channel"), _("processing time"), _("fees as published")),
            (
                (c.get_kind_display(), f"{c.processing_time or ''} {c.get_time_unit_display()}", c.fee_text)
                for c in rows
            ),
        )

    @admin.display(description=_("required papers"))
    def papers_table(self, obj: Procedure | None) -> SafeString:
        version = self._current(obj)
        rows = RequiredPaper.objects.filter(version=version) if version else []
        return _table(
            (_("name"), _("kind"), _("requirement"), _("when required"), _("quantity as published"), _("case")),
            (
                (
                    p.name,
                    p.get_kind_display(),
                    p.get_requirement_display() if p.is_paper else "",
                    p.condition,
                    p.quantity_text,
                    p.group,
                )
                for p in rows
            ),
        )

    @admin.display(description=_("legal bases"))
    def legal_bases_table(self, obj: Procedure | None) -> SafeString:
        version = self._current(obj)
        rows = LegalBasis.objects.filter(version=version) if version else []
        return _table((_("number and notation"), _("title")), ((b.document_number, b.title) for b in rows))

    @admin.display(description=_("changes"))
    def history(self, obj: Procedure | None) -> SafeString:
        if obj is None or obj.pk is None:
            return _table((), ())
        entries = AuditEntry.objects.filter(object_type="procedures.procedure", object_id=str(obj.pk)).order_by("-seq")[
            :50
        ]
        return _table(
            (_("when"), _("who"), _("what"), _("details")),
            ((e.occurred_at, e.actor_label, e.action, ", ".join(e.changes.get("changed", []))) for e in entries),
        )

    def save_model(self, request: HttpRequest, obj: Procedure, form: Any, change: bool) -> None:
        result = procedure_save(data=form.procedure_data(), acting_user=_acting_user(request))
        obj.pk = result.procedure.pk
        obj._state.adding = False
        if result.outcome == "unchanged":
            self.message_user(request, _("Nothing changed: no new version was made."), messages.INFO)
        else:
            self.message_user(
                request, _("Saved as version %(number)s.") % {"number": result.version.number}, messages.SUCCESS
            )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Versions are read-only history: nothing is saved (``commit=False`` only lists the forms)."""
        for formset in formsets:
            formset.save(commit=False)

    @admin.action(description=_("Withdraw the selected procedures from the catalogue"))
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Procedure]) -> None:
        self._set_active(request, queryset, is_active=False)

    @admin.action(description=_("Put the selected procedures back in the catalogue"))
    def reinstate(self, request: HttpRequest, queryset: QuerySet[Procedure]) -> None:
        self._set_active(request, queryset, is_active=True)

    def _set_active(self, request: HttpRequest, queryset: QuerySet[Procedure], *, is_active: bool) -> None:
        if not self._can_manage(request):
            raise PermissionError  # the action list is not shown without the right; never reached
        codes = list(queryset.values_list("code", flat=True))
        for code in codes:
            procedure_set_active(code=code, is_active=is_active, acting_user=_acting_user(request))
        self.message_user(
            request,
            ngettext("%(count)d procedure updated.", "%(count)d procedures updated.", len(codes))
            % {"count": len(codes)},
            messages.SUCCESS,
        )


def _table(headers: Any, rows: Any) -> SafeString:
    head = format_html_join("", "<th>{}</th>", ((h,) for h in headers))
    body = format_html_join(
        "", "<tr>{}</tr>", ((format_html_join("", "<td>{}</td>", ((c,) for c in row)),) for row in rows)
    )
    return format_html("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, body)


class _ReadOnlyInline(_TabularInline):
    extra = 0

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.fields or ()

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ChannelInline(_ReadOnlyInline):
    model = Channel
    fields = ("kind", "processing_time", "time_unit", "processing_time_text", "fee_text", "description")


class PaperInline(_ReadOnlyInline):
    model = RequiredPaper
    fields = (
        "order",
        "name",
        "group",
        "originals",
        "copies",
        "kind",
        "requirement",
        "condition",
        "condition_rule",
        "template_name",
    )


class LegalBasisInline(_ReadOnlyInline):
    model = LegalBasis
    fields = ("order", "document_number", "title")


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(_CatalogueAdmin):
    """Versions are history: read-only (a change is a new version, made on the procedure)."""

    list_display = ("procedure", "number", "status", "valid_from", "valid_to", "source")
    list_filter = ("status", "source")
    list_select_related = ("procedure",)
    search_fields = ("procedure__code",)
    inlines = (ChannelInline, PaperInline, LegalBasisInline)
    exclude = ("levels", "local_agencies")
    readonly_fields = ("implementing_levels", "province_agencies")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        names = [f.name for f in self.model._meta.fields]
        return [*names, "implementing_levels", "province_agencies"]

    @admin.display(description=_("implementing levels"))
    def implementing_levels(self, obj: ProcedureVersion) -> str:
        return ", ".join(level.name for level in obj.levels.all())

    @admin.display(description=_("agencies of the province that handle it"))
    def province_agencies(self, obj: ProcedureVersion) -> str:
        return ", ".join(str(agency) for agency in obj.local_agencies.all())

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ProcedureField)
class ProcedureFieldAdmin(_CatalogueAdmin):
    list_display = ("name", "code", "procedure_count")
    search_fields = ("name", "code")
    fields = ("name", "code")
    readonly_fields = ("code",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset: QuerySet[Any] = super().get_queryset(request).annotate(procedure_count=Count("procedures"))
        return queryset

    @admin.display(description=_("procedures"), ordering="procedure_count")
    def procedure_count(self, obj: Any) -> int:
        return int(obj.procedure_count)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a field comes with the procedures that use it

    def save_model(self, request: HttpRequest, obj: ProcedureField, form: Any, change: bool) -> None:
        procedure_field_rename(field_id=obj.pk, name=form.cleaned_data["name"], acting_user=_acting_user(request))


@admin.register(ImplementingLevel)
class ImplementingLevelAdmin(_CatalogueAdmin):
    list_display = ("code", "name", "valid_from", "valid_to")
    fields = ("code", "name", "valid_from", "valid_to")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("code",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: ImplementingLevel, form: Any, change: bool) -> None:
        level = implementing_level_save(
            code=obj.code,
            name=form.cleaned_data["name"],
            valid_from=form.cleaned_data["valid_from"],
            valid_to=form.cleaned_data["valid_to"],
            acting_user=_acting_user(request),
        )
        obj.pk = level.pk


# The process-template and province fee table admins register themselves on import.
from egov.procedures import admin_fees, admin_process  # noqa: E402,F401
