"""“Hồ sơ của tôi”: the citizen's own dossiers, their progress, and what the citizen can do on them.

Only citizen accounts; anyone else's dossier or file is a 404 (egov.dossiers.applicant). Every action is
a POST form with CSRF that goes through the one-stop engine (``dossier_act`` / ``dossier_rate``) with
the dossier version the page showed (optimistic lock): add the missing papers (the clock resumes,
ND 118/2025/NĐ-CP), withdraw with a reason (Điều 21), rate the service once the result is ready.
Success redirects back to the dossier (post/redirect/get); a refusal shows the page again with the
reason and the engine's status code (400, 403, 409). Works without JavaScript.
"""

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.core.errors import ApplicationError, NotFoundError
from egov.dossiers.facade import (
    RATING_SCORES,
    STATUS_GROUPS,
    Action,
    ActionData,
    ApplicantDossier,
    ApplicantDossierRow,
    MultipleFileField,
    Timeliness,
    UploadedFile,
    applicant_dossier_get,
    applicant_dossier_list,
    applicant_file_get,
    dossier_act,
    dossier_rate,
)
from egov.identity.models import UserKind
from egov.portal.catalogue import CHANNEL_LABELS, format_number
from egov.portal.links import CITIZEN_LOGIN, url_if_routed
from egov.procedures.eforms import eform_data_from_post

View = TypeVar("View", bound=Callable[..., HttpResponseBase])
PAGE_SIZE = 20
VERIFY_SIGNATURE = "signing:verify"


# What each state means to the applicant, in plain words, and what they must do now.
STATUS_LABELS: dict[str, Promise] = {
    "submitted": gettext_lazy("Sent, waiting for the desk to check it"),
    "processing": gettext_lazy("Being processed"),
    "waiting_supplement": gettext_lazy("Papers missing: your action is needed"),
    "waiting_obligation": gettext_lazy("Waiting for you to pay fees or taxes"),
    "resolved": gettext_lazy("Result ready"),
    "returned": gettext_lazy("Completed, result handed over"),
    "rejected": gettext_lazy("Not accepted"),
    "withdrawn": pgettext_lazy("my dossiers", "Withdrawn"),
}
NEXT_STEPS: dict[str, Promise] = {
    "submitted": gettext_lazy(
        "Nothing for now. The one-stop desk checks your dossier and lets you know whether it is accepted."
    ),
    "processing": gettext_lazy(
        "Nothing for now. We will let you know when the result is ready or if anything is missing."
    ),
    "waiting_supplement": gettext_lazy(
        "Send the missing papers listed below. The processing time is paused until you do."
    ),
    "waiting_obligation": gettext_lazy(
        "Pay the fees, charges or taxes stated in the notice you received; processing continues once they are paid."
    ),
    "resolved": gettext_lazy(
        "Your result is ready. Download it below if it was issued online, or collect it as you chose when applying."
    ),
    "returned": gettext_lazy("Nothing: your dossier is complete."),
    "rejected": gettext_lazy("Your dossier was not accepted, for the reasons below. You may submit a new dossier."),
    "withdrawn": gettext_lazy("Nothing: you withdrew this dossier and the agency stopped processing it."),
}
STATUS_TONES = {"waiting_supplement": "warning", "waiting_obligation": "warning", "resolved": "success"}
STATUS_TONES |= {"returned": "success", "rejected": "danger", "withdrawn": "neutral"}
GROUP_LABELS: dict[str, Promise] = {
    "": pgettext_lazy("my dossiers", "All"),
    "in_progress": pgettext_lazy("my dossiers", "In progress"),
    "supplement": pgettext_lazy("my dossiers", "Papers needed"),
    "result": pgettext_lazy("my dossiers", "Result ready"),
    "closed": pgettext_lazy("my dossiers", "Finished"),
}
OUTCOME_LABELS: dict[str, Promise] = {"granted": gettext_lazy("Granted"), "refused": gettext_lazy("Refused")}
RETURN_LABELS: dict[str, Promise] = {
    "desk": gettext_lazy("At the desk"),
    "post": gettext_lazy("By post"),
    "online": gettext_lazy("Online"),
}


def _money(amount: int) -> str:
    return f"{format_number(Decimal(amount))} {pgettext('currency', 'dong')}"


def _row_view(row: ApplicantDossierRow) -> dict[str, Any]:
    return {
        "row": row,
        "status_label": STATUS_LABELS.get(row.status, row.status),
        "tone": STATUS_TONES.get(row.status, ""),
        "fee": _money(row.fee_amount) if row.has_fee else "",
    }


def _filters(counts: dict[str, int], current: str) -> list[dict[str, Any]]:
    base = reverse("portal:my_dossiers")
    return [
        {
            "label": label,
            "count": counts[value or "all"],
            "url": f"{base}?status={value}" if value else base,
            "current": value == current,
        }
        for value, label in GROUP_LABELS.items()
    ]


