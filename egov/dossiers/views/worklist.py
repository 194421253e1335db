"""The worklists (/staff/dossiers/): tabs with counts, filters, a dense table, pages."""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from egov.core import clock
from egov.dossiers.forms import WorklistFilterForm
from egov.dossiers.models import Dossier, DossierTask
from egov.dossiers.selectors import (
    WORKLIST_LABELS,
    DossierFilters,
    due_soon_horizon,
    filter_choices_for,
    worklist_counts,
    worklist_rows,
    worklists_for,
)
from egov.dossiers.views.common import CappedPaginatorMixin, channel_label, due_tone, is_capped, status_tone
from egov.identity.access import staff_required
from egov.organisation.facade import AllAgencies, visible_agency_ids
from egov.organisation.models import Agency

PAGE_SIZE = 50
TAB_LABELS = WORKLIST_LABELS


if TYPE_CHECKING:
    _Paginator = Paginator[Dossier]
else:  # Django's Paginator is not subscriptable at run time
    _Paginator = Paginator


class WorklistPaginator(CappedPaginatorMixin, _Paginator):
    """Pages of ``PAGE_SIZE`` rows. The count may be the tab's, which some tabs keep a minute:
    a page is always the rows from its start (never cut at a count read earlier)."""

    def page(self, number: int | str) -> Page[Dossier]:
        valid = self.validate_number(number)
        bottom = (valid - 1) * self.per_page
        return Page(self.object_list[bottom : bottom + self.per_page], valid, self)


@dataclass(frozen=True)
class Tab:
    name: str
    label: str
    count: int
    capped: bool
    current: bool


@dataclass(frozen=True)
class Row:
    dossier: Dossier
    tasks: list[DossierTask]
    step_due: datetime | None
    step_tone: str
    due_tone: str
    status_tone: str
    channel: str


def _default_list(lists: tuple[str, ...]) -> str:
    for name in ("to_receive", "mine", "all"):
        if name in lists:
            return name
    return lists[0]


def _filter_agencies(user: Any) -> list[tuple[int, str]]:
    scope = visible_agency_ids(user, "dossiers.view")
    agencies = Agency.objects.filter(is_active=True).order_by("code")
    if not isinstance(scope, AllAgencies):
        agencies = agencies.filter(pk__in=sorted(scope))
    return [(a.pk, a.short_name or a.name) for a in agencies.only("pk", "name", "short_name")]


def _rows(dossiers: list[Dossier], now: datetime) -> list[Row]:
    horizon = due_soon_horizon(now)
    rows = []
    for dossier in dossiers:
        tasks: list[DossierTask] = getattr(dossier, "active_tasks", [])
        step_due = getattr(dossier, "work_due", None) or min((t.due_at for t in tasks), default=None)
        rows.append(
            Row(
                dossier=dossier,
                tasks=tasks,
                step_due=step_due,
                step_tone=due_tone(step_due, now, horizon),
                due_tone=due_tone(dossier.due_at, now, horizon) if dossier.finished_at is None else "",
                status_tone=status_tone(dossier.status),
                channel=channel_label(dossier.channel),
            )
        )
    return rows


@staff_required
@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    lists = worklists_for(user=request.user)
    if not lists:
        raise PermissionDenied(_("Your roles give you no access to dossiers."))
    current = request.GET.get("list") or _default_list(lists)
    if current not in lists:
        raise Http404(_("Unknown worklist."))
    fields, procedures = filter_choices_for(user=request.user)
    form = WorklistFilterForm(
        request.GET, agencies=_filter_agencies(request.user), fields=fields, procedures=procedures
    )
    valid = form.is_valid()
    filters = form.to_filters() if valid else DossierFilters()
    rows = worklist_rows(user=request.user, worklist=current, filters=filters) if valid else Dossier.objects.none()
    counts = worklist_counts(user=request.user)
    paginator = WorklistPaginator(rows, PAGE_SIZE)
    if filters == DossierFilters() and valid:
        paginator.count = counts[current]  # the tab's count is the list's: not counted twice
    page = paginator.get_page(request.GET.get("page"))
    tabs = [Tab(n, str(TAB_LABELS[n]), counts[n], is_capped(counts[n]), n == current) for n in lists]
    context = {
        "tabs": tabs,
        "tab_names": lists,
        "current": current,
        "current_label": TAB_LABELS[current],
        "form": form,
        "is_filtered": filters != DossierFilters() or not valid,
        "page_obj": page,
        "rows": _rows(list(page.object_list), clock.now()),
        "capped": is_capped(page.paginator.count),
        "task_based": current in ("mine", "department") or (current in ("due_soon", "overdue") and "mine" in lists),
    }
    return render(request, "dossiers/staff/worklist.html", context)
