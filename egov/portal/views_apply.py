"""Applying online (nộp hồ sơ trực tuyến): start, receiving agency, the e-form one section per page,
papers, check your answers, pay, submit, confirmation. Every page works without JavaScript.

Only citizen accounts apply: anonymous visitors may read the start page, and are otherwise sent to
the citizen login and brought back; staff accounts are told to use a citizen account. A draft is found only among its owner's
(another account gets 404). The writes are in ``services/``, the reads in ``selectors_apply``.
"""

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods

from egov.core.errors import ApplicationError, NotFoundError
from egov.core.ratelimit import client_ip, rate_limit, user_or_ip_key
from egov.identity.models import UserKind
from egov.portal import selectors_apply as selectors
from egov.portal.catalogue import format_number
from egov.portal.forms_apply import (
    AgencyChoiceForm,
    errors_of_step,
    form_errors,
    section_answers_from_post,
    section_schema,
    steps_with_errors,
)
from egov.portal.links import CITIZEN_LOGIN
from egov.portal.models import Application, ApplicationStatus
from egov.portal.selectors_apply import PaperQuestion
from egov.portal.selectors_profile import prefill_offer
from egov.portal.services.applications import (
    application_abandon,
    application_choose_agency,
    application_save_section,
    application_start,
)
from egov.portal.services.papers import (
    application_answer_cases,
    application_file_remove,
    application_files_add,
    max_bytes,
    max_files,
)
from egov.portal.services.submission import application_pay_start, application_submit

View = Callable[..., HttpResponseBase]


def citizen_required(view: View, *, anonymous_may_read: bool = False) -> View:
    """Anonymous: to the citizen login and back (or, with ``anonymous_may_read``, shown the page on
    GET). Staff: told to use a citizen account."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            if anonymous_may_read and request.method == "GET":
                return view(request, *args, **kwargs)
            return redirect_to_login(request.get_full_path(), login_url=reverse(CITIZEN_LOGIN))
        if getattr(request.user, "kind", "") != UserKind.CITIZEN:
            messages.error(
                request,
                _(
                    "You are logged in with a staff account. To apply online, log out and log in with a citizen account."
                ),
            )
            code = kwargs.get("code")
            return redirect("portal:procedure_detail", code=code) if code else redirect("portal:home")
        return view(request, *args, **kwargs)

    return wrapped


def draft_view(
    *methods: str, on_error: str = "portal:application_review", editable: bool = True
) -> Callable[[View], View]:
    """A page of one of the citizen's drafts, called as ``view(request, application, **kwargs)``:
    404 for anyone else's; a submitted draft's editing pages lead to its confirmation; a refused
    action (ApplicationError) comes back as a message on the ``on_error`` page, never a 500."""

    def decorator(view: View) -> View:
        @citizen_required
        @require_http_methods(list(methods))
        @functools.wraps(view)
        def wrapped(request: HttpRequest, public_id: UUID, **kwargs: Any) -> HttpResponseBase:
            try:
                application = selectors.application_get_for_citizen(citizen=request.user, public_id=public_id)
                if editable and application.status == ApplicationStatus.SUBMITTED:
                    messages.info(request, _("This application has been submitted; it can no longer be changed."))
                    return redirect("portal:application_submitted", public_id=public_id)
                return view(request, application, **kwargs)
            except NotFoundError as error:
                raise Http404(str(error.message)) from error
            except ApplicationError as error:
                messages.error(request, str(error.message))
                return redirect(on_error, public_id=public_id)

        return wrapped

    return decorator


def _stage_url(application: Application) -> str:
    """Where the citizen continues: the first thing not yet done (``application_next_stage``)."""
    stage, step = selectors.application_next_stage(application)
    if stage == "step":
        return reverse("portal:application_step", args=[application.public_id, step])
    return reverse(f"portal:application_{stage}", args=[application.public_id])


def _page(application: Application, stage: str, **context: Any) -> dict[str, Any]:
    return {
        "application": application,
        "stage": stage,
        "steps": selectors.application_steps(application),
        "form_title": selectors.form_title_of(application),
        "breadcrumbs": [
            (_("Home"), reverse("portal:home")),
            (_("My applications"), reverse("portal:application_list")),
            (application.procedure_version.name, ""),
        ],
        **context,
    }


def _money(amount: int) -> str:
    """ "16.000 đồng" in the active language's number format."""
    return f"{format_number(Decimal(amount))} {pgettext('currency', 'dong')}"


