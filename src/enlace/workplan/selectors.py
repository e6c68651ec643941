"""Reads of the work plan's drafting, review and adoption, scoped to the user (rules in
enlace.access). Every page-sized read runs a fixed number of queries, whatever the size of the
plan: the tree of a version is loaded level by level and assembled in Python."""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from enlace import access
from enlace.meetings.models import Meeting
from enlace.meetings.selectors import meetings_visible_to
from enlace.network.models import Country, Organisation
from enlace.reports.models import ReportPoint, number_points
from enlace.reports.selectors import reports_visible_to
from enlace.workplan import progress as plan_progress
from enlace.workplan.models import (
    Activity,
    Amendment,
    Axis,
    Indicator,
    Objective,
    PlanAxis,
    PlanComment,
    PlanLine,
    PlanOfAction,
    WorkPlan,
    WorkPlanVersion,
)

PUBLIC_STATUSES = (WorkPlanVersion.Status.ADOPTED, WorkPlanVersion.Status.SUPERSEDED)


# --- plans and versions ------------------------------------------------------------------------


def versions_visible_to(user: access.Who) -> QuerySet[WorkPlanVersion]:
    actor = access.actor_for(user)
    return WorkPlanVersion.objects.filter(access.workplan_version_filter(actor)).select_related(
        "work_plan"
    )


def plans_visible_to(user: access.Who) -> QuerySet[WorkPlan]:
    """The work plans a user sees: all for the network; for the public, those with an adopted
    (or superseded) version."""
    plans = WorkPlan.objects.select_related("plan_of_action", "body")
    if access.can_read_workplan_drafts(access.actor_for(user)):
        return plans
    return plans.filter(
        Exists(versions_visible_to(user).filter(work_plan=OuterRef("pk")).order_by())
    )


def versions_of(user: access.Who, plan: WorkPlan) -> QuerySet[WorkPlanVersion]:
    """The versions of a plan the user sees, newest first."""
    return (
        versions_visible_to(user)
        .filter(work_plan=plan)
        .select_related("adopted_by_meeting", "based_on")
        .order_by("-number")
    )


def _visible_versions_detail(user: access.Who) -> QuerySet[WorkPlanVersion]:
    return versions_visible_to(user).select_related(
        "work_plan__plan_of_action",
        "based_on",
        "adopted_by_meeting",
        "adopted_at_point__report",
    )


def version_visible(user: access.Who, pk: int) -> WorkPlanVersion:
    version = _visible_versions_detail(user).filter(pk=pk).first()
    if version is None:
        raise Http404
    return version


def plan_visible(user: access.Who, pk: int) -> WorkPlan:
    plan = plans_visible_to(user).filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


@dataclass
class PlanOverview:
    plan: WorkPlan
    versions: list[WorkPlanVersion]
    in_force: WorkPlanVersion | None
    progress: float | None


def plan_overview(user: access.Who) -> list[PlanOverview]:
    """Every plan the user sees with its visible versions, the version in force and its
    progress, and the Plan of Action it belongs to (axes and lines of action prefetched)."""
    plans = list(
        plans_visible_to(user)
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=versions_visible_to(user)
                .select_related("adopted_by_meeting")
                .order_by("-number"),
                to_attr="visible_versions",
            ),
            Prefetch(
                "plan_of_action__axes",
                queryset=PlanAxis.objects.prefetch_related(
                    Prefetch("lines", queryset=PlanLine.objects.order_by("position"))
                ).order_by("position"),
            ),
        )
        .order_by("-period_start", "pk")
    )
    overviews = []
    for plan in plans:
        versions: list[WorkPlanVersion] = plan.visible_versions
        in_force = next((v for v in versions if v.status == WorkPlanVersion.Status.ADOPTED), None)
        overviews.append(PlanOverview(plan, versions, in_force, None))
    progress = versions_progress([o.in_force.pk for o in overviews if o.in_force is not None])
    for overview in overviews:
        if overview.in_force is not None:
            overview.progress = progress.get(overview.in_force.pk)
    return overviews


