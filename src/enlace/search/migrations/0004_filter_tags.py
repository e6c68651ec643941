"""The filters' values in the full-text index (see enlace.search.models): ``tags`` on every
entry, filled for the entries already there, and indexed.

SQLite: the FTS5 table is made again with a second column, ``tags``, and its triggers with it
(adding the column may rebuild the content table, which drops the old triggers anyway).
PostgreSQL: a generated tsvector column ``search_tags`` over ``tags``, with a GIN index.
"""

from typing import Any

from django.db import migrations, models

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_fts",
]
SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(normalised, tags, content='search_searchentry', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, normalised, tags) VALUES (new.id, new.normalised, new.tags); "
    "END",
    "CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, normalised, tags) "
    "VALUES ('delete', old.id, old.normalised, old.tags); END",
    "CREATE TRIGGER search_entry_au AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, normalised, tags) "
    "VALUES ('delete', old.id, old.normalised, old.tags); "
    "INSERT INTO search_fts(rowid, normalised, tags) VALUES (new.id, new.normalised, new.tags); "
    "END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
# The previous FTS5 table (migration 0002), for going back.
SQLITE_CREATE_0002 = [
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
POSTGRESQL_CREATE = [
    "ALTER TABLE search_searchentry ADD COLUMN search_tags tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', tags)) STORED",
    "CREATE INDEX search_entry_tags ON search_searchentry USING GIN (search_tags)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS search_entry_tags",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_tags",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def _fill_tags(apps: Any, schema_editor: Any) -> None:
    """The filter words of the entries already indexed, report by report."""
    from enlace.search.text import tags

    alias = schema_editor.connection.alias
    Report = apps.get_model("reports", "Report")
    Participation = apps.get_model("meetings", "Participation")
    SearchEntry = apps.get_model("search", "SearchEntry")
    countries: dict[int, list[str]] = {}
    for meeting_id, code in (
        Participation.objects.using(alias)
        .filter(country__isnull=False)
        .values_list("meeting_id", "country__code")
    ):
        countries.setdefault(meeting_id, []).append(code)
    reports = (
        Report.objects.using(alias)
        .filter(search_entries__isnull=False)
        .distinct()
        .values_list(
            "pk",
            "meeting_id",
            "meeting__body__slug",
            "meeting__start_date",
            "meeting__visibility",
            "status",
            "is_published",
        )
    )
    for pk, meeting_id, body, day, visibility, status, published in reports.iterator():
        SearchEntry.objects.using(alias).filter(report_id=pk).update(
            tags=tags(
                body=body,
                year=day.year,
                visibility=visibility,
                countries=countries.get(meeting_id, []),
                status=status,
                published=published,
            )
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_report_in_reports")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_DROP}), _run({"sqlite": SQLITE_CREATE_0002})),
        migrations.AddField(
            model_name="searchentry",
            name="tags",
            field=models.TextField(
                blank=True, db_default="", default="", verbose_name="filter words"
            ),
        ),
        migrations.RunPython(_fill_tags, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        ),
    ]
