"""Django admin of process templates (quy trình nội bộ): a template with its steps inline.

The steps are checked together with the template before anything is saved (the same rules as the
service: times add up, someone responsible at every step…); problems appear next to the step they
are about or above the steps. Saving goes through ``services/process.py``, so it is audited like
any other change. Templates are never deleted here: untick "active" to retire one.
"""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.organisation.facade import is_province_admin
from egov.procedures.process_models import ProcessAction, ProcessStep, ProcessTemplate
from egov.procedures.services.process import (
    ProcessStepData,
    ProcessTemplateData,
    ProcessTemplateInvalidError,
    process_template_check,
    process_template_create,
    process_template_update,
)

_FORM_VALID = "_process_admin_form_valid"


def _pk(value: Any) -> int | None:
    return value.pk if value is not None else None


class ProcessStepForm(forms.ModelForm):  # type: ignore[type-arg]
    actions = forms.MultipleChoiceField(
        label=_("allowed actions"), choices=ProcessAction.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = ProcessStep
        fields = [
            "order",
            "name",
            "agency",
            "department",
            "role",
            "duration",
            "duration_unit",
            "actions",
            "parallel_group",
            "is_hand_off",
            "hand_off_agency",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2, "cols": 30})}

    def step_data(self) -> ProcessStepData:
        data = self.cleaned_data
        return ProcessStepData(
            order=data["order"],
            name=data["name"],
            description=data.get("description") or "",
            agency_id=_pk(data.get("agency")),
            department_id=_pk(data.get("department")),
            role=data.get("role") or "",
            duration=data["duration"],
            duration_unit=data["duration_unit"],
            actions=tuple(data.get("actions") or ()),
            parallel_group=(data.get("parallel_group") or "").strip(),
            is_hand_off=bool(data.get("is_hand_off")),
            hand_off_agency_id=_pk(data.get("hand_off_agency")),
        )


class ProcessStepFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    """Checks the whole template (its form's values are on ``self.instance``) with its steps."""

    def kept_forms(self) -> list[ProcessStepForm]:
        return [
            cast(ProcessStepForm, form)
            for form in self.forms
            if form.has_changed() or form.instance.pk is not None
            if not (self.can_delete and form.cleaned_data.get("DELETE"))
        ]

    def clean(self) -> None:
        super().clean()
        if any(self.errors) or not getattr(self.instance, _FORM_VALID, False):
            return  # field errors first; the template's own form has its errors shown already
        forms_by_order = {form.cleaned_data["order"]: form for form in self.kept_forms()}
        data = template_data(self.instance, [form.step_data() for form in self.kept_forms()])
        try:
            process_template_check(data=data, template_id=self.instance.pk)
        except ProcessTemplateInvalidError as exc:
            general = []
            for problem in exc.problems:
                form = forms_by_order.get(problem.step_order) if problem.step_order is not None else None
                if form is not None:
                    form.add_error(None, str(problem.message))
                else:
                    general.append(str(problem.message))
            if general:
                raise forms.ValidationError(general) from exc
            raise forms.ValidationError(_("Correct the steps marked below.")) from exc
        except ApplicationError as exc:
            raise forms.ValidationError(str(exc.message)) from exc


class _ProvinceManaged:
    """Process templates are province-wide rules: province administrators (and superusers) edit them."""

    def _can_manage(self, request: HttpRequest) -> bool:
        return is_province_admin(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._can_manage(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._can_manage(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._can_manage(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._can_manage(request)


class ProcessStepInline(_ProvinceManaged, admin.TabularInline):  # type: ignore[type-arg]
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._can_manage(request)  # removing a step is an edit of the template, saved by the service

    model = ProcessStep
    form = ProcessStepForm
    formset = ProcessStepFormSet
    extra = 1
    autocomplete_fields = ("agency", "department", "hand_off_agency")
    ordering = ("order",)


def template_data(template: ProcessTemplate, steps: list[ProcessStepData]) -> ProcessTemplateData:
    return ProcessTemplateData(
        procedure_id=template.procedure_id,
        name=template.name,
        total_time=Decimal(template.total_time),
        total_time_unit=template.total_time_unit,
        level_id=template.level_id,
        agency_id=template.agency_id,
        channel=template.channel,
        valid_from=template.valid_from,
        valid_to=template.valid_to,
        is_active=template.is_active,
        steps=tuple(sorted(steps, key=lambda step: step.order)),
    )


@admin.register(ProcessTemplate)
class ProcessTemplateAdmin(_ProvinceManaged, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "procedure_code", "level", "agency", "channel", "total", "is_active")
    list_filter = ("is_active", "level", "channel")
    search_fields = ("name", "procedure__code", "procedure__name", "agency__name", "agency__code")
    raw_id_fields = ("procedure",)
    autocomplete_fields = ("agency",)
    list_select_related = ("procedure", "level", "agency")
    inlines = (ProcessStepInline,)
    fields = (
        "procedure",
        "name",
        "level",
        "agency",
        "channel",
        ("total_time", "total_time_unit"),
        ("valid_from", "valid_to"),
        "is_active",
    )

    @admin.display(description=_("procedure"), ordering="procedure__code")
    def procedure_code(self, obj: ProcessTemplate) -> str:
        return obj.procedure.code

    @admin.display(description=_("total time"))
    def total(self, obj: ProcessTemplate) -> str:
        return f"{obj.total_time.normalize():f} {obj.get_total_time_unit_display()}"

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ApplicationError as exc:  # a refusal after the form checks (e.g. a concurrent change)
            self.message_user(request, str(exc.message), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_form(self, request: HttpRequest, form: Any, change: bool) -> Any:
        obj = super().save_form(request, form, change)  # not saved: only the form's values applied
        setattr(obj, _FORM_VALID, True)
        return obj

    def save_model(self, request: HttpRequest, obj: ProcessTemplate, form: Any, change: bool) -> None:
        """Saved with its steps in ``save_related``, through the service."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        template = form.instance
        step_formset = next(fs for fs in formsets if isinstance(fs, ProcessStepFormSet))
        data = template_data(template, [f.step_data() for f in step_formset.kept_forms()])
        if change:
            saved = process_template_update(template_id=template.pk, data=data, acting_user=request.user)
        else:
            saved = process_template_create(data=data, acting_user=request.user)
        template.pk = saved.pk
        template.refresh_from_db()
        step_formset.save(commit=False)  # only fills new/changed/deleted_objects for the change message
