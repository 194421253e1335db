"""``manage.py reclassify_papers [--dry-run]``: tell papers from notes in procedures imported earlier."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser, no_translations

from egov.procedures.services.paper_reclassify import procedures_reclassify_papers


class Command(BaseCommand):
    help = (
        "Run the importers' paper classifier over the procedures imported from the national catalogue or the "
        "structured records, and save those whose papers change (notes kept as guidance, papers mandatory, "
        "conditional or optional) as new versions. Re-importing the source does the same. Safe to re-run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count what would change, save nothing")

    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        report = procedures_reclassify_papers(acting_user=None, dry_run=options["dry_run"])
        counts = report.counts()
        self.stdout.write(
            f"Updated: {counts['updated']}, unchanged: {counts['unchanged']}, rejected: {counts['rejected']}"
        )
        for issue in report.rejected:
            self.stdout.write(f"  {issue.ref}: {issue.message}")
        if report.dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
        else:
            self.stdout.write(self.style.SUCCESS("Papers reclassified."))
