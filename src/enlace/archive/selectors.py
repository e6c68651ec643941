"""Reads of the Work Plan Archive, scoped to the user (rules: access.archive_filter).

The archive is every archived activity of an adopted (in force) or superseded version: all of
it for people of the network, its published part for the public. It is searched by the year of
completion, the axis (by its key, the same in every version), a responsible country and words.

Words are matched in the titles, descriptions, results and reasons for cancelling, in both
languages, ignoring case and accents, through the archive's full-text index (migration
enlace/archive/migrations/0001: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL),
so a word search looks its words up instead of reading the whole archive. Every query word must
begin a word of the entry ("taller" finds "talleres", "rutas" does not find "ruta"). The page's
queries do not depend on the size of the archive: one for the page's ids and the number of
matches (the search is run once: enlace.core.paging), one for its rows, one per prefetched
relation.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import connections
from django.db.models import CharField, Exists, OuterRef, Prefetch, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, ExtractYear, Substr
from django.http import Http404

from enlace import access
from enlace.commitments.models import Commitment
from enlace.core.pagecache import kept
from enlace.core.text import strip_accents
from enlace.meetings.models import Meeting
from enlace.network.models import Country
from enlace.reports.models import Report, ReportPoint, number_points
from enlace.search.text import WORD
from enlace.workplan.models import Activity, Axis, Evidence, Objective, WorkPlanVersion

PUBLIC_VERSIONS = (WorkPlanVersion.Status.ADOPTED, WorkPlanVersion.Status.SUPERSEDED)
MAX_WORDS = 8

# The archived activities holding every word (each as the beginning of a word), by the index.
_MATCHING = {
    "sqlite": "SELECT rowid FROM archive_fts WHERE archive_fts MATCH %s",
    "postgresql": (
        "SELECT id FROM workplan_activity WHERE archived_on IS NOT NULL "
        "AND archive_vector @@ to_tsquery('simple', %s)"
    ),
}


def _matching(words: list[str], vendor: str) -> RawSQL:
    """The ids of the archived activities holding every word (words: letters and digits)."""
    if vendor not in _MATCHING:
        # The platform supports SQLite (embedded) and PostgreSQL (production) only.
        raise ImproperlyConfigured(
            f"The archive's word search needs SQLite or PostgreSQL, not {vendor}."
        )
    if vendor == "sqlite":
        term = " AND ".join(f'"{w}"*' for w in words)
    else:
        term = " & ".join(f"{w}:*" for w in words)
    return RawSQL(_MATCHING[vendor], (term,))  # noqa: S611 (our SQL; the words a parameter)


def query_words(raw: str) -> list[str]:
    """The words of a query, lower-cased and without accents (every one must match)."""
    words: list[str] = []
    for word in WORD.findall(strip_accents(raw[:200]).lower()):
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


@dataclass(frozen=True)
class ArchiveFilters:
    year: int | None = None
    axis: uuid.UUID | None = None
    country: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, params: Any) -> "ArchiveFilters":
        year: int | None = None
        raw_year = str(params.get("year", "")).strip()
        if raw_year.isdigit() and len(raw_year) == 4:
            year = int(raw_year)
        axis: uuid.UUID | None = None
        try:
            axis = uuid.UUID(str(params.get("axis", "")).strip())
        except ValueError:
            axis = None
        return cls(
            year=year,
            axis=axis,
            country=str(params.get("country", "")).strip().upper()[:3],
            q=str(params.get("q", "")).strip()[:200],
        )

    def as_params(self) -> dict[str, str]:
        params = {
            "year": str(self.year) if self.year else "",
            "axis": str(self.axis) if self.axis else "",
            "country": self.country,
            "q": self.q,
        }
        return {k: v for k, v in params.items() if v}


def archive_visible_to(user: access.Who) -> QuerySet[Activity]:
    """Every archived activity the user may read."""
    actor = access.actor_for(user)
    return Activity.objects.filter(
        access.archive_filter(actor), version__status__in=PUBLIC_VERSIONS
    )


def objective_archived() -> Any:
    """An expression: the activity's objective has no activity left outside the archive."""
    return ~Exists(
        Activity.objects.filter(objective_id=OuterRef("objective_id"), archived_on__isnull=True)
    )


