"""``manage.py load_admin_units [--path FILE]``: load or refresh the administrative units and successions."""

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.core.errors import ApplicationError
from egov.organisation.services.units import DATA_FILE, admin_units_load


class Command(BaseCommand):
    help = (
        "Load the administrative units (34 provinces and 3,321 communes since 2025-07-01, the 63-province "
        "three-level tree before) and their successions from the shipped data file. Safe to re-run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", type=Path, default=None, help=f"data file (default: {DATA_FILE})")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            result = admin_units_load(path=Path(options["path"]) if options["path"] else None)
        except ApplicationError as exc:
            body = exc.as_dict()
            detail = exc.fields.get("detail")
            raise CommandError(f"{body['message_en']}" + (f" ({detail})" if detail else "")) from exc
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Units: {result.units_created} created, {result.units_updated} updated, "
            f"{result.units_unchanged} unchanged. Successions: {result.successions_created} created, "
            f"{result.successions_updated} updated, {result.successions_unchanged} unchanged. "
            f"({elapsed:.1f} s, data sha256 {result.source_sha256[:12]})"
        )
        if result.changed:
            self.stdout.write(self.style.SUCCESS("Administrative units loaded."))
        else:
            self.stdout.write(self.style.SUCCESS("Administrative units already up to date; nothing changed."))
