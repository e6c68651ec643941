"""A full-text index over the Work Plan Archive's words (see enlace.archive.selectors), so that a
word search looks the words up instead of folding and reading every archived activity.

The index holds the archived activities only (``archived_on`` set) and their searched fields:
titles, descriptions, results, reason for cancelling. The database keeps it in step on every
write of an activity, whatever writes it (a service, ``update()``, ``bulk_create``):

- SQLite: the FTS5 table ``archive_fts`` (external content ``workplan_activity``, rowid = the
  activity's id; case and accents folded by the tokenizer), kept by triggers that index a row
  while it is archived and remove it when it leaves the archive or is deleted;
- PostgreSQL: the generated column ``archive_vector`` (the fields joined, lower-cased, the
  Spanish accents folded, ``to_tsvector('simple', …)``) with a GIN index on the archived rows.

Existing archive entries are indexed here. The model does not declare any of it. A later
migration that rebuilds ``workplan_activity`` on SQLite drops the triggers: it must run this
migration's SQLITE_FORWARD again (or the triggers and a fresh fill).
"""

# ruff: noqa: S608 (the SQL is built from this file's own column names, never from input)
from typing import Any

from django.db import migrations

FIELDS = ("title_es", "title_en", "description_es", "description_en", "results", "cancel_reason")
_COLUMNS = ", ".join(FIELDS)
_NEW = ", ".join(f"new.{f}" for f in FIELDS)
_OLD = ", ".join(f"old.{f}" for f in FIELDS)

SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE archive_fts USING fts5({_COLUMNS}, content='workplan_activity', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER archive_activity_ai AFTER INSERT ON workplan_activity "
    f"WHEN new.archived_on IS NOT NULL BEGIN "
    f"INSERT INTO archive_fts(rowid, {_COLUMNS}) VALUES (new.id, {_NEW}); END",
    "CREATE TRIGGER archive_activity_ad AFTER DELETE ON workplan_activity "
    "WHEN old.archived_on IS NOT NULL BEGIN "
    f"INSERT INTO archive_fts(archive_fts, rowid, {_COLUMNS}) "
    f"VALUES ('delete', old.id, {_OLD}); END",
    # One trigger, the removal before the insertion (FTS5 needs the old values to remove a row).
    "CREATE TRIGGER archive_activity_au AFTER UPDATE ON workplan_activity "
    "WHEN old.archived_on IS NOT NULL OR new.archived_on IS NOT NULL BEGIN "
    f"INSERT INTO archive_fts(archive_fts, rowid, {_COLUMNS}) "
    f"SELECT 'delete', old.id, {_OLD} WHERE old.archived_on IS NOT NULL; "
    f"INSERT INTO archive_fts(rowid, {_COLUMNS}) "
    f"SELECT new.id, {_NEW} WHERE new.archived_on IS NOT NULL; END",
    f"INSERT INTO archive_fts(rowid, {_COLUMNS}) "
    f"SELECT id, {_COLUMNS} FROM workplan_activity WHERE archived_on IS NOT NULL",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS archive_activity_au",
    "DROP TRIGGER IF EXISTS archive_activity_ad",
    "DROP TRIGGER IF EXISTS archive_activity_ai",
    "DROP TABLE IF EXISTS archive_fts",
]
_JOINED = " || ' ' || ".join(f"coalesce({f}, '')" for f in FIELDS)
POSTGRESQL_FORWARD = [
    "ALTER TABLE workplan_activity ADD COLUMN archive_vector tsvector GENERATED ALWAYS AS "
    f"(to_tsvector('simple', translate(lower({_JOINED}), 'áéíóúüñ', 'aeiouun'))) STORED",
    "CREATE INDEX archive_activity_vector ON workplan_activity USING GIN (archive_vector) "
    "WHERE archived_on IS NOT NULL",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS archive_activity_vector",
    "ALTER TABLE workplan_activity DROP COLUMN IF EXISTS archive_vector",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("workplan", "0003_unique_messages")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        )
    ]
