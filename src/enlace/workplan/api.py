"""The work plan's plans and versions in /api/v1/ (mounted by enlace.api.api; the follow-up and
the archive add theirs under the same "workplan" tag, with the activity summary below).

Same rules as the pages (enlace.access): the public reads adopted and superseded versions;
people of the network read drafts and reviews too. A version the user may not read is a 404.
The public does not read an archived activity whose archive entry is not published (it still
counts in the progress). Reads go through the pages' selectors (enlace.workplan.selectors).
"""

import datetime
import uuid
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from enlace.core.api import (
    BoundedPagination,
    ErrorOut,
    Id,
    MappedQuerySet,
)
from enlace.meetings.selectors import meeting_is_visible
from enlace.network.models import Organisation
from enlace.workplan import selectors
from enlace.workplan.models import Activity, WorkPlanVersion

router = Router(tags=["workplan"])

OPEN = (Activity.Status.PLANNED, Activity.Status.IN_PROGRESS, Activity.Status.POSTPONED)


# --- schemas -----------------------------------------------------------------------------------


class VersionRefOut(Schema):
    id: int
    number: int
    status: str
    adopted_on: datetime.date | None


class PlanOfActionRefOut(Schema):
    slug: str
    name: str


class WorkPlanOut(Schema):
    id: int
    slug: str
    name: str
    name_es: str
    name_en: str
    body: str
    plan_of_action: PlanOfActionRefOut
    period_start: int
    period_end: int
    in_force: int | None = Field(None, description="The id of the adopted version, if any.")
    progress: float | None = Field(None, description="The weighted progress of that version.")
    versions: list[VersionRefOut]


class ActivitySummaryOut(Schema):
    id: int
    key: uuid.UUID
    position: int
    label: str = Field(description="Its number in the version's tree (1.2.3); empty in lists.")
    title: str
    title_es: str
    title_en: str
    objective_id: int
    axis_id: int
    status: str
    progress: int
    weight: int
    start_date: datetime.date | None
    end_date: datetime.date | None
    is_late: bool
    responsible_countries: list[str]
    responsible_organisations: list[str]
    archived: bool


class ObjectiveOut(Schema):
    id: int
    key: uuid.UUID
    position: int
    label: str
    title: str
    title_es: str
    title_en: str
    weight: int
    progress: float | None
    activities: list[ActivitySummaryOut]


class AxisOut(Schema):
    id: int
    key: uuid.UUID
    position: int
    label: str
    title: str
    title_es: str
    title_en: str
    progress: float | None
    objectives: list[ObjectiveOut]


class AdoptionOut(Schema):
    adopted_on: datetime.date | None
    meeting_id: int | None
    meeting_title: str | None
    point_id: int | None
    point_position: int | None
    report_id: int | None


class VersionOut(Schema):
    id: int
    number: int
    status: str
    work_plan: str
    work_plan_name: str
    based_on: int | None
    note: str
    adoption: AdoptionOut
    progress: float | None
    axes: list[AxisOut]


class ActivityFilter(Schema):
    status: str = ""
    country: str = ""
    axis: Id | None = None


# --- reads -------------------------------------------------------------------------------------


def _is_late(activity: Activity, today: datetime.date) -> bool:
    return bool(activity.end_date and activity.end_date < today and activity.status in OPEN)


def organisation_label(organisation: Organisation) -> str:
    return organisation.acronym or organisation.name


def activity_summary(
    activity: Activity, today: datetime.date, label: str = "", axis_id: int | None = None
) -> dict[str, Any]:
    return {
        "id": activity.pk,
        "key": activity.key,
        "position": activity.position,
        "label": label,
        "title": activity.title,
        "title_es": activity.title_es,
        "title_en": activity.title_en,
        "objective_id": activity.objective_id,
        "axis_id": axis_id if axis_id is not None else activity.objective.axis_id,
        "status": activity.status,
        "progress": activity.progress,
        "weight": activity.weight,
        "start_date": activity.start_date,
        "end_date": activity.end_date,
        "is_late": _is_late(activity, today),
        "responsible_countries": sorted(
            c.code for c in selectors.responsible_countries_of(activity)
        ),
        "responsible_organisations": [
            organisation_label(o) for o in selectors.responsible_organisations_of(activity)
        ],
        "archived": activity.archived_on is not None,
    }


