"""``manage.py create_api_token USERNAME [--name NAME] [--expires-days N]``: prints the token once."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.identity.models import User
from egov.identity.services.tokens import api_token_create


class Command(BaseCommand):
    help = "Issue an API token for USERNAME and print it once (only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for (default: 'CLI token').")
        parser.add_argument("--expires-days", type=int, default=None, help="Valid for N days (default: no expiry).")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No account with username {options['username']!r}.")
        days = options["expires_days"]
        if days is not None and days < 1:
            raise CommandError("--expires-days must be at least 1.")
        expires_at = clock.now() + timedelta(days=days) if days is not None else None
        try:
            token, secret = api_token_create(
                user=user, name=options["name"] or "CLI token", acting_user=None, expires_at=expires_at
            )
        except ApplicationError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(secret)
        expiry = token.expires_at.isoformat() if token.expires_at else "never"
        self.stderr.write(
            f"Token #{token.pk} '{token.name}' for {user.username} (prefix {token.prefix}, expires {expiry}). "
            "Store it now: it cannot be shown again."
        )