def archive_search(user: access.Who, filters: ArchiveFilters) -> QuerySet[Activity]:
    """The archive filtered, newest completion first, ready for a list page."""
    activities = archive_visible_to(user)
    if filters.year:
        activities = activities.filter(completed_on__year=filters.year)
    if filters.axis:
        activities = activities.filter(objective__axis__key=filters.axis)
    if filters.country:
        activities = activities.filter(
            Exists(
                Activity.responsible_countries.through.objects.filter(
                    activity_id=OuterRef("pk"), country__code=filters.country
                )
            )
        )
    words = query_words(filters.q)
    if words:
        vendor = connections[activities.db].vendor
        activities = activities.filter(pk__in=_matching(words, vendor))
    return _with_related(activities).order_by("-completed_on", "-pk")


def _with_related(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    return activities.select_related(
        "objective__axis", "version__work_plan", "noted_by_meeting"
    ).prefetch_related(
        Prefetch("responsible_countries", queryset=Country.objects.order_by("name_es")),
        "responsible_organisations",
    )


def rows_by_ids(ids: Iterable[int]) -> list[Activity]:
    """The archived activities of ``ids`` (a page of ``archive_search``: the user's archive,
    filtered, read by enlace.core.paging.CountedSlices), in that order, read whole for that page
    alone. Sorting every match with its related rows joined costs several times more than
    sorting their ids (a search may match a quarter of the archive); and the rows are read by
    their ids alone, not through the search again."""
    order = list(ids)
    rows = {
        activity.pk: activity for activity in _with_related(Activity.objects.filter(pk__in=order))
    }
    return [rows[pk] for pk in order if pk in rows]


def page_rows(ids: Iterable[int]) -> list[Activity]:
    """The rows of a page of the archive, each marked ``objective_in_archive``."""
    found = rows_by_ids(ids)
    mark_objectives_in_archive(found)
    return found


def mark_objectives_in_archive(activities: Iterable[Activity]) -> None:
    """Set ``objective_in_archive`` on each of a page's activities: its objective has no activity
    left outside the archive. One query for the page, not a subquery for every match of a search
    (the database would compute it for each match before sorting them)."""
    rows = list(activities)
    # Every activity of these objectives (a page's few, by their index), not "those outside the
    # archive": a database would read that through the index of the archive's date, which holds
    # every activity of every version outside it.
    open_objectives = {
        objective_id
        for objective_id, archived_on in Activity.objects.filter(
            objective_id__in={a.objective_id for a in rows}
        )
        .order_by()
        .values_list("objective_id", "archived_on")
        if archived_on is None
    }
    for activity in rows:
        activity.objective_in_archive = activity.objective_id not in open_objectives  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


def archive_choices(user: access.Who) -> dict[str, list[Choice]]:
    """What the archive can be filtered by: its years, axes and responsible countries.

    They are read over the whole archive, so they are kept (enlace.core.pagecache.kept) until
    the next recorded write, per audience: the archive a user reads depends only on whether they
    are of the network (access.archive_filter)."""
    network = access.actor_for(user).is_network_member
    return kept("archive-choices", (network,), lambda: _archive_choices(user))


def _archive_choices(user: access.Who) -> dict[str, list[Choice]]:
    archive = archive_visible_to(user)
    # The years without a function call per row in Python (SQLite's date functions are Django's
    # Python ones; a date is ISO text there): the archive is read once, in the database.
    if connections[archive.db].vendor == "sqlite":
        year: Any = Substr(Cast("completed_on", CharField()), 1, 4)
    else:
        year = Cast(ExtractYear("completed_on"), CharField())
    years = [
        Choice(y, y)
        for y in archive.filter(completed_on__isnull=False)
        .annotate(year=year)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    ]
    axes: dict[str, Choice] = {}
    for axis in (
        # The axes holding archived activities, found in one pass over the archive (not one
        # probe of it per axis of every version).
        Axis.objects.filter(pk__in=archive.values("objective__axis_id").distinct())
        .only("key", "title_es", "title_en")
        .order_by("position", "-version__number")
    ):
        axes.setdefault(str(axis.key), Choice(str(axis.key), axis.title))
    countries = [
        Choice(c.code, c.name)
        for c in Country.objects.filter(
            Exists(archive.filter(responsible_countries=OuterRef("pk")))
        ).order_by("name_es")
    ]
    return {"years": years, "axes": list(axes.values()), "countries": countries}


def archive_export_rows(user: access.Who, filters: ArchiveFilters) -> QuerySet[Activity]:
    return archive_search(user, filters).prefetch_related("evidence")


# --- one entry and the chain back to the agreement -------------------------------------------


@dataclass
class PointRef:
    """A report point as the reader may see it: its label, its report and meeting."""

    point: ReportPoint
    label: str
    report: Report
    visible: bool


@dataclass
class ArchiveEntry:
    activity: Activity
    objective_in_archive: bool
    agreement: PointRef | None = None
    commitment: Any = None
    commitment_visible: bool = False
    adopting_version: WorkPlanVersion | None = None
    adopting_point: PointRef | None = None
    adopting_meeting_visible: bool = False
    noted_meeting_visible: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    can_manage: bool = False


def _point_ref(actor: access.Actor, point: ReportPoint | None) -> PointRef | None:
    if point is None:
        return None
    report = point.report
    siblings = list(ReportPoint.objects.filter(report_id=report.pk).order_by("position", "pk"))
    label = next((lab for lab, p in number_points(siblings) if p.pk == point.pk), "")
    visible = Report.objects.filter(access.report_filter(actor), pk=report.pk).exists()
    return PointRef(point=point, label=label, report=report, visible=visible)


def _meeting_visible(actor: access.Actor, meeting: Meeting | None) -> bool:
    if meeting is None:
        return False
    return Meeting.objects.filter(access.meeting_filter(actor), pk=meeting.pk).exists()


def archive_entry(user: access.Who, pk: int) -> ArchiveEntry:
    """One archived activity with the chain back: the agreement that asked for it (a report
    point, directly or through a commitment), the version that first adopted it (and the
    meeting and point that adopted that version), and what came of it."""
    actor = access.actor_for(user)
    activity = (
        archive_visible_to(user)
        .select_related(
            "objective__axis",
            "version__work_plan__body",
            "noted_by_meeting",
            "source_point__report__meeting",
            "source_commitment__point__report__meeting",
        )
        .prefetch_related("responsible_countries", "responsible_organisations", "indicators")
        .annotate(objective_in_archive=objective_archived())
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    entry = ArchiveEntry(
        activity=activity,
        objective_in_archive=bool(activity.objective_in_archive),
        can_manage=access.can_archive_activity(actor),
    )
    commitment = activity.source_commitment
    point = activity.source_point
    if commitment is not None:
        entry.commitment = commitment
        entry.commitment_visible = Commitment.objects.filter(
            access.commitment_filter(actor), pk=commitment.pk
        ).exists()
        point = point or commitment.point
    entry.agreement = _point_ref(actor, point)
    entry.adopting_version = (
        WorkPlanVersion.objects.filter(
            work_plan_id=activity.version.work_plan_id,
            status__in=PUBLIC_VERSIONS,
            activities__key=activity.key,
        )
        .select_related("adopted_by_meeting", "adopted_at_point__report__meeting")
        .order_by("number")
        .first()
    )
    if entry.adopting_version is not None:
        entry.adopting_point = _point_ref(actor, entry.adopting_version.adopted_at_point)
        entry.adopting_meeting_visible = _meeting_visible(
            actor, entry.adopting_version.adopted_by_meeting
        )
    entry.noted_meeting_visible = _meeting_visible(actor, activity.noted_by_meeting)
    entry.evidence = list(activity.evidence.all())
    return entry


def activity_to_archive(user: access.Who, pk: int) -> Activity:
    """An activity the user (the secretariat) may move to the archive."""
    if not access.can_archive_activity(access.actor_for(user)):
        raise PermissionDenied
    activity = (
        Activity.objects.select_related("objective__axis", "version__work_plan")
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def meetings_for_archive(user: access.Who) -> QuerySet[Meeting]:
    actor = access.actor_for(user)
    return Meeting.objects.filter(access.meeting_filter(actor)).order_by("-start_date")


def archived_objectives(user: access.Who) -> QuerySet[Objective]:
    """Objectives of the archive's versions whose activities are all archived (and visible)."""
    archive = archive_visible_to(user)
    return (
        Objective.objects.filter(
            version__status__in=PUBLIC_VERSIONS,
            pk__in=archive.values("objective_id"),
        )
        .filter(~Exists(Activity.objects.filter(objective_id=OuterRef("pk"), archived_on=None)))
        .select_related("axis", "version")
    )


def archived_activity_managed(user: access.Who, pk: int) -> Activity:
    """An archived activity whose publication the user (the secretariat) sets."""
    if not access.can_archive_activity(access.actor_for(user)):
        raise PermissionDenied
    activity = Activity.objects.filter(pk=pk, archived_on__isnull=False).first()
    if activity is None:
        raise Http404
    return activity
