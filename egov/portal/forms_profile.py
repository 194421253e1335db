"""Forms of the citizen's profile and household pages, and the "fill from my profile" choice."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.portal.models import Gender, Relationship
from egov.procedures.eforms.prefill import ETHNIC_GROUPS

_DATE = forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d")
_DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _gender_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Gender"),
        required=False,
        choices=[("", _("Not given")), *list(Gender.choices)],
        widget=forms.RadioSelect,
    )


def _ethnicity_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Ethnicity"), required=False, choices=[("", _("Not given"))] + [(name, name) for name in ETHNIC_GROUPS]
    )


def _nationality_field() -> forms.CharField:
    return forms.CharField(
        label=_("Nationality"), required=False, max_length=100, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )


class ProfileForm(forms.Form):
    birth_date = forms.DateField(label=_("Date of birth"), required=False, input_formats=_DATE_FORMATS, widget=_DATE)
    gender = _gender_field()
    ethnicity = _ethnicity_field()
    nationality = _nationality_field()
    residence = forms.CharField(
        label=_("Place of residence"),
        required=False,
        max_length=500,
        help_text=_("House number, street or hamlet, commune or ward, province: as on your residence record."),
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address"}),
    )


class MemberForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    relationship = forms.ChoiceField(
        label=_("Relationship to you"),
        choices=[("", _("Choose")), *list(Relationship.choices)],
        error_messages={"required": _("Choose how this person is related to you.")},
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        input_formats=_DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "off"}, format="%Y-%m-%d"),
    )
    gender = _gender_field()
    id_number = forms.CharField(
        label=_("Citizen ID number (optional)"),
        required=False,
        max_length=20,
        help_text=_("12 digits; leave empty for a child who has none yet."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    ethnicity = _ethnicity_field()
    nationality = _nationality_field()


class PrefillForm(forms.Form):
    person = forms.ChoiceField(label=_("Fill this part from"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["person"]).choices = choices