@functools.partial(citizen_required, anonymous_may_read=True)
@require_http_methods(["GET", "POST"])
def apply_start(request: HttpRequest, code: str) -> HttpResponseBase:
    """What applying involves; "Start now" (POST, a citizen account) creates the draft. Visitors
    who are not logged in see the page with a button to log in and come back."""
    try:
        target = selectors.apply_target_get(code=code)
    except NotFoundError as error:
        raise Http404(str(error.message)) from error
    error_message, status = "", 200
    if request.method == "POST":
        try:
            application = application_start(citizen=request.user, code=target.procedure.code)
        except ApplicationError as error:
            error_message, status = str(error.message), error.status
        else:
            return redirect(_stage_url(application))
    drafts = (
        [
            item
            for item in selectors.application_list_for_citizen(citizen=request.user)
            if item.procedure_id == target.procedure.pk and item.status == ApplicationStatus.DRAFT
        ]
        if request.user.is_authenticated
        else []
    )
    context = {
        "target": target,
        "drafts": drafts,
        "login_url": ""
        if request.user.is_authenticated
        else f"{reverse(CITIZEN_LOGIN)}?{urlencode({'next': request.path}, safe='/')}",
        "error": error_message,
        "papers": [paper for paper in target.version.papers.all() if paper.is_paper],
        "breadcrumbs": [
            (_("Home"), reverse("portal:home")),
            (target.procedure.code, reverse("portal:procedure_detail", args=[target.procedure.code])),
            (_("Apply online"), ""),
        ],
    }
    return render(request, "portal/apply/start.html", context, status=status)


@citizen_required
@require_GET
def application_list(request: HttpRequest) -> HttpResponse:
    applications = selectors.application_list_for_citizen(citizen=request.user)
    context = {
        "drafts": [item for item in applications if item.status == ApplicationStatus.DRAFT],
        "submitted": [item for item in applications if item.status == ApplicationStatus.SUBMITTED],
        "breadcrumbs": [(_("Home"), reverse("portal:home")), (_("My applications"), "")],
    }
    return render(request, "portal/apply/list.html", context)


@draft_view("GET", editable=False, on_error="portal:application_list")
def application_resume(request: HttpRequest, application: Application) -> HttpResponse:
    return redirect(_stage_url(application))


@draft_view("GET", "POST")
def application_agency(request: HttpRequest, application: Application) -> HttpResponseBase:
    agencies = selectors.receiving_agencies(
        procedure=application.procedure, version=application.procedure_version, channel=application.channel
    )
    form = AgencyChoiceForm(
        request.POST if request.method == "POST" else None,
        options=selectors.agency_options(agencies),
        initial={"agency": application.receiving_agency_id},
    )
    if request.method == "POST" and form.is_valid():
        chosen = application_choose_agency(
            citizen=request.user, public_id=application.public_id, agency_id=form.cleaned_data["agency"]
        )
        return redirect(_stage_url(chosen))
    status = 400 if form.errors else 200
    return render(request, "portal/apply/agency.html", _page(application, "agency", form=form), status=status)


@draft_view("GET", "POST")
def application_step(request: HttpRequest, application: Application, step: int) -> HttpResponseBase:
    """One part of the e-form. "Continue" saves and checks it; "Save and continue later" saves it as
    it is. Coming from the check page (``return_to=review``), the part's errors are shown at once."""
    schema = selectors.form_schema_of(application)
    steps = selectors.application_steps(application)
    current = next((item for item in steps if item.number == step), None)
    if schema is None or current is None:
        raise Http404(_("This application has no such step."))
    public_id, data, status = application.public_id, application.form_data, 200
    back_to_review = "review" in (request.GET.get("return_to"), request.POST.get("return_to"))
    errors = errors_of_step(current, form_errors(schema, data)[1]) if back_to_review else {}
    if request.method == "POST":
        confirm = request.POST.get("action") != "save"
        answers = section_answers_from_post(schema, current.name, request.POST)
        saved = application_save_section(
            citizen=request.user, public_id=public_id, step=step, answers=answers, confirm=confirm
        )
        application, data, errors, status = saved.application, saved.application.form_data, saved.errors, 400
        if not confirm:
            day = date_format(localtime(application.expires_at), "d/m/Y")
            messages.success(
                request,
                _(
                    "Your answers are saved. To continue later, log in and open “My applications”: "
                    "the draft is kept until %(day)s."
                )
                % {"day": day},
            )
            return redirect("portal:application_list")
        if not errors:
            following = [item for item in selectors.application_steps(application) if item.number > step]
            if back_to_review or not following:
                return redirect(
                    "portal:application_review" if back_to_review else "portal:application_papers", public_id
                )
            return redirect("portal:application_step", public_id=public_id, step=following[0].number)
    position = [item.number for item in steps].index(step)
    context = _page(
        application,
        "form",
        current=current,
        position=position + 1,
        previous=steps[position - 1] if position > 0 else None,
        schema=section_schema(schema, current.name, data),
        data={current.name: data.get(current.name, {})},
        errors=errors,
        back_to_review=back_to_review,
        prefill_choices=prefill_offer(citizen=request.user, schema=schema, section=current.name),
    )
    return render(request, "portal/apply/step.html", context, status=status)