@router.get("/workplan/plans", response=list[WorkPlanOut])
def plans(request: HttpRequest) -> list[dict[str, Any]]:
    """The network's work plans, each with the versions the user may read and the progress of
    the version in force."""
    return [
        {
            "id": o.plan.pk,
            "slug": o.plan.slug,
            "name": o.plan.name,
            "name_es": o.plan.name_es,
            "name_en": o.plan.name_en,
            "body": o.plan.body.slug,
            "plan_of_action": {
                "slug": o.plan.plan_of_action.slug,
                "name": o.plan.plan_of_action.name,
            },
            "period_start": o.plan.period_start,
            "period_end": o.plan.period_end,
            "in_force": o.in_force.pk if o.in_force is not None else None,
            "progress": o.progress,
            "versions": [
                {"id": v.pk, "number": v.number, "status": v.status, "adopted_on": v.adopted_on}
                for v in o.versions
            ],
        }
        for o in selectors.plan_overview(request.user)
    ]


def _adoption(request: HttpRequest, version: WorkPlanVersion) -> dict[str, Any]:
    meeting = version.adopted_by_meeting
    visible = meeting is not None and meeting_is_visible(request.user, meeting.pk)
    point = version.adopted_at_point if visible else None
    return {
        "adopted_on": version.adopted_on,
        "meeting_id": meeting.pk if meeting is not None and visible else None,
        "meeting_title": meeting.title if meeting is not None and visible else None,
        "point_id": point.pk if point else None,
        "point_position": point.position if point else None,
        "report_id": point.report_id if point else None,
    }


def _objective_node(node: selectors.ObjectiveNode, today: datetime.date) -> dict[str, Any]:
    objective = node.objective
    return {
        "id": objective.pk,
        "key": objective.key,
        "position": objective.position,
        "label": node.label,
        "title": objective.title,
        "title_es": objective.title_es,
        "title_en": objective.title_en,
        "weight": objective.weight,
        "progress": node.progress,
        "activities": [
            activity_summary(a.activity, today, a.label, objective.axis_id) for a in node.activities
        ],
    }


@router.get("/workplan/versions/{version_id}", response={200: VersionOut, 404: ErrorOut})
def version(request: HttpRequest, version_id: Id) -> dict[str, Any]:
    """A version as a tree (axes → objectives → activities) with the weighted progress of each
    objective, axis and of the whole version. Drafts and reviews only for the network."""
    tree = selectors.version_tree(request.user, version_id)
    found = tree.version
    today = datetime.date.today()
    return {
        "id": found.pk,
        "number": found.number,
        "status": found.status,
        "work_plan": found.work_plan.slug,
        "work_plan_name": found.work_plan.name,
        "based_on": found.based_on_id,
        "note": found.note,
        "adoption": _adoption(request, found),
        "progress": tree.progress,
        "axes": [
            {
                "id": node.axis.pk,
                "key": node.axis.key,
                "position": node.axis.position,
                "label": node.label,
                "title": node.axis.title,
                "title_es": node.axis.title_es,
                "title_en": node.axis.title_en,
                "progress": node.progress,
                "objectives": [_objective_node(o, today) for o in node.objectives],
            }
            for node in tree.axes
        ],
    }


@router.get(
    "/workplan/versions/{version_id}/activities",
    response={200: list[ActivitySummaryOut], 404: ErrorOut},
)
@paginate(BoundedPagination)
def version_activities(request: HttpRequest, version_id: Id, filters: Query[ActivityFilter]) -> Any:
    """A version's activities in plan order; filters: ``status``, ``country`` (ISO3 code of a
    responsible country), ``axis`` (an axis id of this version)."""
    found = selectors.version_visible(request.user, version_id)
    activities = selectors.version_activities(
        request.user,
        found,
        status=(filters.status or "")[:20],
        country_code=(filters.country or "")[:3].upper(),
        axis_id=filters.axis,
    )
    today = datetime.date.today()
    return MappedQuerySet(activities, lambda a: activity_summary(a, today))