def versions_progress(version_ids: Sequence[int]) -> dict[int, float | None]:
    """The progress of each version, in two queries whatever the number of versions."""
    if not version_ids:
        return {}
    objectives = list(
        Objective.objects.filter(version_id__in=version_ids)
        .order_by()
        .only("pk", "version_id", "weight")
    )
    activities = (
        Activity.objects.filter(version_id__in=version_ids)
        .order_by()
        .only("pk", "objective_id", "weight", "status", "progress")
    )
    by_objective: dict[int, list[Activity]] = defaultdict(list)
    for activity in activities:
        by_objective[activity.objective_id].append(activity)
    by_version: dict[int, list[plan_progress.ObjectiveProgress]] = defaultdict(list)
    for objective in objectives:
        by_version[objective.version_id].append(
            plan_progress.ObjectiveProgress(
                objective.pk,
                objective.weight,
                plan_progress.objective_progress(by_objective[objective.pk]),
            )
        )
    return {pk: plan_progress.plan_progress(by_version[pk]) for pk in version_ids}


# --- the tree of a version ---------------------------------------------------------------------


@dataclass
class ReviewSummary:
    comments: int = 0
    pending: int = 0
    accepted: int = 0
    rejected: int = 0

    @property
    def amendments(self) -> int:
        return self.pending + self.accepted + self.rejected


@dataclass
class ActivityNode:
    activity: Activity
    label: str
    progress: int
    comments: list[PlanComment] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)


@dataclass
class ObjectiveNode:
    objective: Objective
    label: str
    progress: float | None
    activities: list[ActivityNode] = field(default_factory=list)
    comments: list[PlanComment] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)


@dataclass
class AxisNode:
    axis: Axis
    label: str
    progress: float | None
    objectives: list[ObjectiveNode] = field(default_factory=list)

    @property
    def activity_count(self) -> int:
        return sum(len(o.activities) for o in self.objectives)


@dataclass
class VersionTree:
    version: WorkPlanVersion
    axes: list[AxisNode]
    progress: float | None
    review: ReviewSummary
    comments: list[PlanComment] = field(default_factory=list)  # on the whole version
    amendments: list[Amendment] = field(default_factory=list)

    @property
    def activity_count(self) -> int:
        return sum(len(o.activities) for a in self.axes for o in a.objectives)

    def objectives(self) -> Iterable[ObjectiveNode]:
        for axis in self.axes:
            yield from axis.objectives

    def activities(self) -> Iterable[ActivityNode]:
        for objective in self.objectives():
            yield from objective.activities