def _detail_view(dossier: ApplicantDossier) -> dict[str, Any]:
    return {
        "status_label": STATUS_LABELS.get(dossier.status, dossier.status),
        "tone": STATUS_TONES.get(dossier.status, ""),
        "next_step": NEXT_STEPS.get(dossier.status, ""),
        "channel_label": CHANNEL_LABELS.get(dossier.channel, dossier.channel),
        "outcome_label": OUTCOME_LABELS.get(dossier.outcome, ""),
        "timeliness_label": Timeliness(dossier.timeliness).label if dossier.timeliness else "",
        "return_label": RETURN_LABELS.get(dossier.return_method, ""),
        "fee": _money(dossier.fee_amount) if dossier.has_fee else "",
        "has_signed_result": any(f.is_signed for f in dossier.results),
    }


def citizen_required(view: View) -> View:
    """Anonymous → the citizen login (and back); a staff or integration account → 403 with an explanation."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url=url_if_routed(CITIZEN_LOGIN) or None)
        if getattr(request.user, "kind", None) != UserKind.CITIZEN:
            return render(request, "portal/account/citizens_only.html", status=403)
        return view(request, *args, **kwargs)

    return cast(View, wrapped)


_TEXTAREA = {"rows": 3}


class SupplementForm(forms.Form):
    papers = MultipleFileField(
        label=gettext_lazy("The missing papers"),
        help_text=gettext_lazy("PDF, JPG or PNG; you can choose several files at once."),
        error_messages={"required": gettext_lazy("Choose at least one file to send.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Message to the officer (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=_TEXTAREA),
    )

    def __init__(self, *args: Any, answers_questioned: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if answers_questioned:  # correcting the questioned answers may be all the agency asked for
            self.fields["papers"].required = False
            self.fields["papers"].label = gettext_lazy("The missing papers, if any were asked for")


def _questioned_answers(dossier: ApplicantDossier, post: Any) -> dict[str, Any]:
    """The posted corrections of the questioned answers, nested as the form posts them; a questioned
    answer left empty clears it (the engine validates the whole form)."""
    if dossier.correction_schema is None:
        return {}
    paths = [field for field, _label, _note in dossier.questioned]
    own = post.copy()
    for key in list(own):
        if key not in paths:
            del own[key]
    parsed = eform_data_from_post(dossier.correction_schema, own)
    answers: dict[str, Any] = {}
    for path in paths:
        section, _dot, name = path.partition(".")
        value = parsed.get(section, {}).get(name, "") if isinstance(parsed.get(section), dict) else ""
        answers.setdefault(section, {})[name] = value
    return answers


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why do you withdraw the dossier?"),
        max_length=2000,
        widget=forms.Textarea(attrs=_TEXTAREA),
        error_messages={"required": gettext_lazy("Write the reason for withdrawing.")},
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=gettext_lazy("How satisfied are you with how this dossier was handled?"),
        choices=[
            (score, format_lazy("{score} \N{EN DASH} {label}", score=score, label=label))
            for score, label in RATING_SCORES
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a rating from 1 to 5.")},
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=_TEXTAREA),
    )


def _breadcrumbs(code: str = "") -> list[tuple[str, str]]:
    crumbs = [(_("Home"), reverse("portal:home")), (_("My dossiers"), reverse("portal:my_dossiers") if code else "")]
    if code:
        crumbs.append((code, ""))
    return crumbs


def _load(request: HttpRequest, code: str) -> ApplicantDossier:
    try:
        return applicant_dossier_get(user=request.user, code=code)
    except NotFoundError as error:
        raise Http404(str(error.message)) from error


def _version(request: HttpRequest) -> int:
    raw = request.POST.get("version", "")
    if not raw.isdigit() or int(raw) < 1:
        raise ApplicationError(
            gettext_lazy("This page is out of date. Reload it and try again."), code="dossier.version_missing"
        )
    return int(raw)


def _show_error(form: forms.Form, error: ApplicationError) -> None:
    """The engine's refusal next to the field it concerns, or above the form."""
    names = [{"files": "papers"}.get(name, name) for name in error.fields]
    field = next((name for name in names if name in form.fields), None)
    form.add_error(field, str(error.message))


