import sys
from typing import Any

from django.core.management.base import BaseCommand

from egov.core.models import AuditEntry
from egov.core.services.audit import audit_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log; exits 1 if any entry was edited, deleted or inserted."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = audit_verify()
        total = AuditEntry.objects.count()
        if not problems:
            self.stdout.write(self.style.SUCCESS(f"Audit log intact: {total} entries verified."))
            return
        for problem in problems:
            self.stderr.write(f"entry {problem.seq}: {problem.problem}")
        self.stderr.write(self.style.ERROR(f"Audit log TAMPERED: {len(problems)} problem(s) in {total} entries."))
        sys.exit(1)
