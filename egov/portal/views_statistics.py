"""Public statistics (/thong-ke/): how many dossiers each agency and field received and resolved, and
how many on time, for a month and for the year up to it.

Transparency of the one-stop results (ND 118/2025/NĐ-CP; indicator 2.1 of QĐ 766/QĐ-TTg, the
on-time rate): figures only, from the same counting as the staff report Biểu II.06a, cached a few
minutes. ``?year=2026&month=5`` chooses the period; a bad or future period shows the current one with
the reason, as a 400.
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.core import clock
from egov.core.pagecache import public_page
from egov.portal.catalogue import format_number
from egov.portal.selectors import PeriodStatistics, StatisticsRow, StatisticsTable, public_statistics_get

FIRST_YEAR = 2020  # the first year the page offers (the one-stop engine keeps every year)


@dataclass(frozen=True)
class Period:
    year: int
    month: int


def _choose(params: Any, today: date) -> tuple[Period, str]:
    """The period asked for, or the current month with the reason it was not accepted."""
    current = Period(today.year, today.month)
    raw_year, raw_month = (params.get("year") or "").strip(), (params.get("month") or "").strip()
    if not raw_year and not raw_month:
        return current, ""
    if raw_year and not (raw_year.isdigit() and FIRST_YEAR <= int(raw_year) <= today.year):
        return current, _("Choose a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": today.year}
    year = int(raw_year) if raw_year else today.year
    if raw_month and not (raw_month.isdigit() and 1 <= int(raw_month) <= 12):
        return current, _("Choose a month from 1 to 12.")
    month = int(raw_month) if raw_month else (today.month if year == today.year else 12)
    if (year, month) > (today.year, today.month):
        return current, _("That month has not come yet; the current month is shown.")
    return Period(year, month), ""


def _number(value: int) -> str:
    return format_number(Decimal(value))


def _rate(value: float | None) -> str:
    if value is None:
        return ""
    return f"{format_number(Decimal(str(value)).quantize(Decimal('0.1')))}%"


def _cells(row: StatisticsRow) -> dict[str, str]:
    return {
        "label": row.label,
        "received": _number(row.received),
        "resolved": _number(row.resolved),
        "on_time": _number(row.on_time),
        "late": _number(row.late),
        "rate": _rate(row.on_time_rate),
    }


def _table(table: StatisticsTable, *, slug: str, caption: str, heading: str) -> dict[str, Any]:
    return {
        "id": slug,
        "caption": caption,
        "heading": heading,
        "rows": [_cells(row) for row in table.rows],
        "total": _cells(table.total),
    }


def _block(stats: PeriodStatistics, *, slug: str, title: str) -> dict[str, Any]:
    return {
        "id": slug,
        "title": title,
        "stats": stats,
        "total": _cells(stats.by_agency.total),
        "tables": [
            _table(
                stats.by_agency,
                slug=f"{slug}-agency",
                caption=_("%(period)s: dossiers by agency") % {"period": title},
                heading=_("Agency"),
            ),
            _table(
                stats.by_field,
                slug=f"{slug}-field",
                caption=_("%(period)s: dossiers by field") % {"period": title},
                heading=_("Field"),
            ),
        ],
    }


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    period, error = _choose(request.GET, today)
    last_day = calendar.monthrange(period.year, period.month)[1]
    month = public_statistics_get(
        period_from=date(period.year, period.month, 1),
        period_to=min(date(period.year, period.month, last_day), today),
    )
    year = public_statistics_get(period_from=date(period.year, 1, 1), period_to=min(date(period.year, 12, 31), today))
    # Marked after the figures are read: counting them anew invalidates the "statistics" pages, and
    # they are "as of" figures anyway (cached PORTAL_STATISTICS_CACHE_SECONDS, the page no longer).
    public_page(
        request, tags=("statistics", "organisation", "catalogue"), seconds=settings.PORTAL_STATISTICS_CACHE_SECONDS
    )
    month_title = _("Month %(month)s/%(year)s") % {"month": period.month, "year": period.year}
    year_title = _("Year %(year)s") % {"year": period.year}
    context = {
        "period": period,
        "error": error,
        "years": list(range(today.year, FIRST_YEAR - 1, -1)),
        "months": [(number, _("Month %(month)s") % {"month": number}) for number in range(1, 13)],
        "blocks": [_block(month, slug="month", title=month_title), _block(year, slug="year", title=year_title)],
        "breadcrumbs": [(_("Home"), reverse("portal:home")), (_("Statistics"), "")],
    }
    return render(request, "portal/statistics.html", context, status=400 if error else 200)
