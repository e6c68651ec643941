"""The home of a signed-in person: what needs them, from every app, as one list.

Each app says what waits on the user through a selector of its own, scoped by enlace.access
(``cooperation.selectors.requests_waiting_on``, ``countryreports.selectors.reports_to_complete``,
…); this module only turns their rows into the items of one list, overdue ones first, then by
due date. Every list is cut at ``LIMIT`` rows and its "see all" page is linked, so the page runs
the same handful of queries whatever the data holds.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult

from enlace import access
from enlace.commitments import selectors as commitment_selectors
from enlace.contributions import selectors as contribution_selectors
from enlace.contributions.models import Contribution, Recommendation
from enlace.cooperation import selectors as cooperation_selectors
from enlace.cooperation.models import CooperationRequest, RequestParty, RequestState
from enlace.countryreports import selectors as countryreport_selectors
from enlace.followup import selectors as followup_selectors
from enlace.meetings import selectors as meeting_selectors
from enlace.meetings.models import Meeting
from enlace.reports import selectors as report_selectors
from enlace.workplan import selectors as workplan_selectors
from enlace.workplan.models import WorkPlanVersion

LIMIT = 10
# The app label of django_tasks_db is "django_tasks_database", not its module's name.
_TASKS_ADMIN = f"{DBTaskResult._meta.app_label}_{DBTaskResult._meta.model_name}"
MEETINGS = 5
IDENTITY_LOG_DAYS = 30


@dataclass(frozen=True)
class Task:
    """One thing that needs the user: what it is, a link to it, what to do, by when."""

    kind: str
    title: str
    url: str
    action: str
    due: datetime.date | None = None
    overdue: bool = False
    note: str = ""


@dataclass
class Shortcut:
    label: str
    url: str


@dataclass
class Home:
    tasks: list[Task] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    may_contribute: bool = False
    contributions: list[Contribution] = field(default_factory=list)
    shortcuts: list[Shortcut] = field(default_factory=list)
    has_role: bool = False


def _ordered(groups: list[list[Task]]) -> list[Task]:
    """One list: the overdue items first, by kind in the order given (a request about a victim
    before a late report), then by due date; then the others by due date (soonest first), those
    without one last."""
    far = datetime.date.max
    ranked = [(rank, task) for rank, group in enumerate(groups) for task in group]

    def key(item: tuple[int, Task]) -> tuple[bool, int, datetime.date, int]:
        rank, task = item
        if task.overdue:
            return (False, rank, task.due or far, 0)
        return (True, 0, task.due or far, rank)

    return [task for _rank, task in sorted(ranked, key=key)]


# --- cooperation -----------------------------------------------------------------------------


def _request_title(request: CooperationRequest) -> str:
    requested = ", ".join(
        str(p.country.name) for p in request.parties.all() if p.role == RequestParty.Role.REQUESTED
    )
    return _("%(reference)s · %(type)s, from %(origin)s to %(targets)s") % {
        "reference": request.reference,
        "type": request.get_type_display(),
        "origin": request.requesting_country.name,
        "targets": requested,
    }


def _request_action(request: CooperationRequest) -> str:
    if request.state == RequestState.SENT:
        return _("To acknowledge and answer")
    if request.state in (RequestState.COMPLETED, RequestState.DECLINED):
        return _("Answered: to close")
    return _("To answer")


def _cooperation(user: access.Who, today: datetime.date) -> list[Task]:
    kind = _("Cooperation request")
    tasks = []
    for request in cooperation_selectors.requests_waiting_on(user, today)[:LIMIT]:
        closing = request.state in (RequestState.COMPLETED, RequestState.DECLINED)
        tasks.append(
            Task(
                kind=kind,
                title=_request_title(request),
                url=reverse("cooperation:request", args=[request.pk]),
                action=_request_action(request),
                due=None if closing else request.due_on,
                overdue=request.is_overdue(today),
            )
        )
    for request in cooperation_selectors.overdue_requests_to_remind(user, today)[:LIMIT]:
        tasks.append(
            Task(
                kind=kind,
                title=_request_title(request),
                url=reverse("cooperation:request", args=[request.pk]),
                action=_("To remind the parties of the deadline"),
                due=request.due_on,
                overdue=True,
            )
        )
    return tasks


# --- country reports -------------------------------------------------------------------------


def _country_reports(user: access.Who, today: datetime.date) -> list[Task]:
    kind = _("Country report")
    tasks = []
    for report in countryreport_selectors.reports_to_complete(user)[:LIMIT]:
        queried = report.status == report.Status.QUERIED
        tasks.append(
            Task(
                kind=kind,
                title=_("%(country)s · %(round)s")
                % {
                    "country": report.country.name,
                    "round": report.round.title,
                },
                url=reverse("countryreports:edit", args=[report.pk]),
                action=_("Queried by the secretariat: to correct and submit")
                if queried
                else _("Draft: to complete and submit"),
                due=report.round.deadline,
                overdue=report.round.deadline < today,
            )
        )
    for report in countryreport_selectors.reports_to_review(user)[:LIMIT]:
        tasks.append(
            Task(
                kind=kind,
                title=_("%(country)s · %(round)s")
                % {
                    "country": report.country.name,
                    "round": report.round.title,
                },
                url=reverse("countryreports:report", args=[report.pk]),
                action=_("Submitted: to review"),
            )
        )
    return tasks


# --- work plan and commitments ---------------------------------------------------------------


def _activities(user: access.Who, today: datetime.date) -> list[Task]:
    kind = _("Work plan activity")
    return [
        Task(
            kind=kind,
            title=Truncator(activity.title).chars(160),
            url=reverse("workplan:activity", args=[activity.pk]),
            action=_("Late: to carry out and report")
            if getattr(activity, "is_late", False)
            else _("To carry out and report"),
            due=activity.end_date,
            overdue=bool(getattr(activity, "is_late", False)),
        )
        for activity in followup_selectors.activities_due(user, today)[:LIMIT]
    ]


def _commitments(user: access.Who, today: datetime.date) -> list[Task]:
    kind = _("Commitment")
    return [
        Task(
            kind=kind,
            title=Truncator(commitment.text).chars(160),
            url=reverse("commitments:detail", args=[commitment.pk]),
            action=_("To do and mark done"),
            due=commitment.due_date,
            overdue=commitment.due_date is not None and commitment.due_date < today,
        )
        for commitment in commitment_selectors.commitments_due_for(user)[:LIMIT]
    ]


def _version_title(version: WorkPlanVersion) -> str:
    return _("%(plan)s, version %(number)s") % {
        "plan": version.work_plan.name,
        "number": version.number,
    }


def _workplan(user: access.Who) -> list[Task]:
    kind = _("Work plan")
    tasks = []
    for version in workplan_selectors.versions_in_drafting(user)[:LIMIT]:
        pending = int(getattr(version, "pending", 0))
        in_review = version.status == WorkPlanVersion.Status.REVIEW
        tasks.append(
            Task(
                kind=kind,
                title=_version_title(version),
                url=reverse(
                    "workplan:version_review" if in_review else "workplan:version",
                    args=[version.pk],
                ),
                action=_("In review: to draft and decide amendments")
                if in_review
                else _("Draft: to prepare"),
                note=ngettext(
                    "%(n)s amendment waiting for a decision",
                    "%(n)s amendments waiting for a decision",
                    pending,
                )
                % {"n": pending}
                if pending
                else "",
            )
        )
    for version in workplan_selectors.versions_open_for_review(user)[:LIMIT]:
        tasks.append(
            Task(
                kind=kind,
                title=_version_title(version),
                url=reverse("workplan:version_review", args=[version.pk]),
                action=_("In review: your comments are awaited"),
            )
        )
    return tasks


# --- meeting reports -------------------------------------------------------------------------


def _reports(user: access.Who) -> list[Task]:
    kind = _("Draft report")
    tasks = []
    for report in report_selectors.drafts_editable_by(user)[:LIMIT]:
        unanswered = int(getattr(report, "unanswered", 0))
        tasks.append(
            Task(
                kind=kind,
                title=report.title,
                url=reverse("reports:report", args=[report.pk]),
                action=_("To draft and answer comments"),
                note=ngettext(
                    "%(n)s comment waiting for an answer",
                    "%(n)s comments waiting for an answer",
                    unanswered,
                )
                % {"n": unanswered}
                if unanswered
                else "",
            )
        )
    for report in report_selectors.drafts_open_for_comment(user)[:LIMIT]:
        tasks.append(
            Task(
                kind=kind,
                title=report.title,
                url=reverse("reports:report", args=[report.pk]),
                action=_("Open for your delegation's comments"),
            )
        )
    return tasks


# --- contributions ---------------------------------------------------------------------------


def _recommendation_title(recommendation: Recommendation) -> str:
    return _("Recommendation %(number)s of %(author)s: %(text)s") % {
        "number": recommendation.position,
        "author": recommendation.contribution.author_label,
        "text": Truncator(recommendation.text).chars(120),
    }


def _contributions(user: access.Who) -> list[Task]:
    kind = _("Contribution")
    tasks = [
        Task(
            kind=_("Recommendation"),
            title=_recommendation_title(recommendation),
            url=reverse("contributions:recommendation", args=[recommendation.pk]),
            action=_("To answer for your country"),
        )
        for recommendation in contribution_selectors.recommendations_awaiting_answer(user)[:LIMIT]
    ]
    for contribution in contribution_selectors.contributions_to_decide(user)[:LIMIT]:
        tasks.append(
            Task(
                kind=kind,
                title=f"{contribution.author_label}: {contribution.title}",
                url=reverse("contributions:detail", args=[contribution.pk]),
                action=_("Submitted: to accept into the record or return"),
            )
        )
    for contribution in contribution_selectors.own_contributions_open(user)[:LIMIT]:
        returned = contribution.status == Contribution.Status.RETURNED
        tasks.append(
            Task(
                kind=kind,
                title=f"{contribution.author_label}: {contribution.title}",
                url=reverse(
                    "contributions:edit" if returned else "contributions:detail",
                    args=[contribution.pk],
                ),
                action=_("Returned by the secretariat: to correct")
                if returned
                else _("Submitted: waiting for the secretariat"),
            )
        )
    return tasks


# --- the case supervisor, the system administrator -------------------------------------------


def _identity_log(user: access.Who, actor: access.Actor, today: datetime.date) -> list[Task]:
    if not access.supervised_country_ids(actor):
        return []
    # From the start of a day, not from this instant: the count holds all day long (a home is
    # kept until the next recorded write or the next day, enlace.core.pagecache.kept).
    since = timezone.make_aware(
        datetime.datetime.combine(
            today - datetime.timedelta(days=IDENTITY_LOG_DAYS), datetime.time()
        )
    )
    views = (
        cooperation_selectors.identity_views_for_supervisor(user)
        .filter(viewed_at__gte=since)
        .count()
    )
    if not views:
        return []
    return [
        Task(
            kind=_("Identity-view log"),
            title=ngettext(
                "%(n)s view of identifying data in the last %(days)s days",
                "%(n)s views of identifying data in the last %(days)s days",
                views,
            )
            % {"n": views, "days": IDENTITY_LOG_DAYS},
            url=reverse("cooperation:identity_log"),
            action=_("To check who looked, and why"),
        )
    ]


def failed_tasks(actor: access.Actor) -> QuerySet[DBTaskResult[Any, Any]]:
    """The background tasks (mail, reminders) that failed: the system administrator's."""
    if not access.can_administer_platform(actor):
        return DBTaskResult.objects.none()
    return DBTaskResult.objects.failed()


