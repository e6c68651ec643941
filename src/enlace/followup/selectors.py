"""Reads of the follow-up pages: an activity with everything its page shows, its history (from
its audit events), and an officer's activities in deadline order, late first. Each takes the
user and scopes with the rules of enlace.access."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, F, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from enlace import access
from enlace.audit.actions import Verb
from enlace.audit.models import AuditEvent
from enlace.network.models import Country
from enlace.workplan.display import CLOSED, display_value, field_label
from enlace.workplan.models import Activity, Evidence, Milestone, Reminder, WorkPlanVersion

# Fields a history entry never lists: they change with every save.
_HISTORY_NOISE = {"updated_at"}


def activities_visible_to(user: access.Who) -> QuerySet[Activity]:
    return Activity.objects.filter(access.activity_read_filter(access.actor_for(user)))


def activity_detail(user: access.Who, pk: int) -> Activity:
    """An activity with its plan, objective, axis, responsible parties, indicators, milestones
    and evidence; 404 when it does not exist or the user may not read it."""
    activity = (
        activities_visible_to(user)
        .select_related(
            "version__work_plan",
            "version__adopted_by_meeting",
            "objective__axis",
            "source_point__report__meeting",
            "source_commitment",
            "noted_by_meeting",
        )
        .prefetch_related(
            "responsible_countries",
            "responsible_organisations",
            "indicators",
            Prefetch("milestones", queryset=Milestone.objects.select_related("author__person")),
            Prefetch("evidence", queryset=Evidence.objects.select_related("author")),
        )
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def can_follow_up(user: access.Who, activity: Activity) -> bool:
    """Whether the user may update this activity now (the page shows the forms): a
    responsible country's officer or the secretariat, on an open entry of the version in
    force. Uses the prefetched responsible countries."""
    if activity.version.status != WorkPlanVersion.Status.ADOPTED or activity.archived_on:
        return False
    countries = {c.pk for c in activity.responsible_countries.all()}
    return access.can_update_activity(access.actor_for(user), countries)


def can_see_evidence(user: access.Who, activity: Activity) -> bool:
    published = activity.archived_on is not None and activity.archive_published
    return access.can_view_activity_evidence(access.actor_for(user), published)


def evidence_for_download(user: access.Who, pk: int) -> Evidence:
    evidence = Evidence.objects.select_related("activity").filter(pk=pk).first()
    if evidence is None or not evidence.file:
        raise Http404
    activity = activities_visible_to(user).filter(pk=evidence.activity_id).first()
    if activity is None or not can_see_evidence(user, activity):
        raise Http404
    return evidence


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    at: datetime.datetime
    who: str
    what: str
    changes: list[Change] = field(default_factory=list)


def _who(event: AuditEvent) -> str:
    user = event.actor
    person = getattr(user, "person", None) if user is not None else None
    if person is not None:
        return str(person.full_name)
    return event.actor_label or _("the system")


def _changes(event: AuditEvent) -> list[Change]:
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    if event.verb == Verb.MILESTONE_ADD:
        return [Change(_("Milestone"), "—", f"{after.get('date')}: {after.get('note', '')}")]
    if event.verb == Verb.EVIDENCE_ADD:
        return [Change(_("Evidence"), "—", str(after.get("title", "")))]
    if event.verb == Verb.EVIDENCE_REMOVE:
        return [Change(_("Evidence"), str(before.get("title", "")), "—")]
    if event.verb == Verb.REMINDER:
        kind = after.get("kind")
        label = Reminder.Kind(kind).label if kind in Reminder.Kind.values else kind
        recipients = _("%(n)s recipients") % {"n": after.get("recipients", 0)}
        return [Change(_("Reminder"), "—", f"{label} ({after.get('deadline')}), {recipients}")]
    if not before or not after:
        return []  # created or deleted: the action says it all
    names = [n for n in {**before, **after} if n not in _HISTORY_NOISE]
    return [
        Change(field_label(n), display_value(n, before.get(n)), display_value(n, after.get(n)))
        for n in names
        if before.get(n) != after.get(n)
    ]


def activity_history(user: access.Who, activity: Activity) -> list[HistoryEntry]:
    """Every recorded change of the activity, newest first: who, when, before and after."""
    if not access.can_view_activity_history(access.actor_for(user)):
        raise PermissionDenied
    events = (
        AuditEvent.objects.filter(
            object_type=Activity._meta.label_lower, object_id=str(activity.pk)
        )
        .select_related("actor__person")
        .order_by("-at", "-pk")
    )
    return [
        HistoryEntry(
            at=event.at,
            who=_who(event),
            what=str(event.get_verb_display()),
            changes=_changes(event),
        )
        for event in events
    ]


def late_q(today: datetime.date) -> Q:
    """Late: the deadline has passed and the activity is neither completed nor cancelled."""
    return Q(end_date__lt=today) & ~Q(status__in=CLOSED)


def in_force_activities() -> QuerySet[Activity]:
    """The open entries of the versions in force (archived ones are the archive's)."""
    return Activity.objects.filter(
        version__status=WorkPlanVersion.Status.ADOPTED, archived_on__isnull=True
    )


def own_country_choices(user: access.Who) -> list[Country]:
    """The countries whose activities "my activities" can show: an officer's own; for the
    secretariat, every country responsible for an activity in force."""
    actor = access.actor_for(user)
    if not access.can_list_own_activities(actor):
        raise PermissionDenied
    own = access.own_activity_country_ids(actor)
    if own is None:
        return list(
            Country.objects.filter(
                responsible_activities__in=in_force_activities().values("pk")
            ).distinct()
        )
    return list(Country.objects.filter(pk__in=own))


def my_activities(
    user: access.Who, country: Country | None = None, today: datetime.date | None = None
) -> QuerySet[Activity]:
    """The activities in force an officer's countries answer for (the secretariat: all, or a
    country's), late ones first, then by deadline (none last), completed and cancelled last."""
    actor = access.actor_for(user)
    if not access.can_list_own_activities(actor):
        raise PermissionDenied
    today = today or timezone.localdate()
    activities = in_force_activities()
    if country is not None:
        if not access.can_list_country_activities(actor, country.pk):
            raise PermissionDenied
        countries = {country.pk}
    else:
        countries = set(access.own_activity_country_ids(actor) or ())
    if countries:
        activities = activities.filter(
            pk__in=Activity.objects.filter(responsible_countries__in=countries).values("pk")
        )
    return (
        activities.annotate(
            is_late=Case(
                When(late_q(today), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            is_closed=Case(
                When(status__in=CLOSED, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .select_related("version__work_plan", "objective__axis")
        .prefetch_related("responsible_countries")
        .order_by("-is_late", "is_closed", F("end_date").asc(nulls_last=True), "pk")
    )


def activities_due(user: access.Who, today: datetime.date | None = None) -> QuerySet[Activity]:
    """The open activities with a deadline that the user answers for, late ones first, then
    by deadline: an officer's countries'; for the secretariat, which follows every country's,
    the late ones. Nobody else answers for activities."""
    actor = access.actor_for(user)
    if not access.can_list_own_activities(actor):
        return Activity.objects.none()
    day = today or timezone.localdate()
    due = my_activities(user, today=day).filter(end_date__isnull=False).exclude(status__in=CLOSED)
    if access.own_activity_country_ids(actor) is None:
        due = due.filter(late_q(day))
    return due
