"""``manage.py import_procedures PATH [--dry-run]``: import procedures into the catalogue."""

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations

from egov.core.errors import ApplicationError
from egov.procedures.importers import NATIONAL_CATALOGUE, NATIONAL_LIST, STRUCTURED, detect_format, read_records
from egov.procedures.services.catalogue_import import ImportReport, procedures_import


class Command(BaseCommand):
    help = (
        "Import administrative procedures. The format is detected from PATH: a .jsonl file of national "
        "catalogue detail records, a directory of structured .json records (or one such file), or an .xlsx "
        "list export of the national database (which updates only code, name, implementing agency and field "
        "of procedures imported earlier). Safe to re-run: unchanged records are not written again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="file or directory to import")
        parser.add_argument("--dry-run", action="store_true", help="parse and count everything, save nothing")
        parser.add_argument(
            "--format",
            choices=[NATIONAL_CATALOGUE, STRUCTURED, NATIONAL_LIST],
            default=None,
            help="override the detected format",
        )

    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        started = time.perf_counter()
        try:
            source = options["format"] or detect_format(path)
            report = procedures_import(
                records=read_records(path, source), source=source, acting_user=None, dry_run=options["dry_run"]
            )
        except ApplicationError as exc:
            raise CommandError(exc.as_dict()["message_en"]) from exc
        self._print(report, path, time.perf_counter() - started, verbosity=options["verbosity"])

    def _print(self, report: ImportReport, path: Path, elapsed: float, *, verbosity: int) -> None:
        counts = report.counts()
        self.stdout.write(f"Source: {report.source} ({path})")
        self.stdout.write(
            f"Created: {counts['created']}, updated: {counts['updated']}, unchanged: {counts['unchanged']}, "
            f"rejected: {counts['rejected']} ({len(report.warnings)} warnings) in {elapsed:.1f} s"
        )
        if report.rejected:
            self.stdout.write("Rejected:")
            for issue in report.rejected:
                code = f" [{issue.code}]" if issue.code else ""
                self.stdout.write(f"  {issue.ref}{code}: {issue.message}")
        if report.warnings and verbosity >= 2:
            self.stdout.write("Warnings (imported anyway):")
            for issue in report.warnings:
                self.stdout.write(f"  {issue.ref} [{issue.code}]: {issue.message}")
        elif report.warnings:
            self.stdout.write("Run with -v 2 to list the warnings (parts of records that could not be read).")
        if report.dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
        else:
            self.stdout.write(self.style.SUCCESS("Import finished."))
