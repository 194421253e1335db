"""The engines' structures beside the index rows (ADR 0007), kept in step by the database itself, so
that every way a row is written (the facade, a bulk load, a test snapshot's replay) is indexed:

- PostgreSQL: a generated ``tsvector`` column (each analysed term at its position, weighted A-D by
  field) and a GIN index per collection;
- SQLite: an FTS5 table per collection over the rows (external content, rowid = the entry's id)
  with the triggers that keep it in step (SQLite's documented pattern for external content).
"""

from django.db import migrations

COLLECTIONS = ("procedures",)  # a collection added later creates its own in its app's migration

PG_FUNCTION = """
CREATE FUNCTION search_entry_tsvector(title text, aliases text, context text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(quote_literal(term) || ':' || least(position, 16383) || weight, ' '), '')::tsvector
    FROM (VALUES ('A', title), ('B', aliases), ('C', context), ('D', body)) AS field(weight, terms),
         unnest(string_to_array(nullif(terms, ''), ' ')) WITH ORDINALITY AS term(term, position)
$$
"""


def sqlite_statements(collection):
    table, where = f"search_fts_{collection}", f"collection = '{collection}'"
    columns = "title, aliases, context, body"
    new, old = "new.title, new.aliases, new.context, new.body", "old.title, old.aliases, old.context, old.body"
    return [
        f"CREATE VIRTUAL TABLE {table} USING fts5({columns}, content = 'search_searchentry', "
        "content_rowid = 'id', tokenize = \"unicode61 tokenchars '_'\")",
        f"CREATE TRIGGER {table}_insert AFTER INSERT ON search_searchentry WHEN new.{where} BEGIN "
        f"INSERT INTO {table} (rowid, {columns}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {table}_delete AFTER DELETE ON search_searchentry WHEN old.{where} BEGIN "
        f"INSERT INTO {table} ({table}, rowid, {columns}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {table}_update AFTER UPDATE ON search_searchentry WHEN old.{where} BEGIN "
        f"INSERT INTO {table} ({table}, rowid, {columns}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {table} (rowid, {columns}) VALUES (new.id, {new}); END",
    ]


def create(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_FUNCTION)
            cursor.execute(
                "ALTER TABLE search_searchentry ADD COLUMN tsv tsvector "
                "GENERATED ALWAYS AS (search_entry_tsvector(title, aliases, context, body)) STORED"
            )
            for collection in COLLECTIONS:
                cursor.execute(
                    f"CREATE INDEX search_tsv_{collection} ON search_searchentry USING gin (tsv) "
                    f"WHERE collection = '{collection}'"
                )
        else:
            for collection in COLLECTIONS:
                for statement in sqlite_statements(collection):
                    cursor.execute(statement)


def drop(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE search_searchentry DROP COLUMN tsv")
            cursor.execute("DROP FUNCTION search_entry_tsvector(text, text, text, text)")
        else:
            for collection in COLLECTIONS:
                for suffix in ("insert", "delete", "update"):
                    cursor.execute(f"DROP TRIGGER search_fts_{collection}_{suffix}")
                cursor.execute(f"DROP TABLE search_fts_{collection}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index_and_thesaurus")]
    operations = [migrations.RunPython(create, drop)]
