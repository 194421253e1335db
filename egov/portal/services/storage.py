"""Removing uploaded papers: rows now, stored files once the transaction commits (a rollback must
not leave rows pointing at deleted files)."""

from django.db import transaction
from django.db.models import QuerySet

from egov.portal.models import ApplicationFile


def delete_stored_files(files: QuerySet[ApplicationFile]) -> int:
    """Delete the rows of ``files`` and, after commit, what they stored. Returns how many."""
    rows = list(files)
    stored = [(row.file.storage, row.file.name) for row in rows if row.file.name]
    ApplicationFile.objects.filter(pk__in=[row.pk for row in rows]).delete()

    def _erase() -> None:
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(_erase)
    return len(rows)
