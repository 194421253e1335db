"""Forms of the staff pages: worklist filters, intake at the desk, and uploads of scanned papers."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.dossiers.choices import ApplicantKind, DossierStatus, ReturnMethod
from egov.dossiers.contracts import ApplicantData, IntakeData, ReceivedPaper, UploadedFile
from egov.dossiers.selectors import DossierFilters
from egov.organisation.models import Agency
from egov.procedures.choices import ChannelKind
from egov.procedures.models import RequiredPaper

# <input type="date"> always submits ISO dates, whatever the language of the page.
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
ACCEPTED_TYPES = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
DESK_CHANNELS = [
    (ChannelKind.COUNTER.value, ChannelKind.COUNTER.label),
    (ChannelKind.POST.value, ChannelKind.POST.label),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; checked for count and size before anything is read."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED_TYPES}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, (list, tuple)) else [data]
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in items if item]
        if self.required and not cleaned:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        max_files, max_bytes = settings.EGOV_DOSSIER_UPLOAD_MAX_FILES, settings.EGOV_DOSSIER_UPLOAD_MAX_BYTES
        if len(cleaned) > max_files:
            raise forms.ValidationError(format_lazy(_("Too many files: at most {count} at a time."), count=max_files))
        for item in cleaned:
            if item.size is not None and item.size > max_bytes:
                raise forms.ValidationError(
                    format_lazy(
                        _("The file “{name}” is larger than {size} MB."), name=item.name, size=max_bytes // 1048576
                    )
                )
        return cleaned


def to_uploads(files: list[Any]) -> tuple[UploadedFile, ...]:
    """Django's uploads as the engine's plain data (the engine reads the real type from the content)."""
    return tuple(
        UploadedFile(name=item.name or "tep", content=item.read(), content_type=item.content_type or "")
        for item in files
    )


class WorklistFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Code, applicant or ID number"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    procedure = forms.ChoiceField(label=_("Procedure"), required=False)
    field = forms.TypedChoiceField(label=_("Field"), required=False, coerce=int, empty_value=None)
    agency = forms.TypedChoiceField(label=_("Agency"), required=False, coerce=int, empty_value=None)
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    received_from = forms.DateField(
        label=_("Received from"), required=False, input_formats=DATE_INPUT_FORMATS, widget=DateInput()
    )
    received_to = forms.DateField(
        label=_("Received to"), required=False, input_formats=DATE_INPUT_FORMATS, widget=DateInput()
    )

    def __init__(
        self,
        *args: Any,
        agencies: list[tuple[int, str]],
        fields: list[tuple[int, str]],
        procedures: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        """``fields`` and ``procedures``: those the officer's agencies handle (``filter_choices_for``)."""
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["field"].choices = every + [(str(pk), name) for pk, name in fields]  # type: ignore[attr-defined]
        shown = [(code, label if len(label) <= 90 else label[:89] + "…") for code, label in procedures]
        self.fields["procedure"].choices = every + shown  # type: ignore[attr-defined]
        self.fields["agency"].choices = every + [(str(pk), name) for pk, name in agencies]  # type: ignore[attr-defined]
        self.fields["channel"].choices = every + list(ChannelKind.choices)  # type: ignore[attr-defined]
        self.fields["status"].choices = every + list(DossierStatus.choices)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("The end date must not be before the start date."))
        return cleaned

    def to_filters(self) -> DossierFilters:
        data = self.cleaned_data
        return DossierFilters(
            q=data["q"],
            procedure_code=data["procedure"],
            field_id=data["field"],
            agency_id=data["agency"],
            channel=data["channel"],
            status=data["status"],
            received_from=data["received_from"],
            received_to=data["received_to"],
        )


