"""``manage.py load_demo``: the demo province, its agencies, staff of every role and citizens, then
the demo procedure catalogue with its internal processes, then about a hundred demo dossiers in
every state (``egov.dossiers.demo``; ``--no-dossiers`` skips them).

Idempotent (existing rows are kept, unchanged procedures are not saved again, the dossiers are
created once). ``--if-empty`` does nothing when the demo is already there, which is what
``make run`` uses; a database loaded before the catalogue or the dossiers existed gets only what it
lacks. Refuses to run with DEBUG off unless ``--force``: every demo account has the same published
password.
"""

import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.core.errors import ApplicationError
from egov.dossiers.demo import demo_dossiers_exist, dossiers_load_demo
from egov.dossiers.demo_citizen import demo_citizen_load
from egov.dossiers.demo_result_templates import result_templates_load_demo
from egov.organisation.demo.data import DEMO_PASSWORD
from egov.organisation.demo.loader import demo_exists, demo_load, demo_units_loaded
from egov.procedures.demo.loader import catalogue_demo_exists, procedures_load_demo
from egov.signing.demo import signing_demo_exists, signing_load_demo


class Command(BaseCommand):
    help = (
        "Load the demo province (Quảng Trị): agencies, departments, positions, staff and citizens, and the demo "
        "procedure catalogue with its internal processes, and demo dossiers in every state."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the demo data is already loaded.")
        parser.add_argument(
            "--force", action="store_true", help="Load even with DEBUG off (never on a production database)."
        )
        parser.add_argument("--no-dossiers", action="store_true", help="Do not create the demo dossiers.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: this looks like a production database. Demo accounts share a published "
                "password; use --force only on a test or demo installation."
            )
        organisation_loaded = demo_exists()
        dossiers_done = options["no_dossiers"] or demo_dossiers_exist()
        everything = organisation_loaded and catalogue_demo_exists() and signing_demo_exists() and dossiers_done
        if options["if_empty"] and everything:
            self.stdout.write("Demo data already loaded; nothing to do.")
            return
        started = time.monotonic()
        if options["if_empty"] and organisation_loaded:
            self._load_catalogue(started)
            self._load_certificates()
            self._load_dossiers(options["no_dossiers"])
            return
        if not demo_units_loaded():
            self.stdout.write("Loading the administrative units first…")
            call_command("load_admin_units", verbosity=options["verbosity"], stdout=self.stdout)
        try:
            summary = demo_load()
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo province loaded in {elapsed:.1f} s: {summary.agencies_created} agencies, "
                f"{summary.departments_created} departments, {summary.positions_created} positions, "
                f"{summary.staff_created} staff accounts and {summary.citizens_created} citizen accounts created."
            )
        )
        if summary.created:
            self.stdout.write(f"Every demo account's password is {DEMO_PASSWORD} (see manage.py demo_accounts).")
        self._load_catalogue(time.monotonic())
        self._load_certificates()
        self._load_dossiers(options["no_dossiers"])

    def _load_catalogue(self, started: float) -> None:
        try:
            catalogue = procedures_load_demo()
            result_templates_load_demo()
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        elapsed = time.monotonic() - started
        procedures = catalogue.procedures_created + catalogue.procedures_updated + catalogue.procedures_unchanged
        templates = catalogue.templates_created + catalogue.templates_updated + catalogue.templates_unchanged
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo catalogue loaded in {elapsed:.1f} s: {procedures} procedures ({catalogue.procedures_created} "
                f"created, {catalogue.procedures_updated} updated) and {templates} internal processes "
                f"({catalogue.templates_created} created, {catalogue.templates_updated} updated)."
            )
        )

    def _load_certificates(self) -> None:
        if signing_demo_exists():
            return
        started = time.monotonic()
        made = signing_load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Test certificates issued in {time.monotonic() - started:.1f} s: {made.personal} personal (leaders), "
                f"{made.seals} agency seals — from the internal TEST CA, not legally valid."
            )
        )

    def _load_dossiers(self, skip: bool) -> None:
        if skip or demo_dossiers_exist():
            return
        started = time.monotonic()
        try:
            summary = dossiers_load_demo()
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        statuses = ", ".join(f"{count} {status}" for status, count in sorted(summary.by_status.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo dossiers loaded in {time.monotonic() - started:.1f} s: {summary.created} ({statuses})."
            )
        )
        self.stdout.write(demo_citizen_load().describe())
