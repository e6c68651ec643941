"""``enlace restore FILE``: bring an archive of ``enlace backup`` back onto an empty
installation (see enlace.core.backup and docs/deployment.md, "Backups")."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from enlace.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restores an archive of `enlace backup` (database and uploaded files) into an empty"
        " installation; refuses a non-empty one, another engine or a corrupt archive."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the archive written by `enlace backup`")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore_backup(Path(options["file"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the {result.engine} database and {result.files} uploaded files of the"
                f" backup taken at {result.created_at}; every file matches its sha256."
            )
        )
        if result.pending_migrations:
            self.stdout.write(
                f"This version has {len(result.pending_migrations)} migrations the backup had not"
                " run: run `enlace migrate` now."
            )
        self.stdout.write(
            "Give this installation the same case keys (ENLACE_CASE_KEYS) before it starts."
        )
