"""``manage.py demo_accounts``: the demo logins (username, roles, agency) and how to log in."""

from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand
from django.urls import NoReverseMatch, reverse

from egov.organisation.demo.accounts import demo_accounts
from egov.organisation.demo.data import DEMO_PASSWORD


def _url(name: str, fallback: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


def _table(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    cells = [headers, *rows]
    widths = [max(len(cell[i]) for cell in cells) for i in range(len(headers))]
    lines = ["  ".join(cell[i].ljust(widths[i]) for i in range(len(headers))).rstrip() for cell in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return lines


class Command(BaseCommand):
    help = "Print the demo logins and how to use them."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = demo_accounts()
        if not accounts:
            self.stdout.write("No demo accounts found. Run: manage.py load_demo")
            return
        staff = [account for account in accounts if not account.is_citizen]
        citizens = [account for account in accounts if account.is_citizen]
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        self.stdout.write("")
        self.stdout.write(f"Staff log in at {_url('identity:login', '/accounts/login/')} with the username:")
        staff_rows = [(a.username, a.full_name, a.roles, a.agency) for a in staff]
        for line in _table(("Username", "Name", "Roles", "Agency"), staff_rows):
            self.stdout.write(f"  {line}")
        self.stdout.write("")
        self.stdout.write(
            f"Citizens log in at {_url('identity:citizen_login', '/accounts/citizen/login/')} "
            "with the citizen ID number or the phone number:"
        )
        for line in _table(("ID number / phone", "Name"), [(a.username, a.full_name) for a in citizens]):
            self.stdout.write(f"  {line}")
        self.stdout.write("")
        self.stdout.write("Agency and province administrators can also use /admin/ (scoped to their agencies).")
