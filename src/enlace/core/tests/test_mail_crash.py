"""A mail worker killed with SIGKILL in the middle of a batch loses no mail and sends none twice.

A real `enlace db_worker` (the database task backend, a real SQLite file) sends a batch of
queued mails through a slow mail server that writes each mail to a file; it is killed without
warning once some are sent. A few more mails were committed without their task (a crash between
the commit and the enqueue), and every mail of the batch has a second task. The worker is started
again, then `enlace send-pending-mail` sends what no task will: every mail has then been written
exactly once.
"""

import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

BATCH = 24
LOST = 3
KILL_AFTER = 5
DOMAIN = "mail.test"
WORKER = ("db_worker", "--no-startup-delay", "--no-reload")

SETUP = f"""
import datetime
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from enlace.core.mail import queue_mail, send_outgoing_mail
from enlace.core.models import OutgoingMail

call_command("migrate", "core", verbosity=0)
call_command("migrate", "django_tasks_database", verbosity=0)
with transaction.atomic():
    for n in range({BATCH}):
        queue_mail(
            subject=f"Batch mail {{n}}", body="A change.", to=[f"officer{{n}}@example.org"],
            key=f"batch-{{n:02}}",
        )
# A second task for every mail of the batch (a retry enqueued twice): it sends nothing more.
for mail in OutgoingMail.objects.order_by("pk"):
    send_outgoing_mail.enqueue(mail.pk)
for n in range({LOST}):
    OutgoingMail.objects.create(
        key=f"lost-{{n}}", to=[f"lost{{n}}@example.org"], subject="Lost", body="Its task was lost.",
        next_attempt_at=timezone.now() - datetime.timedelta(hours=1),
    )
"""


def _env(data_dir: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "ENLACE_DATA_DIR": str(data_dir),
        "ENLACE_BASE_URL": f"https://{DOMAIN}",
        "ENLACE_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "ENLACE_EMAIL_BACKEND": "enlace.core.tests.mailers.SlowFileEmailBackend",
        "ENLACE_EMAIL_FILE_PATH": str(data_dir / "outbox"),
        "ENLACE_TEST_MAIL_DELAY": "0.2",
    }


def _enlace(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own interpreter and command)
        [sys.executable, "-m", "enlace", *args],
        env=_env(data_dir),
        cwd=data_dir,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _sent(database: Path) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=20) as connection:
        [(count,)] = connection.execute(
            "SELECT COUNT(*) FROM core_outgoingmail WHERE sent_at IS NOT NULL"
        ).fetchall()
    return int(count)


def _written(outbox: Path) -> Counter[str]:
    """How many times each Message-ID was written by the mail server."""
    ids: Counter[str] = Counter()
    for path in outbox.glob("*.eml") if outbox.exists() else []:
        ids.update(re.findall(r"^Message-ID: (<[^>]+>)", path.read_text(), re.M))
    return ids


def _message_id(key: str) -> str:  # as enlace.core.mail.message_id makes it
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{DOMAIN}>"


def test_a_killed_mail_worker_sends_every_mail_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    setup = _enlace(data_dir, "shell", "--no-imports", "-c", SETUP)
    assert setup.returncode == 0, setup.stderr
    database = data_dir / "enlace.sqlite3"
    outbox = data_dir / "outbox"
    assert _sent(database) == 0

    with (tmp_path / "worker.log").open("w") as log:
        worker = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "enlace", *WORKER, "--interval", "0.05"],
            env=_env(data_dir),
            cwd=data_dir,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while worker.poll() is None and time.monotonic() < deadline:
            if _sent(database) >= KILL_AFTER:
                os.kill(worker.pid, signal.SIGKILL)
                break
            time.sleep(0.02)
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL, (tmp_path / "worker.log").read_text()

    sent = _sent(database)
    assert KILL_AFTER <= sent < BATCH
    assert sum(_written(outbox).values()) == sent  # the mail being sent at the kill is not

    again = _enlace(data_dir, *WORKER, "--batch", "--interval", "0")
    assert again.returncode == 0, again.stdout + again.stderr
    # The worker sent the batch but the mail it was killed on (its task stays "running", unless
    # the kill came between two tasks) and the mails without a task: the sweep sends those.
    resumed = _sent(database)
    assert BATCH - 1 <= resumed <= BATCH
    sweep = _enlace(data_dir, "send-pending-mail", "--grace", "0")
    assert sweep.returncode == 0, sweep.stderr
    assert f"Pending mail: {BATCH + LOST - resumed} sent, 0 failed" in sweep.stdout

    assert _sent(database) == BATCH + LOST
    keys = [f"batch-{n:02}" for n in range(BATCH)] + [f"lost-{n}" for n in range(LOST)]
    assert _written(outbox) == Counter({_message_id(key): 1 for key in keys})
