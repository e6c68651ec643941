"""The follow-up's activities in /api/v1/ (mounted by enlace.api.api, under the work plan's
"workplan" tag; explicit operation ids keep the API's published ones, enlace_workplan_api_…).

Same rules as the pages (enlace.access). An activity the user may not read is a 404, an update
the user may not make a 403, a refused value a 422 ``{"detail", "errors"}``, and an update made
on a stale ``expected_state`` a 409 with the values saved now and what changed. The public does
not read an archived activity whose archive entry is not published, and sees evidence only once
the activity is in the published archive. Reads go through the pages' selectors
(enlace.followup.selectors); the update through enlace.followup.services.

A session-authenticated PATCH must carry the CSRF token; a token (Bearer) request need not.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from enlace.core.api import ErrorOut, Id, ValidationErrorOut, require_csrf
from enlace.core.services import EditConflict, state_token
from enlace.followup import selectors as follow_selectors
from enlace.followup.services import activity_update_progress
from enlace.workplan import selectors as workplan_selectors
from enlace.workplan.api import ActivitySummaryOut, activity_summary
from enlace.workplan.models import Activity

router = Router(tags=["workplan"])


# --- schemas -----------------------------------------------------------------------------------


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


# --- reads and the update ------------------------------------------------------------------------


def _detail(request: HttpRequest, activity: Activity) -> dict[str, Any]:
    point = activity.source_point
    show_evidence = follow_selectors.can_see_evidence(request.user, activity)
    return {
        **activity_summary(activity, datetime.date.today()),
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


@router.get(
    "/workplan/activities/{activity_id}",
    response={200: ActivityOut, 404: ErrorOut},
    operation_id="enlace_workplan_api_activity",
)
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


def _errors(exc: ValidationError) -> list[dict[str, str]]:
    if hasattr(exc, "error_dict"):
        return [
            {"field": name if name != "__all__" else "", "message": str(message)}
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"field": "", "message": str(m)} for m in exc.messages]


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
    operation_id="enlace_workplan_api_activity_update",
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
        current = workplan_selectors.activity_as_saved(request.user, found.pk)
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
        return Status(422, {"detail": _("The request has errors."), "errors": _errors(exc)})
    return Status(
        200, _detail(request, follow_selectors.activity_detail(request.user, activity_id))
    )
