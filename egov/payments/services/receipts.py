"""Receipt numbers (số biên lai): one sequence per calendar year, ``BL2026-000123``.

The counter row is advanced with one upsert inside the transaction that marks the payment paid:
concurrent confirmations queue on the row, and a confirmation rolled back gives its number back,
so the numbers of a year have neither gaps nor duplicates.
"""

from django.db import connection

from egov.payments.models import ReceiptCounter

RECEIPT_PREFIX = "BL"


def receipt_number_next(*, year: int) -> str:
    """The next receipt number of ``year``. Call inside the confirming transaction."""
    table = ReceiptCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (year, last) VALUES (%s, 1) "  # noqa: S608 - the table name is ours
            f"ON CONFLICT (year) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [year],
        )
        row = cursor.fetchone()
    return f"{RECEIPT_PREFIX}{year}-{int(row[0]):06d}"
