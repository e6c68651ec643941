"""The work plan part of /api/v1/ (mounted by enlace.api.api).

Same rules as the pages (enlace.access): the public reads adopted and superseded versions and
the published part of the archive; people of the network read drafts and reviews too and the
whole archive. A version or activity the user may not read is a 404, an update the user may not
make a 403, a refused value a 422 ``{"detail", "errors"}``, and an update made on a stale
``expected_state`` a 409 with the values saved now and what changed.

The public does not read an archived activity whose archive entry is not published (it still
counts in the progress), and sees evidence only once the activity is in the published archive.
Reads go through the pages' selectors (enlace.workplan.selectors, follow_selectors,
archive_selectors); the update through enlace.workplan.follow_services.

A session-authenticated PATCH must carry the CSRF token; a token (Bearer) request need not.
"""

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from enlace import access
from enlace.core.api import (
    BoundedPagination,
    Id,
    MappedQuerySet,
    field_errors,
    require_csrf,
    unprocessable,
)
from enlace.core.services import EditConflict, state_token
from enlace.meetings.models import Meeting
from enlace.network.models import Organisation
from enlace.workplan import archive_selectors, follow_selectors, selectors
from enlace.workplan.follow_services import activity_update_progress
from enlace.workplan.models import Activity, WorkPlanVersion

router = Router(tags=["workplan"])

OPEN = (Activity.Status.PLANNED, Activity.Status.IN_PROGRESS, Activity.Status.POSTPONED)


# --- schemas -----------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


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


class IndicatorOut(Schema):
    name: str
    baseline: str
    target: str
    current: str


class MilestoneOut(Schema):
    date: datetime.date
    note: str


class EvidenceOut(Schema):
    id: int
    title: str
    url: str
    file_url: str | None


class PointRefOut(Schema):
    id: int
    position: int
    report_id: int
    meeting_id: int


class ActivityOut(ActivitySummaryOut):
    version_id: int
    version_number: int
    version_status: str
    description: str
    partners: str
    completed_on: datetime.date | None
    results: str
    cancel_reason: str
    archived_on: datetime.date | None
    archive_published: bool
    noted_by_meeting_id: int | None
    source_point: PointRefOut | None
    source_commitment_id: int | None
    indicators: list[IndicatorOut]
    milestones: list[MilestoneOut]
    evidence: list[EvidenceOut] | None = Field(
        description="For the network, and for everyone once in the published archive."
    )
    state: str = Field(description="Send it back as expected_state to update the activity.")
    can_update: bool


class ArchiveEntryOut(Schema):
    id: int
    key: uuid.UUID
    title: str
    title_es: str
    title_en: str
    status: str
    completed_on: datetime.date | None
    archived_on: datetime.date | None
    results: str
    cancel_reason: str
    published: bool
    work_plan: str
    version_id: int
    version_number: int
    axis_key: uuid.UUID
    axis: str
    objective: str
    responsible_countries: list[str]
    responsible_organisations: list[str]
    noted_by_meeting_id: int | None


class ActivityPatchIn(Schema):
    status: str
    progress: int = Field(ge=0, le=100)
    expected_state: str = Field(
        min_length=1, max_length=64, description="The ``state`` of the activity you read."
    )
    completed_on: datetime.date | None = None
    cancel_reason: str = Field("", max_length=4000)
    results: str | None = Field(None, max_length=20000)


class FieldChangeOut(Schema):
    field: str
    label: str
    opened: str
    saved: str


class CurrentOut(Schema):
    status: str
    progress: int
    completed_on: datetime.date | None
    cancel_reason: str
    results: str
    state: str


class ConflictOut(Schema):
    detail: str
    current: CurrentOut
    changes: list[FieldChangeOut]
    by: str
    at: datetime.datetime | None


class ActivityFilter(Schema):
    status: str = ""
    country: str = ""
    axis: Id | None = None


