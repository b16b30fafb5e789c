"""The full-text index: an FTS5 table on SQLite, a tsvector column with a GIN index on
PostgreSQL. Django's models do not know about either; obieg.strategies.search keeps them."""

from __future__ import annotations

from django.db import migrations

SQLITE_FORWARD = [
    # Passages are indexed as accent-free lower-case text; remove_diacritics is a second guard.
    "CREATE VIRTUAL TABLE strategies_passage_fts USING fts5("
    "text, tokenize = 'unicode61 remove_diacritics 2', prefix = '3 5')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS strategies_passage_fts"]
POSTGRESQL_FORWARD = [
    "ALTER TABLE strategies_passage ADD COLUMN search_vector tsvector",
    "CREATE INDEX strategies_passage_search_gin ON strategies_passage USING GIN (search_vector)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS strategies_passage_search_gin",
    "ALTER TABLE strategies_passage DROP COLUMN IF EXISTS search_vector",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("strategies", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        )
    ]