class IntakeStartForm(forms.Form):
    """Step 1 of intake (GET): the receiving agency and the procedure."""

    agency = forms.TypedChoiceField(label=_("Receiving agency"), coerce=int)
    q = forms.CharField(
        label=_("Find a procedure (code or name)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    procedure = forms.ChoiceField(label=_("Procedure"), required=False)

    def __init__(self, *args: Any, agencies: list[Agency], procedures: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(str(a.pk), a.name) for a in agencies]  # type: ignore[attr-defined]
        self.fields["procedure"].choices = [("", _("— Choose a procedure —")), *procedures]  # type: ignore[attr-defined]


class IntakeForm(forms.Form):
    """Step 2 of intake (POST): the applicant, the papers received and how the result goes back."""

    agency = forms.IntegerField(widget=forms.HiddenInput)
    procedure = forms.CharField(widget=forms.HiddenInput, max_length=30)
    applicant_kind = forms.ChoiceField(
        label=_("Applicant type"),
        choices=ApplicantKind.choices,
        initial=ApplicantKind.CITIZEN,
        widget=forms.RadioSelect,
    )
    full_name = forms.CharField(label=_("Full name (or organisation name)"), max_length=255)
    id_number = forms.CharField(
        label=_("Personal identification number (or tax code)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=500)
    phone = forms.CharField(
        label=_("Phone"), required=False, max_length=20, widget=forms.TextInput(attrs={"type": "tel"})
    )
    email = forms.EmailField(label=_("Email"), required=False)
    rep_name = forms.CharField(label=_("Filed on behalf by (name)"), required=False, max_length=255)
    rep_id_number = forms.CharField(label=_("Their ID number"), required=False, max_length=20)
    rep_relation = forms.CharField(label=_("Relationship or authorisation"), required=False, max_length=200)
    channel = forms.ChoiceField(
        label=_("How it was received"), choices=DESK_CHANNELS, initial=ChannelKind.COUNTER, widget=forms.RadioSelect
    )
    subject = forms.CharField(
        label=_("Request"),
        required=False,
        help_text=_("Leave empty to use the procedure's name."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    other_papers = forms.CharField(
        label=_("Other papers received"),
        required=False,
        help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    copies = forms.IntegerField(label=_("Number of sets"), min_value=1, max_value=99, initial=1)
    return_method = forms.ChoiceField(label=_("Result delivered"), choices=ReturnMethod.choices)
    attachments = MultipleFileField(
        label=_("Scanned papers"), required=False, help_text=_("PDF, JPG or PNG; several files at once.")
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, papers: list[RequiredPaper], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.papers = papers
        for paper in papers:
            self.fields[f"paper_{paper.pk}"] = forms.BooleanField(label=paper.name, required=False)
            self.fields[f"paper_{paper.pk}_originals"] = forms.IntegerField(
                label=_("Originals"), min_value=0, max_value=99, initial=paper.originals, required=False
            )
            self.fields[f"paper_{paper.pk}_copies"] = forms.IntegerField(
                label=_("Copies"), min_value=0, max_value=99, initial=paper.copies, required=False
            )

    def paper_rows(self) -> list[tuple[RequiredPaper, Any, Any, Any]]:
        return [
            (p, self[f"paper_{p.pk}"], self[f"paper_{p.pk}_originals"], self[f"paper_{p.pk}_copies"])
            for p in self.papers
        ]

    def clean_id_number(self) -> str:
        value: str = self.cleaned_data["id_number"].strip()
        citizen = self.data.get("applicant_kind", ApplicantKind.CITIZEN) == ApplicantKind.CITIZEN
        if value and citizen and (not value.isdigit() or len(value) not in (9, 12)):
            raise forms.ValidationError(_("A personal identification number has 12 digits (an old ID card 9)."))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.received_papers():
            raise forms.ValidationError(_("Tick the papers received, or list them under “Other papers received”."))
        return cleaned

    def received_papers(self) -> tuple[ReceivedPaper, ...]:
        data = getattr(self, "cleaned_data", {})
        received = [
            ReceivedPaper(
                name=paper.name,
                originals=data.get(f"paper_{paper.pk}_originals") or 0,
                copies=data.get(f"paper_{paper.pk}_copies") or 0,
                paper_id=paper.pk,
            )
            for paper in self.papers
            if data.get(f"paper_{paper.pk}")
        ]
        for line in str(data.get("other_papers") or "").splitlines():
            if line.strip():
                received.append(ReceivedPaper(name=line.strip()[:500], originals=1))
        return tuple(received)

    def intake_data(self) -> IntakeData:
        data = self.cleaned_data
        representative = {
            key: value
            for key, value in (
                ("name", data["rep_name"].strip()),
                ("id_number", data["rep_id_number"].strip()),
                ("relation", data["rep_relation"].strip()),
            )
            if value
        }
        return IntakeData(
            procedure_code=data["procedure"],
            applicant=ApplicantData(
                full_name=data["full_name"],
                id_number=data["id_number"],
                kind=data["applicant_kind"],
                address=data["address"],
                phone=data["phone"].strip(),
                email=data["email"],
            ),
            channel=data["channel"],
            subject=data["subject"],
            papers=self.received_papers(),
            copies=data["copies"],
            return_method=data["return_method"],
            representative=representative,
            note=data["note"].strip(),
        )
