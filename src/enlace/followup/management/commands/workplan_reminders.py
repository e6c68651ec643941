"""``enlace workplan_reminders``: enqueue today's deadline reminders, and the sending of any
outgoing mail whose task was lost (run it daily from cron or a systemd timer; ``enlace
db_worker`` runs the queue)."""

from typing import Any

from django.core.management.base import BaseCommand

from enlace.core.mail import send_pending_mail
from enlace.followup.tasks import send_deadline_reminders


class Command(BaseCommand):
    help = (
        "Enqueues the task that e-mails the deadline reminders of the work plans in force "
        "(run daily; `enlace db_worker` sends them)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_deadline_reminders.enqueue()
        self.stdout.write(f"Enqueued the deadline reminders: task {result.id} ({result.status}).")
        pending = send_pending_mail.enqueue()
        self.stdout.write(f"Enqueued the pending mails: task {pending.id} ({pending.status}).")