@citizen_required
@never_cache
@require_GET
def my_dossiers(request: HttpRequest) -> HttpResponse:
    group = request.GET.get("status", "")
    status = 200
    if group and group not in STATUS_GROUPS:
        messages.error(request, _("Unknown filter: all your dossiers are shown."))
        group, status = "", 400
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    page = applicant_dossier_list(user=request.user, group=group, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    if not page.rows and number > 1 and page.count:  # a page past the end: the last one
        number = (page.count - 1) // PAGE_SIZE + 1
        page = applicant_dossier_list(user=request.user, group=group, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    context = {
        "page": page,
        "rows": [_row_view(row) for row in page.rows],
        "group": group,
        "filters": _filters(page.counts, group),
        "page_obj": Paginator(range(page.count), PAGE_SIZE).page(number) if page.count else None,
        "breadcrumbs": _breadcrumbs(),
        "procedures_url": url_if_routed("portal:procedure_list"),
    }
    return render(request, "portal/account/my_dossiers.html", context, status=status)


def _detail(
    request: HttpRequest,
    code: str,
    *,
    supplement_form: SupplementForm | None = None,
    rating_form: RatingForm | None = None,
    status: int = 200,
    answer_data: dict[str, Any] | None = None,
    answer_errors: dict[str, Any] | None = None,
) -> HttpResponse:
    dossier = _load(request, code)
    context = {
        "dossier": dossier,
        "view": _detail_view(dossier),
        "supplement_form": supplement_form or SupplementForm(answers_questioned=bool(dossier.questioned)),
        "answer_data": answer_data if answer_data is not None else dossier.form_data,
        "answer_errors": answer_errors or {},
        "rating_form": rating_form or RatingForm(),
        "forms_with_errors": [f for f in (supplement_form, rating_form) if f is not None and f.errors],
        "verify_url": url_if_routed(VERIFY_SIGNATURE),
        "breadcrumbs": _breadcrumbs(dossier.code),
    }
    return render(request, "portal/account/my_dossier.html", context, status=status)


@citizen_required
@never_cache
@require_GET
def my_dossier(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, code)


@citizen_required
@never_cache
@require_GET
def my_dossier_file(request: HttpRequest, code: str, file_id: int) -> HttpResponseBase:
    try:
        item = applicant_file_get(user=request.user, code=code, file_id=file_id)
    except NotFoundError as error:
        raise Http404(str(error.message)) from error
    response = FileResponse(item.handle, as_attachment=True, filename=item.name, content_type=item.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@citizen_required
@never_cache
@require_POST
def my_dossier_supplement(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _load(request, code)
    form = SupplementForm(request.POST, request.FILES, answers_questioned=bool(dossier.questioned))
    answers = _questioned_answers(dossier, request.POST)
    shown = {**dossier.form_data, **{k: {**dossier.form_data.get(k, {}), **v} for k, v in answers.items()}}
    if not form.is_valid():
        return _detail(request, code, supplement_form=form, status=400, answer_data=shown)
    uploads = tuple(
        UploadedFile(name=item.name or "tep", content=item.read(), content_type=item.content_type or "")
        for item in form.cleaned_data["papers"]
    )
    try:
        data = ActionData(version=_version(request), note=form.cleaned_data["note"], files=uploads, answers=answers)
        dossier_act(actor=request.user, code=dossier.code, action=Action.SUPPLEMENT, data=data)
    except ApplicationError as error:
        if error.code == "eform_invalid" and error.fields:
            form.add_error(None, _("Some corrected answers are not valid: see the messages next to them."))
            return _detail(
                request, code, supplement_form=form, status=error.status, answer_data=shown, answer_errors=error.fields
            )
        if error.code == "dossier.answers_unchanged":
            form.add_error(None, _("You did not change the questioned answers. Correct them, or send papers."))
            return _detail(request, code, supplement_form=form, status=error.status, answer_data=shown)
        _show_error(form, error)
        return _detail(request, code, supplement_form=form, status=error.status, answer_data=shown)
    messages.success(request, _("Your supplement was sent. Processing of your dossier continues."))
    return redirect("portal:my_dossier", code=dossier.code)


@citizen_required
@never_cache
@require_POST
def my_dossier_rate(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _load(request, code)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _detail(request, code, rating_form=form, status=400)
    try:
        _version(request)  # the rating form was built for the page the citizen saw
        dossier_rate(
            actor=request.user,
            code=dossier.code,
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
        )
    except ApplicationError as error:
        _show_error(form, error)
        return _detail(request, code, rating_form=form, status=error.status)
    messages.success(request, _("Thank you for your rating."))
    return redirect("portal:my_dossier", code=dossier.code)


@citizen_required
@never_cache
@require_http_methods(["GET", "POST"])
def my_dossier_withdraw(request: HttpRequest, code: str) -> HttpResponse:
    """A confirmation page with the reason; the POST withdraws (no going back)."""
    dossier = _load(request, code)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    status = 200
    if not dossier.can_withdraw:
        messages.error(request, _("This dossier can no longer be withdrawn."))
        return redirect("portal:my_dossier", code=dossier.code)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                data = ActionData(version=_version(request), note=form.cleaned_data["reason"])
                dossier_act(actor=request.user, code=dossier.code, action=Action.WITHDRAW, data=data)
            except ApplicationError as error:
                _show_error(form, error)
                status = error.status
                dossier = _load(request, code)
            else:
                messages.success(request, _("Your dossier was withdrawn. The agency stops processing it."))
                return redirect("portal:my_dossier", code=dossier.code)
    breadcrumbs = _breadcrumbs(dossier.code)
    breadcrumbs[-1] = (dossier.code, reverse("portal:my_dossier", args=[dossier.code]))
    breadcrumbs.append((str(pgettext_lazy("my dossiers", "Withdraw")), ""))
    context = {"dossier": dossier, "form": form, "breadcrumbs": breadcrumbs}
    return render(request, "portal/account/withdraw.html", context, status=status)
