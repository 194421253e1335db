"""The change form of a procedure in the admin: the current version's text, merged back into what the
version says (channels, papers, legal bases unchanged) and saved through ``procedure_save``."""

from dataclasses import replace
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.organisation.facade import agency_directory
from egov.procedures.contracts import ProcedureData
from egov.procedures.models import ImplementingLevel, Procedure
from egov.procedures.services.catalogue_data import procedure_data_from_version, version_queryset

_TEXT_FIELDS = (
    "procedure_type",
    "decision_number",
    "competent_agency",
    "implementing_agency",
    "authorised_agency",
    "coordinating_agencies",
    "target_applicants",
    "submission_address",
    "steps",
    "conditions",
    "related_procedures",
)


class ProcedureForm(forms.ModelForm):  # type: ignore[type-arg]
    """The current version's text; ``procedure_data`` merges it into what the version says."""

    name = forms.CharField(label=_("name"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    field_name = forms.CharField(label=_("field"), max_length=255, required=False)
    level_codes = forms.MultipleChoiceField(
        label=_("implementing levels"), required=False, widget=forms.CheckboxSelectMultiple
    )
    local_agency_codes = forms.MultipleChoiceField(label=_("agencies of the province that handle it"), required=False)
    procedure_type = forms.CharField(label=_("procedure type"), max_length=255, required=False)
    decision_number = forms.CharField(label=_("announcing decision"), max_length=255, required=False)
    competent_agency = forms.CharField(
        label=_("competent agency"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    implementing_agency = forms.CharField(
        label=_("implementing agency"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    authorised_agency = forms.CharField(
        label=_("authorised agency"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    coordinating_agencies = forms.CharField(
        label=_("coordinating agencies"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    target_applicants = forms.CharField(
        label=_("who may apply"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    submission_address = forms.CharField(
        label=_("where to submit"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    steps = forms.CharField(label=_("steps"), required=False, widget=forms.Textarea)
    conditions = forms.CharField(label=_("conditions"), required=False, widget=forms.Textarea)
    related_procedures = forms.CharField(
        label=_("related procedures"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    valid_from = forms.DateField(
        label=_("valid from"), required=False, help_text=_("Empty: the new version applies from the day it is saved.")
    )

    class Meta:
        model = Procedure
        fields = ("code",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        level_choices = [(level.code, level.name) for level in ImplementingLevel.objects.order_by("code")]
        self.fields["level_codes"].choices = level_choices  # type: ignore[attr-defined]
        agency_choices = [(a.code, f"{a.code} - {a.name}") for a in agency_directory()]
        self.fields["local_agency_codes"].choices = agency_choices  # type: ignore[attr-defined]
        self.current: ProcedureData | None = None
        version_id = self.instance.current_version_id if self.instance.pk else None
        if version_id is not None:
            self.current = procedure_data_from_version(version_queryset().get(pk=version_id))
            self.fields["code"].disabled = True
            for name in ("name", "field_name", "level_codes", "local_agency_codes", *_TEXT_FIELDS):
                self.initial[name] = getattr(self.current, name)

    def procedure_data(self) -> ProcedureData:
        values = {name: self.cleaned_data[name] for name in ("name", "field_name", *_TEXT_FIELDS)}
        edited = {
            **values,
            "level_codes": tuple(self.cleaned_data["level_codes"]),
            "local_agency_codes": tuple(self.cleaned_data["local_agency_codes"]),
            "valid_from": self.cleaned_data["valid_from"],
        }
        if self.current is None:
            return ProcedureData(code=self.cleaned_data["code"], source="admin", **edited)
        data = replace(self.current, **edited)
        return data if data == self.current else replace(data, source="admin")