@rate_limit(
    "portal-upload", limit=lambda: settings.PORTAL_UPLOAD_RATE_LIMIT, window=3600, key=user_or_ip_key, methods=("POST",)
)
@draft_view("GET", "POST", on_error="portal:application_papers")
def application_papers(request: HttpRequest, application: Application) -> HttpResponseBase:
    """The papers that apply to this applicant, one file input each; the cases of conditional papers
    asked as yes/no questions ("Show the papers that apply" keeps the page); "Upload" keeps the page,
    "Continue" goes on to the check once every question is answered and every paper asked for is
    there. Each refused file and each missing paper is named (400). The procedure's notes are shown
    as guidance, never as a paper."""
    public_id = application.public_id
    plan = selectors.application_paper_plan(application)
    problems: list[tuple[str, str]] = []  # (anchor id, message)
    if request.method == "POST":
        answers = _case_answers(request, plan.questions)
        if answers:
            application = application_answer_cases(citizen=request.user, public_id=public_id, answers=answers)
            plan = selectors.application_paper_plan(application)
        uploads = [(slot.paper.pk, item) for slot in plan.slots for item in request.FILES.getlist(slot.input_name)]
        if uploads:
            outcome = application_files_add(citizen=request.user, public_id=public_id, uploads=uploads)
            for stored in outcome.stored:
                messages.success(request, _("“%(name)s” was added.") % {"name": stored.original_name})
            problems = [(f"paper-input-{item.paper_id}", str(item.message)) for item in outcome.rejected]
            plan = selectors.application_paper_plan(application)
        action = request.POST.get("action")
        if action == "continue" and not problems:
            problems = [
                (f"{question.input_name}-yes", _("Answer the question: %(case)s?") % {"case": question.condition})
                for question in plan.unanswered
            ] + [
                (f"paper-input-{slot.paper.pk}", _("Attach “%(name)s”: it is required.") % {"name": slot.short_name})
                for slot in plan.missing
            ]
            if not problems:
                return redirect("portal:application_review", public_id=public_id)
        elif action == "upload" and not uploads:
            problems = [
                (f"paper-input-{slot.paper.pk}", _("Choose a file to upload first."))
                for slot in plan.slots
                if not slot.answered_by_eform
            ][:1]
        if not problems:
            return redirect(f"{reverse('portal:application_papers', args=[public_id])}#papers-list")
    errors_by_anchor: dict[str, list[str]] = {}
    for anchor, message in problems:
        errors_by_anchor.setdefault(anchor, []).append(message)
    context = _page(
        application,
        "papers",
        rows=[
            {"slot": slot, "errors": errors_by_anchor.get(f"paper-input-{slot.paper.pk}", [])} for slot in plan.slots
        ],
        questions=[
            {"question": question, "errors": errors_by_anchor.get(f"{question.input_name}-yes", [])}
            for question in plan.questions
        ],
        notes=plan.notes,
        problems=problems,
        max_megabytes=max_bytes() // 1048576,
        max_files=max_files(),
        per_paper=settings.PORTAL_UPLOAD_MAX_FILES_PER_PAPER,
    )
    return render(request, "portal/apply/papers.html", context, status=400 if problems else 200)


def _case_answers(request: HttpRequest, questions: list[PaperQuestion]) -> dict[str, bool]:
    """The yes/no answers posted for the questions on the page ("yes" / "no"; anything else is no answer)."""
    answers: dict[str, bool] = {}
    for question in questions:
        value = request.POST.get(question.input_name)
        if value in ("yes", "no"):
            answers[question.key] = value == "yes"
    return answers


