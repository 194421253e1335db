"""The administrator-maintained parts of the working-day calendar.

``CalendarOverride``: one date made a day off or a working day by an announcement (Tết days, the
National-Day adjacent day, swaps, make-up Saturdays) or by a derivation from the law (nghỉ bù) — it
always wins over the computed rules. ``OfficeHours``: the province's office sessions from a date on.
Write them only through ``egov.workflow.services`` (audit + cache invalidation).
"""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.workflow.choices import OverrideBasis, OverrideKind
from egov.workflow.rules import MAX_YEAR, MIN_YEAR


class CalendarOverride(models.Model):
    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OverrideKind.choices)
    name = models.CharField(
        _("name"), max_length=200, help_text=_("Shown to citizens, e.g. “Nghỉ Tết Âm lịch Bính Ngọ”.")
    )
    legal_reference = models.CharField(
        _("legal reference"),
        max_length=500,
        help_text=_("The announcement or article, e.g. “TB 9441/TB-BNV ngày 16/10/2025”."),
    )
    basis = models.CharField(_("basis"), max_length=20, choices=OverrideBasis.choices, default=OverrideBasis.ANNOUNCED)
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries (days off and make-up working days)")
        ordering = ["date"]
        permissions = [("manage_calendar", _("Can manage the working-day calendar and office hours"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=[
                        "public_holiday",
                        "compensatory_day_off",
                        "swapped_day_off",
                        "make_up_working_day",
                        "working_day",
                    ]
                ),
                name="calendar_override_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"

    def clean(self) -> None:
        if self.date is not None and not MIN_YEAR <= self.date.year <= MAX_YEAR:
            raise ValidationError(
                {"date": _("The calendar covers the years %(min)s to %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}},
                code="year_out_of_range",
            )

    @property
    def is_day_off(self) -> bool:
        return OverrideKind(self.kind).is_day_off


class OfficeHours(models.Model):
    """Morning and afternoon sessions in force from ``valid_from`` until the next row's date."""

    valid_from = models.DateField(_("valid from"), unique=True)
    morning_start = models.TimeField(_("morning opens"))
    morning_end = models.TimeField(_("morning closes"))
    afternoon_start = models.TimeField(_("afternoon opens"))
    afternoon_end = models.TimeField(_("afternoon closes"))
    legal_reference = models.CharField(
        _("legal reference"), max_length=500, blank=True, help_text=_("The province's decision on office hours.")
    )
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(morning_start__lt=models.F("morning_end"))
                & models.Q(morning_end__lte=models.F("afternoon_start"))
                & models.Q(afternoon_start__lt=models.F("afternoon_end")),
                name="office_hours_sessions_ordered",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.valid_from:%d/%m/%Y}: {self.morning_start:%H:%M}-{self.morning_end:%H:%M}, "
            f"{self.afternoon_start:%H:%M}-{self.afternoon_end:%H:%M}"
        )

    def clean(self) -> None:
        times = [self.morning_start, self.morning_end, self.afternoon_start, self.afternoon_end]
        if any(t is None for t in times):
            return  # the field validators report the missing value
        if not (self.morning_start < self.morning_end <= self.afternoon_start < self.afternoon_end):
            raise ValidationError(
                _(
                    "Office hours must be in order: morning opens < morning closes ≤ afternoon opens < afternoon closes."
                ),
                code="office_hours_order",
            )
        if any(t.tzinfo is not None for t in times):
            raise ValidationError(_("Office hours are local times in Vietnam."), code="office_hours_tz")

    @property
    def daily_hours(self) -> float:
        def minutes(start: datetime, end: datetime) -> float:
            return (end - start).total_seconds() / 60

        day = date(2000, 1, 1)
        total = minutes(datetime.combine(day, self.morning_start), datetime.combine(day, self.morning_end))
        total += minutes(datetime.combine(day, self.afternoon_start), datetime.combine(day, self.afternoon_end))
        return total / 60
