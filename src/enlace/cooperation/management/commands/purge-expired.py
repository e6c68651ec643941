# ruff: noqa: N999 (the command is named as the operators type it: enlace purge-expired)
"""``enlace purge-expired``: enqueue the erasure of the identifying data of protected cases
closed longer ago than ENLACE_CASE_RETENTION_DAYS (``enlace db_worker`` runs it)."""

from typing import Any

from django.core.management.base import BaseCommand

from enlace.cooperation.tasks import purge_expired_identities


class Command(BaseCommand):
    help = (
        "Enqueues the task that erases the identifying data of protected cases closed longer "
        "ago than ENLACE_CASE_RETENTION_DAYS (run daily; `enlace db_worker` runs it)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = purge_expired_identities.enqueue()
        self.stdout.write(
            f"Enqueued the purge of expired identifying data: task {result.id} ({result.status})."
        )