def _system(actor: access.Actor) -> list[Task]:
    if not access.can_administer_platform(actor):
        return []
    failed = failed_tasks(actor).count()
    if not failed:
        return []
    return [
        Task(
            kind=_("Background tasks"),
            title=ngettext("%(n)s background task failed", "%(n)s background tasks failed", failed)
            % {"n": failed},
            url=reverse(f"admin:{_TASKS_ADMIN}_changelist") + "?status__exact=FAILED",
            action=_("To look into"),
            overdue=True,
        )
    ]


# --- the home --------------------------------------------------------------------------------


def _shortcuts(actor: access.Actor) -> list[Shortcut]:
    links = []
    if access.can_use_cooperation(actor):
        links.append(Shortcut(_("Cooperation inbox"), reverse("cooperation:inbox")))
    if access.can_list_own_activities(actor):
        links.append(Shortcut(_("My activities"), reverse("workplan:mine")))
    if access.can_view_reporting_rounds(actor):
        links.append(Shortcut(_("Country reports"), reverse("countryreports:index")))
    if access.can_use_commitment_lists(actor):
        links.append(Shortcut(_("Commitments"), reverse("commitments:list")))
    if access.can_submit_contribution(actor):
        links.append(Shortcut(_("Submit a contribution"), reverse("contributions:new")))
    if access.supervised_country_ids(actor):
        links.append(Shortcut(_("Identity-view log"), reverse("cooperation:identity_log")))
    if access.can_administer_platform(actor):
        links.append(Shortcut(_("System administration"), reverse("admin:index")))
    return links


def home_for(user: access.Who, today: datetime.date | None = None) -> Home:
    """What the home of a signed-in user shows: what needs them, the meetings coming, and the
    links to their working lists."""
    actor = access.actor_for(user)
    day = today or timezone.localdate()
    groups = [
        _system(actor),
        _cooperation(user, day),
        _country_reports(user, day),
        _activities(user, day),
        _commitments(user, day),
        _reports(user),
        _workplan(user),
        _contributions(user),
        _identity_log(user, actor, day),
    ]
    return Home(
        tasks=_ordered(groups),
        meetings=list(meeting_selectors.meetings_coming(user, day)[:MEETINGS]),
        may_contribute=access.can_submit_contribution(actor),
        contributions=list(contribution_selectors.own_contributions(user)[:MEETINGS]),
        shortcuts=_shortcuts(actor),
        has_role=actor.is_network_member
        or actor.is_superuser
        or bool(access.supervised_country_ids(actor)),
    )
