"""The kernel's own tables: the outgoing mail of every app (enlace.core.mail).

Shown only in the system administrator's admin, under the fields' own names (no new text for
the translators)."""

from django.db import models


class OutgoingMail(models.Model):
    """One e-mail to send, recorded in the transaction of the action that causes it and sent
    once by a background task (``enlace.core.mail``). ``last_error`` names the kind of the
    last failure, never the server's answer (it may quote addresses or content)."""

    key = models.CharField(max_length=200, unique=True)
    to = models.JSONField(default=list)
    cc = models.JSONField(default=list)
    bcc = models.JSONField(default=list)
    subject = models.CharField(max_length=500)
    body = models.TextField()
    html = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"], name="outgoingmail_due")]

    def __str__(self) -> str:
        return f"{self.key}: {self.subject}"
