"""``enlace countryreports_totals``: rebuild the published figures' totals by country and year
(after loading figures in bulk by other means than the platform's services)."""

from typing import Any

from django.core.management.base import BaseCommand

from enlace.countryreports.totals import rebuild_totals


class Command(BaseCommand):
    help = "Rebuilds the totals of the published figures by country and year."

    def handle(self, *args: Any, **options: Any) -> None:
        count = rebuild_totals()
        self.stdout.write(f"{count} totals rebuilt.")
