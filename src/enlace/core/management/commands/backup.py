"""``enlace backup FILE``: one archive of the database and the uploaded files, taken while the
platform runs (see enlace.core.backup and docs/deployment.md, "Backups")."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from enlace.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Writes one archive (.tar or .tar.gz, mode 0600) of the database and MEDIA_ROOT, with a"
        " manifest; the secret key and the case keys are never in it."
    )

    # A backup of a running platform needs no system check (they query the database, which a
    # busy platform may hold locked for a moment).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the archive to write: NAME.tar or NAME.tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        def warn(message: str) -> None:
            self.stderr.write(self.style.WARNING(message))

        try:
            result = create_backup(Path(options["file"]), warn)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {result.path}: the {result.engine} database and"
                f" {result.files} uploaded files ({result.bytes} bytes)."
            )
        )
        self.stdout.write(
            "The secret key and the case keys are not in it: keep them apart, in the secret store."
        )
