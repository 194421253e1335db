"""Search index for the worklists' applicant search (``applicant_name_folded LIKE '%words%'``).

As for the catalogue (procedures 0004): a GIN trigram index on PostgreSQL; nothing on SQLite.
Hand-written and vendor-conditional, so the model state is unchanged.
"""

from django.db import migrations

NAME = "dossiers_dossier_applicant_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON dossiers_dossier USING gin (applicant_name_folded gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0003_applicant_name_folded")]
    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
