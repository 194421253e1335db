"""“Thông tin của tôi”: the citizen's saved profile and household members, which the e-form can be
filled from; and the "fill from my profile" action of an e-form part. Writes in
``services/profile.py`` and ``services/prefill.py``; only the citizen's own members (another id is
a 404). Every form works without JavaScript; a GET of a POST-only address shows its page.
"""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from egov.core.errors import ApplicationError, NotFoundError
from egov.portal.forms_apply import section_answers_from_post
from egov.portal.forms_profile import MemberForm, PrefillForm, ProfileForm
from egov.portal.models import HouseholdMember
from egov.portal.selectors_apply import application_steps, form_schema_of
from egov.portal.selectors_profile import household_list, household_member_get, prefill_choices, profile_get
from egov.portal.services.prefill import application_prefill_section
from egov.portal.services.profile import (
    MemberData,
    household_member_add,
    household_member_remove,
    household_member_update,
    profile_save,
)
from egov.portal.views_account import citizen_required
from egov.portal.views_apply import draft_view


def _crumbs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    profile_url = reverse("portal:profile") if extra else ""
    return [(_("Home"), reverse("portal:home")), (_("My profile"), profile_url), *extra]


def _apply_errors(form: Any, error: ApplicationError) -> None:
    for field, problems in error.fields.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, str(problem))
    if not error.fields:
        form.add_error(None, str(error.message))


@citizen_required
@never_cache
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    saved = profile_get(citizen=request.user)
    initial = {name: getattr(saved, name) for name in ("birth_date", "gender", "ethnicity", "nationality", "residence")}
    initial["nationality"] = initial["nationality"] or "Việt Nam"
    form = ProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                profile_save(citizen=request.user, **form.cleaned_data)
            except ApplicationError as error:
                _apply_errors(form, error)
                status = error.status
            else:
                messages.success(request, _("Your profile is saved. Forms you fill from now on can use it."))
                return redirect("portal:profile")
    context = {"form": form, "members": household_list(citizen=request.user), "breadcrumbs": _crumbs()}
    return render(request, "portal/account/profile.html", context, status=status)


def _member_data(form: MemberForm) -> MemberData:
    return MemberData(**form.cleaned_data)


def _member_initial(member: HouseholdMember | None) -> dict[str, Any]:
    if member is None:
        return {"nationality": "Việt Nam"}
    return {name: getattr(member, name) for name in MemberForm.base_fields}


def _member(request: HttpRequest, member_id: int) -> HouseholdMember:
    try:
        return household_member_get(citizen=request.user, member_id=member_id)
    except NotFoundError as error:
        raise Http404(str(error.message)) from error


def _member_page(request: HttpRequest, member: HouseholdMember | None) -> HttpResponse:
    form = MemberForm(request.POST if request.method == "POST" else None, initial=_member_initial(member))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                if member is None:
                    saved = household_member_add(citizen=request.user, data=_member_data(form))
                else:
                    saved = household_member_update(citizen=request.user, member_id=member.pk, data=_member_data(form))
            except ApplicationError as error:
                _apply_errors(form, error)
                status = error.status
            else:
                messages.success(request, _("“%(name)s” is saved in your household.") % {"name": saved.full_name})
                return redirect("portal:profile")
    title = _("Add a household member") if member is None else _("Change %(name)s") % {"name": member.full_name}
    context = {"form": form, "member": member, "title": title, "breadcrumbs": _crumbs((title, ""))}
    return render(request, "portal/account/member_form.html", context, status=status)


@citizen_required
@never_cache
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest) -> HttpResponse:
    return _member_page(request, None)


@citizen_required
@never_cache
@require_http_methods(["GET", "POST"])
def member_change(request: HttpRequest, member_id: int) -> HttpResponse:
    return _member_page(request, _member(request, member_id))


@citizen_required
@never_cache
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, member_id: int) -> HttpResponse:
    """A confirmation page; the POST deletes."""
    member = _member(request, member_id)
    if request.method == "POST":
        name = household_member_remove(citizen=request.user, member_id=member.pk)
        messages.success(request, _("“%(name)s” was removed from your household.") % {"name": name})
        return redirect("portal:profile")
    title = _("Remove %(name)s") % {"name": member.full_name}
    context = {"member": member, "title": title, "breadcrumbs": _crumbs((title, ""))}
    return render(request, "portal/account/member_remove.html", context)


@draft_view("GET", "POST", on_error="portal:application_list")
def application_step_prefill(request: HttpRequest, application: Any, step: int) -> HttpResponseBase:
    """Fill the blank answers of part ``step`` from the chosen person, then show the part again to
    check. The "Fill in" button posts the part's form as it is on screen (``formaction``): what the
    citizen typed there counts, saved or not, and is never replaced."""
    back = reverse("portal:application_step", args=[application.public_id, step])
    if request.method != "POST":
        return redirect(back)
    choices = [(choice.key, choice.label) for choice in prefill_choices(citizen=request.user)]
    form = PrefillForm(request.POST, choices=choices)
    if not form.is_valid():
        messages.error(request, _("Choose yourself or a member of your household."))
        return redirect(back)
    try:
        outcome = application_prefill_section(
            citizen=request.user,
            public_id=application.public_id,
            step=step,
            person=form.cleaned_data["person"],
            typed=_typed_answers(application, step, request.POST),
        )
    except NotFoundError as error:
        raise Http404(str(error.message)) from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(back)
    label = dict(choices)[form.cleaned_data["person"]]
    if outcome.filled:
        messages.success(
            request, _("Filled from “%(person)s”. Check the answers, then press “Continue”.") % {"person": label}
        )
    else:
        messages.info(
            request, _("Nothing was filled: every answer “%(person)s” has is typed already.") % {"person": label}
        )
    if outcome.kept:
        messages.info(
            request,
            _(
                "What you had typed was kept in: %(fields)s. To use the saved details there, clear those "
                "answers and fill in again."
            )
            % {"fields": "; ".join(outcome.kept)},
        )
    return redirect(back)


def _typed_answers(application: Any, step: int, post: QueryDict) -> dict[str, Any] | None:
    """The part's answers as posted with the choice; None when the post carries none of them."""
    schema = form_schema_of(application)
    current = next((item for item in application_steps(application) if item.number == step), None)
    if schema is None or current is None or not any(key.startswith(f"{current.name}.") for key in post):
        return None
    return section_answers_from_post(schema, current.name, post)
