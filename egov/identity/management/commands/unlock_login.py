"""``manage.py unlock_login LOGIN [--citizen]``: lift a lockout before it expires."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from egov.core.services.audit import audit_record
from egov.identity.models import UserKind
from egov.identity.services.authentication import login_lockout_key
from egov.identity.services.lockout import lockout_clear


class Command(BaseCommand):
    help = "Clear failed-login counts and the lock for a staff username (or, with --citizen, an ID/phone)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("login")
        parser.add_argument("--citizen", action="store_true", help="LOGIN is a citizen ID number or phone number.")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        kind = UserKind.CITIZEN if options["citizen"] else UserKind.STAFF
        key = login_lockout_key(kind=kind, identifier=options["login"])
        if lockout_clear(key=key):
            audit_record(actor=None, action="identity.unlock", object_type="identity.loginlockout", object_id=key[:64])
            self.stdout.write(f"Unlocked {key}.")
        else:
            self.stdout.write(f"No failed logins recorded for {key}.")
