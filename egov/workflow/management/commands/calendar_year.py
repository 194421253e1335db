"""``manage.py calendar_year YEAR [--compare]``: the effective days off of a year, for checking it
against the year's announcement of Bộ Nội vụ before deadlines depend on it.

Each line: date, weekday, kind, source (rule / entry), reason, legal reference. With ``--compare`` it
also lists where the ``holidays`` package (a second, independent opinion) disagrees.
"""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from egov.workflow.cache import calendar_get
from egov.workflow.rules import MAX_YEAR, MIN_YEAR, holidays_package_days_off


class Command(BaseCommand):
    help = "Print the days off and make-up working days of a year (weekends omitted), optionally compared."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int)
        parser.add_argument("--compare", action="store_true", help="Compare with the holidays package.")
        parser.add_argument("--language", default="vi", choices=["vi", "en"])

    def handle(self, *args: Any, **options: Any) -> None:
        year: int = options["year"]
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise CommandError(f"The calendar covers {MIN_YEAR}-{MAX_YEAR}.")
        calendar = calendar_get()
        with translation.override(options["language"]):
            special = [
                (d, status)
                for d, status in calendar.special_days(year)
                if not (status.kind == "weekly_rest_day" and not status.is_override)
            ]
            for d, status in special:
                source = "entry" if status.is_override else "rule"
                self.stdout.write(
                    f"{d.isoformat()}  {d:%a}  {status.kind:<22} {source:<5}  {status.reason}  [{status.legal_reference}]"
                )
            working_days = calendar.count_working_days(date(year, 1, 1), date(year, 12, 31))
            self.stdout.write(f"{year}: {working_days} working days.")
            if options["compare"]:
                self._compare(year)

    def _compare(self, year: int) -> None:
        calendar = calendar_get()
        package = holidays_package_days_off(year)
        differences = 0
        for d, name in package.items():
            if d.weekday() < 5 and calendar.is_working_day(d):
                differences += 1
                self.stdout.write(
                    f"DIFF {d.isoformat()}: the holidays package says “{name}”; our calendar: working day"
                )
        for d, status in calendar.non_working_days(year):
            if d.weekday() < 5 and d not in package:
                differences += 1
                self.stdout.write(
                    f"DIFF {d.isoformat()}: our calendar says “{status.reason}”; the holidays package: working day"
                )
        for d, status in calendar.special_days(year):
            if status.is_working and d.weekday() >= 5:
                self.stdout.write(f"NOTE {d.isoformat()}: make-up working day “{status.reason}”")
        self.stdout.write(f"{differences} difference(s) with the holidays package.")
