"""``manage.py search_reindex``: index the whole catalogue again (after a change of the search
analysis, ADR 0007), and bring in the thesaurus file's new entries. Writes keep the index current by
themselves; this is for upgrades."""

import time
from typing import Any

from django.core.management.base import BaseCommand, no_translations
from django.db import transaction

from egov.procedures.services.search_index import procedures_reindex_all
from egov.procedures.services.thesaurus import thesaurus_load


class Command(BaseCommand):
    help = "Index every procedure of the catalogue again and bring in new thesaurus entries."

    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            count = procedures_reindex_all()
            added = thesaurus_load()
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Indexed {count} procedures and added {added} thesaurus versions in {elapsed:.1f} s.")
