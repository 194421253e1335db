"""Reads for the public site: the organisation directory, the home page's life events and popular
procedures, and the public statistics (through the one-stop engine's facade, cached)."""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Q
from django.utils.functional import Promise

from egov.core import clock
from egov.core.pagecache import invalidate
from egov.dossiers.facade import ReportResult, ReportRow, one_stop_report_public, procedure_popularity
from egov.organisation.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel
from egov.portal.life_events import LIFE_EVENTS, POPULAR_FALLBACK, SHORT_NAMES
from egov.procedures.selectors import procedures_public
from egov.workflow.facade import CalendarRangeError, is_working_day

POPULAR_WINDOW_DAYS = 90
POPULAR_COUNT = 6


@dataclass(frozen=True)
class SiteIdentity:
    """What the header shows: the deployment's name and the province it serves."""

    name: str
    province: str


@dataclass(frozen=True)
class ServiceCentreContact:
    name: str
    address: str
    phone: str
    email: str


def province_get_display_name() -> str:
    """The current province unit of this deployment ("Tỉnh Quảng Trị"), or "" if not loaded."""
    today = clock.today()
    try:
        unit = (
            AdministrativeUnit.objects.filter(code=settings.EGOV_PROVINCE_CODE, level=UnitLevel.PROVINCE)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
            .order_by("-valid_from")
            .only("name", "unit_type")
            .first()
        )
    except DatabaseError:  # error pages must render even when the database is down
        return ""
    if unit is None:
        return ""
    if unit.unit_type and not unit.name.lower().startswith(unit.unit_type.lower()):
        return f"{unit.unit_type} {unit.name}"
    return unit.name


def site_get_identity() -> SiteIdentity:
    return SiteIdentity(name=settings.EGOV_SITE_NAME, province=province_get_display_name())


