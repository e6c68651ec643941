"""Deadline reminders: before the deadline and once it has passed, to the responsible countries'
current officers with the secretariat in copy, never twice, sent when committed, through the
task that `enlace workplan_reminders` enqueues (run immediately in tests)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from enlace.conftest import make_member
from enlace.followup import selectors as follow_selectors
from enlace.followup.tasks import deadline_reminders
from enlace.network.models import Post
from enlace.workplan.models import Activity, Reminder
from enlace.workplan.tests.fixtures import ACTIVITIES

TODAY = datetime.date.today()
BASE = "https://enlace.example.org"


def activity(version, code: str) -> Activity:
    return Activity.objects.get(version=version, title_es__startswith=f"{code} ")


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def people(net, officer, other_officer, secretariat, observer):
    """Honduras also has an alternate, and a former officer whose post ended."""
    alternate = make_member(net, "hnd_alternate", role=Post.Role.ALTERNATE, country=net.honduras)
    make_member(
        net,
        "hnd_former",
        role=Post.Role.LIAISON_OFFICER,
        country=net.honduras,
        end=days(-400),
    )
    return {
        "HND": {officer.person.email, alternate.person.email},
        "MEX": {other_officer.person.email},
        "ST": {secretariat.person.email},
    }


@pytest.fixture
def plan(adopted_version, draft_version, settings):
    """The fixture's plan, with 4.1.1 (Honduras) due in 7 days, 3.2.1 (Honduras and Mexico) in
    exactly 14, and 4.2.2 (Mexico) in 15. The draft copies are never reminded."""
    settings.ENLACE_BASE_URL = BASE
    settings.ENLACE_REMINDER_DAYS_BEFORE = 14
    for code, n in (("4.1.1", 7), ("3.2.1", 14), ("4.2.2", 15)):
        Activity.objects.filter(
            version__in=[adopted_version, draft_version], title_es__startswith=f"{code} "
        ).update(end_date=days(n))
    return adopted_version


def run(capture) -> dict[str, int]:
    with capture(execute=True):
        return deadline_reminders()


def mail_for(outbox, code: str):
    found = [m for m in outbox if code in m.body]
    assert len(found) == 1, (code, [m.subject for m in outbox])
    return found[0]


def test_overdue_and_upcoming_are_reminded_once_each(
    plan, people, mailoutbox, django_capture_on_commit_callbacks
):
    sent = run(django_capture_on_commit_callbacks)
    late = [a.code for a in ACTIVITIES if a.end < TODAY and a.status in ("in_progress", "planned")]
    assert sorted(late) == ["1.2.1", "2.2.2", "4.1.2"]
    assert sent == {"overdue": len(late), "before": 2}
    reminded = {m.body.split("\n")[2].strip()[:5] for m in mailoutbox}
    assert reminded == {*late, "4.1.1", "3.2.1"}
    # Completed (3.1.2), archived, beyond 14 days (4.2.2) and draft copies: nothing.
    assert Reminder.objects.count() == 5
    assert not Reminder.objects.exclude(activity__version=plan).exists()


def test_never_twice(plan, people, mailoutbox, django_capture_on_commit_callbacks):
    run(django_capture_on_commit_callbacks)
    first = len(mailoutbox)
    assert run(django_capture_on_commit_callbacks) == {"overdue": 0, "before": 0}
    assert len(mailoutbox) == first
    assert Reminder.objects.count() == first


def test_recipients_are_current_officers_with_the_secretariat_in_copy(
    plan, people, mailoutbox, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks)
    honduran = mail_for(mailoutbox, "1.2.1")
    assert set(honduran.to) == people["HND"]  # officer and alternate, not the former officer
    assert set(honduran.cc) == people["ST"]
    shared = mail_for(mailoutbox, "3.2.1")
    assert set(shared.to) == people["HND"] | people["MEX"]
    observers = {m for m in mailoutbox for a in (*m.to, *m.cc) if a.startswith("rrocm")}
    assert not observers


def test_mail_says_what_is_due_and_links_to_the_activity(
    plan, people, mailoutbox, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks)
    upcoming = mail_for(mailoutbox, "4.1.1")
    act = activity(plan, "4.1.1")
    assert f"{BASE}/workplan/activities/{act.pk}/" in upcoming.body
    assert act.title_es in upcoming.body
    assert act.title_en in upcoming.body
    assert days(7).isoformat() in upcoming.subject
    with translation.override("en"):
        assert f"This activity of the work plan is due on {days(7).isoformat()}, in 7 days" in (
            upcoming.body
        )
    overdue = mail_for(mailoutbox, "4.1.2")
    assert f"passed on {days(-60).isoformat()} (60 days ago)" in overdue.body


def test_a_moved_deadline_is_reminded_again(
    plan, people, mailoutbox, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks)
    act = activity(plan, "4.1.1")
    Activity.objects.filter(pk=act.pk).update(end_date=days(10))
    mailoutbox.clear()
    assert run(django_capture_on_commit_callbacks) == {"overdue": 0, "before": 1}
    assert act.title_es in mailoutbox[0].body


def test_days_before_comes_from_the_setting(
    plan, people, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.ENLACE_REMINDER_DAYS_BEFORE = 7
    assert run(django_capture_on_commit_callbacks)["before"] == 1  # 4.1.1 only


def test_nothing_is_sent_before_the_commit(plan, people, mailoutbox):
    """Without a commit (the test's transaction stays open), no e-mail leaves."""
    deadline_reminders()
    assert mailoutbox == []
    assert Reminder.objects.exists()


def test_reminder_is_in_the_activitys_history(
    plan, people, secretariat, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks)
    with translation.override("en"):
        [entry] = follow_selectors.activity_history(secretariat, activity(plan, "1.2.1"))
    assert entry.what == "Deadline reminder sent"
    assert "Deadline passed" in entry.changes[0].after


def test_command_enqueues_the_task(plan, people, mailoutbox, django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("workplan_reminders", stdout=out)
    assert "Enqueued the deadline reminders" in out.getvalue()
    assert len(mailoutbox) == 5


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_down_keeps_the_reminders_and_sends_them_later(plan, people, settings):
    """Each reminder is recorded although its mail fails; a later attempt sends every mail
    once, and a second run of the reminders sends nothing more."""
    from enlace.core.models import OutgoingMail
    from enlace.core.tests.mailers import FAILING, LOCMEM

    settings.MAILERS = FAILING
    settings.ENLACE_MAIL_RETRY_SECONDS = 0
    assert deadline_reminders() == {"overdue": 3, "before": 2}
    assert Reminder.objects.count() == 5
    assert OutgoingMail.objects.filter(sent_at__isnull=True, attempts=1).count() == 5
    assert mail.outbox == []

    settings.MAILERS = LOCMEM
    call_command("send-pending-mail", "--grace", "0", stdout=StringIO())
    assert deadline_reminders() == {"overdue": 0, "before": 0}
    call_command("send-pending-mail", "--grace", "0", stdout=StringIO())
    assert len(mail.outbox) == 5
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == 5
