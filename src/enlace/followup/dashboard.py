"""The follow-up dashboard of a plan in force: progress by axis, by responsible country and by
deadline, and the late activities, as accessible SVG bar charts drawn on the server, each with
its data table.

Everything is aggregated by the database (a handful of grouped queries), so the page costs the
same number of queries — and nearly the same time — with 10 or 10,000 activities. Progress is
computed as in ``enlace.workplan.progress``: a completed activity counts 100 %, cancelled ones
do not count, an objective is the weighted mean of its activities, an axis and the plan the
weighted mean of their objectives, a country the weighted mean of the activities it answers for.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from enlace import access
from enlace.core import charts
from enlace.followup.selectors import late_q
from enlace.network.models import Country
from enlace.workplan.models import Activity, Axis, Objective, WorkPlanVersion
from enlace.workplan.progress import weighted_progress

LATE_LIST_LIMIT = 100
_COUNTED = ~Q(status=Activity.Status.CANCELLED)
_OPEN = ~Q(status__in=[Activity.Status.COMPLETED, Activity.Status.CANCELLED])
_EFFECTIVE = Case(
    When(status=Activity.Status.COMPLETED, then=Value(100)),
    default=F("progress"),
    output_field=IntegerField(),
)


def quarter_ends(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last day of this calendar quarter and of the next one."""

    def end_of_quarter(year: int, quarter: int) -> datetime.date:  # quarter 0..3
        year += quarter // 4
        quarter %= 4
        first_of_next = (
            datetime.date(year + 1, 1, 1)
            if quarter == 3
            else datetime.date(year, 3 * quarter + 4, 1)
        )
        return first_of_next - datetime.timedelta(days=1)

    quarter = (today.month - 1) // 3
    return end_of_quarter(today.year, quarter), end_of_quarter(today.year, quarter + 1)


@dataclass
class Row:
    """One bar and one line of the table."""

    label: str
    value: float | None
    count: int
    progress: float | None = None
    late: int = 0
    href: str = ""
    kind: str = ""


@dataclass
class Chart:
    key: str
    title: str
    desc: str
    rows: list[Row]
    unit: str  # "percent" (bars are progress) or "count" (bars are numbers of activities)

    @property
    def svg(self) -> SafeString:
        return bar_chart_svg(self)


@dataclass
class Dashboard:
    version: WorkPlanVersion
    plans: list[WorkPlanVersion]
    axes: list[Axis]
    countries: list[Country]
    axis: Axis | None
    country: Country | None
    today: datetime.date
    overall: float | None
    activity_count: int
    by_axis: Chart
    by_country: Chart
    by_deadline: Chart
    late: list[Activity] = field(default_factory=list)
    late_total: int = 0

    @property
    def charts(self) -> list[Chart]:
        return [self.by_axis, self.by_country, self.by_deadline]


def plans_in_force() -> list[WorkPlanVersion]:
    """The adopted version of every work plan that has one, the most recent plan first."""
    return list(
        WorkPlanVersion.objects.filter(status=WorkPlanVersion.Status.ADOPTED)
        .select_related("work_plan")
        .order_by("-work_plan__period_start", "work_plan__pk")
    )


def _ratio(weighted: int | None, weight: int | None) -> float | None:
    return round(weighted / weight, 1) if weight and weighted is not None else None


def _sums(queryset: QuerySet[Activity], group: str, today: datetime.date) -> list[dict[str, Any]]:
    return list(
        queryset.order_by()
        .values(group)
        .annotate(
            n=Count("pk", distinct=True),
            w=Sum("weight", filter=_COUNTED),
            wp=Sum(F("weight") * _EFFECTIVE, filter=_COUNTED),
            late=Count("pk", filter=late_q(today), distinct=True),
        )
    )