class ArchiveFilter(Schema):
    year: int | None = Field(None, ge=1900, le=2999)
    axis: uuid.UUID | None = None
    country: str = ""
    q: str = ""


# --- reads -------------------------------------------------------------------------------------


def _is_late(activity: Activity, today: datetime.date) -> bool:
    return bool(activity.end_date and activity.end_date < today and activity.status in OPEN)


def _organisation_label(organisation: Organisation) -> str:
    return organisation.acronym or organisation.name


def _summary(
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
        "responsible_countries": sorted(c.code for c in activity.responsible_countries.all()),
        "responsible_organisations": [
            _organisation_label(o) for o in activity.responsible_organisations.all()
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
    actor = access.actor_for(request.user)
    meeting = version.adopted_by_meeting
    visible = (
        meeting is not None
        and Meeting.objects.filter(access.meeting_filter(actor), pk=meeting.pk).exists()
    )
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
            _summary(a.activity, today, a.label, objective.axis_id) for a in node.activities
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
    actor = access.actor_for(request.user)
    activities = Activity.objects.filter(access.activity_read_filter(actor), version=found)
    if filters.status:
        activities = activities.filter(status=filters.status[:20])
    if filters.country:
        activities = activities.filter(
            Exists(
                Activity.responsible_countries.through.objects.filter(
                    activity_id=OuterRef("pk"), country__code=filters.country[:3].upper()
                )
            )
        )
    if filters.axis is not None:
        activities = activities.filter(objective__axis_id=filters.axis)
    activities = activities.select_related("objective").prefetch_related(
        "responsible_countries",
        Prefetch("responsible_organisations", queryset=Organisation.objects.order_by("pk")),
    )
    today = datetime.date.today()
    return MappedQuerySet(activities, lambda a: _summary(a, today))


def _detail(request: HttpRequest, activity: Activity) -> dict[str, Any]:
    point = activity.source_point
    show_evidence = follow_selectors.can_see_evidence(request.user, activity)
    return {
        **_summary(activity, datetime.date.today()),
        "version_id": activity.version_id,
        "version_number": activity.version.number,
        "version_status": activity.version.status,
        "description": activity.description,
        "partners": activity.partners,
        "completed_on": activity.completed_on,
        "results": activity.results,
        "cancel_reason": activity.cancel_reason,
        "archived_on": activity.archived_on,
        "archive_published": activity.archive_published,
        "noted_by_meeting_id": activity.noted_by_meeting_id,
        "source_point": {
            "id": point.pk,
            "position": point.position,
            "report_id": point.report_id,
            "meeting_id": point.report.meeting_id,
        }
        if point is not None
        else None,
        "source_commitment_id": activity.source_commitment_id,
        "indicators": [
            {"name": i.name, "baseline": i.baseline, "target": i.target, "current": i.current}
            for i in activity.indicators.all()
        ],
        "milestones": [{"date": m.date, "note": m.note} for m in activity.milestones.all()],
        "evidence": [
            {
                "id": e.pk,
                "title": e.title,
                "url": e.url,
                "file_url": request.build_absolute_uri(
                    reverse("workplan:evidence_file", args=[e.pk])
                )
                if e.file
                else None,
            }
            for e in activity.evidence.all()
        ]
        if show_evidence
        else None,
        "state": state_token(activity),
        "can_update": follow_selectors.can_follow_up(request.user, activity),
    }


@router.get("/workplan/activities/{activity_id}", response={200: ActivityOut, 404: ErrorOut})
def activity(request: HttpRequest, activity_id: Id) -> dict[str, Any]:
    """One activity, with its indicators, milestones, evidence (for the network, or once in
    the published archive), its origin (report point, commitment) and ``state``, the
    fingerprint to send back as ``expected_state`` when updating it."""
    return _detail(request, follow_selectors.activity_detail(request.user, activity_id))


def _current(activity: Activity) -> dict[str, Any]:
    return {
        "status": activity.status,
        "progress": activity.progress,
        "completed_on": activity.completed_on,
        "cancel_reason": activity.cancel_reason,
        "results": activity.results,
        "state": state_token(activity),
    }


@router.patch(
    "/workplan/activities/{activity_id}",
    response={
        200: ActivityOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ConflictOut,
        422: ValidationErrorOut,
    },
)
def activity_update(request: HttpRequest, activity_id: Id, payload: ActivityPatchIn) -> Any:
    """Record an activity's status and progress, as its responsible countries (or the
    secretariat) do. ``expected_state`` is the ``state`` read with the activity: if someone
    saved since, nothing is written and the answer is a 409 with the values saved now and
    what they changed. A completed activity needs ``completed_on``, a cancelled one
    ``cancel_reason``."""

    require_csrf(request)
    found = follow_selectors.activity_detail(request.user, activity_id)
    if not request.user.is_authenticated:
        raise HttpError(401, _("Log in or send an API token."))
    try:
        activity_update_progress(
            user=request.user,
            activity=found,
            status=payload.status,
            progress=payload.progress,
            completed_on=payload.completed_on,
            cancel_reason=payload.cancel_reason,
            results=payload.results,
            expected_state=payload.expected_state,
        )
    except PermissionDenied as exc:
        raise HttpError(403, _("You may not update this activity.")) from exc
    except EditConflict as exc:
        current = Activity.objects.get(pk=found.pk)
        return Status(
            409,
            {
                "detail": exc.messages[0],
                "current": _current(current),
                "changes": [
                    {"field": c.field, "label": c.label, "opened": c.opened, "saved": c.saved}
                    for c in getattr(exc, "changes", [])
                ],
                "by": getattr(exc, "by", ""),
                "at": getattr(exc, "at", None),
            },
        )
    except ValidationError as exc:
        return unprocessable(field_errors(exc))
    return Status(
        200, _detail(request, follow_selectors.activity_detail(request.user, activity_id))
    )


# --- the archive -------------------------------------------------------------------------------


def _archive_entry(activity: Activity) -> dict[str, Any]:
    axis = activity.objective.axis
    return {
        "id": activity.pk,
        "key": activity.key,
        "title": activity.title,
        "title_es": activity.title_es,
        "title_en": activity.title_en,
        "status": activity.status,
        "completed_on": activity.completed_on,
        "archived_on": activity.archived_on,
        "results": activity.results,
        "cancel_reason": activity.cancel_reason,
        "published": activity.archive_published,
        "work_plan": activity.version.work_plan.slug,
        "version_id": activity.version_id,
        "version_number": activity.version.number,
        "axis_key": axis.key,
        "axis": axis.title,
        "objective": activity.objective.title,
        "responsible_countries": [c.code for c in activity.responsible_countries.all()],
        "responsible_organisations": [
            _organisation_label(o) for o in activity.responsible_organisations.all()
        ],
        "noted_by_meeting_id": activity.noted_by_meeting_id,
    }


@router.get("/workplan/archive", response=list[ArchiveEntryOut])
@paginate(BoundedPagination)
def archive(request: HttpRequest, filters: Query[ArchiveFilter]) -> Any:
    """The Work Plan Archive, newest completion first: all of it for people of the network,
    its published part for the public. Filters: ``year`` of completion, ``axis`` (an axis key,
    the same in every version), ``country`` (ISO3 code of a responsible country), ``q`` (words,
    all of which must appear; case and accents ignored). The chain back to the agreement is
    in ``/workplan/activities/{id}``."""
    found = archive_selectors.archive_search(
        request.user,
        archive_selectors.ArchiveFilters(
            year=filters.year,
            axis=filters.axis,
            country=filters.country.strip().upper()[:3],
            q=filters.q.strip()[:200],
        ),
    )
    return MappedQuerySet(found, _archive_entry)
