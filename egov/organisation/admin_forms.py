"""Forms of the organisation admin. They check formats early (nicer than an error after saving);
the services check everything again when the admin saves through them."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.identity.roles import Role
from egov.organisation.models import Agency, AgencyLegacyCode, Department, LegacyCodeScheme, StaffMember
from egov.organisation.services.agencies import ensure_no_parent_cycle
from egov.organisation.validators import validate_agency_code, validate_department_code, validate_qcvn102_code

STAFF_ROLE_CHOICES = [(role.value, role.label) for role in Role if role != Role.CITIZEN]


def _check(field: str, validator: Any, value: Any) -> Any:
    try:
        return validator(value)
    except ApplicationError as exc:
        raise forms.ValidationError({field: str(exc.message)}) from exc


class AgencyAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Agency
        fields = [
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
        ]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("code"):
            cleaned["code"] = _check("code", validate_agency_code, cleaned["code"])
        parent = cleaned.get("parent")
        if parent is not None and self.instance.pk is not None:
            _check("parent", lambda value: ensure_no_parent_cycle(self.instance.pk, value), parent.pk)
        return cleaned


class LegacyCodeInlineForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AgencyLegacyCode
        fields = ["code", "scheme", "valid_from", "valid_to"]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("code"):
            validator = (
                validate_qcvn102_code if cleaned.get("scheme") == LegacyCodeScheme.QCVN102 else validate_agency_code
            )
            cleaned["code"] = _check("code", validator, cleaned["code"])
        return cleaned


class DepartmentAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Department
        fields = ["agency", "code", "name", "is_active"]

    def clean_code(self) -> str:
        return str(_check("code", validate_department_code, self.cleaned_data["code"]))


class StaffCreateAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    """Adding a staff member in the admin creates the account and its first post together."""

    username = forms.CharField(label=_("username"), max_length=150, help_text=_("e.g. stp_nguyenvanan"))
    full_name = forms.CharField(label=_("full name"), max_length=200)
    email = forms.EmailField(label=_("email"), required=False)
    phone = forms.CharField(label=_("phone"), max_length=15, required=False)
    roles = forms.MultipleChoiceField(
        label=_("roles"), choices=STAFF_ROLE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = StaffMember
        fields = ["agency", "department", "position"]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        department, agency = cleaned.get("department"), cleaned.get("agency")
        if department is not None and agency is not None and department.agency_id != agency.pk:
            raise forms.ValidationError({"department": _("The department does not belong to this agency.")})
        return cleaned


class StaffChangeAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = StaffMember
        fields = ["department", "position", "is_active"]
