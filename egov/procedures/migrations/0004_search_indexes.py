"""Indexes for catalogue search (egov.procedures.search).

Search narrows candidates with ``LIKE '%word%'`` on the folded ``search_text`` column. On PostgreSQL, GIN trigram
indexes (pg_trgm, a trusted extension since PostgreSQL 13: the database owner may create it) answer
such patterns without reading the whole table. SQLite has no index for infix LIKE; the catalogue
(thousands of rows, a few hundred bytes each) is scanned in a few milliseconds, see
docs/performance.md. Nothing is created there.

Hand-written and vendor-conditional, so the model state is unchanged (makemigrations stays clean).
"""

from django.db import migrations

# search_text holds the folded code, name, field and agencies: the one column search filters on.
INDEXES = (("procedures_procedure_search_text_trgm", "search_text"),)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON procedures_procedure USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    # The extension stays: other tables may use it, and dropping it needs more privileges.


class Migration(migrations.Migration):
    dependencies = [("procedures", "0003_process_templates")]
    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
