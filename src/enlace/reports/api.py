"""The reports part of /api/v1/ (mounted by enlace.api.api): the drafting of a report — the
versions of its points, the comments on them, its revisions — under the same rules as the
pages (enlace.access)."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.utils import check_csrf

from enlace import access
from enlace.core.api import ErrorOut, ValidationErrorOut, field_errors, unprocessable
from enlace.core.forms import TEXT_LIMIT
from enlace.reports import selectors, services
from enlace.reports.models import PointComment

router = Router(tags=["reports"])


class PointVersionOut(Schema):
    number: int
    level: int
    text: str
    author: str | None
    at: datetime.datetime | None


class CommentOut(Schema):
    id: int
    point_id: int | None
    point_text: str
    delegation: str
    author: str
    text: str
    created_at: datetime.datetime
    answer: str
    answered_at: datetime.datetime | None


class RevisionOut(Schema):
    number: int
    reason: str
    author: str | None
    at: datetime.datetime
    previous: dict[str, Any]


class CommentIn(Schema):
    # Optional here so that a missing text is reported by the service as {"field": "text"}.
    text: str = Field("", max_length=TEXT_LIMIT)


def _comment(comment: PointComment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "point_id": comment.point_id,
        "point_text": comment.point_text,
        "delegation": comment.delegation,
        "author": comment.author_name,
        "text": comment.text,
        "created_at": comment.created_at,
        "answer": comment.answer,
        "answered_at": comment.answered_at,
    }


@router.get(
    "/reports/{report_id}/points/{point_id}/versions",
    response={200: list[PointVersionOut], 404: ErrorOut},
)
def point_versions(request: HttpRequest, report_id: int, point_id: int) -> list[dict[str, Any]]:
    """Every version of a point, oldest first (for those who take part in the drafting)."""
    point = selectors.point_of(request.user, report_id, point_id)
    return [
        {
            "number": v.number,
            "level": v.level,
            "text": v.text,
            "author": v.author.get_username() if v.author else None,
            "at": v.at,
        }
        for v in selectors.point_versions(request.user, point)
    ]


@router.get("/reports/{report_id}/comments", response={200: list[CommentOut], 404: ErrorOut})
def report_comments(request: HttpRequest, report_id: int) -> list[dict[str, Any]]:
    """The delegations' comments on the report's points, with the drafters' answers. Visible
    to the network (observers where invited), never to the public (404)."""
    report = selectors.report_visible(request.user, report_id)
    if not access.can_view_report_comments(access.actor_for(request.user), report):
        raise HttpError(404, _("Not found."))
    return [_comment(c) for c in selectors.report_comments(request.user, report)]


@router.get("/reports/{report_id}/revisions", response={200: list[RevisionOut], 404: ErrorOut})
def report_revisions(request: HttpRequest, report_id: int) -> list[dict[str, Any]]:
    """The corrections of an adopted report, each with the text as it was before."""
    report = selectors.report_visible(request.user, report_id)
    return [
        {
            "number": r.number,
            "reason": r.reason,
            "author": r.author.get_username() if r.author else None,
            "at": r.at,
            "previous": r.snapshot,
        }
        for r in selectors.report_revisions(request.user, report)
    ]


@router.post(
    "/reports/{report_id}/points/{point_id}/comments",
    response={
        201: CommentOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
    },
)
def comment_create(request: HttpRequest, report_id: int, point_id: int, payload: CommentIn) -> Any:
    """Comment on a point of a draft for one's delegation. With the browser session the
    request needs the CSRF token (``X-CSRFToken``); with a personal token it does not."""
    forbidden: HttpResponse | None = check_csrf(request)
    if forbidden is not None:
        return Status(403, {"detail": _("The CSRF token is missing or wrong.")})
    point = selectors.point_of(request.user, report_id, point_id)
    try:
        comment = services.comment_add(user=request.user, point=point, text=payload.text)
    except PermissionDenied:
        return Status(403, {"detail": _("You cannot comment on this report.")})
    except ValidationError as exc:
        return unprocessable(field_errors(exc, named_whole="__all__"))
    return Status(201, _comment(comment))