def _axis_rows(
    version: WorkPlanVersion,
    axes: list[Axis],
    activities: QuerySet[Activity],
    today: datetime.date,
    link: Callable[[dict[str, Any]], str],
) -> tuple[list[Row], float | None, int, int]:
    objectives = list(Objective.objects.filter(version=version).values("pk", "axis_id", "weight"))
    sums = {row["objective_id"]: row for row in _sums(activities, "objective_id", today)}
    per_axis: dict[int, list[tuple[int, float]]] = {}
    counts: dict[int, int] = {}
    late: dict[int, int] = {}
    everything: list[tuple[int, float]] = []
    for objective in objectives:
        row = sums.get(objective["pk"])
        if row is None:
            continue
        axis_id = objective["axis_id"]
        counts[axis_id] = counts.get(axis_id, 0) + row["n"]
        late[axis_id] = late.get(axis_id, 0) + row["late"]
        value = _ratio(row["wp"], row["w"])
        if value is not None:
            per_axis.setdefault(axis_id, []).append((objective["weight"], value))
            everything.append((objective["weight"], value))
    rows = [
        Row(
            label=f"{axis.position}. {axis.title}",
            value=weighted_progress(per_axis.get(axis.pk, [])),
            progress=weighted_progress(per_axis.get(axis.pk, [])),
            count=counts.get(axis.pk, 0),
            late=late.get(axis.pk, 0),
            href=link({"axis": axis.pk}),
        )
        for axis in axes
        if axis.pk in counts
    ]
    return rows, weighted_progress(everything), sum(counts.values()), sum(late.values())


def _country_rows(
    countries: dict[int, Country],
    activities: QuerySet[Activity],
    today: datetime.date,
    only: Country | None,
    link: Callable[[dict[str, Any]], str],
) -> list[Row]:
    rows = []
    for row in _sums(activities, "responsible_countries", today):
        country = countries.get(row["responsible_countries"])
        if country is None or (only is not None and country.pk != only.pk):
            continue
        value = _ratio(row["wp"], row["w"])
        rows.append(
            Row(
                label=country.name,
                value=value,
                progress=value,
                count=row["n"],
                late=row["late"],
                href=link({"country": country.code}),
            )
        )
    return sorted(rows, key=lambda r: r.label)


def _deadline_rows(activities: QuerySet[Activity], today: datetime.date) -> list[Row]:
    this_end, next_end = quarter_ends(today)
    bucket = Case(
        When(end_date__isnull=True, then=Value("none")),
        When(end_date__lt=today, then=Value("late")),
        When(end_date__lte=this_end, then=Value("this")),
        When(end_date__lte=next_end, then=Value("next")),
        default=Value("later"),
        output_field=CharField(),
    )
    sums = {
        row["bucket"]: row
        for row in activities.filter(_OPEN)
        .order_by()
        .annotate(bucket=bucket)
        .values("bucket")
        .annotate(n=Count("pk"), w=Sum("weight"), wp=Sum(F("weight") * F("progress")))
    }
    labels = [
        ("late", _("Late (deadline passed)")),
        ("this", _("Due this quarter (until %(date)s)") % {"date": date_format(this_end)}),
        ("next", _("Due next quarter (until %(date)s)") % {"date": date_format(next_end)}),
        ("later", _("Due later")),
        ("none", _("No deadline")),
    ]
    rows = []
    for key, label in labels:
        row: dict[str, Any] = dict(sums.get(key, {}))
        value = _ratio(row.get("wp"), row.get("w"))
        rows.append(
            Row(
                label=label,
                value=float(row.get("n", 0)),
                count=row.get("n", 0),
                progress=value,
                kind=key,
            )
        )
    return rows


