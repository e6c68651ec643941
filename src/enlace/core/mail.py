"""Outgoing e-mail of every app: recorded with the action, sent once in the background.

``queue_mail`` records an ``OutgoingMail`` row in the caller's transaction and, when that
transaction commits, enqueues the task ``send_outgoing_mail`` (Django's tasks framework, run by
``enlace db_worker``). No mail server is ever spoken to inside a web request, so a mail server
that is down never turns a saved action into an error page, and a rolled-back action sends
nothing.

``deliver`` sends one row: it locks the row (``select_for_update`` where the database has it;
SQLite's immediate transactions lock the whole database), skips it if it was already sent, sends
it and marks it sent in the same transaction. A failure counts an attempt and sets the next
one, with a doubling delay, up to ``ENLACE_MAIL_MAX_ATTEMPTS`` attempts; Django's tasks have no
retries of their own, so the task enqueues itself again with ``run_after`` where the backend
can defer tasks.

``send_pending`` (``enlace send-pending-mail``, and the task ``send_pending_mail``) sends the
rows whose task was lost: a crash between the commit and the enqueue, a worker killed while it
sent, a backend that cannot defer a retry. It also deletes the rows sent (or given up) more than
``ENLACE_MAIL_KEEP_DAYS`` ago.

A mail is sent at least once and, short of a crash between the mail server's acceptance and
the commit that follows it, exactly once; its ``Message-ID`` is derived from its key, so a
duplicate from that window is recognisably the same message.
"""

import datetime
import hashlib
import logging
import uuid
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, mailers
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from enlace.core.models import OutgoingMail

logger = logging.getLogger(__name__)

# At most this many seconds between two attempts at one mail.
MAX_RETRY_DELAY = 6 * 3600


class MailNotSent(Exception):
    """An attempt at an outgoing mail failed (names the kind of failure, never its text)."""


def queue_mail(
    *,
    subject: str,
    body: str,
    to: list[str] | None = None,
    cc: list[str] | None = None,
    bcc: list[str] | None = None,
    html: str = "",
    key: str | None = None,
) -> OutgoingMail | None:
    """Record a mail to send once the current transaction commits; ``None`` if it has no
    recipient. A ``key`` already recorded is not recorded again (the first row is returned),
    so a caller may make sending idempotent by naming what the mail is about."""
    recipients = [list(dict.fromkeys(addresses or [])) for addresses in (to, cc, bcc)]
    if not any(recipients):
        return None
    mail, created = OutgoingMail.objects.get_or_create(
        key=key or uuid.uuid4().hex,
        defaults={
            "to": recipients[0],
            "cc": recipients[1],
            "bcc": recipients[2],
            "subject": " ".join(subject.split())[:500],
            "body": body,
            "html": html,
            "next_attempt_at": timezone.now(),
        },
    )
    if created:
        # robust: a queue that cannot be reached is logged, and send_pending sends the mail.
        transaction.on_commit(partial(send_outgoing_mail.enqueue, mail.pk), robust=True)
    return mail


def message_id(key: str) -> str:
    """The Message-ID of the mail with this key: the same at every attempt."""
    domain = urlsplit(settings.ENLACE_BASE_URL).hostname or "localhost"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


def _message(mail: OutgoingMail) -> EmailMessage:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        to=mail.to,
        cc=mail.cc,
        bcc=mail.bcc,
        headers={"Message-ID": message_id(mail.key)},
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    return message


def _retry_delay(attempts: int) -> datetime.timedelta:
    seconds = settings.ENLACE_MAIL_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, MAX_RETRY_DELAY))


def _describe(exc: Exception) -> str:
    """The kind of a failure, and the SMTP code if there is one: no text of the server's."""
    code = getattr(exc, "smtp_code", None)
    return f"{type(exc).__name__}{f' {code}' if isinstance(code, int) else ''}"[:200]


def deliver(mail_id: int) -> str:
    """Send one outgoing mail unless it was sent: "sent", "already sent", "given up" or
    "missing". A failed attempt is recorded, then raised as ``MailNotSent``."""
    failure = ""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None:
            return "missing"
        if mail.sent_at is not None:
            return "already sent"
        if mail.attempts >= settings.ENLACE_MAIL_MAX_ATTEMPTS:
            return "given up"
        mail.attempts += 1
        try:
            mailers.default.send_messages([_message(mail)])
        except Exception as exc:  # whatever the backend raises is one failed attempt
            failure = _describe(exc)
            mail.last_error = failure
            mail.next_attempt_at = timezone.now() + _retry_delay(mail.attempts)
            mail.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            if mail.attempts < settings.ENLACE_MAIL_MAX_ATTEMPTS:
                backend = send_outgoing_mail.get_backend()
                if backend.supports_defer:
                    retry = send_outgoing_mail.using(run_after=mail.next_attempt_at)
                    transaction.on_commit(partial(retry.enqueue, mail.pk), robust=True)
            else:
                logger.error("Outgoing mail %s given up after %s attempts", mail.pk, mail.attempts)
        else:
            mail.sent_at = timezone.now()
            mail.last_error = ""
            # Once sent, its text is not kept: it may hold a name or a sign-in link.
            mail.body = mail.html = ""
            mail.save(update_fields=["attempts", "sent_at", "last_error", "body", "html"])
    if failure:
        raise MailNotSent(f"outgoing mail {mail_id}, attempt {mail.attempts}: {failure}")
    return "sent"


@task
def send_outgoing_mail(mail_id: int) -> str:
    """The background task that sends one outgoing mail (at most once)."""
    return deliver(mail_id)


def purge_old() -> int:
    """Delete the mails sent, or given up, more than ENLACE_MAIL_KEEP_DAYS ago: they hold
    addresses and what was said. Returns how many were deleted."""
    limit = timezone.now() - datetime.timedelta(days=settings.ENLACE_MAIL_KEEP_DAYS)
    given_up = Q(sent_at__isnull=True, attempts__gte=settings.ENLACE_MAIL_MAX_ATTEMPTS)
    deleted, _per_model = OutgoingMail.objects.filter(
        Q(sent_at__lt=limit) | (given_up & Q(created_at__lt=limit))
    ).delete()
    return deleted


def send_pending(*, grace_seconds: int = 300) -> dict[str, int]:
    """Send every mail not sent whose next attempt is due by more than ``grace_seconds`` (left
    to its own task until then); returns how many were sent, failed or skipped."""
    due = timezone.now() - datetime.timedelta(seconds=grace_seconds)
    ids = list(
        OutgoingMail.objects.filter(
            sent_at__isnull=True,
            attempts__lt=settings.ENLACE_MAIL_MAX_ATTEMPTS,
            next_attempt_at__lte=due,
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    purge_old()
    for mail_id in ids:
        try:
            outcome = deliver(mail_id)
        except MailNotSent:
            counts["failed"] += 1
        else:
            counts["sent" if outcome == "sent" else "skipped"] += 1
    return counts


@task
def send_pending_mail() -> dict[str, int]:
    """The task of ``enlace send-pending-mail --enqueue`` and of the daily reminders."""
    return send_pending()
