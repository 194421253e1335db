"""The public procedure catalogue: search with filters, and one page per procedure."""

import math

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from egov.core.errors import NotFoundError
from egov.core.pagecache import RateSpec, public_page
from egov.core.ratelimit import ip_key, rate_limit
from egov.portal import catalogue
from egov.portal.forms import ProcedureSearchForm
from egov.procedures.selectors import (
    current_version_of,
    implementing_level_list,
    levels_of,
    online_level,
    procedure_field_list,
    procedure_get_public,
)

PAGE_SIZE = 20
RATE_WINDOW_SECONDS = 60
CATALOGUE_RATE = RateSpec("portal-catalogue", "PORTAL_CATALOGUE_RATE_LIMIT", 120, RATE_WINDOW_SECONDS)
CATALOGUE_TAGS = ("catalogue", "organisation")


def _rate_limit() -> int:
    return int(getattr(settings, "PORTAL_CATALOGUE_RATE_LIMIT", 120))


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


@require_GET
@rate_limit("portal-catalogue", limit=_rate_limit, window=RATE_WINDOW_SECONDS, key=ip_key, methods=("GET",))
def procedure_list(request: HttpRequest) -> HttpResponse:
    public_page(request, tags=CATALOGUE_TAGS, rate=CATALOGUE_RATE)
    form = ProcedureSearchForm(request.GET, fields=procedure_field_list(), levels=implementing_level_list())
    form.is_valid()  # invalid filters are shown as errors; the valid parts still search
    search = form.search()
    number = _page_number(request)
    result = search.page(offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    last = max(1, math.ceil(result.count / PAGE_SIZE))
    if number > last:  # a page past the end (a stale link): show the last one
        number = last
        result = search.page(offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    page_obj = Paginator(range(result.count), PAGE_SIZE).page(number)
    context = {
        "form": form,
        "query": search.q,
        "has_filters": search.has_filters,
        "count": result.count,
        "rows": catalogue.procedure_rows(result.items),
        "page_obj": page_obj,
        "breadcrumbs": [
            (_("Home"), reverse("portal:home")),
            (pgettext("public catalogue", "Administrative procedures"), ""),
        ],
    }
    return render(request, "portal/procedure_list.html", context)


@require_GET
def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    public_page(request, tags=CATALOGUE_TAGS)
    try:
        procedure = procedure_get_public(code)
    except NotFoundError as error:
        raise Http404(str(error)) from error
    version = current_version_of(procedure)
    channels = catalogue.channel_views(version)
    paper_groups = catalogue.paper_groups(version)
    context = {
        "procedure": procedure,
        "version": version,
        "online": online_level(procedure),
        "levels": [level.name for level in levels_of(version)],
        "channels": channels,
        "summary": catalogue.summary_of(channels),
        "paper_groups": paper_groups,
        "paper_count": sum(len(group.papers) for group in paper_groups),
        "paper_notes": catalogue.paper_notes(version),
        "steps": catalogue.steps_view(version.steps),
        "results": catalogue.results_of(version),
        "legal_bases": list(version.legal_bases.all()),
        "local_agencies": list(version.local_agencies.all()),
        "breadcrumbs": [
            (_("Home"), reverse("portal:home")),
            (pgettext("public catalogue", "Administrative procedures"), reverse("portal:procedure_list")),
            (procedure.code, ""),
        ],
    }
    return render(request, "portal/procedure_detail.html", context)