def dashboard(
    user: access.Who,
    *,
    plan: str = "",
    axis: int | None = None,
    country: str = "",
    today: datetime.date | None = None,
) -> Dashboard | None:
    """The dashboard of the plan in force ``plan`` (a work plan's slug; the most recent plan by
    default), for one axis and one responsible country if given. ``None`` if no plan is in
    force. Only for people of the network."""
    if not access.can_view_workplan_dashboard(access.actor_for(user)):
        raise PermissionDenied
    today = today or timezone.localdate()
    plans = plans_in_force()
    version = next((v for v in plans if v.work_plan.slug == plan), plans[0] if plans else None)
    if version is None:
        return None
    axes = list(Axis.objects.filter(version=version).order_by("position", "pk"))
    countries = list(
        Country.objects.filter(
            pk__in=Activity.responsible_countries.through.objects.filter(
                activity__version=version
            ).values("country_id")
        )
    )
    countries.sort(key=lambda c: c.name)
    chosen_axis = next((a for a in axes if a.pk == axis), None)
    chosen_country = next((c for c in countries if c.code == country), None)

    activities = Activity.objects.filter(version=version)
    if chosen_axis is not None:
        activities = activities.filter(objective__axis=chosen_axis)
    if chosen_country is not None:
        activities = activities.filter(
            pk__in=Activity.objects.filter(responsible_countries=chosen_country).values("pk")
        )

    base = reverse("workplan:dashboard")
    current = {
        "plan": version.work_plan.slug,
        "axis": chosen_axis.pk if chosen_axis else "",
        "country": chosen_country.code if chosen_country else "",
    }

    def link(change: dict[str, Any]) -> str:
        query = {k: v for k, v in {**current, **change}.items() if v not in ("", None)}
        return f"{base}?{urlencode(query)}"

    axis_rows, overall, count, late_total = _axis_rows(version, axes, activities, today, link)
    country_rows = _country_rows(
        {c.pk: c for c in countries}, activities, today, chosen_country, link
    )
    deadline_rows = _deadline_rows(activities, today)
    late = list(
        activities.filter(late_q(today))
        .select_related("objective__axis")
        .prefetch_related("responsible_countries")
        .order_by("end_date", "pk")[:LATE_LIST_LIMIT]
    )
    return Dashboard(
        version=version,
        plans=plans,
        axes=axes,
        countries=countries,
        axis=chosen_axis,
        country=chosen_country,
        today=today,
        overall=overall,
        activity_count=count,
        by_axis=Chart(
            key="by-axis",
            title=_("Progress by axis"),
            desc=_("Weighted progress of each axis of the plan in force, from 0 to 100 per cent."),
            rows=axis_rows,
            unit="percent",
        ),
        by_country=Chart(
            key="by-country",
            title=_("Progress by responsible country"),
            desc=_(
                "Weighted progress of the activities each country is responsible for, from 0 "
                "to 100 per cent."
            ),
            rows=country_rows,
            unit="percent",
        ),
        by_deadline=Chart(
            key="by-deadline",
            title=_("Open activities by deadline"),
            desc=_("Number of activities neither completed nor cancelled, by when they are due."),
            rows=deadline_rows,
            unit="count",
        ),
        late=late,
        late_total=late_total,
    )


# --- drawing ----------------------------------------------------------------------------------

# The chart is drawn about as wide as it is shown (half the page), so its text stays readable.
LAYOUT = charts.Layout(
    value_width=74,
    row_height=46,
    bar_height=16,
    font_size=14,
    label_baseline=15,
    bar_top=22,
    value_baseline=35,
    label_chars=56,
)
COLOURS = {"": charts.COLOUR, "late": charts.LATE_COLOUR}


def format_value(chart: Chart, value: float | None) -> str:
    if value is None:
        return _("no data")
    if chart.unit == "percent":
        return f"{number_format(value, 1)} %"
    return number_format(int(value), 0)


def bar_chart_svg(chart: Chart) -> SafeString:
    """A horizontal bar chart (``enlace.core.charts``): progress out of 100 per cent, or numbers
    of activities; the data table next to it carries the same numbers."""
    bars = [
        charts.Bar(
            row.label,
            row.value,
            format_value(chart, row.value),
            COLOURS.get(row.kind, COLOURS[""]),
        )
        for row in chart.rows
    ]
    return charts.bar_chart(
        key=chart.key,
        title=chart.title,
        desc=chart.desc,
        bars=bars,
        top=100 if chart.unit == "percent" else None,
        layout=LAYOUT,
    )


def late_rows(late: list[Activity], today: datetime.date) -> list[dict[str, Any]]:
    """The late activities as the table lists them: days late and responsible countries."""
    return [
        {
            "activity": activity,
            "days": (today - activity.end_date).days if activity.end_date else 0,
            "countries": ", ".join(c.name for c in activity.responsible_countries.all()),
        }
        for activity in late
    ]
