"""Reads for the public site. Read-only queries over the organisation directory."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Q

from egov.core import clock
from egov.organisation.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel
from egov.workflow.facade import CalendarRangeError, is_working_day


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
