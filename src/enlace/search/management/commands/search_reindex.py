"""enlace search_reindex: rebuild the full-text index of all reports and their points."""

from typing import Any

from django.core.management.base import BaseCommand

from enlace.search.services import search_reindex


class Command(BaseCommand):
    help = "Rebuild the search index of all reports and their points."

    def handle(self, *args: Any, **options: Any) -> None:
        reports, entries = search_reindex()
        self.stdout.write(f"Indexed {reports} reports ({entries} passages).")
