"""The free text of requests is encrypted at rest (enlace.cooperation.fields).

The columns change class (on PostgreSQL ``details`` goes from jsonb to text, on SQLite it loses
its JSON_VALID check), then the rows written in the clear are encrypted with the first key of
ENLACE_CASE_KEYS; going back decrypts them. The rows are read and written with plain SQL: the
fields of the historical models would decrypt what is not encrypted yet. A value that already is
a token (a migration run again) is left as it is; the empty text stays empty. Existing rows need
a key: without one the migration stops (crypto.CaseKeysMissing) rather than keep them in clear.
"""

from collections.abc import Callable
from typing import Any

from django.db import migrations

import enlace.cooperation.fields
from enlace.core import crypto

# table → its encrypted columns
COLUMNS: dict[str, tuple[str, ...]] = {
    "cooperation_cooperationrequest": ("summary", "details", "decline_reason"),
    "cooperation_requestmessage": ("body",),
    "cooperation_statechange": ("reason",),
}
BATCH = 500


def _is_token(value: str) -> bool:
    try:
        crypto.decrypt_text(value)
    except (crypto.InvalidToken, UnicodeError, ValueError):
        return False
    return True


def encrypt_value(value: str | None) -> str | None:
    """A value as stored after the migration: a token (the empty text stays empty)."""
    if not value or _is_token(value):
        return value
    return crypto.encrypt_text(value)  # the JSON text of ``details`` as it was stored


def decrypt_value(value: str | None) -> str | None:
    """A value as stored before the migration: the clear text."""
    if not value or not _is_token(value):
        return value
    return crypto.decrypt_text(value)


def convert(connection: Any, change: Callable[[str | None], str | None]) -> int:
    """Rewrite every value of the encrypted columns with ``change``; the rows changed."""
    quote = connection.ops.quote_name
    changed = 0
    with connection.cursor() as cursor:
        for table, columns in COLUMNS.items():
            names = ", ".join(quote(c) for c in columns)
            sets = ", ".join(f"{quote(c)} = %s" for c in columns)
            last = 0
            while True:
                cursor.execute(
                    f"SELECT id, {names} FROM {quote(table)} "  # noqa: S608 (fixed names)
                    "WHERE id > %s ORDER BY id LIMIT %s",
                    [last, BATCH],
                )
                rows = cursor.fetchall()
                if not rows:
                    break
                for pk, *values in rows:
                    new = [change(v) for v in values]
                    if new != values:
                        cursor.execute(
                            f"UPDATE {quote(table)} SET {sets} WHERE id = %s",  # noqa: S608
                            [*new, pk],
                        )
                        changed += 1
                last = rows[-1][0]
    return changed


def forwards(apps: Any, schema_editor: Any) -> None:
    convert(schema_editor.connection, encrypt_value)


def backwards(apps: Any, schema_editor: Any) -> None:
    convert(schema_editor.connection, decrypt_value)


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="cooperationrequest",
            name="decline_reason",
            field=enlace.cooperation.fields.EncryptedTextField(
                blank=True, verbose_name="reason for declining"
            ),
        ),
        migrations.AlterField(
            model_name="cooperationrequest",
            name="details",
            field=enlace.cooperation.fields.EncryptedJSONField(
                blank=True, default=dict, verbose_name="details of the type"
            ),
        ),
        migrations.AlterField(
            model_name="cooperationrequest",
            name="summary",
            field=enlace.cooperation.fields.EncryptedTextField(
                help_text="Refer to the person by the case code only: never a name.",
                verbose_name="what is asked",
            ),
        ),
        migrations.AlterField(
            model_name="requestmessage",
            name="body",
            field=enlace.cooperation.fields.EncryptedTextField(verbose_name="message"),
        ),
        migrations.AlterField(
            model_name="statechange",
            name="reason",
            field=enlace.cooperation.fields.EncryptedTextField(blank=True),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
