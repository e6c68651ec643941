# ruff: noqa: N999 (the command is named as the operators type it: enlace rotate-case-keys)
"""``enlace rotate-case-keys``: re-encrypt the identifying data of every protected case, every
request attachment and the free text of every request (summary, details, decline reason,
messages, reasons of state changes) with the first key of ENLACE_CASE_KEYS. Put the new key
first, keep the old ones after it, run this, then drop the old keys."""

from typing import Any

from django.core.management.base import BaseCommand

from enlace.cooperation.services import rotate_case_keys


class Command(BaseCommand):
    help = (
        "Re-encrypts identifying data, photos, attachments and the free text of requests with "
        "the first ENLACE_CASE_KEYS key."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = rotate_case_keys()
        self.stdout.write(
            f"Re-encrypted {counts['identities']} identities, {counts['photos']} photos, "
            f"{counts['attachments']} attachments, {counts['requests']} requests, "
            f"{counts['messages']} messages and {counts['state_changes']} state changes "
            "with the first key."
        )
