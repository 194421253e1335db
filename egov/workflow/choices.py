"""Enumerations of the working-day calendar."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    """Why a day is, or is not, a working day (the ``kind`` in every API answer)."""

    WORKING_DAY = "working_day", _("Working day")
    MAKE_UP_WORKING_DAY = "make_up_working_day", _("Make-up working day")
    WEEKLY_REST_DAY = "weekly_rest_day", _("Weekly rest day")
    PUBLIC_HOLIDAY = "public_holiday", _("Public holiday")
    COMPENSATORY_DAY_OFF = "compensatory_day_off", _("Compensatory day off")
    SWAPPED_DAY_OFF = "swapped_day_off", _("Swapped day off")

    @property
    def is_working(self) -> bool:
        return self in (DayKind.WORKING_DAY, DayKind.MAKE_UP_WORKING_DAY)


class OverrideKind(models.TextChoices):
    """What an administrator's calendar entry makes of its date (always wins over the rules)."""

    PUBLIC_HOLIDAY = "public_holiday", _("Day off: public holiday (announced Tết day, National Day…)")
    COMPENSATORY_DAY_OFF = "compensatory_day_off", _("Day off: compensatory day (nghỉ bù)")
    SWAPPED_DAY_OFF = "swapped_day_off", _("Day off: swapped with a make-up working day")
    MAKE_UP_WORKING_DAY = "make_up_working_day", _("Working day: make-up working day (làm bù)")
    WORKING_DAY = "working_day", _("Working day: cancels a computed day off")

    @property
    def day_kind(self) -> DayKind:
        return DayKind(self.value)

    @property
    def is_day_off(self) -> bool:
        return not self.day_kind.is_working


class OverrideBasis(models.TextChoices):
    ANNOUNCED = "announced", _("Announced (read in the announcement)")
    DERIVED = "derived", _("Derived from the law (not read in an announcement)")
