"""One small form per action of the dossier page; each carries the dossier version it was drawn from
(optimistic lock) and, for step actions, the step it acts on."""

from dataclasses import replace
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.dossiers.choices import Action, ReturnMethod
from egov.dossiers.contracts import ActionData
from egov.dossiers.forms import DATE_INPUT_FORMATS, DateInput, MultipleFileField, to_uploads
from egov.dossiers.models import Rating

QUESTION_PREFIX = "question__"  # + ``section.field``: the officer's note on a questioned e-form answer


def _textarea(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    task_id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def action_data(self) -> ActionData:
        data = self.cleaned_data
        reasons = tuple(line.strip() for line in str(data.get("reasons") or "").splitlines() if line.strip())
        return ActionData(
            version=data["version"],
            task_id=data.get("task_id"),
            note=str(data.get("note") or "").strip(),
            reasons=reasons,
            assignee_id=data.get("assignee_id"),
            new_due_date=data.get("new_due_date"),
            return_method=str(data.get("return_method") or ""),
            target=str(data.get("target") or ""),
            files=to_uploads(data.get("attachments") or []),
        )


class NoteForm(ActionForm):
    note = forms.CharField(label=_("Note"), required=False, max_length=4000, widget=_textarea())


class SendBackForm(ActionForm):
    note = forms.CharField(label=_("Why is it sent back?"), max_length=4000, widget=_textarea())


class ReasonsForm(ActionForm):
    reasons = forms.CharField(
        label=_("Reasons"),
        help_text=_("One reason per line; the applicant receives them in writing."),
        widget=_textarea(3),
    )


class SupplementRequestForm(ReasonsForm):
    """The reasons, and the e-form answers the officer questions: a note on an answer marks it
    questioned, and the applicant may then correct exactly those answers (``services/answers.py``)."""

    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        help_text=_("One reason per line; the applicant receives them in writing."),
        widget=_textarea(3),
    )

    def __init__(self, *args: Any, answers: list[tuple[str, str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if answers is None:  # posted: the engine checks that each is a field of the form
            posted = [key for key in self.data if str(key).startswith(QUESTION_PREFIX)] if self.data else []
            answers = [(key[len(QUESTION_PREFIX) :], key, "") for key in posted]
        for path, label, value in answers:
            self.fields[f"{QUESTION_PREFIX}{path}"] = forms.CharField(
                label=label,
                required=False,
                max_length=500,
                help_text=format_lazy(_("Answer: {value}"), value=value) if value else "",
                widget=forms.TextInput(attrs={"placeholder": _("What is wrong with this answer?")}),
            )

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith(QUESTION_PREFIX)]

    def question_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(QUESTION_PREFIX)]

    def questions_given(self) -> bool:
        """Open the list of answers when the officer had written notes (a refused form drawn again)."""
        return any(field.value() or field.errors for field in self.question_fields())

    def action_data(self) -> ActionData:
        questioned = tuple(
            (name[len(QUESTION_PREFIX) :], str(value).strip())
            for name, value in self.cleaned_data.items()
            if name.startswith(QUESTION_PREFIX) and str(value or "").strip()
        )
        return replace(super().action_data(), questioned=questioned)


class FilesForm(ActionForm):
    attachments = MultipleFileField(label=_("Files"), required=False, help_text=_("PDF, JPG or PNG."))
    note = forms.CharField(label=_("Note"), required=False, max_length=4000, widget=_textarea())


class ResultForm(FilesForm):
    attachments = MultipleFileField(label=_("Result file"), help_text=_("PDF, JPG or PNG."))


class ExtendForm(ActionForm):
    new_due_date = forms.DateField(
        label=_("New appointment date"), input_formats=DATE_INPUT_FORMATS, widget=DateInput()
    )
    reasons = forms.CharField(
        label=_("Reasons for the delay"),
        help_text=_("One reason per line; printed on the apology."),
        widget=_textarea(),
    )


class ReturnForm(ActionForm):
    return_method = forms.ChoiceField(label=_("Result delivered"), choices=ReturnMethod.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=4000, widget=_textarea(1))


class AssignForm(ActionForm):
    assignee_id = forms.TypedChoiceField(label=_("Officer"), coerce=int)

    def __init__(self, *args: Any, officers: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee_id"]
        if officers is None:  # posted: the engine checks that the officer holds the step's role
            posted = self.data.getlist("assignee_id") if hasattr(self.data, "getlist") else []
            field.choices = [(value, value) for value in posted]  # type: ignore[attr-defined]
        else:
            field.choices = [("", _("— Choose an officer —")), *officers]  # type: ignore[attr-defined]


class CompleteForm(NoteForm):
    """Forward, approve, sign: the step is done; the next one may be given to a named officer among
    those eligible (``next_handlers_for``) or left to everyone holding its role."""

    assignee_id = forms.TypedChoiceField(
        label=_("Next handler"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Leave it to the role and the step waits, unclaimed, in the department list of its officers."),
    )

    field_order = ("version", "task_id", "assignee_id", "note")

    def __init__(self, *args: Any, handlers: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee_id"]
        if handlers is None:  # posted: the engine checks that the officer holds the next step's role
            posted = self.data.getlist("assignee_id") if hasattr(self.data, "getlist") else []
            field.choices = [("", ""), *[(value, value) for value in posted if value]]  # type: ignore[attr-defined]
        elif handlers:
            field.choices = [("", _("Anyone holding the step's role")), *handlers]  # type: ignore[attr-defined]
        else:  # the next step cannot be given to someone from here (see ``next_handlers_for``)
            del self.fields["assignee_id"]


class TransferForm(ActionForm):
    target = forms.CharField(label=_("Code of the receiving agency"), max_length=35)
    note = forms.CharField(label=_("Note"), required=False, max_length=4000, widget=_textarea(1))


ACTION_FORMS: dict[str, type[ActionForm]] = {
    Action.ACCEPT: NoteForm,
    Action.REJECT: ReasonsForm,
    Action.CLAIM: ActionForm,
    Action.ASSIGN: AssignForm,
    Action.FORWARD: CompleteForm,
    Action.APPROVE: CompleteForm,
    Action.SIGN: CompleteForm,
    Action.SEND_BACK: SendBackForm,
    Action.REQUEST_SUPPLEMENT: SupplementRequestForm,
    Action.SUPPLEMENT: FilesForm,
    Action.REQUEST_OBLIGATION: ReasonsForm,
    Action.FULFIL_OBLIGATION: NoteForm,
    Action.REFUSE: ReasonsForm,
    Action.EXTEND: ExtendForm,
    Action.WITHDRAW: NoteForm,
    Action.ATTACH_RESULT: ResultForm,
    Action.SIGN_RESULT: ActionForm,
    Action.RETURN_RESULT: ReturnForm,
    Action.TRANSFER_OUT: TransferForm,
    Action.NOTE: FilesForm,
}


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("The applicant's rating"), choices=Rating.Score.choices, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000, widget=_textarea())