def _count(model: type[models.Model], **filters: Any) -> Coalesce:
    counted = (
        model._default_manager.filter(version=OuterRef("pk"), **filters)
        .order_by()
        .values("version")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _activities(user: access.Who, version: WorkPlanVersion) -> list[Activity]:
    """The activities of a version with what a tree shows, each marked ``readable`` (the public
    does not see archived activities whose archive entry is unpublished), with their relations
    as plain lists (``attach_relations``)."""
    actor = access.actor_for(user)
    activities = Activity.objects.filter(version=version).order_by()  # _assemble sorts them
    if access.can_read_workplan_drafts(actor):
        activities = activities.annotate(readable=Value(True, output_field=BooleanField()))
    else:
        activities = activities.annotate(
            readable=Case(
                When(access.activity_read_filter(actor), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    found: list[Activity] = list(activities)
    attach_relations(found, version)
    return found


def attach_relations(activities: Sequence[Activity], version: WorkPlanVersion) -> None:
    """Give each activity of ``version`` its responsible countries (by ISO3 code), its
    responsible organisations and its indicators (in the order they were added) as plain lists:
    ``responsible_country_list``, ``responsible_organisation_list``, ``indicator_list``. Three
    queries over the whole version: Django's prefetch_related builds a queryset per activity and
    relation, which for a 500-activity plan cost more than the queries themselves."""
    countries = _linked(
        Activity.responsible_countries.through.objects.filter(activity__version=version),
        "country",
        Country,
        order=("country__code", "pk"),
    )
    organisations = _linked(
        Activity.responsible_organisations.through.objects.filter(activity__version=version),
        "organisation",
        Organisation,
        order=("organisation_id",),
    )
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in Indicator.objects.filter(activity__version=version).order_by("pk"):
        indicators[indicator.activity_id].append(indicator)
    for activity in activities:
        holder: Any = activity  # the lists are attributes the model does not declare
        holder.responsible_country_list = countries.get(activity.pk, [])
        holder.responsible_organisation_list = organisations.get(activity.pk, [])
        holder.indicator_list = indicators.get(activity.pk, [])


def _linked[M: models.Model](
    links: QuerySet[Any], relation: str, model: type[M], *, order: Sequence[str]
) -> dict[int, list[M]]:
    """The objects each activity links to through a many-to-many table, in one query that reads
    the objects' columns with the links; each object is made once, however many activities
    share it (a country is responsible for hundreds of activities of a plan)."""
    names = [f.attname for f in model._meta.concrete_fields]
    pk_at = names.index(model._meta.pk.attname)
    made: dict[Any, M] = {}
    found: dict[int, list[M]] = defaultdict(list)
    rows = links.order_by(*order).values_list(
        "activity_id", *(f"{relation}__{name}" for name in names)
    )
    for activity_id, *values in rows:
        instance = made.get(values[pk_at])
        if instance is None:
            instance = made[values[pk_at]] = model.from_db(links.db, names, values)
        found[activity_id].append(instance)
    return found


def responsible_countries_of(activity: Activity) -> list[Country]:
    """The activity's responsible countries: the list ``attach_relations`` gave it, else read
    (prefetched or not) from the relation."""
    attached = getattr(activity, "responsible_country_list", None)
    return attached if attached is not None else list(activity.responsible_countries.all())


def responsible_organisations_of(activity: Activity) -> list[Organisation]:
    attached = getattr(activity, "responsible_organisation_list", None)
    return attached if attached is not None else list(activity.responsible_organisations.all())


def indicators_of(activity: Activity) -> list[Indicator]:
    attached = getattr(activity, "indicator_list", None)
    return attached if attached is not None else list(activity.indicators.all())


def version_tree(user: access.Who, version_id: int) -> VersionTree:
    """A version's axes → objectives → activities with their responsible countries and
    organisations and indicators, each objective's and axis's progress and the plan's, and
    where the review stands. Seven queries, whatever the size of the plan."""
    version = (
        _visible_versions_detail(user)
        .annotate(
            n_comments=_count(PlanComment),
            n_pending=_count(Amendment, status=Amendment.Status.PENDING),
            n_accepted=_count(Amendment, status=Amendment.Status.ACCEPTED),
            n_rejected=_count(Amendment, status=Amendment.Status.REJECTED),
        )
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        raise Http404
    review = ReviewSummary(
        comments=version.n_comments,
        pending=version.n_pending,
        accepted=version.n_accepted,
        rejected=version.n_rejected,
    )
    return _assemble(
        version,
        axes=list(
            Axis.objects.filter(version=version)
            .select_related("plan_line__axis")
            .order_by("position", "pk")
        ),
        objectives=list(
            Objective.objects.filter(version=version).order_by("axis__position", "position", "pk")
        ),
        activities=_activities(user, version),
        review=review,
    )


def _assemble(
    version: WorkPlanVersion,
    *,
    axes: list[Axis],
    objectives: list[Objective],
    activities: list[Activity],
    review: ReviewSummary,
) -> VersionTree:
    by_objective: dict[int, list[Activity]] = defaultdict(list)
    for activity in activities:
        by_objective[activity.objective_id].append(activity)
    by_axis: dict[int, list[Objective]] = defaultdict(list)
    for objective in objectives:
        by_axis[objective.axis_id].append(objective)
    axis_nodes = []
    all_objectives: list[plan_progress.ObjectiveProgress] = []
    for a, axis in enumerate(axes, start=1):
        objective_nodes = []
        axis_objectives: list[plan_progress.ObjectiveProgress] = []
        for o, objective in enumerate(by_axis[axis.pk], start=1):
            own = sorted(by_objective[objective.pk], key=lambda x: (x.position, x.pk))
            progress = plan_progress.objective_progress(own)
            axis_objectives.append(
                plan_progress.ObjectiveProgress(objective.pk, objective.weight, progress)
            )
            objective_nodes.append(
                ObjectiveNode(
                    objective,
                    f"{a}.{o}",
                    progress,
                    [
                        ActivityNode(x, f"{a}.{o}.{n}", plan_progress.activity_progress(x))
                        for n, x in enumerate(own, start=1)
                        if getattr(x, "readable", True)
                    ],
                )
            )
        all_objectives.extend(axis_objectives)
        axis_nodes.append(
            AxisNode(axis, str(a), plan_progress.plan_progress(axis_objectives), objective_nodes)
        )
    return VersionTree(
        version=version,
        axes=axis_nodes,
        progress=plan_progress.plan_progress(all_objectives),
        review=review,
    )


def version_review(user: access.Who, version_id: int) -> VersionTree:
    """The tree of a version with every comment and amendment on its objectives and activities
    (and on the whole version). The review is the network's: others are refused."""
    if not access.can_view_workplan_review(access.actor_for(user)):
        version_visible(user, version_id)  # a version the user may not see is missing
        raise PermissionDenied
    tree = version_tree(user, version_id)
    comments = PlanComment.objects.filter(version=tree.version).select_related("author")
    amendments = Amendment.objects.filter(version=tree.version).select_related(
        "country", "proposed_by", "decided_by"
    )
    objectives = {node.objective.pk: node for node in tree.objectives()}
    activities = {node.activity.pk: node for node in tree.activities()}
    for comment in comments:
        holder: Any = tree
        if comment.activity_id is not None:
            holder = activities.get(comment.activity_id)
        elif comment.objective_id is not None:
            holder = objectives.get(comment.objective_id)
        if holder is not None:
            holder.comments.append(comment)
    for amendment in amendments:
        holder = tree
        if amendment.activity_id is not None:
            holder = activities.get(amendment.activity_id)
        elif amendment.objective_id is not None:
            holder = objectives.get(amendment.objective_id)
        if holder is not None:
            holder.amendments.append(amendment)
    return tree


def review_target(
    version: WorkPlanVersion, objective_id: int | None, activity_id: int | None
) -> tuple[Objective | None, Activity | None]:
    """The objective or activity of a version a comment or amendment is about (404 if it is not
    one of the version's)."""
    objective = activity = None
    if objective_id is not None:
        objective = Objective.objects.filter(version=version, pk=objective_id).first()
        if objective is None:
            raise Http404
    if activity_id is not None:
        activity = Activity.objects.filter(version=version, pk=activity_id).first()
        if activity is None:
            raise Http404
    return objective, activity


def amendment_for_decision(user: access.Who, pk: int) -> Amendment:
    actor = access.actor_for(user)
    amendment = (
        Amendment.objects.filter(version__in=versions_visible_to(user))
        .select_related("version")
        .filter(pk=pk)
        .first()
    )
    if amendment is None or not access.can_view_workplan_review(actor):
        raise Http404
    return amendment


# --- drafting ----------------------------------------------------------------------------------


def editable_version(user: access.Who, pk: int) -> WorkPlanVersion:
    """A version the user drafts (404 if they may not see it, 403 if they may not edit it)."""
    version = version_visible(user, pk)
    if not access.can_edit_workplan_version(access.actor_for(user), version.status):
        raise PermissionDenied
    return version


def editable_item[T: Axis | Objective | Activity](user: access.Who, model: type[T], pk: int) -> T:
    """An axis, objective or activity of a version the user drafts (404 if they may not see
    the version, 403 if they may not edit it)."""
    item: T | None = (
        model._default_manager.filter(version__in=versions_visible_to(user))
        .select_related("version__work_plan__plan_of_action")
        .filter(pk=pk)
        .first()  # type: ignore[assignment]
    )
    if item is None:
        raise Http404
    if not access.can_edit_workplan_version(access.actor_for(user), item.version.status):
        raise PermissionDenied
    return item


def plan_lines_of(version: WorkPlanVersion) -> QuerySet[PlanLine]:
    return PlanLine.objects.filter(
        axis__plan_id=version.work_plan.plan_of_action_id
    ).select_related("axis")


# --- adoption ------------------------------------------------------------------------------------


def adoption_meetings(user: access.Who) -> QuerySet[Meeting]:
    return meetings_visible_to(user).order_by("-start_date", "-pk")


def adoption_points(user: access.Who, meeting: Meeting) -> list[tuple[str, ReportPoint]]:
    """The points of the reports of a meeting, labelled as in the report ("ES 4.")."""
    reports = list(
        reports_visible_to(user)
        .filter(meeting=meeting)
        .prefetch_related(Prefetch("points", queryset=ReportPoint.objects.order_by("position")))
        .order_by("language", "pk")
    )
    labelled: list[tuple[str, ReportPoint]] = []
    for report in reports:
        for label, point in number_points(list(report.points.all())):
            point.report = report
            labelled.append((f"{report.language.upper()} {label}", point))
    return labelled


# --- comparing two versions ---------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class CompareRow:
    level: str  # axis, objective, activity
    kind: str  # added, removed, changed, same
    a: Any
    b: Any
    label_a: str = ""
    label_b: str = ""
    changes: list[FieldChange] = field(default_factory=list)
    # What the page shows, made once per row in Python: a template resolving each of them for
    # a thousand rows was most of the comparison's time.
    level_name: str = ""
    kind_name: str = ""
    title_a: str = ""
    title_b: str = ""

    @property
    def item(self) -> Any:
        return self.b if self.b is not None else self.a


@dataclass
class Comparison:
    a: WorkPlanVersion
    b: WorkPlanVersion
    rows: list[CompareRow]

    def count(self, kind: str, level: str | None = None) -> int:
        return sum(1 for r in self.rows if r.kind == kind and (level is None or r.level == level))

    @property
    def counts(self) -> dict[str, int]:
        return {k: self.count(k) for k in ("added", "removed", "changed", "same")}


def _verbose(model: type[models.Model], name: str) -> str:
    return str(capfirst(model._meta.get_field(name).verbose_name))  # type: ignore[union-attr]


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


Compared = tuple[Any, str]  # what is compared, what is shown


class _Labels:
    """What the comparison calls each field, in the current language, made once per comparison:
    a label made per field and activity was most of the time of comparing 500 activities."""

    def __init__(self) -> None:
        self.axis = _("Axis")
        self.objective = _("Objective")
        self.indicators = _("Indicators")
        self.statuses = {value: str(label) for value, label in Activity.Status.choices}
        self._fields: dict[tuple[type[models.Model], str], str] = {}

    def __call__(self, model: type[models.Model], name: str) -> str:
        label = self._fields.get((model, name))
        if label is None:
            label = self._fields[(model, name)] = _verbose(model, name)
        return label


def _axis_fields(axis: Axis, titles: Mapping[Any, str], v: _Labels) -> dict[str, Compared]:
    line = axis.plan_line
    return {
        v(Axis, "title_es"): (axis.title_es, axis.title_es),
        v(Axis, "title_en"): (axis.title_en, axis.title_en),
        v(Axis, "plan_line"): (axis.plan_line_id, str(line) if line else ""),
    }


def _objective_fields(
    objective: Objective, titles: Mapping[Any, str], v: "_Labels"
) -> dict[str, Compared]:
    axis_key = objective.axis.key
    return {
        v(Objective, "title_es"): (objective.title_es, objective.title_es),
        v(Objective, "title_en"): (objective.title_en, objective.title_en),
        v(Objective, "description_es"): (
            objective.description_es,
            objective.description_es,
        ),
        v(Objective, "description_en"): (
            objective.description_en,
            objective.description_en,
        ),
        v.axis: (axis_key, titles.get(("axis", objective.axis_id), "")),
        v(Objective, "weight"): (objective.weight, str(objective.weight)),
    }


def _activity_fields(
    activity: Activity, titles: Mapping[Any, str], v: "_Labels"
) -> dict[str, Compared]:
    countries = responsible_countries_of(activity)
    organisations = responsible_organisations_of(activity)
    indicators = [(i.name, i.baseline, i.target) for i in indicators_of(activity)]
    return {
        v(Activity, "title_es"): (activity.title_es, activity.title_es),
        v(Activity, "title_en"): (activity.title_en, activity.title_en),
        v(Activity, "description_es"): (activity.description_es, activity.description_es),
        v(Activity, "description_en"): (activity.description_en, activity.description_en),
        v.objective: (
            activity.objective.key,
            titles.get(("objective", activity.objective_id), ""),
        ),
        v(Activity, "responsible_countries"): (
            sorted(c.code for c in countries),
            ", ".join(sorted(c.name for c in countries)),
        ),
        v(Activity, "responsible_organisations"): (
            sorted(o.pk for o in organisations),
            ", ".join(sorted(o.acronym or o.name for o in organisations)),
        ),
        v(Activity, "partners"): (activity.partners, activity.partners),
        v(Activity, "start_date"): (activity.start_date, _text(activity.start_date)),
        v(Activity, "end_date"): (activity.end_date, _text(activity.end_date)),
        v(Activity, "weight"): (activity.weight, str(activity.weight)),
        v(Activity, "status"): (activity.status, v.statuses.get(activity.status, activity.status)),
        v(Activity, "progress"): (activity.progress, f"{activity.progress} %"),
        v.indicators: (
            indicators,
            "; ".join(
                f"{name} ({baseline or '—'} → {target or '—'})"
                for name, baseline, target in indicators
            ),
        ),
    }


def _changes(
    fields_a: Mapping[str, Compared], fields_b: Mapping[str, Compared]
) -> list[FieldChange]:
    return [
        FieldChange(label, _text(fields_a[label][1]), _text(shown))
        for label, (value, shown) in fields_b.items()
        if fields_a[label][0] != value
    ]


@dataclass
class _Side:
    tree: VersionTree
    titles: dict[Any, str]
    axes: dict[Any, AxisNode]
    objectives: dict[Any, ObjectiveNode]
    activities: dict[Any, ActivityNode]


def _side(tree: VersionTree) -> _Side:
    titles: dict[Any, str] = {}
    axes = {}
    objectives = {}
    activities = {}
    for axis in tree.axes:
        axes[axis.axis.key] = axis
        titles[("axis", axis.axis.pk)] = f"{axis.label}. {axis.axis.title}"
        for objective in axis.objectives:
            objective.objective.axis = axis.axis
            objectives[objective.objective.key] = objective
            titles[("objective", objective.objective.pk)] = (
                f"{objective.label} {objective.objective.title}"
            )
            for activity in objective.activities:
                activity.activity.objective = objective.objective
                activities[activity.activity.key] = activity
    return _Side(tree, titles, axes, objectives, activities)


def _row(
    level: str,
    a: Any,
    b: Any,
    side_a: _Side,
    side_b: _Side,
    fields: Callable[[Any, Mapping[Any, str], _Labels], dict[str, Compared]],
    labels: _Labels,
) -> CompareRow:
    item_a = getattr(a, level) if a is not None else None
    item_b = getattr(b, level) if b is not None else None
    changes: list[FieldChange]
    if a is None:
        kind, changes = "added", []
    elif b is None:
        kind, changes = "removed", []
    else:
        changes = _changes(
            fields(item_a, side_a.titles, labels), fields(item_b, side_b.titles, labels)
        )
        kind = "changed" if changes else "same"
    return CompareRow(
        level=level,
        kind=kind,
        a=item_a,
        b=item_b,
        label_a=a.label if a is not None else "",
        label_b=b.label if b is not None else "",
        changes=changes,
    )


def _merge[N](b_items: list[N], a_items: list[N], key: Callable[[N], Any]) -> list[Any]:
    """Keys in B's order, then those only in A, in A's order."""
    keys = [key(n) for n in b_items]
    seen = set(keys)
    keys += [key(n) for n in a_items if key(n) not in seen]
    return keys


def version_compare(user: access.Who, a_id: int, b_id: int) -> Comparison:
    """Two versions compared by the keys of their axes, objectives and activities: what B added,
    what it removed, and what changed, field by field. An item placed under another parent in B
    is shown under its parent in B (the change of parent is one of its changes)."""
    tree_a = version_tree(user, a_id)
    tree_b = version_tree(user, b_id)
    side_a, side_b = _side(tree_a), _side(tree_b)
    labels = _Labels()
    rows: list[CompareRow] = []

    def objectives_under(side: _Side, axis_key: Any) -> list[ObjectiveNode]:
        node = side.axes.get(axis_key)
        return node.objectives if node is not None else []

    def activities_under(side: _Side, objective_key: Any) -> list[ActivityNode]:
        node = side.objectives.get(objective_key)
        return node.activities if node is not None else []

    placed_objectives: set[Any] = set()
    placed_activities: set[Any] = set()
    for axis_key in _merge(tree_b.axes, tree_a.axes, lambda n: n.axis.key):
        rows.append(
            _row(
                "axis",
                side_a.axes.get(axis_key),
                side_b.axes.get(axis_key),
                side_a,
                side_b,
                _axis_fields,
                labels,
            )
        )
        # Objectives under this axis in B, then those under it in A that B does not hold.
        objective_keys = [n.objective.key for n in objectives_under(side_b, axis_key)] + [
            n.objective.key
            for n in objectives_under(side_a, axis_key)
            if n.objective.key not in side_b.objectives
        ]
        for objective_key in objective_keys:
            if objective_key in placed_objectives:
                continue
            placed_objectives.add(objective_key)
            rows.append(
                _row(
                    "objective",
                    side_a.objectives.get(objective_key),
                    side_b.objectives.get(objective_key),
                    side_a,
                    side_b,
                    _objective_fields,
                    labels,
                )
            )
            activity_keys = [n.activity.key for n in activities_under(side_b, objective_key)] + [
                n.activity.key
                for n in activities_under(side_a, objective_key)
                if n.activity.key not in side_b.activities
            ]
            for activity_key in activity_keys:
                if activity_key in placed_activities:
                    continue
                placed_activities.add(activity_key)
                rows.append(
                    _row(
                        "activity",
                        side_a.activities.get(activity_key),
                        side_b.activities.get(activity_key),
                        side_a,
                        side_b,
                        _activity_fields,
                        labels,
                    )
                )
    names = {
        "axis": labels.axis,
        "objective": labels.objective,
        "activity": _("Activity"),
        "added": _("added"),
        "removed": _("removed"),
        "changed": _("changed"),
        "same": _("unchanged"),
    }
    for row in rows:
        row.level_name = names[row.level]
        row.kind_name = names[row.kind]
        row.title_a = f"{row.label_a} {row.a.title}" if row.a is not None else ""
        row.title_b = f"{row.label_b} {row.b.title}" if row.b is not None else ""
    return Comparison(tree_a.version, tree_b.version, rows)


# --- conflicts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictRow:
    label: str
    opened: str
    saved: str


CONFLICT_IGNORED = {"id", "version_id", "key", "position", "updated_at"}


def conflict_rows(
    model: type[models.Model], opened: Mapping[str, Any] | None, saved: Mapping[str, Any]
) -> list[ConflictRow]:
    """What someone else changed since an edit form was opened: each field whose saved value
    differs from the one the form opened with, shown as a person reads it."""
    names = [k for k in saved if k not in CONFLICT_IGNORED]
    if opened is not None:
        names = [k for k in names if opened.get(k) != saved.get(k)]
    describe = _describer(model, [opened or {}, saved], names)
    return [
        ConflictRow(
            label=_field_label(model, name),
            opened=describe(name, opened.get(name)) if opened is not None else "—",
            saved=describe(name, saved.get(name)),
        )
        for name in names
    ]


def _field_label(model: type[models.Model], name: str) -> str:
    if name == "indicators":
        return _("Indicators")
    for f in model._meta.get_fields():
        if getattr(f, "attname", f.name) == name or f.name == name:
            return str(capfirst(getattr(f, "verbose_name", name)))
    return name


def _describer(
    model: type[models.Model], snapshots: Sequence[Mapping[str, Any]], names: Sequence[str]
) -> Callable[[str, Any], str]:
    """Turn stored values (ids, codes) into what a person reads, in a few queries."""

    def ids(name: str) -> set[Any]:
        found: set[Any] = set()
        for data in snapshots:
            value = data.get(name)
            if isinstance(value, list):
                found.update(value)
            elif value is not None:
                found.add(value)
        return found

    lookups: dict[str, dict[Any, str]] = {}
    related: dict[str, Callable[[set[Any]], dict[Any, str]]] = {
        "responsible_countries": lambda pks: {
            c.pk: c.name for c in Country.objects.filter(pk__in=pks)
        },
        "responsible_organisations": lambda pks: {
            o.pk: o.acronym or o.name for o in Organisation.objects.filter(pk__in=pks)
        },
        "objective_id": lambda pks: {o.pk: o.title for o in Objective.objects.filter(pk__in=pks)},
        "axis_id": lambda pks: {a.pk: a.title for a in Axis.objects.filter(pk__in=pks)},
        "plan_line_id": lambda pks: {p.pk: p.name for p in PlanLine.objects.filter(pk__in=pks)},
    }
    for name in names:
        if name in related:
            lookups[name] = related[name](ids(name))
    choices: dict[str, dict[Any, str]] = {}
    for f in model._meta.concrete_fields:
        if f.choices:
            choices[f.attname] = {k: str(v) for k, v in f.flatchoices}

    def describe(name: str, value: Any) -> str:
        if name == "indicators":
            return (
                "; ".join(f"{n} ({b or '—'} → {t or '—'})" for n, b, t, *_rest in value or [])
                or "—"
            )
        if name in lookups:
            if isinstance(value, list):
                return ", ".join(sorted(lookups[name].get(v, str(v)) for v in value)) or "—"
            return lookups[name].get(value, _text(value))
        if name in choices:
            return choices[name].get(value, _text(value))
        return _text(value)

    return describe


def plans_of_action_managed_by(user: access.Who) -> QuerySet[PlanOfAction]:
    """The Plans of Action with their axes and lines of action and the work plans annexed to
    them, for the secretariat's administration page (PermissionDenied for anyone else)."""
    if not access.can_manage_plan_of_action(access.actor_for(user)):
        raise PermissionDenied
    return PlanOfAction.objects.prefetch_related(
        Prefetch(
            "axes",
            queryset=PlanAxis.objects.prefetch_related(
                Prefetch("lines", queryset=PlanLine.objects.order_by("position"))
            ).order_by("position"),
        ),
        Prefetch("work_plans", queryset=WorkPlan.objects.order_by("-period_start", "pk")),
    )


def objectives_in_drafting(user: access.Who) -> QuerySet[Objective]:
    """The objectives of draft and in-review versions, where a new activity can go (the
    drafting rules themselves are the services'); for the network only."""
    if not access.can_read_workplan_drafts(access.actor_for(user)):
        return Objective.objects.none()
    return (
        Objective.objects.filter(version__status__in=["draft", "review"])
        .select_related("version__work_plan", "axis")
        .order_by("version__work_plan_id", "-version__number", "axis__position", "position")
    )


def plan_record_managed[T: (PlanOfAction, PlanAxis, PlanLine, WorkPlan)](
    user: access.Who, model: type[T], pk: int
) -> T:
    """A Plan of Action, one of its axes or lines (the secretariat's), or a work plan (its
    drafters') on its edit page: PermissionDenied for anyone else, 404 when missing."""
    actor = access.actor_for(user)
    allowed = (
        access.can_draft_workplan(actor)
        if model is WorkPlan
        else access.can_manage_plan_of_action(actor)
    )
    if not allowed:
        raise PermissionDenied
    found = model._default_manager.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def activity_as_saved(user: access.Who, pk: int) -> Activity:
    """An activity as the database holds it now (after an edit conflict, the other change)."""
    activity = (
        Activity.objects.filter(access.activity_read_filter(access.actor_for(user)))
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def version_activities(
    user: access.Who,
    version: WorkPlanVersion,
    *,
    status: str = "",
    country_code: str = "",
    axis_id: int | None = None,
) -> QuerySet[Activity]:
    """A version's activities the user may read (the API's list), filtered by status, a
    responsible country's ISO3 code and an axis."""
    activities = Activity.objects.filter(
        access.activity_read_filter(access.actor_for(user)), version=version
    )
    if status:
        activities = activities.filter(status=status)
    if country_code:
        activities = activities.filter(
            Exists(
                Activity.responsible_countries.through.objects.filter(
                    activity_id=OuterRef("pk"), country__code=country_code
                )
            )
        )
    if axis_id is not None:
        activities = activities.filter(objective__axis_id=axis_id)
    return activities.select_related("objective").prefetch_related(
        "responsible_countries",
        Prefetch("responsible_organisations", queryset=Organisation.objects.order_by("pk")),
    )


# --- what waits on the user (its home) --------------------------------------------------------

IN_DRAFTING = (WorkPlanVersion.Status.DRAFT, WorkPlanVersion.Status.REVIEW)


def versions_in_drafting(user: access.Who) -> QuerySet[WorkPlanVersion]:
    """The draft and in-review versions the user drafts (the secretariat, the PPT's officers),
    each with ``pending``: how many amendments wait for the drafters' decision."""
    if not access.can_draft_workplan(access.actor_for(user)):
        return WorkPlanVersion.objects.none()
    return (
        versions_visible_to(user)
        .filter(status__in=IN_DRAFTING)
        .annotate(
            pending=Count(
                "amendments", filter=models.Q(amendments__status=Amendment.Status.PENDING)
            )
        )
        .order_by("work_plan__name_es", "-number")
    )


def versions_open_for_review(user: access.Who) -> QuerySet[WorkPlanVersion]:
    """The versions in review the user may comment on (and, an officer, amend) without drafting
    them: member countries' officers and observers."""
    actor = access.actor_for(user)
    status = WorkPlanVersion.Status.REVIEW
    if access.can_draft_workplan(actor) or not access.can_comment_on_workplan(actor, status):
        return WorkPlanVersion.objects.none()
    return versions_visible_to(user).filter(status=status).order_by("work_plan__name_es", "-number")
