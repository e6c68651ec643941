"""The database's full-text index over SearchEntry.normalised (see enlace.search.models).

SQLite: an FTS5 table with SearchEntry as its external content, kept in step by triggers.
PostgreSQL: a generated tsvector column (configuration 'simple': the text is already
normalised and stemmed by Python) with a GIN index. Other databases get no index.
"""

from typing import Any

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(normalised, content='search_searchentry', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, normalised) VALUES (new.id, new.normalised); END",
    "CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, normalised) "
    "VALUES ('delete', old.id, old.normalised); END",
    "CREATE TRIGGER search_entry_au AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, normalised) "
    "VALUES ('delete', old.id, old.normalised); "
    "INSERT INTO search_fts(rowid, normalised) VALUES (new.id, new.normalised); END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRESQL_FORWARD = [
    "ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', normalised)) STORED",
    "CREATE INDEX search_entry_vector ON search_searchentry USING GIN (search_vector)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        )
    ]
