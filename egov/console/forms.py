"""The audit log's filter form (GET). Choices are read when the form is built."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.console import selectors
from egov.console.selectors import AuditFilters

# <input type="date"> always submits ISO dates, whatever the language of the page.
DATE_INPUT_FORMATS = ["%Y-%m-%d"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    object_id = forms.CharField(label=_("Object ID"), required=False, max_length=64)
    actor = forms.CharField(label=_("Actor (name or username)"), required=False, max_length=150)
    date_from = forms.DateField(
        label=_("From date"), required=False, input_formats=DATE_INPUT_FORMATS, widget=DateInput()
    )
    date_to = forms.DateField(label=_("To date"), required=False, input_formats=DATE_INPUT_FORMATS, widget=DateInput())
    agency = forms.TypedChoiceField(label=_("Agency"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", _("All"))]
        self.fields["action"].choices = any_choice + [(a, a) for a in selectors.audit_action_list()]  # type: ignore[attr-defined]
        self.fields["object_type"].choices = any_choice + [  # type: ignore[attr-defined]
            (t, t) for t in selectors.audit_object_type_list()
        ]
        self.fields["agency"].choices = any_choice + [  # type: ignore[attr-defined]
            (str(agency_id), name) for agency_id, name in selectors.agency_choice_list()
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned

    def to_filters(self) -> AuditFilters:
        """The validated filters; call only after ``is_valid()`` returned True."""
        data = self.cleaned_data
        return AuditFilters(
            action=data["action"],
            object_type=data["object_type"],
            object_id=data["object_id"].strip(),
            actor=data["actor"].strip(),
            date_from=data["date_from"],
            date_to=data["date_to"],
            agency_id=data["agency"],
        )