def service_centre_get_contact() -> ServiceCentreContact | None:
    """The province's public administrative service centre, if the directory has one in force.

    Several centres may exist (province and commune desks); the one attached to the province unit
    comes first, then by agency code.
    """
    today = clock.today()
    centre = (
        Agency.objects.filter(kind=AgencyKind.PUBLIC_SERVICE_CENTRE, is_active=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("administrative_unit")
        .order_by("code")
    )
    chosen = (
        centre.filter(
            administrative_unit__level=UnitLevel.PROVINCE,
            administrative_unit__code=settings.EGOV_PROVINCE_CODE,
        ).first()
        or centre.first()
    )
    if chosen is None:
        return None
    return ServiceCentreContact(name=chosen.name, address=chosen.address, phone=chosen.phone, email=chosen.email)


@dataclass(frozen=True)
class TodaySummary:
    day: date
    is_working_day: bool | None  # None outside the years the working-day calendar covers


def today_get_summary() -> TodaySummary:
    """Today's date and whether it is a working day (weekends, holidays, make-up working days)."""
    today = clock.today()
    try:
        return TodaySummary(day=today, is_working_day=is_working_day(today))
    except CalendarRangeError:
        return TodaySummary(day=today, is_working_day=None)


# ---------- Home page: life events and popular procedures ----------


@dataclass(frozen=True)
class ProcedureLink:
    code: str
    name: str


@dataclass(frozen=True)
class LifeEventGroup:
    slug: str
    title: Promise
    description: Promise
    procedures: tuple[ProcedureLink, ...]


def _active_names(codes: set[str]) -> dict[str, str]:
    """Names of the procedures among ``codes`` that are published and active (one query); the everyday
    name where the official one is long."""
    rows = procedures_public().filter(code__in=sorted(codes)).values_list("code", "name")
    return {code: SHORT_NAMES.get(code, name) if len(name) > 90 else name for code, name in rows}


def life_event_list() -> list[LifeEventGroup]:
    """The life events with their procedures present and active in the catalogue; empty groups left out."""
    names = _active_names({code for event in LIFE_EVENTS for code in event.procedure_codes})
    groups = [
        LifeEventGroup(
            slug=event.slug,
            title=event.title,
            description=event.description,
            procedures=tuple(ProcedureLink(code, names[code]) for code in event.procedure_codes if code in names),
        )
        for event in LIFE_EVENTS
    ]
    return [group for group in groups if group.procedures]


def _popular_codes() -> list[str]:
    key = "portal:popular-procedures:v1"
    codes: list[str] | None = cache.get(key)
    if codes is None:
        since = clock.now() - timedelta(days=POPULAR_WINDOW_DAYS)
        codes = [code for code, _count in procedure_popularity(since=since, limit=POPULAR_COUNT * 2)]
        cache.set(key, codes, settings.PORTAL_POPULAR_CACHE_SECONDS)
    return codes


def popular_procedure_list() -> list[ProcedureLink]:
    """The active procedures with the most dossiers received in the last 90 days (counted at most
    every few minutes); a fixed list of everyday procedures while none of them can be shown."""
    counted = _popular_codes()
    names = _active_names({*counted, *POPULAR_FALLBACK})
    links = [ProcedureLink(code, names[code]) for code in counted if code in names]
    return (links or [ProcedureLink(code, names[code]) for code in POPULAR_FALLBACK if code in names])[:POPULAR_COUNT]


# ---------- Public statistics (transparency) ----------


@dataclass(frozen=True)
class StatisticsRow:
    label: str  # the agency or the field; "" for dossiers of no field
    received: int  # received in the period, online and at the desk ((4) + (5) of Biểu II.06a)
    resolved: int  # (7)
    on_time: int  # early or on time: (8) + (9)
    late: int  # (10)
    on_time_rate: float | None  # ((8) + (9)) / (7), percent


@dataclass(frozen=True)
class StatisticsTable:
    rows: tuple[StatisticsRow, ...]
    total: StatisticsRow


@dataclass(frozen=True)
class PeriodStatistics:
    period_from: date
    period_to: date
    as_of: datetime
    by_agency: StatisticsTable
    by_field: StatisticsTable


def _statistics_row(row: ReportRow, label: str) -> StatisticsRow:
    return StatisticsRow(
        label=label,
        received=row.received_online + row.received_desk,
        resolved=row.resolved_total,
        on_time=row.resolved_early + row.resolved_on_time,
        late=row.resolved_late,
        on_time_rate=row.on_time_rate,
    )


def _statistics_table(result: ReportResult) -> StatisticsTable:
    rows = [
        _statistics_row(
            row, row.agency_name if result.group_by == "agency" else (row.field_name if row.field_id else "")
        )
        for row in result.rows
        if row.received_online or row.received_desk or row.resolved_total  # nothing to report: left out
    ]
    return StatisticsTable(rows=tuple(rows), total=_statistics_row(result.total, ""))


def public_statistics_get(*, period_from: date, period_to: date) -> PeriodStatistics:
    """Received, resolved and on-time figures of every agency and field for the period; cached a few
    minutes (the dossiers in progress are judged as of the moment of counting)."""
    key = f"portal:public-statistics:v1:{period_from.isoformat()}:{period_to.isoformat()}"
    cached: PeriodStatistics | None = cache.get(key)
    if cached is not None:
        return cached
    by_agency = one_stop_report_public(period_from=period_from, period_to=period_to, group_by="agency")
    by_field = one_stop_report_public(period_from=period_from, period_to=period_to, group_by="field")
    result = PeriodStatistics(
        period_from=period_from,
        period_to=period_to,
        as_of=by_agency.as_of,
        by_agency=_statistics_table(by_agency),
        by_field=_statistics_table(by_field),
    )
    cache.set(key, result, settings.PORTAL_STATISTICS_CACHE_SECONDS)
    # The pages showing the figures counted before are out of date — if the figures changed.
    figures = hashlib.sha256(repr((result.by_agency, result.by_field)).encode()).hexdigest()
    if cache.get(f"{key}:figures") != figures:
        cache.set(f"{key}:figures", figures, 24 * 3600)
        invalidate("statistics")
    return result
