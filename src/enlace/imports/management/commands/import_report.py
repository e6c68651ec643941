"""``enlace import-report FILE…``: import report files of the archive (text, .docx, PDF).

Runs as the system (the server's operator): the audit log names the actor "system". Each file
is imported all or nothing; a file that cannot be imported is reported with its reason and the
others go on; the exit code is 1 if any file failed.
"""

import json
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import ngettext

from enlace import access
from enlace.imports.services import ImportOutcome, Refusal, import_batch


def operator_language() -> str:
    """The language of the person at the terminal (LANGUAGE, LC_ALL, LC_MESSAGES or LANG, as
    gettext reads them), if the platform speaks it; else the language already active."""
    known = {code for code, _name in settings.LANGUAGES}
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for value in os.environ.get(variable, "").split(":"):
            code = value.split("_")[0].split(".")[0].lower()
            if code in known:
                return code
    return translation.get_language() or str(settings.LANGUAGE_CODE)


class Command(BaseCommand):
    help = (
        "Imports meeting reports (plain text, .docx or PDF with text): recognises the body, "
        "place, dates, participating countries and points, and saves the meeting and its report."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="report files to import")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what is recognised; save nothing"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--publish", action="store_true", help="publish the imported reports to the public"
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=operator_language(),
            help="the language of the messages (by default the operator's, from LANG)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            self._import(options)

    def _import(self, options: dict[str, Any]) -> None:
        files: list[tuple[str, bytes]] = []
        unreadable: list[Refusal] = []
        for name in options["files"]:
            try:
                files.append((Path(name).name, Path(name).read_bytes()))
            except OSError as error:
                unreadable.append(Refusal(Path(name).name, error.strerror or str(error)))
        result = import_batch(
            user=access.SYSTEM, files=files, dry_run=options["dry_run"], publish=options["publish"]
        )
        items = unreadable + result.items
        if options["format"] == "json":
            self.stdout.write(
                json.dumps([item.as_dict() for item in items], ensure_ascii=False, indent=2)
            )
        else:
            for item in items:
                self._write_text(item)
        failed = len(unreadable) + len(result.failures)
        if failed:
            raise CommandError(
                ngettext(
                    "%(failed)s of %(total)s file could not be imported.",
                    "%(failed)s of %(total)s files could not be imported.",
                    len(items),
                )
                % {"failed": failed, "total": len(items)}
            )

    def _write_text(self, item: ImportOutcome | Refusal) -> None:
        out = self.stdout
        if isinstance(item, Refusal):
            self.stderr.write(f"{item.source_name}: refused: {item.reason}")
            return
        parsed = item.parsed
        out.write(
            f"{item.source_name}: {item.status}"
            + (f" (meeting {item.meeting_id}, report {item.report_id})" if item.meeting_id else "")
        )
        dates = f"{parsed.start_date}" + (
            f" – {parsed.end_date}" if parsed.end_date != parsed.start_date else ""
        )
        out.write(f"  kind: {parsed.kind}  body: {parsed.body or '?'}  language: {parsed.language}")
        if parsed.presented_to:
            out.write(f"  presented to: {parsed.presented_to}")
        out.write(f"  place: {parsed.city or '?'}, {parsed.country or '?'}  dates: {dates}")
        out.write(f"  countries: {', '.join(parsed.participants) or '?'}")
        out.write(f"  title: {parsed.title}")
        out.write(f"  points: {len(parsed.points)}")
        for message in item.messages:
            out.write(f"  note: {message}")
        for warning in parsed.warnings:
            out.write(self.style.WARNING(f"  warning: {warning}"))
