"""The kernel's own tables: the outgoing mail of every app (enlace.core.mail)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """One e-mail to send, recorded in the transaction of the action that causes it and sent
    once by a background task (``enlace.core.mail``). ``last_error`` names the kind of the
    last failure, never the server's answer (it may quote addresses or content)."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list)
    bcc = models.JSONField(_("bcc"), default=list)
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("body"))
    html = models.TextField(_("HTML body"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"], name="outgoingmail_due")]

    def __str__(self) -> str:
        return f"{self.key}: {self.subject}"
