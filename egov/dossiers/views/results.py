"""Drafting, reviewing and signing the result of a dossier (staff pages under /staff/dossiers/<code>/result/).

- ``result_draft``: the specialist chooses the template, edits the pre-filled fields, saves, submits.
- ``result_review``: the leader sees the draft as it will be issued (its pages as images and the PDF)
  and approves it or returns it with a comment.
- ``result_sign``: what will be signed (pages, title, number, SHA-256), a confirmation and the second
  factor (an authenticator code when turned on, else the password); then sign and seal.
Every change goes through ``dossier_act`` (one transaction, event, audit); refusals come back as this
page with the message and a 4xx status.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.dossiers.choices import ResultDraftStatus
from egov.dossiers.contracts import ActionData
from egov.dossiers.documents.formatting import local
from egov.dossiers.documents.results import render_draft_pdf
from egov.dossiers.facade import dossier_act
from egov.dossiers.models import Dossier, ResultDraft
from egov.dossiers.services.drafting import templates_for
from egov.dossiers.services.guards import EDITABLE_DRAFT_STATUSES, open_draft
from egov.dossiers.views.common import add_service_errors, load_dossier
from egov.identity.access import staff_required
from egov.identity.selectors import totp_is_enabled

S = ResultDraftStatus
PREVIEW_DPI = 90
PDFTOPPM = shutil.which("pdftoppm") or "/usr/bin/pdftoppm"  # poppler-utils (scripts/system-deps.sh)
MAX_PREVIEW_PAGES = 10


class StartForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    template_id = forms.TypedChoiceField(label=_("Result template"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args: Any, templates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template_id"].choices = [(t.pk, t.name) for t in templates]  # type: ignore[attr-defined]
        if len(templates) == 1:
            self.fields["template_id"].initial = templates[0].pk


class DraftForm(forms.Form):
    """The template's fields, pre-filled; each an input (or a text area when declared multiline)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = forms.CharField(
        label=_("Note to the signer"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, draft: ResultDraft, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = {}
        for item in draft.template.fields if draft.template is not None else []:
            key = f"f_{item['key']}"
            widget = forms.Textarea(attrs={"rows": 3}) if item.get("multiline") else forms.TextInput
            fields[key] = forms.CharField(
                label=str(item["label"]),
                required=False,
                max_length=4000,
                widget=widget,
                help_text=str(
                    item.get("help") or (_("Leave it empty when it does not apply.") if item.get("optional") else "")
                ),
                initial=draft.values.get(str(item["key"]), ""),
            )
        note = self.fields.pop("note")
        self.fields.update(fields)
        self.fields["note"] = note

    def values(self) -> dict[str, str]:
        return {name[2:]: str(value) for name, value in self.cleaned_data.items() if name.startswith("f_")}


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    draft_id = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to return the draft: say what is to be changed."),
    )


class SignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    draft_id = forms.IntegerField(widget=forms.HiddenInput)
    digest = forms.CharField(widget=forms.HiddenInput, max_length=64)
    confirm = forms.BooleanField(label=_("I have read this document and sign it with my digital signature."))
    confirmation = forms.CharField(
        label=_("Your password"), max_length=200, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args: Any, totp: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if totp:
            self.fields["confirmation"] = forms.CharField(
                label=_("Code from your authenticator app"),
                max_length=40,
                widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
                help_text=_("The 6-digit code, or one of your recovery codes."),
            )


def _draft_or_404(dossier: Dossier, statuses: tuple[str, ...] | None = None) -> ResultDraft:
    draft = open_draft(dossier)
    if draft is None or (statuses is not None and draft.status not in statuses):
        raise Http404(_("There is no draft result in this state."))
    return draft


def _pdf(draft: ResultDraft) -> bytes:
    """The approved PDF (exactly what is signed), else the draft as it now renders."""
    if draft.file is not None:
        with draft.file.file.open("rb") as handle:
            return bytes(handle.read())
    return render_draft_pdf(draft)


def _page_count(pdf: bytes) -> int:
    from io import BytesIO

    from pypdf import PdfReader

    return min(len(PdfReader(BytesIO(pdf)).pages), MAX_PREVIEW_PAGES)


def _context(request: HttpRequest, dossier: Dossier, draft: ResultDraft | None, **extra: Any) -> dict[str, Any]:
    detail_url = reverse("dossiers:detail", kwargs={"code": dossier.code})
    return {
        "dossier": dossier,
        "draft": draft,
        "breadcrumbs": [(_("Dossiers"), reverse("dossiers:worklist")), (dossier.code, detail_url), (_("Result"), "")],
        "detail_url": detail_url,
        "pdf_url": reverse("dossiers:result_pdf", kwargs={"code": dossier.code}),
        **extra,
    }


def _act(request: HttpRequest, dossier: Dossier, action: str, data: ActionData) -> Dossier:
    return dossier_act(actor=request.user, code=dossier.code, action=action, data=data)


@staff_required
@require_http_methods(["GET", "POST"])
def result_draft(request: HttpRequest, code: str) -> HttpResponse:
    dossier = load_dossier(request, code)
    draft = open_draft(dossier)
    if draft is not None and (draft.status not in EDITABLE_DRAFT_STATUSES or draft.template is None):
        return redirect("dossiers:result_review", code=dossier.code)
    status, error = 200, None
    if draft is None:
        templates = templates_for(dossier, local(clock.now()).date())
        if not templates:
            raise Http404(_("The procedure has no result template; attach the result drafted elsewhere."))
        start = StartForm(request.POST or None, templates=templates, initial={"version": dossier.version})
        if request.method == "POST" and start.is_valid():
            data = ActionData(version=start.cleaned_data["version"], template_id=start.cleaned_data["template_id"])
            try:
                _act(request, dossier, "draft_result", data)
            except ApplicationError as exc:
                add_service_errors(start, exc)
                status, error = exc.status, exc
            else:
                return redirect("dossiers:result_draft", code=dossier.code)
        elif request.method == "POST":
            status = 400
        context = _context(request, dossier, None, start=start, error=error)
        return render(request, "dossiers/staff/result_draft.html", context, status=status)
    form = DraftForm(request.POST or None, draft=draft, initial={"version": dossier.version})
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            saved = _act(
                request,
                dossier,
                "draft_result",
                ActionData(version=form.cleaned_data["version"], draft_id=draft.pk, values=form.values()),
            )
            if submit:
                note = form.cleaned_data["note"]
                _act(request, saved, "submit_result", ActionData(version=saved.version, draft_id=draft.pk, note=note))
        except ApplicationError as exc:
            add_service_errors(form, exc)
            status, error = exc.status, exc
        else:
            if submit:
                messages.success(request, _("The draft result was submitted for approval."))
                return redirect("dossiers:detail", code=dossier.code)
            messages.success(request, _("The draft was saved."))
            return redirect("dossiers:result_draft", code=dossier.code)
    elif request.method == "POST":
        status = 400
    context = _context(request, dossier, draft, form=form, error=error, pages=None)
    return render(request, "dossiers/staff/result_draft.html", context, status=status)


@staff_required
@require_GET
@xframe_options_sameorigin
def result_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """The open draft as a PDF (inline): the approved file once approved, else as it renders now."""
    dossier = load_dossier(request, code)
    draft = _draft_or_404(dossier)
    response = HttpResponse(_pdf(draft), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{dossier.code}-ket-qua.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_GET
def result_page(request: HttpRequest, code: str, page: int) -> HttpResponse:
    """One page of the open draft as a PNG (pdftoppm): the preview every browser shows, phones included."""
    dossier = load_dossier(request, code)
    draft = _draft_or_404(dossier)
    pdf = _pdf(draft)
    if not 1 <= page <= _page_count(pdf):
        raise Http404(_("The document has no such page."))
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "draft.pdf"
        source.write_bytes(pdf)
        target = Path(folder) / "page"
        subprocess.run(  # noqa: S603 - fixed arguments, a file we wrote
            [
                PDFTOPPM,
                "-png",
                "-r",
                str(PREVIEW_DPI),
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(source),
                str(target),
            ],
            check=True,
            capture_output=True,
            timeout=30,
        )
        png = (Path(folder) / "page.png").read_bytes()
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


def _pages(dossier: Dossier, draft: ResultDraft) -> list[str]:
    count = _page_count(_pdf(draft))
    return [reverse("dossiers:result_page", kwargs={"code": dossier.code, "page": n}) for n in range(1, count + 1)]


@staff_required
@require_http_methods(["GET", "POST"])
def result_review(request: HttpRequest, code: str) -> HttpResponse:
    dossier = load_dossier(request, code)
    draft = _draft_or_404(dossier)
    if draft.status == S.APPROVED:
        return redirect("dossiers:result_sign", code=dossier.code)
    form = ReviewForm(request.POST or None, initial={"version": dossier.version, "draft_id": draft.pk})
    status, error = 200, None
    if request.method == "POST" and form.is_valid():
        approve = "approve" in request.POST
        data = ActionData(
            version=form.cleaned_data["version"], draft_id=form.cleaned_data["draft_id"], note=form.cleaned_data["note"]
        )
        try:
            _act(request, dossier, "approve_result" if approve else "return_draft", data)
        except ApplicationError as exc:
            add_service_errors(form, exc)
            status, error = exc.status, exc
        else:
            if approve:
                messages.success(request, _("The draft was approved. Check it once more and sign it."))
                return redirect("dossiers:result_sign", code=dossier.code)
            messages.success(request, _("The draft was returned with your comment."))
            return redirect("dossiers:detail", code=dossier.code)
    elif request.method == "POST":
        status = 400
    can_review = draft.status == S.SUBMITTED
    context = _context(
        request, dossier, draft, form=form, error=error, pages=_pages(dossier, draft), can_review=can_review
    )
    return render(request, "dossiers/staff/result_review.html", context, status=status)


@staff_required
@require_http_methods(["GET", "POST"])
def result_sign(request: HttpRequest, code: str) -> HttpResponse:
    dossier = load_dossier(request, code)
    draft = _draft_or_404(dossier, (S.APPROVED,))
    totp = totp_is_enabled(request.user)  # type: ignore[arg-type]
    initial = {"version": dossier.version, "draft_id": draft.pk, "digest": draft.sha256}
    form = SignForm(request.POST or None, totp=totp, initial=initial)
    status, error = 200, None
    if request.method == "POST" and form.is_valid():
        data = ActionData(
            version=form.cleaned_data["version"],
            draft_id=form.cleaned_data["draft_id"],
            digest=form.cleaned_data["digest"],
            confirmation=form.cleaned_data["confirmation"],
        )
        try:
            _act(request, dossier, "sign_result", data)
        except ApplicationError as exc:
            add_service_errors(form, exc)
            status, error = exc.status, exc
        else:
            messages.success(request, _("The result was signed and sealed."))
            return redirect("dossiers:detail", code=dossier.code)
    elif request.method == "POST":
        status = 400
    context = _context(request, dossier, draft, form=form, error=error, pages=_pages(dossier, draft), totp=totp)
    return render(request, "dossiers/staff/result_sign.html", context, status=status)


urlpatterns = [
    path("<str:code>/result/", result_draft, name="result_draft"),
    path("<str:code>/result/document.pdf", result_pdf, name="result_pdf"),
    path("<str:code>/result/pages/<int:page>.png", result_page, name="result_page"),
    path("<str:code>/result/review/", result_review, name="result_review"),
    path("<str:code>/result/sign/", result_sign, name="result_sign"),
]
