"""E-mail backends of the tests: one whose mail server is down, one slow that writes files."""

import os
import smtplib
import time
import uuid
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileEmailBackend

FAILING = {"default": {"BACKEND": "enlace.core.tests.mailers.FailingEmailBackend"}}
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that refuses every message, quoting what it was given."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        recipients = [r for message in email_messages for r in message.recipients()]
        raise smtplib.SMTPException(f"451 mailbox unavailable: {', '.join(recipients)}")


class SlowFileEmailBackend(FileEmailBackend):
    """Writes every message to its own file, after ENLACE_TEST_MAIL_DELAY seconds (a slow
    mail server): a process killed during the delay has sent nothing."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        time.sleep(float(os.environ.get("ENLACE_TEST_MAIL_DELAY", "0.2")))
        return super().send_messages(email_messages)

    def _get_filename(self) -> str:
        if self._fname is None:
            self._fname = os.path.join(self.file_path, f"{uuid.uuid4().hex}.eml")
        return self._fname