@draft_view("GET", editable=False, on_error="portal:application_list")
def application_file(request: HttpRequest, application: Application, file_id: int) -> HttpResponseBase:
    """One of the citizen's own uploaded papers (always a PDF), to check what will be sent."""
    item = selectors.application_file_get(application=application, file_id=file_id)
    name = item.original_name.rsplit(".", 1)[0] + ".pdf"
    response = FileResponse(item.file.open("rb"), content_type="application/pdf", filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


@draft_view("POST", on_error="portal:application_papers")
def application_file_delete(request: HttpRequest, application: Application, file_id: int) -> HttpResponseBase:
    name = application_file_remove(citizen=request.user, public_id=application.public_id, file_id=file_id)
    messages.success(request, _("“%(name)s” was removed.") % {"name": name})
    return redirect("portal:application_papers", public_id=application.public_id)


@draft_view("GET", on_error="portal:application_list")
def application_review(request: HttpRequest, application: Application) -> HttpResponseBase:
    """Check your answers; the payment gateway brings the payer back here with ``?payment=<ref>``."""
    review = selectors.application_review(application)
    returned = request.GET.get("payment", "")
    if returned and review.payment is not None and review.payment.reference == returned:
        if review.is_paid:
            messages.success(request, _("Thank you: the fees are paid. You can now submit your application."))
        else:
            messages.warning(request, _("The payment was not completed. You can try again."))
        return redirect("portal:application_review", public_id=application.public_id)
    agencies = selectors.receiving_agencies(
        procedure=application.procedure, version=application.procedure_version, channel=application.channel
    )
    lines = review.quote.lines if review.quote else ()
    context = _page(
        application,
        "review",
        review=review,
        can_change_agency=len(agencies) > 1,
        invalid_sections=steps_with_errors(review.steps, review.errors),
        fee_rows=[
            {"description": line.description, "quantity": line.quantity, "unit": _money(line.unit_amount)}
            | {"amount": _money(line.amount), "detail": line.detail, "condition": line.condition}
            # a non-breaking hyphen: a phone's narrow column must not break "01/2025/NQ-HĐND" at its hyphen
            | {"resolution": line.resolution.replace("-", "\u2011"), "exempted": line.exempted}
            for line in lines
        ],
        fee_total=_money(review.fee_total),
    )
    return render(request, "portal/apply/review.html", context)


@draft_view("POST")
def application_pay(request: HttpRequest, application: Application) -> HttpResponseBase:
    started = application_pay_start(
        citizen=request.user,
        public_id=application.public_id,
        return_to=reverse("portal:application_review", args=[application.public_id]),
        client_ip=client_ip(request),
    )
    return redirect(started.redirect_url)


@draft_view("POST", editable=False)
def application_send(request: HttpRequest, application: Application) -> HttpResponseBase:
    """Submit (idempotent: a second press finds it submitted). A refusal leads to what is missing."""
    public_id = application.public_id
    try:
        application = application_submit(citizen=request.user, public_id=public_id)
    except ApplicationError as error:
        messages.error(request, str(error.message))
        step = selectors.application_review(application).first_invalid
        if error.code == "application_form_invalid" and step is not None:
            return redirect(reverse("portal:application_step", args=[public_id, step.number]) + "?return_to=review")
        if error.code in ("application_papers_missing", "application_agency_missing"):
            page = "papers" if error.code == "application_papers_missing" else "agency"
            return redirect(f"portal:application_{page}", public_id=public_id)
        return redirect("portal:application_review", public_id=public_id)
    return redirect("portal:application_submitted", public_id=public_id)


@draft_view("GET", editable=False, on_error="portal:application_list")
def application_submitted(request: HttpRequest, application: Application) -> HttpResponseBase:
    if application.status != ApplicationStatus.SUBMITTED:
        return redirect(_stage_url(application))
    try:
        my_dossier_url = reverse("portal:my_dossier", args=[application.dossier_code])
    except NoReverseMatch:  # the "my dossiers" pages are not installed
        my_dossier_url = ""
    context = {
        "application": application,
        "tracking_url": reverse("portal:tracking_result", args=[application.dossier_code]),
        "my_dossier_url": my_dossier_url,
        "breadcrumbs": [
            (_("Home"), reverse("portal:home")),
            (_("My applications"), reverse("portal:application_list")),
            (application.dossier_code, ""),
        ],
    }
    return render(request, "portal/apply/submitted.html", context)


@draft_view("GET", "POST")
def application_delete(request: HttpRequest, application: Application) -> HttpResponseBase:
    if request.method == "POST":
        application_abandon(citizen=request.user, public_id=application.public_id)
        messages.success(request, _("The draft was deleted, with its answers and files."))
        return redirect("portal:application_list")
    return render(request, "portal/apply/delete.html", _page(application, "delete"))
