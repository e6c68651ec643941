# ruff: noqa: N999 (the command is named as the operators type it: enlace send-pending-mail)
"""``enlace send-pending-mail``: send the outgoing mails whose task was lost (run it every few
minutes from cron or a systemd timer; ``enlace db_worker`` sends the others)."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from enlace.core.mail import send_pending, send_pending_mail


class Command(BaseCommand):
    help = (
        "Sends the outgoing mails not sent yet whose next attempt is overdue: those whose "
        "background task was lost (a crash, a killed worker)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--grace",
            type=int,
            default=300,
            help="Leave alone mails due less than this many seconds ago (default: 300).",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Enqueue the task that sends them (for `enlace db_worker`) instead.",
        )

    def handle(self, *args: Any, grace: int, enqueue: bool, **options: Any) -> None:
        if enqueue:
            result = send_pending_mail.enqueue()
            self.stdout.write(f"Enqueued the pending mails: task {result.id} ({result.status}).")
            return
        counts = send_pending(grace_seconds=max(grace, 0))
        self.stdout.write(
            f"Pending mail: {counts['sent']} sent, {counts['failed']} failed, "
            f"{counts['skipped']} skipped."
        )
