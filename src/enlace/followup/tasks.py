"""Deadline reminders of the plans in force, as a background task of Django's tasks framework.

``send_deadline_reminders`` is enqueued once a day by ``enlace workplan_reminders`` and run by
``enlace db_worker``. For every open activity of a version in force (neither completed nor
cancelled, not archived) it e-mails the current liaison officers (and alternates) of the
responsible countries, with the secretariat in copy:

- once when the deadline is ``ENLACE_REMINDER_DAYS_BEFORE`` days away or nearer;
- once when the deadline has passed.

"Once" is kept by the database: a ``Reminder`` row per activity, kind and deadline (unique), so
a second run, or two workers at the same time, never send the same reminder twice; a deadline
moved later gets its own reminders. The e-mail is queued with the row (enlace.core.mail) and
sent by the worker once committed. Each reminder is an audit event of the activity (by the
system), so the activity's history shows it.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from enlace.audit.services import audit_record
from enlace.core.mail import queue_mail
from enlace.network.models import Membership, Post
from enlace.workplan.display import CLOSED
from enlace.workplan.models import Activity, Reminder, WorkPlanVersion

OFFICER_ROLES = (Post.Role.LIAISON_OFFICER, Post.Role.ALTERNATE)
# The e-mail is written in the network's two working languages, Spanish first.
EMAIL_LANGUAGES = ("es", "en")


def _candidates(
    kind: str, window: tuple[datetime.date | None, datetime.date]
) -> QuerySet[Activity]:
    low, high = window
    activities = Activity.objects.filter(
        version__status=WorkPlanVersion.Status.ADOPTED,
        archived_on__isnull=True,
        end_date__isnull=False,
        end_date__lte=high,
    ).exclude(status__in=CLOSED)
    if low is not None:
        activities = activities.filter(end_date__gte=low)
    else:
        activities = activities.filter(end_date__lt=high)
    already = Reminder.objects.filter(
        activity=OuterRef("pk"), kind=kind, deadline=OuterRef("end_date")
    )
    return (
        activities.exclude(Exists(already))
        .select_related("version__work_plan", "objective__axis")
        .prefetch_related("responsible_countries")
        .order_by("end_date", "pk")
    )


def _officer_addresses(today: datetime.date, country_ids: Iterable[int]) -> dict[int, list[str]]:
    addresses: dict[int, list[str]] = {}
    memberships = (
        Membership.objects.current(today)
        .filter(post__role__in=OFFICER_ROLES, post__country_id__in=list(country_ids))
        .exclude(person__email="")
        .select_related("person", "post")
        .order_by("person__family_name", "pk")
    )
    for membership in memberships:
        assert membership.post.country_id is not None
        emails = addresses.setdefault(membership.post.country_id, [])
        if membership.person.email not in emails:
            emails.append(membership.person.email)
    return addresses


def _secretariat_addresses(today: datetime.date) -> list[str]:
    emails = (
        Membership.objects.current(today)
        .filter(post__role=Post.Role.SECRETARIAT)
        .exclude(person__email="")
        .order_by("person__family_name", "pk")
        .values_list("person__email", flat=True)
    )
    return list(dict.fromkeys(emails))


def _queue_message(
    activity: Activity, kind: str, today: datetime.date, to: list[str], cc: list[str]
) -> None:
    assert activity.end_date is not None
    url = settings.ENLACE_BASE_URL + reverse("workplan:activity", args=[activity.pk])
    parts = []
    subject = ""
    for language in EMAIL_LANGUAGES:
        with translation.override(language):
            context = {
                "activity": activity,
                "kind": kind,
                "deadline": activity.end_date,
                "days": (activity.end_date - today).days,
                "days_late": (today - activity.end_date).days,
                "countries": ", ".join(c.name for c in activity.responsible_countries.all()),
                "url": url,
            }
            parts.append(render_to_string("workplan/follow_reminder_email.txt", context).strip())
            if not subject:
                subject = " ".join(
                    render_to_string("workplan/follow_reminder_subject.txt", context).split()
                )
    queue_mail(
        subject=subject,
        body="\n\n— — —\n\n".join(parts) + "\n",
        to=to or cc,
        cc=cc if to else [],
        key=f"workplan-reminder-{activity.pk}-{kind}-{activity.end_date.isoformat()}",
    )


def _send_one(
    activity: Activity, kind: str, today: datetime.date, to: list[str], cc: list[str]
) -> bool:
    """Record the reminder and queue its mail (enlace.core.mail) in the same transaction;
    ``False`` if it was already recorded (by an earlier run or another worker)."""
    assert activity.end_date is not None
    try:
        with transaction.atomic():
            Reminder.objects.create(
                activity=activity,
                kind=kind,
                deadline=activity.end_date,
                recipients=len(to) + len(cc),
            )
            audit_record(
                actor=None,
                action="activity.reminder",
                instance=activity,
                after={
                    "kind": kind,
                    "deadline": activity.end_date.isoformat(),
                    "recipients": len(to) + len(cc),
                },
            )
            if to or cc:
                _queue_message(activity, kind, today, to, cc)
    except IntegrityError:
        return False
    return True


def deadline_reminders(
    today: datetime.date | None = None, days_before: int | None = None
) -> dict[str, int]:
    """Send what is due today; returns how many reminders of each kind went out."""
    today = today or timezone.localdate()
    days = settings.ENLACE_REMINDER_DAYS_BEFORE if days_before is None else days_before
    due = [
        (Reminder.Kind.OVERDUE, _candidates(Reminder.Kind.OVERDUE, (None, today))),
        (
            Reminder.Kind.BEFORE,
            _candidates(Reminder.Kind.BEFORE, (today, today + datetime.timedelta(days=days))),
        ),
    ]
    batches = [(kind, list(activities)) for kind, activities in due]
    country_ids = {
        c.pk for _kind, batch in batches for a in batch for c in a.responsible_countries.all()
    }
    officers = _officer_addresses(today, country_ids)
    secretariat = _secretariat_addresses(today)
    sent = {"before": 0, "overdue": 0}
    for kind, batch in batches:
        for activity in batch:
            to: list[str] = []
            for country in activity.responsible_countries.all():
                to.extend(e for e in officers.get(country.pk, []) if e not in to)
            cc = [e for e in secretariat if e not in to]
            if _send_one(activity, kind, today, to, cc):
                sent[str(kind)] += 1
    return sent


@task
def send_deadline_reminders() -> dict[str, Any]:
    """The daily task: reminders before the deadline and once it has passed."""
    return deadline_reminders()
