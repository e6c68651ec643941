"""The commitments part of /api/v1/ (mounted by enlace.api.api).

Same selectors, services and rules as the pages: a commitment the user may not see is a 404,
an action the user may not take a 403, a refused value a 422 ``{"detail", "errors"}``.
A session-authenticated POST must carry the CSRF token; a token (Bearer) request need not.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from enlace import access
from enlace.commitments import selectors, services
from enlace.commitments.models import Commitment
from enlace.core.api import (
    BoundedPagination,
    ErrorOut,
    Id,
    MappedQuerySet,
    ValidationErrorOut,
    field_errors,
    require_csrf,
    unprocessable,
)
from enlace.network.selectors import country_with_code, organisation_with_acronym

router = Router(tags=["commitments"])


class CommitmentOut(Schema):
    id: int
    actor_kind: str
    actor: str
    country: str | None
    organisation: str | None
    text: str
    due_date: datetime.date | None
    due_text: str
    status: str
    is_overdue: bool
    evidence: str | None
    done_at: datetime.datetime | None
    report_id: int
    point_id: int
    point_position: int
    meeting_id: int
    url: str


class CommitmentFilter(Schema):
    mine: bool = False
    actor_kind: str = ""
    country: str = ""
    status: str = ""
    overdue: bool = False
    report: Id | None = None


class CompleteIn(Schema):
    evidence: str = Field(max_length=4000)


class CommitmentIn(Schema):
    point_id: Id
    actor_kind: str
    country: str = ""  # Country.code, for a country's commitment
    organisation: str = ""  # Organisation.acronym, for an organisation's
    text: str = Field(max_length=2000)
    due_date: datetime.date | None = None
    due_text: str = Field("", max_length=200)


def _out(request: HttpRequest, commitment: Commitment, show_evidence: bool) -> dict[str, Any]:
    report = commitment.point.report
    return {
        "id": commitment.pk,
        "actor_kind": commitment.actor_kind,
        "actor": commitment.actor_label,
        "country": commitment.country.code if commitment.country else None,
        "organisation": (commitment.organisation.acronym or commitment.organisation.name)
        if commitment.organisation
        else None,
        "text": commitment.text,
        "due_date": commitment.due_date,
        "due_text": commitment.due_text,
        "status": commitment.status,
        "is_overdue": commitment.is_overdue,
        "evidence": commitment.evidence if show_evidence else None,
        "done_at": commitment.done_at,
        "report_id": report.pk,
        "point_id": commitment.point_id,
        "point_position": commitment.point.position,
        "meeting_id": report.meeting_id,
        "url": request.build_absolute_uri(reverse("commitments:detail", args=[commitment.pk])),
    }


@router.get("/commitments", response=list[CommitmentOut])
@paginate(BoundedPagination)
def commitments(request: HttpRequest, filters: Query[CommitmentFilter]) -> Any:
    """The commitments the user may see, overdue first. ``mine=true``: those the user answers
    for (their country's, all member countries', the PPT's while presiding)."""
    found = selectors.commitment_list(
        request.user,
        selectors.CommitmentFilters(
            mine=filters.mine,
            actor_kind=filters.actor_kind[:30],
            country=filters.country[:3],
            status=filters.status[:20],
            overdue=filters.overdue,
            report_id=filters.report,
        ),
    )
    show = access.can_see_commitment_evidence(access.actor_for(request.user))
    return MappedQuerySet(found, lambda c: _out(request, c, show))


@router.get("/commitments/{commitment_id}", response={200: CommitmentOut, 404: ErrorOut})
def commitment(request: HttpRequest, commitment_id: Id) -> dict[str, Any]:
    found = selectors.commitment_detail(request.user, commitment_id)
    show = access.can_see_commitment_evidence(access.actor_for(request.user))
    return _out(request, found, show)


@router.post(
    "/commitments/{commitment_id}/complete",
    response={
        200: CommitmentOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
    },
)
def commitment_complete(request: HttpRequest, commitment_id: Id, payload: CompleteIn) -> Any:
    """Mark an open commitment done, with its evidence (a note or a link)."""
    require_csrf(request)
    found = selectors.commitment_detail(request.user, commitment_id)
    if not request.user.is_authenticated:
        raise HttpError(401, _("Log in or send an API token."))
    try:
        done = services.commitment_complete(
            user=request.user, commitment=found, evidence=payload.evidence
        )
    except PermissionDenied as exc:
        raise HttpError(403, _("You may not mark this commitment done.")) from exc
    except ValidationError as exc:
        return unprocessable(field_errors(exc))
    return Status(200, _out(request, done, True))


@router.post(
    "/commitments",
    response={
        201: CommitmentOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
    },
)
def commitment_add(request: HttpRequest, payload: CommitmentIn) -> Any:
    """The secretariat adds a commitment by hand at a point of a report it may read; it is
    open at once. ``country`` is a country code, ``organisation`` an acronym."""
    require_csrf(request)
    if not request.user.is_authenticated:
        raise HttpError(401, _("Log in or send an API token."))
    point = selectors.report_point_for_commitment(request.user, payload.point_id)
    data: dict[str, Any] = {
        "actor_kind": payload.actor_kind,
        "text": payload.text,
        "due_date": payload.due_date,
        "due_text": payload.due_text,
        "country": None,
        "organisation": None,
    }
    errors: dict[str, str] = {}
    if payload.country:
        data["country"] = country_with_code(request.user, payload.country.upper()[:3])
        if data["country"] is None:
            errors["country"] = _("There is no country with this code.")
    if payload.organisation:
        data["organisation"] = organisation_with_acronym(request.user, payload.organisation[:30])
        if data["organisation"] is None:
            errors["organisation"] = _("There is no organisation with this acronym.")
    if errors:
        return unprocessable(field_errors(ValidationError(errors)))
    try:
        added = services.commitment_add(user=request.user, point=point, data=data)
    except PermissionDenied as exc:
        raise HttpError(403, _("Only the secretariat adds commitments.")) from exc
    except ValidationError as exc:
        return unprocessable(field_errors(exc))
    return Status(201, _out(request, added, True))
