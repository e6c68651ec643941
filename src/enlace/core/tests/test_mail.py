"""Outgoing mail (enlace.core.mail): recorded with the action, sent once committed, exactly once;
a mail server that fails is tried again later, and never fails the action."""

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from enlace.core.mail import (
    MailNotSent,
    deliver,
    message_id,
    queue_mail,
    send_outgoing_mail,
    send_pending,
)
from enlace.core.models import OutgoingMail
from enlace.core.tests.mailers import FAILING, LOCMEM

pytestmark = pytest.mark.django_db

ADDRESSES = ["ana@example.org", "luis@example.org"]


def _queue(**kwargs: Any) -> OutgoingMail:
    queued = queue_mail(subject="Enlace: a change", body="Something changed.", **kwargs)
    assert queued is not None
    return queued


def test_a_mail_goes_once_the_action_commits(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        queued = _queue(to=ADDRESSES, cc=["st@example.org"], key="about-r-1")
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ADDRESSES
    assert message.cc == ["st@example.org"]
    assert message.extra_headers["Message-ID"] == message_id("about-r-1")
    queued.refresh_from_db()
    assert queued.sent_at is not None
    assert queued.attempts == 1
    assert queued.last_error == ""


def _failed_action() -> None:
    with transaction.atomic():
        _queue(bcc=ADDRESSES)
        raise RuntimeError("the action failed")


def test_an_action_rolled_back_sends_nothing(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        _failed_action()
    assert mail.outbox == []
    assert not OutgoingMail.objects.exists()


def test_no_recipient_no_mail() -> None:
    assert queue_mail(subject="s", body="b", to=[], bcc=[]) is None
    assert not OutgoingMail.objects.exists()


def test_a_key_is_queued_once(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = _queue(to=ADDRESSES, key="reminder-7")
        second = _queue(to=ADDRESSES, key="reminder-7")
    assert first.pk == second.pk
    assert OutgoingMail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_sending_the_same_row_twice_sends_one_mail() -> None:
    queued = _queue(bcc=ADDRESSES)  # the test's transaction never commits: no task runs
    assert deliver(queued.pk) == "sent"
    assert deliver(queued.pk) == "already sent"
    send_outgoing_mail.enqueue(queued.pk)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].bcc == ADDRESSES


def test_an_html_body_is_an_alternative() -> None:
    queued = _queue(to=ADDRESSES, html="<p>Something changed.</p>")
    deliver(queued.pk)
    [message] = mail.outbox
    assert message.body == "Something changed."
    assert message.alternatives[0].mimetype == "text/html"  # type: ignore[attr-defined]


def test_a_failed_attempt_is_recorded_without_the_servers_words(settings: Any) -> None:
    settings.MAILERS = FAILING
    queued = _queue(to=ADDRESSES)
    before = timezone.now()
    with pytest.raises(MailNotSent) as raised:
        deliver(queued.pk)
    queued.refresh_from_db()
    assert queued.sent_at is None
    assert queued.attempts == 1
    assert queued.last_error == "SMTPException"
    assert "example.org" not in str(raised.value)
    first_delay = queued.next_attempt_at - before
    assert datetime.timedelta(seconds=59) < first_delay <= datetime.timedelta(seconds=61)
    with pytest.raises(MailNotSent):
        deliver(queued.pk)
    queued.refresh_from_db()
    assert queued.attempts == 2
    assert queued.next_attempt_at - timezone.now() > datetime.timedelta(seconds=110)
    assert mail.outbox == []


def test_a_mail_is_given_up_after_the_last_attempt(settings: Any) -> None:
    settings.MAILERS = FAILING
    settings.ENLACE_MAIL_MAX_ATTEMPTS = 3
    queued = _queue(to=ADDRESSES)
    for _attempt in range(3):
        with pytest.raises(MailNotSent):
            deliver(queued.pk)
    assert deliver(queued.pk) == "given up"
    settings.MAILERS = LOCMEM
    OutgoingMail.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(days=1))
    assert send_pending(grace_seconds=0) == {"sent": 0, "failed": 0, "skipped": 0}
    assert mail.outbox == []


def test_a_backend_that_can_defer_gets_the_retry_enqueued(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MAILERS = FAILING
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    queued = _queue(to=ADDRESSES)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(MailNotSent):
        deliver(queued.pk)
    queued.refresh_from_db()
    backend = send_outgoing_mail.get_backend()
    [retry] = backend.results  # type: ignore[attr-defined]
    assert retry.args == [queued.pk]
    assert retry.task.run_after == queued.next_attempt_at


def test_the_failure_of_the_mail_server_does_not_fail_the_caller(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The task fails (and says so); the transaction that queued the mail is untouched."""
    settings.MAILERS = FAILING
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        queued = _queue(to=ADDRESSES)
    queued.refresh_from_db()
    assert queued.attempts == 1
    assert queued.sent_at is None


def test_pending_mail_is_sent_by_the_command(settings: Any) -> None:
    """A mail whose task was lost (a crash after the commit) is sent by send-pending-mail, once
    its grace is over; a mail due a moment ago is left to its own task."""
    lost = _queue(to=ADDRESSES, key="lost")
    recent = _queue(to=ADDRESSES, key="recent")
    OutgoingMail.objects.filter(pk=lost.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    out = StringIO()
    call_command("send-pending-mail", stdout=out)
    assert "1 sent, 0 failed" in out.getvalue()
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [message_id("lost")]
    call_command("send-pending-mail", "--grace", "0", stdout=out)
    assert len(mail.outbox) == 2
    call_command("send-pending-mail", "--grace", "0", stdout=out)
    assert len(mail.outbox) == 2
    recent.refresh_from_db()
    assert recent.sent_at is not None


def test_the_command_can_enqueue_the_sweep(settings: Any) -> None:
    settings.MAILERS = FAILING
    queued = _queue(to=ADDRESSES)
    with pytest.raises(MailNotSent):
        deliver(queued.pk)
    settings.MAILERS = LOCMEM
    OutgoingMail.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(minutes=10))
    out = StringIO()
    call_command("send-pending-mail", "--enqueue", stdout=out)
    assert "Enqueued the pending mails" in out.getvalue()
    assert len(mail.outbox) == 1  # the tests' backend runs the task at once


def test_old_mails_are_deleted_by_the_sweep(settings: Any) -> None:
    settings.ENLACE_MAIL_KEEP_DAYS = 30
    settings.ENLACE_MAIL_MAX_ATTEMPTS = 2
    long_ago = timezone.now() - datetime.timedelta(days=31)
    for key, sent_at, attempts in (
        ("old-sent", long_ago, 1),
        ("recent-sent", timezone.now(), 1),
        ("old-given-up", None, 2),
        ("old-waiting", None, 1),
    ):
        OutgoingMail.objects.create(
            key=key,
            to=ADDRESSES,
            subject="s",
            body="b",
            sent_at=sent_at,
            attempts=attempts,
            next_attempt_at=timezone.now() + datetime.timedelta(hours=1),
        )
    OutgoingMail.objects.update(created_at=long_ago)
    send_pending()
    assert set(OutgoingMail.objects.values_list("key", flat=True)) == {"recent-sent", "old-waiting"}
